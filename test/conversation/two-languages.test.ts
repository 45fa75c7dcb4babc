// The volunteer view: every reply also in a second language, and the legal basis of an answer.
import { expect, test } from 'vitest';
import type { ConversationState } from '../../bot/conversation/conversation.ts';
import { conversationOn } from '../support/bot.ts';

test('a turn rendered in the client language and in Dutch side by side, with the same steps', () => {
  const c = conversationOn('2026-03-02');
  let state: ConversationState | undefined;
  const turn = (text: string) => {
    const r = c.turnInTwoLanguages(state, { kind: 'message', text, locale: 'ar-SA' }, 'nl');
    state = r.state;
    return r;
  };
  let r = turn('أمي تعطيني مال');
  expect(r.replies[0].language).toBe('ar');
  expect(r.second[0].language).toBe('nl');
  expect(r.second[0].meta).toEqual(r.replies[0].meta);
  expect(r.second[0].text).toContain('Wat voor hulp kreeg u?');
  turn('مال أو أغراض');
  turn('300');
  r = turn('1000');
  expect(r.replies[0].meta).toMatchObject({ step: 'answer', outcome: 'melden' });
  expect(r.second[0].text.startsWith('Ja, dit moet u melden.')).toBe(true);
  expect(state!.lang).toBe('ar');
  // The legal basis and the amounts with the date from which they are valid.
  const d = r.second[0].details!;
  expect(d.rule.cite).toContain('art. 31 lid 2 onder m');
  expect(d.amounts).toContainEqual(expect.objectContaining({ id: 'giften.jaargrens', value: 1200, validFrom: '2026-01-01', validFromShown: '1 januari 2026', verified: true }));
  // A language switch by the client changes the client side only.
  r = turn('English');
  expect(r.replies[0].language).toBe('en');
  expect(r.second[0].language).toBe('nl');
});

test('unconfirmed amounts are marked in the details', () => {
  const c = conversationOn('2026-03-02');
  let state: ConversationState | undefined;
  for (const text of ['vrijwilligerswerk', 'ja', '30', '100', '200']) {
    const r = c.turnInTwoLanguages(state, { kind: 'message', text }, 'en');
    state = r.state;
    if (r.replies[0].meta.step === 'answer') {
      expect(r.replies[0].details!.amounts.some((a) => !a.verified)).toBe(true);
      return;
    }
  }
  throw new Error('no answer reached');
});
