// Handoff in the conversation: consent, a request with a Dutch summary, crisis words, and the
// Bot Framework handoff.initiate event with the transcript.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ActivityTypes, MemoryStorage, MemoryTranscriptStore, TestAdapter, TranscriptLoggerMiddleware, type Activity } from 'botbuilder';
import { afterAll, describe, expect, test } from 'vitest';
import { MeldwijzerBot } from '../../bot/channels/meldwijzer-bot.ts';
import { Conversation } from '../../bot/conversation/conversation.ts';
import { readContact } from '../../bot/conversation/handoff.ts';
import { RequestStore } from '../../bot/handoff/store.ts';
import { Client, loaded } from '../support/bot.ts';

const dir = mkdtempSync(join(tmpdir(), 'meldwijzer-handoff-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const conversation = new Conversation(loaded(), { now: () => new Date('2026-03-02T10:00:00Z'), retentionDays: 90, reference: () => 'MW-TEST42' });
function client(locale = 'nl-NL') {
  const c = new Client(conversation, locale);
  c.start();
  return c;
}

describe('leaving a request for the contact person', () => {
  test('consent is asked first, saying what is shared, with whom and for how long', () => {
    const c = client();
    c.say('ik wil mijn contactpersoon spreken');
    expect(c.reply.meta).toMatchObject({ topic: 'contactpersoon', step: 'handoff' });
    expect(c.reply.text).toContain('14 0513');
    expect(c.reply.text).toContain('De Barones');
    c.say('Laat een bericht achter');
    expect(c.reply.meta.ask).toBe('handoff.consent');
    expect(c.reply.text).toMatch(/naam.*telefoonnummer of e-mailadres.*samenvatting/s);
    expect(c.reply.text).toContain('90 dagen');
  });
  test('refusing consent stores nothing and still shows the phone number', () => {
    const c = client();
    c.say('Praat met mijn contactpersoon');
    c.say('Laat een bericht achter');
    const r = conversation.turn(c.state, { kind: 'message', text: 'nee' });
    expect(r.effects.filter((e) => e.type === 'store-request')).toEqual([]);
    expect(r.replies[0].text).toContain('niets bewaard');
    expect(r.replies[0].text).toContain('14 0513');
    expect(r.state.handoff).toBeNull();
  });
  test('a full request in Dutch: name, phone with a kind re-ask, confirmation, reference and a Dutch summary', () => {
    const c = client();
    c.say('gift');
    c.say('Geld of spullen');
    c.say('1500');
    c.say('Praat met mijn contactpersoon');
    c.say('Laat een bericht achter');
    c.say('ja');
    c.say('Sara de Vries');
    c.say('bel me maar');
    expect(c.reply.meta.ask).toBe('handoff.contact');
    expect(c.reply.text).toContain('06 12345678');
    c.say('06 - 1234 5678');
    c.say('Weet ik niet');
    c.say('In de middag');
    expect(c.reply.text).toContain('Sara de Vries');
    const r = conversation.turn(c.state, { kind: 'message', text: 'ja' });
    expect(r.replies[0].text).toContain('MW-TEST42');
    const stored = r.effects.find((e) => e.type === 'store-request');
    expect(stored).toBeDefined();
    const req = (stored as Extract<typeof stored, { type: 'store-request' }>).request;
    expect(req).toMatchObject({ reference: 'MW-TEST42', language: 'nl', name: 'Sara de Vries', phone: '0612345678', callTime: 'In de middag' });
    expect(req.summary).toContain('Taal van de cliënt: Nederlands');
    expect(req.summary).toContain('Onderwerp: Giften en hulp van familie');
    expect(req.summary).toContain('Ja, dit moet u melden');
  });
  test('a full request in Arabic gets a summary in Dutch, with the language noted', () => {
    const c = client('ar-SA');
    c.say('اشتريت سيارة');
    c.say('موظف');
    c.say('اترك رسالة');
    c.say('نعم');
    c.say('سارة أحمد');
    c.say('sara@example.com');
    c.say('لا أعرف');
    c.say('أي وقت');
    expect(c.reply.language).toBe('ar');
    const r = conversation.turn(c.state, { kind: 'message', text: 'نعم' });
    const req = (r.effects.find((e) => e.type === 'store-request') as { request: { summary: string; language: string; email?: string } }).request;
    expect(req.language).toBe('ar');
    expect(req.email).toBe('sara@example.com');
    expect(req.summary).toContain('Taal van de cliënt: Arabisch');
    expect(req.summary).toContain('Onderwerp: Auto');
    expect(req.summary).not.toMatch(/[\u0600-\u06FF]/);
  });
  test('no BSN: a 9-digit number is not taken as a name or a phone number', () => {
    expect(readContact('123456789')).toBeUndefined();
    expect(readContact('+31 6 12345678')).toEqual({ phone: '+31612345678' });
    expect(readContact('iemand@heerenveen.nl')).toEqual({ email: 'iemand@heerenveen.nl' });
    const c = client();
    c.say('medewerker');
    c.say('Laat een bericht achter');
    c.say('ja');
    c.say('123456789');
    expect(c.reply.text).toContain('BSN');
    expect(c.state!.handoff!.stage).toBe('name');
  });
});

describe('a person is offered when it is needed', () => {
  test('crisis words show 113 and 112 first, in every language', () => {
    for (const [locale, words] of [
      ['nl-NL', 'ik wil niet meer leven'],
      ['en-GB', 'I want to kill myself'],
      ['ar-SA', 'أفكر في الانتحار'],
    ] as const) {
      const c = client(locale);
      c.say('gift');
      const [reply] = c.say(words);
      expect(reply.text.indexOf('113')).toBeGreaterThanOrEqual(0);
      expect(reply.text.indexOf('113')).toBeLessThan(reply.text.indexOf('14 0513'));
      expect(reply.text).toContain('112');
      expect(reply.meta.step).toBe('handoff');
    }
  });
  test('words of distress offer a person', () => {
    const c = client();
    c.say('ik weet het niet meer, alles is te veel');
    expect(c.reply.meta.step).toBe('handoff');
    expect(c.reply.buttons!.map((b) => b.title)).toContain('Laat een bericht achter');
  });
  test('two misunderstood messages in a row offer a person', () => {
    const c = client();
    c.say('blablabla');
    c.say('qwerty zxcv');
    expect(c.reply.meta.step).toBe('fallback');
    expect(c.reply.buttons!.map((b) => b.title)).toContain('Praat met mijn contactpersoon');
  });
});

describe('the botbuilder shell', () => {
  test('a confirmed request is stored in the database and survives a restart', async () => {
    const file = join(dir, 'requests.sqlite');
    const requests = new RequestStore(file);
    const bot = new MeldwijzerBot(conversation, new MemoryStorage(), { requests });
    const adapter = new TestAdapter(async (ctx) => bot.run(ctx));
    await adapter.send('medewerker').send('Laat een bericht achter').send('ja').send('Jan Jansen').send('0612345678').send('Weet ik niet').send('Maakt niet uit').send('ja').startTest();
    requests.close();
    const reopened = new RequestStore(file);
    expect(reopened.byReference('MW-TEST42')).toMatchObject({ name: 'Jan Jansen', phone: '0612345678', language: 'nl' });
    reopened.close();
  });
  test('behind a contact centre, asking for a person sends handoff.initiate with the transcript', async () => {
    const transcripts = new MemoryTranscriptStore();
    const bot = new MeldwijzerBot(conversation, new MemoryStorage(), { handoffTranscripts: transcripts });
    const adapter = new TestAdapter(async (ctx) => bot.run(ctx)).use(new TranscriptLoggerMiddleware(transcripts));
    const sent: Partial<Activity>[] = [];
    await adapter
      .send('gift')
      .assertReply((a) => void sent.push(a))
      .send('talk to someone')
      .assertReply((a) => void sent.push(a))
      .assertReply((a) => void sent.push(a))
      .startTest();
    const event = sent.find((a) => a.type === ActivityTypes.Event);
    expect(event?.name).toBe('handoff.initiate');
    const transcript = (event!.attachments![0].content as { activities: Activity[] }).activities;
    expect(transcript.some((a) => a.text === 'gift')).toBe(true);
    expect((event!.value as { reason: string }).reason).toBe('asked');
  });
});
