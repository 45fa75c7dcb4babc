// "What changed": generated from parameters.yaml, in three languages, reachable in the chat.
import { describe, expect, test } from 'vitest';
import { changes } from '../../bot/knowledge/changes.ts';
import { Client, conversationOn, loaded } from '../support/bot.ts';

describe('what changed', () => {
  test('is generated from the dated parameters, newest first', () => {
    const list = changes(loaded().kb.parameters);
    const gift = list.find((c) => c.id === 'giften.jaargrens')!;
    expect(gift).toMatchObject({ date: '2026-01-01', value: { value: 1200, cite: expect.stringContaining('art. 31 lid 2 onder m') } });
    expect(list.find((c) => c.id === 'vermogen.grens.alleenstaand')).toMatchObject({ date: '2026-01-01', value: { value: 8000 }, previous: { value: 7770 } });
    expect([...list.map((c) => c.date)]).toEqual([...list.map((c) => c.date)].sort().reverse());
    // A value only marked "not confirmed" for a new year is no change.
    expect(list.some((c) => !c.value.verified && c.value.value === c.previous.value)).toBe(false);
  });
  for (const [locale, ask, expected] of [
    ['nl-NL', 'wat is er veranderd', /1 januari 2026[\s\S]*Vermogensgrens alleenstaande: nu € 8\.000 \(was € 7\.770\)/],
    ['en-GB', 'what has changed', /1 January 2026[\s\S]*Asset limit, single person: now €8,000 \(was €7,770\)/],
    ['ar-SA', 'ما الذي تغير', /يناير 2026[\s\S]*حد الممتلكات لشخص يعيش وحده/],
  ] as const)
    test(`is a topic in the client chat (${locale})`, () => {
      const c = new Client(conversationOn('2026-03-02'), locale);
      c.start();
      c.say(ask);
      expect(c.reply.meta).toEqual({ topic: 'veranderingen', step: 'answer' });
      expect(c.reply.text.replace(/\u00a0/g, ' ')).toMatch(expected);
    });
});
