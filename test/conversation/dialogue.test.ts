// Transcripts of the things people do in a conversation: typing as they type, in three languages,
// unreadable answers, changing topic or language halfway, starting over.
import { describe, expect, test } from 'vitest';
import { Client, conversationOn } from '../support/bot.ts';

const DAY = '2026-03-02';
const client = (locale = 'nl-NL') => {
  const c = new Client(conversationOn(DAY), locale);
  c.start();
  return c;
};

describe('welcome', () => {
  test('Dutch by default: short welcome, language buttons and main topics', () => {
    const c = new Client(conversationOn(DAY));
    const [w] = c.start();
    expect(w.meta).toEqual({ topic: null, step: 'welcome' });
    expect(w.language).toBe('nl');
    const titles = w.buttons!.map((b) => b.title);
    expect(titles).toEqual(expect.arrayContaining(['English', 'العربية', 'Giften en hulp van familie', 'Praat met mijn contactpersoon']));
  });
  test('language from the activity locale: Arabic from start to end', () => {
    const c = new Client(conversationOn(DAY), 'ar-SA');
    expect(c.start()[0].language).toBe('ar');
    c.say('أمي تعطيني مال');
    expect(c.reply.language).toBe('ar');
    expect(c.reply.text).toMatch(/[\u0600-\u06FF]/);
    expect(c.reply.text).not.toMatch(/[a-z]{4,}/i);
  });
});

describe('gifts', () => {
  test('Dutch, typed like people type, with the numbers of the situation', () => {
    const c = client();
    c.say('me moeder betaald me boodschappen, moet ik dat melden?');
    expect(c.reply.meta).toMatchObject({ topic: 'giften', step: 'ask', ask: 'soort' });
    expect(c.reply.buttons!.map((b) => b.title)).toContain('Iemand betaalt iets voor mij');
    c.say('Iemand betaalt iets voor mij');
    expect(c.reply.meta.ask).toBe('bedrag');
    c.say('€ 250,50');
    expect(c.reply.meta.ask).toBe('eerder');
    c.say('1000 euro');
    expect(c.reply.meta).toMatchObject({ step: 'answer', outcome: 'melden' });
    const text = c.reply.text.replace(/\u00a0/g, ' ');
    expect(text.startsWith('Ja, dit moet u melden.')).toBe(true);
    expect(text).toContain('€ 1.250,50'); // total this year
    expect(text).toContain('€ 1.200'); // the limit valid today
    expect(text).toContain('€ 50,50'); // how much over
    expect(text).toContain('14 dagen'); // the municipality's reporting term
    expect(c.reply.buttons!.map((b) => b.title)).toContain('Praat met mijn contactpersoon');
  });
  test('English', () => {
    const c = client('en-US');
    c.say('my parents give me money sometimes');
    expect(c.reply.meta).toMatchObject({ topic: 'giften', ask: 'soort' });
    c.say('Money or goods');
    c.say('300 euro');
    c.say('nothing');
    expect(c.reply.meta.outcome).toBe('vrij');
    expect(c.reply.text).toMatch(/^No, you do not need to report this\./);
    expect(c.reply.text).toContain('€900');
  });
  test('Arabic with Arabic-Indic digits', () => {
    const c = client('ar-EG');
    c.say('هل يجب أن أبلغ عن هدية من أخي؟');
    expect(c.reply.meta).toMatchObject({ topic: 'giften', ask: 'soort' });
    c.say('مال أو أغراض');
    c.say('١٢٠٠');
    c.say('١');
    expect(c.reply.meta.outcome).toBe('melden');
    expect(c.reply.text.startsWith('نعم، يجب أن تبلغ عن هذا.')).toBe(true);
  });
});

describe('holiday, car and relationship in English and Arabic', () => {
  test('holiday abroad, English: day 29 is over the limit', () => {
    const c = client('en-GB');
    c.say('I want to visit my family abroad for a few weeks');
    expect(c.reply.meta.topic).toBe('vakantie');
    const answers: Record<string, string> = { waar: 'Abroad', aow: 'no', dagen: '3 weeks', eerder: '8 days' };
    for (let i = 0; i < 6 && c.reply.meta.step === 'ask'; i++) c.say(answers[c.reply.meta.ask!]);
    expect(c.reply.meta).toMatchObject({ step: 'answer', outcome: 'over' });
  });
  test('holiday abroad, Arabic: two weeks is within the limit', () => {
    const c = client('ar-SA');
    c.say('أريد أن أسافر إلى تركيا لزيارة عائلتي');
    expect(c.reply.meta.topic).toBe('vakantie');
    const answers: Record<string, string> = { waar: c.conversation.compose.optionLabels('ar', 'vakantie', 'waar')[0][1], aow: 'لا', dagen: 'أسبوعين', eerder: '٠' };
    for (let i = 0; i < 6 && c.reply.meta.step === 'ask'; i++) c.say(answers[c.reply.meta.ask!]);
    expect(c.reply.meta).toMatchObject({ step: 'answer', outcome: 'binnen' });
  });
  for (const [locale, question] of [
    ['en-US', 'I bought a car'],
    ['ar-SA', 'اشتريت سيارة'],
  ] as const)
    test(`car bought (${locale}): always report`, () => {
      const c = client(locale);
      c.say(question);
      expect(c.reply.meta).toMatchObject({ topic: 'auto', ask: 'wat' });
      const lng = locale.slice(0, 2) as 'en' | 'ar';
      const label = (fact: string, id: string) => c.conversation.compose.optionLabels(lng, 'auto', fact).find(([o]) => o === id)![1];
      const answers: Record<string, string> = { wat: label('wat', 'gekocht'), nodig: lng === 'en' ? 'no' : 'لا', waarde: '3000', spaargeld: '1000' };
      for (let i = 0; i < 6 && c.reply.meta.step === 'ask'; i++) {
        const fact = c.reply.meta.ask!;
        c.say(fact === 'huishouden' ? c.conversation.compose.optionLabels(lng, 'auto', 'huishouden')[0][1] : answers[fact]);
      }
      expect(c.reply.meta.step).toBe('answer');
      expect(['must_report', 'report_may_change']).toContain(c.conversation.loaded.kb.topics.get('auto')!.outcomes[c.reply.meta.outcome!].kind);
    });
  for (const [locale, question, yes] of [
    ['en-GB', 'how often may my partner stay over?', 'yes'],
    ['ar-SA', 'كم ليلة مسموح لصديقي أن ينام عندي؟', 'نعم'],
  ] as const)
    test(`relationship (${locale}): says there is no legal number of nights`, () => {
      const c = client(locale);
      c.say(question);
      expect(c.reply.meta).toMatchObject({ topic: 'relatie', ask: 'woont' });
      const lng = locale.slice(0, 2) as 'en' | 'ar';
      c.say(c.conversation.compose.optionLabels(lng, 'relatie', 'woont').find(([o]) => o === 'eigen')![1]);
      for (let i = 0; i < 4 && c.reply.meta.step === 'ask'; i++) c.say(yes);
      expect(c.reply.meta.step).toBe('answer');
      expect(c.reply.language).toBe(lng);
    });
});

