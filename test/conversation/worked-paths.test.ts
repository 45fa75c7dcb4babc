// Every worked example of every topic, as a conversation in each language: the client picks the
// topic from the menu, answers each question the way a person would type it, and must reach the
// example's outcome. This proves the dialogue asks what the rules need and reads the answers.
import { describe, expect, test } from 'vitest';
import type { Language } from '../../bot/i18n/i18n.ts';
import { Client, conversationOn, loaded } from '../support/bot.ts';

const { kb } = loaded();

function typed(lng: Language, c: Client, topic: string, fact: string, value: unknown): string {
  const f = c.conversation.compose.fact(topic, fact);
  if (f.type === 'choice') return c.conversation.compose.optionLabels(lng, topic, fact).find(([id]) => id === value)![1];
  if (f.type === 'yes-no') return { nl: value ? 'ja' : 'nee', en: value ? 'yes' : 'no', ar: value ? 'نعم' : 'لا' }[lng];
  if (f.type === 'money') return { nl: `€ ${String(value).replace('.', ',')}`, en: `${value} euro`, ar: `${value} يورو` }[lng];
  if (f.type === 'days') return { nl: `${value} dagen`, en: `${value} days`, ar: `${value}` }[lng];
  return String(value);
}

for (const lng of ['nl', 'en', 'ar'] as const)
  describe(`worked examples as conversations (${lng})`, () => {
    for (const topic of kb.topics.values())
      for (const ex of topic.examples.filter((e) => e.expect.outcome))
        test(`${topic.id}: ${ex.name}`, () => {
          const c = new Client(conversationOn(ex.date), `${lng}-XX`);
          c.start();
          const title = c.conversation.compose.topicTitle(lng, topic.id);
          c.say(title);
          for (let turn = 0; turn < 10 && c.reply.meta.step === 'ask'; turn++) {
            const fact = c.reply.meta.ask!;
            expect(ex.facts, `the bot asked '${fact}', which the example does not give`).toHaveProperty(fact);
            c.say(typed(lng, c, topic.id, fact, ex.facts[fact]));
          }
          expect(c.reply.meta).toMatchObject({ topic: topic.id, step: 'answer', outcome: ex.expect.outcome });
          expect(c.reply.language).toBe(lng);
          expect(c.reply.text).not.toMatch(/\{\{|\}\}/);
        });
  });
