// Topic recognition, measured: the public question set, and phrasings the matcher never saw.
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { Conversation } from '../../bot/conversation/conversation.ts';
import { Understanding } from '../../bot/conversation/understand.ts';
import { LANGUAGES } from '../../bot/i18n/i18n.ts';
import { measure, readQuestions, type Question } from '../../scripts/question-set.ts';
import { loaded, ROOT } from '../support/bot.ts';

const THRESHOLD = 0.9;
const questions = readQuestions(resolve(ROOT, 'test/questions.json'));

describe('public question set (test/questions.json)', () => {
  test('has at least 150 questions over all topics, three languages and out-of-scope ones', () => {
    expect(questions.length).toBeGreaterThanOrEqual(150);
    const labels = new Set(questions.map((q) => q.topic));
    for (const id of loaded().kb.topics.keys()) expect(labels, id).toContain(id);
    expect(labels).toContain('none');
    expect(labels).toContain('contactpersoon');
    for (const l of LANGUAGES) expect(questions.filter((q) => q.lang === l).length).toBeGreaterThanOrEqual(30);
  });
  test(`strict top-1 accuracy is at least ${THRESHOLD * 100}%`, () => {
    const r = measure(new Conversation(loaded()).understanding, questions);
    expect(r.accuracy, r.confusions.map((c) => `${c.expected} → ${c.got}: ${c.q}`).join('\n')).toBeGreaterThanOrEqual(THRESHOLD);
    expect(r.outOfScope.refused / r.outOfScope.total).toBeGreaterThanOrEqual(0.8);
  });
});

describe('held-out phrasings', () => {
  // Every fifth phrasing of each topic is left out of the matcher's data and asked as a question.
  const held = (i: number) => i % 5 === 2;
  const conversation = new Conversation(loaded());
  const u = new Understanding(loaded().kb, conversation.texts, (_label, _p, i) => held(i));
  const unseen: Question[] = [];
  for (const id of [...loaded().kb.topics.keys(), 'contactpersoon'])
    LANGUAGES.forEach((lang) => {
      const list = conversation.texts.list(lang, id === 'contactpersoon' ? 'chat:person.match' : `${id}:match`);
      // Indexes run over the three languages together, as the matcher reads them.
      const offset = LANGUAGES.slice(0, LANGUAGES.indexOf(lang)).reduce((n, l) => n + conversation.texts.list(l, id === 'contactpersoon' ? 'chat:person.match' : `${id}:match`).length, 0);
      list.forEach((q, i) => held(offset + i) && unseen.push({ q, lang, topic: id }));
    });
  test(`at least 200 unseen phrasings are recognised with top-1 accuracy of at least 65%`, () => {
    expect(unseen.length).toBeGreaterThanOrEqual(200);
    const r = measure(u, unseen);
    // Reported, so a drop shows which way it went.
    console.log(`held-out phrasings: ${(r.accuracy * 100).toFixed(1)}% of ${r.total} (clarify ${(r.clarifyRate * 100).toFixed(1)}%)`);
    expect(r.accuracy).toBeGreaterThanOrEqual(0.65);
  });
});

describe('blind question set (test/questions-blind.json)', () => {
  // Written from the domain brief alone, after the matcher was built, and never used to tune it:
  // the honest figure for questions nobody has seen. Reported; the floor guards against regressions.
  const blind = readQuestions(resolve(ROOT, 'test/questions-blind.json'));
  test('is recognised with strict top-1 accuracy of at least 80%', () => {
    const r = measure(new Conversation(loaded()).understanding, blind);
    console.log(`blind set: ${(r.accuracy * 100).toFixed(1)}% of ${r.total} (clarify ${(r.clarifyRate * 100).toFixed(1)}%, out of scope refused ${r.outOfScope.refused}/${r.outOfScope.total})`);
    expect(blind.length).toBeGreaterThanOrEqual(100);
    expect(r.accuracy).toBeGreaterThanOrEqual(0.8);
  });
});
