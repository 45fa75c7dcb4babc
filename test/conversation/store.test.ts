// The botbuilder shell with TestAdapter: channelData on every reply, and a conversation that
// survives a restart because its state lives in the SQLite file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ActivityTypes, MemoryStorage, TestAdapter, type Activity } from 'botbuilder';
import { afterAll, describe, expect, test } from 'vitest';
import { MeldwijzerBot } from '../../bot/channels/meldwijzer-bot.ts';
import { SqliteStorage } from '../../bot/storage/sqlite-storage.ts';
import { conversationOn } from '../support/bot.ts';

const dir = mkdtempSync(join(tmpdir(), 'meldwijzer-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function adapterFor(bot: MeldwijzerBot, locale = 'nl-NL') {
  const adapter = new TestAdapter(async (ctx) => bot.run(ctx), { conversation: { id: 'conv-1' } as Activity['conversation'], locale } as Partial<Activity>);
  adapter.locale = locale;
  return adapter;
}
const meta = (a: Partial<Activity>) => (a.channelData as { meldwijzer: Record<string, unknown> }).meldwijzer;

describe('botbuilder shell', () => {
  test('every reply carries channelData.meldwijzer and buttons as imBack actions', async () => {
    const bot = new MeldwijzerBot(conversationOn('2026-03-02'), new MemoryStorage());
    await adapterFor(bot)
      .send('kadootje gekregen')
      .assertReply((a) => {
        expect(meta(a)).toEqual({ topic: 'giften', step: 'ask', ask: 'soort' });
        expect(a.suggestedActions!.actions[0]).toMatchObject({ type: 'imBack', title: 'Geld of spullen', value: 'Geld of spullen' });
      });
  });
  test('Arabic replies use a right-to-left locale', async () => {
    const bot = new MeldwijzerBot(conversationOn('2026-03-02'), new MemoryStorage());
    await adapterFor(bot, 'ar-SA')
      .send('اشتريت سيارة')
      .assertReply((a) => {
        expect(a.locale).toBe('ar-SA');
        expect(meta(a).topic).toBe('auto');
      });
  });
  test('a conversation survives a restart of the store', async () => {
    const file = join(dir, 'state.sqlite');
    const first = new SqliteStorage(file);
    await adapterFor(new MeldwijzerBot(conversationOn('2026-03-02'), first))
      .send('gift')
      .assertReply((a) => expect(meta(a).ask).toBe('soort'))
      .send('Geld of spullen')
      .assertReply((a) => expect(meta(a).ask).toBe('bedrag'));
    first.close();

    const second = new SqliteStorage(file);
    await adapterFor(new MeldwijzerBot(conversationOn('2026-03-02'), second))
      .send('300')
      .assertReply((a) => expect(meta(a).ask).toBe('eerder'))
      .send('0')
      .assertReply((a) => {
        expect(a.type).toBe(ActivityTypes.Message);
        expect(meta(a)).toMatchObject({ step: 'answer', outcome: 'vrij' });
      });
    second.close();
  });
});