describe('when things do not go as planned', () => {
  test('an unreadable answer gets a kind re-ask with an example; after two, the menu and a person', () => {
    const c = client();
    c.say('gift gekregen');
    c.say('Geld of spullen');
    c.say('weet ik veel');
    expect(c.reply.meta).toMatchObject({ step: 'ask', ask: 'bedrag' });
    expect(c.reply.text).toContain('bijvoorbeeld: 250');
    c.say('een beetje');
    expect(c.reply.meta.step).toBe('fallback');
    expect(c.reply.buttons!.map((b) => b.title)).toContain('Praat met mijn contactpersoon');
  });
  test('switching topic in the middle of a question', () => {
    const c = client();
    c.say('kadootje gekregen');
    expect(c.reply.meta.ask).toBe('soort');
    c.say('ik heb ook een auto gekocht');
    expect(c.reply.meta).toMatchObject({ topic: 'auto', step: 'ask' });
  });
  test('switching language in the middle of a question keeps the question and the facts', () => {
    const c = client();
    c.say('gift');
    c.say('Geld of spullen');
    c.say('200');
    expect(c.reply.meta.ask).toBe('eerder');
    c.say('English');
    expect(c.reply.language).toBe('en');
    expect(c.reply.meta.ask).toBe('eerder');
    expect(c.reply.text).toContain('earlier this year');
    c.say('0');
    expect(c.reply.meta.outcome).toBe('vrij');
    expect(c.reply.text).toMatch(/^No, you do not need/);
    c.say('Nederlands');
    expect(c.reply.language).toBe('nl');
  });
  test('back re-asks the previous question; start over forgets everything but the language', () => {
    const c = client('en-GB');
    c.say('gift');
    c.say('Money or goods');
    c.say('back');
    expect(c.reply.meta.ask).toBe('soort');
    c.say('Money or goods');
    c.say('start over');
    expect(c.reply.meta.step).toBe('welcome');
    expect(c.reply.language).toBe('en');
    expect(c.state!.facts).toEqual({});
    expect(c.state!.topic).toBeNull();
  });
  test('stop ends the topic kindly and shows the menu', () => {
    const c = client();
    c.say('auto gekocht');
    c.say('stop');
    expect(c.reply.meta.step).toBe('menu');
    expect(c.state!.asking).toBeNull();
  });
  test('asking for a person works from anywhere, in every language', () => {
    for (const [locale, words] of [
      ['nl-NL', 'ik wil een medewerker spreken'],
      ['en-GB', 'talk to someone'],
      ['ar-SA', 'موظف'],
    ] as const) {
      const c = client(locale);
      c.say('gift');
      c.say(words);
      expect(c.reply.meta).toMatchObject({ topic: 'contactpersoon', step: 'handoff' });
      expect(c.reply.text).toContain('14 0513');
    }
  });
  test('out of scope is never guessed as a topic', () => {
    for (const q of ['wanneer wordt het grofvuil opgehaald', 'how do I renew my passport', 'ما هو الطقس غدا']) {
      const c = client();
      c.say(q);
      expect(c.reply.meta).toMatchObject({ topic: null, step: 'fallback' });
    }
  });
  test('legal words: explained once when they first appear, and on request', () => {
    const c = client();
    c.say('wat betekent kostendelersnorm');
    expect(c.reply.text).toMatch(/^Kostendelersnorm betekent: .*27 jaar/);
    c.say('what does asset limit mean');
    expect(c.reply.text).toMatch(/zoveel geld en bezit|this much money/);
  });
  test('any text a person can type: no crash, always a reply', () => {
    const c = client();
    for (const t of ['', '   ', '\u0000\u202e', '😀'.repeat(500), 'a'.repeat(10_000), '١٢٣٤٥٦٧٨٩٠', '{"type":"x"}', '<script>alert(1)</script>'])
      expect(c.say(t).length).toBeGreaterThan(0);
  });
});
