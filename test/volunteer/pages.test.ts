// The volunteer view over plain HTTP: the pages, the checks on every query (400, never 500), and
// the volunteer mode of the bot on the local Direct Line (channelData.meldwijzerView).
import { describe, expect, it } from 'vitest';
import { DirectLineClient, useServer, type Act } from '../channels/helpers.ts';

const run = useServer();

const get = (path: string) => fetch(`${run.url}${path}`);
const html = async (path: string, status = 200) => {
  const res = await get(path);
  const body = await res.text();
  expect(res.status, `${path}: ${body.slice(0, 300)}`).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  return body;
};
/** The ids of the topics a topic page shows, in order. */
const topicIds = (body: string) => [...body.matchAll(/<article id="onderwerp-([a-z-]+)"/g)].map((m) => m[1]);
/** Text with no-break spaces (Intl writes "€\u00a01.200") made plain. */
const plain = (s: string) => s.replace(/\u00a0/g, ' ');

describe('the chat page in volunteer mode', () => {
  it('serves the page with Web Chat, the pickers and no inline script', async () => {
    const res = await get('/vrijwilligers');
    const body = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(body).toContain('<html lang="nl" dir="ltr">');
    expect(body).toContain('<script src="/static/webchat.js" defer></script>');
    expect(body).toContain('<script src="/static/volunteer.js" defer></script>');
    // Every script is a file or JSON data.
    for (const tag of body.match(/<script[^>]*>/g)!) expect(tag).toMatch(/src="|type="application\/json"/);
    expect(body).toContain('<label for="vw-client">Taal van de cliënt</label>');
    expect(body).toContain('<label for="vw-lang">Uw taal</label>');
    const config = JSON.parse(body.match(/<script type="application\/json" id="meldwijzer-config">(.*?)<\/script>/s)![1]);
    expect(config).toMatchObject({ lang: 'nl', client: 'ar', pair: 'nl', locale: 'ar-SA' });
    expect(body).toMatch(/<section id="webchat"[^>]*lang="ar" dir="rtl"/);
  });

  it('unknown languages fall back; the client and volunteer languages can be any pair', async () => {
    expect(await html('/vrijwilligers?lang=xx&client=yy')).toContain('"client":"nl"');
    const ar = await html('/vrijwilligers?lang=ar&client=en');
    expect(ar).toContain('<html lang="ar" dir="rtl">');
    expect(ar).toContain('"pair":"ar"');
    expect(ar).toContain('"locale":"en-US"');
    await html('/vrijwilligers?lang=nl&lang=en');
  });

  it('the static files are served', async () => {
    for (const f of ['volunteer.js', 'volunteer.css', 'volunteer-print.js']) expect((await get(`/static/${f}`)).status).toBe(200);
  });
});

describe('the topic browser', () => {
  it('lists every topic with its questions, answers, rules, sources and dated amounts', async () => {
    const body = plain(await html('/vrijwilligers/onderwerpen?lang=nl'));
    expect(topicIds(body)).toHaveLength(19);
    expect(body).toContain('Hoeveel is het, in euro?');
    expect(body).toContain('Vrij is … per jaar.');
    expect(body).not.toMatch(/\{\{/);
    expect(body).toContain('Participatiewet art. 31 lid 2 onder m');
    expect(body).toContain('19 januari 2021');
    expect(body).toContain('€ 1.200');
  });

  it('finds the car topic for "auto", and topics despite typos', async () => {
    expect(topicIds(await html('/vrijwilligers/onderwerpen?lang=nl&q=auto'))[0]).toBe('auto');
    expect(topicIds(await html('/vrijwilligers/onderwerpen?lang=nl&q=vakansie'))[0]).toBe('vakantie');
    // A typo that is not among the known phrasings.
    expect(topicIds(await html('/vrijwilligers/onderwerpen?lang=nl&q=vakanite'))[0]).toBe('vakantie');
    expect(topicIds(await html('/vrijwilligers/onderwerpen?lang=en&q=holliday'))[0]).toBe('vakantie');
    expect(topicIds(await html(`/vrijwilligers/onderwerpen?lang=ar&q=${encodeURIComponent('سيارة')}`))[0]).toBe('auto');
    const none = await html('/vrijwilligers/onderwerpen?lang=nl&q=xyzzy');
    expect(topicIds(none)).toEqual([]);
    expect(none).toContain('Niets gevonden voor: xyzzy.');
  });

  it('escapes the search and refuses a malformed one with 400', async () => {
    const body = await html(`/vrijwilligers/onderwerpen?q=${encodeURIComponent('<script>alert(1)</script>')}`);
    expect(body).not.toContain('<script>alert(1)');
    expect(body).toContain('&lt;script&gt;');
    await html('/vrijwilligers/onderwerpen?q=a&q=b', 400);
    await html(`/vrijwilligers/onderwerpen?q=${'a'.repeat(201)}`, 400);
    // A parameter the page does not know is ignored.
    expect(topicIds(await html('/vrijwilligers/onderwerpen?q[x]=1'))).toHaveLength(19);
  });
});

describe('what changed', () => {
  it('shows the dated changes in each language', async () => {
    expect(plain(await html('/vrijwilligers/veranderingen?lang=nl'))).toMatch(/Vanaf 1 januari 2026[\s\S]*Vermogensgrens alleenstaande[\s\S]*€ 8.000[\s\S]*€ 7.770/);
    expect(await html('/vrijwilligers/veranderingen?lang=en')).toContain('From 1 January 2026');
    expect(await html('/vrijwilligers/veranderingen?lang=ar')).toContain('<html lang="ar" dir="rtl">');
  });
});

describe('the answer sheet', () => {
  const good = 'lang=ar&v=nl&topic=giften&outcome=melden&f.soort=geld&f.bedrag=300&f.eerder=1000';

  it('works the answer out again and shows it in the client language', async () => {
    const body = await html(`/vrijwilligers/print?${good}`);
    expect(body).toContain('<html lang="ar" dir="rtl">');
    expect(body).toContain('<article class="vw-sheet" lang="ar" dir="rtl"');
    expect(body).toContain('<div class="vw-toolbar" lang="nl" dir="ltr">');
    expect(body).not.toContain('webchat');
    // Without the outcome, and with a yes/no fact and a shared fact (household).
    await html('/vrijwilligers/print?lang=nl&topic=giften&f.soort=voedselbank');
    const car = plain(await html('/vrijwilligers/print?lang=en&topic=auto&f.wat=heb-al&f.bekend=false&f.huishouden=alleenstaand'));
    expect(car).toContain('Yes, you must report this.');
    expect(car).toContain('€8,000');
  });

  it.each([
    ['no language', 'topic=giften&f.soort=voedselbank'],
    ['an unknown language', 'lang=fr&topic=giften&f.soort=voedselbank'],
    ['no topic', 'lang=nl&f.soort=voedselbank'],
    ['an unknown topic', 'lang=nl&topic=paspoort'],
    ['a topic that is not an id', 'lang=nl&topic=../etc'],
    ['an unknown fact', 'lang=nl&topic=giften&f.soort=geld&f.bedrag=300&f.eerder=1000&f.naam=Sara'],
    ['a fact of another topic', 'lang=nl&topic=giften&f.soort=geld&f.bedrag=300&f.eerder=1000&f.wat=gekocht'],
    ['a word for a number', 'lang=nl&topic=giften&f.soort=geld&f.bedrag=driehonderd&f.eerder=0'],
    ['a negative amount', 'lang=nl&topic=giften&f.soort=geld&f.bedrag=-5&f.eerder=0'],
    ['an exponent', 'lang=nl&topic=giften&f.soort=geld&f.bedrag=1e9&f.eerder=0'],
    ['an unknown choice', 'lang=nl&topic=giften&f.soort=cash&f.bedrag=1&f.eerder=0'],
    ['a choice named like an object key', 'lang=nl&topic=giften&f.soort=constructor&f.bedrag=1&f.eerder=0'],
    ['yes/no that is not true or false', 'lang=en&topic=auto&f.wat=heb-al&f.bekend=maybe&f.huishouden=paar'],
    ['facts that are not complete', 'lang=nl&topic=giften&f.soort=geld'],
    ['an outcome the facts do not lead to', 'lang=nl&topic=giften&outcome=vrij&f.soort=geld&f.bedrag=300&f.eerder=1000'],
    ['a repeated key', `${good}&topic=auto`],
    ['a nested key', 'lang=nl&topic[a]=giften'],
    ['an unknown parameter', `${good}&x=1`],
    ['a very long value', `lang=nl&topic=giften&f.soort=${'a'.repeat(500)}`],
    ['too many parameters', `${good}${Array.from({ length: 41 }, (_, i) => `&f.x${i}=1`).join('')}`],
  ])('%s → 400 with a page that says what is wrong', async (_name, query) => {
    const body = await html(`/vrijwilligers/print?${query}`, 400);
    expect(body).toContain('Deze link klopt niet');
    expect(body).toContain('Wat er mis is:');
  });

  it('a fact named __proto__ is dropped by the check (zod), never reaching the engine', async () => {
    const body = await html(`/vrijwilligers/print?${good}&f.__proto__=x&f.constructor=1`, 400);
    expect(body).toContain('has no fact &#39;constructor&#39;');
    await html(`/vrijwilligers/print?${good}&f.__proto__=x`);
  });

  it('the 400 page is in the volunteer language when it is known', async () => {
    expect(await html('/vrijwilligers/print?lang=nl&v=en&topic=paspoort', 400)).toContain('This link is not right');
  });
});

describe('the bot in volunteer mode (channelData.meldwijzerView)', () => {
  type VolunteerAct = Act & {
    channelData?: Act['channelData'] & {
      meldwijzerSecond?: { language: string; text: string; buttons: string[] };
      meldwijzerDetails?: {
        rule: { cite: string; verified: boolean };
        amounts: { id: string; label: string; shown: string; validFrom: string; validFromShown: string; cite: string; verified: boolean }[];
        sources: { cite: string }[];
        unverified: boolean;
      };
      meldwijzerAnswer?: { topic: string; outcome: string; facts: Record<string, string | number | boolean> };
    };
  };

  async function start(locale: string, view?: unknown): Promise<{ dl: DirectLineClient; welcome: VolunteerAct[] }> {
    const token = ((await (await fetch(`${run.url}/api/token`, { method: 'POST' })).json()) as { token: string }).token;
    const res = await fetch(`${run.url}/v3/directline/conversations`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ user: { id: 'vw-test' }, locale, ...(view !== undefined && { meldwijzerView: view }) }),
    });
    expect(res.status).toBe(201);
    const dl = new DirectLineClient(run.url);
    const body = (await res.json()) as { conversationId: string; token: string };
    dl.conversationId = body.conversationId;
    dl.token = body.token;
    return { dl, welcome: (await dl.next()) as VolunteerAct[] };
  }

  async function say(dl: DirectLineClient, text: string, channelData: Record<string, unknown> = { meldwijzerView: { pair: 'nl' } }): Promise<VolunteerAct[]> {
    const res = await dl.postRaw(JSON.stringify({ type: 'message', text, from: { id: 'vw-test', role: 'user' }, channelData: { clientActivityID: `c-${Math.random()}`, ...channelData } }));
    expect(res.status).toBe(200);
    const { id } = (await res.json()) as { id: string };
    const list = (await dl.next()) as VolunteerAct[];
    return list.slice(list.findIndex((a) => a.id === id) + 1).filter((a) => a.from.role === 'bot');
  }

  it('the start and every reply come in the client language and the volunteer language; answers carry the sources', async () => {
    const { dl, welcome } = await start('ar-SA', { pair: 'nl' });
    expect(welcome).toHaveLength(1);
    expect(welcome[0].locale).toBe('ar-SA');
    expect(welcome[0].channelData!.meldwijzer).toEqual({ topic: null, step: 'welcome' });
    expect(welcome[0].channelData!.meldwijzerSecond).toMatchObject({ language: 'nl' });
    expect(welcome[0].channelData!.meldwijzerSecond!.text).toContain('Hallo, ik ben Meldwijzer');
    expect(welcome[0].channelData!.meldwijzerSecond!.buttons).toContain('Auto');

    expect((await say(dl, 'أمي تعطيني مال'))[0].channelData!.meldwijzerSecond!.text).toContain('Wat voor hulp kreeg u?');
    await say(dl, 'مال أو أغراض');
    await say(dl, '300');
    const [answer] = await say(dl, '1000');
    const cd = answer.channelData!;
    // The documented contract is untouched.
    expect(cd.meldwijzer).toEqual({ topic: 'giften', step: 'answer', outcome: 'melden' });
    expect(answer.text!.startsWith('نعم')).toBe(true);
    expect(cd.meldwijzerSecond!.text.startsWith('Ja, dit moet u melden.')).toBe(true);
    expect(cd.meldwijzerDetails!.rule.cite).toContain('Participatiewet art. 31 lid 2 onder m');
    expect(cd.meldwijzerDetails!.amounts).toContainEqual(
      expect.objectContaining({ id: 'giften.jaargrens', label: 'Vrije giften per jaar', validFrom: '2026-01-01', validFromShown: '1 januari 2026', verified: true }),
    );
    expect(cd.meldwijzerAnswer).toEqual({ topic: 'giften', outcome: 'melden', facts: { soort: 'geld', bedrag: 300, eerder: 1000 } });

    // What the page builds from meldwijzerAnswer prints.
    const a = cd.meldwijzerAnswer!;
    const facts = Object.entries(a.facts).map(([k, v]) => `&f.${k}=${encodeURIComponent(String(v))}`).join('');
    await html(`/vrijwilligers/print?lang=ar&v=nl&topic=${a.topic}&outcome=${a.outcome}${facts}`);
  });

  it('unconfirmed amounts are marked in the details', async () => {
    const { dl } = await start('en-US', { pair: 'nl' });
    let last: VolunteerAct[] = [];
    for (const text of ['volunteer work', 'yes', '30', '100', '200']) last = await say(dl, text);
    const d = last[0].channelData!.meldwijzerDetails!;
    expect(d.unverified).toBe(true);
    expect(d.amounts.some((x) => !x.verified)).toBe(true);
  });

  it('without the view the replies carry only channelData.meldwijzer', async () => {
    const { dl, welcome } = await start('nl-NL');
    expect(Object.keys(welcome[0].channelData!)).toEqual(['meldwijzer']);
    const replies = await say(dl, 'auto', {});
    expect(Object.keys(replies[0].channelData!)).toEqual(['meldwijzer']);
  });

  it.each([
    ['an unknown language', { pair: 'fr' }],
    ['no pair', {}],
    ['a string', 'nl'],
    ['an extra key', { pair: 'nl', admin: true }],
    ['an array', [{ pair: 'nl' }]],
  ])('a malformed view (%s) is refused with 400, at the start and on a message', async (_name, view) => {
    const token = ((await (await fetch(`${run.url}/api/token`, { method: 'POST' })).json()) as { token: string }).token;
    const res = await fetch(`${run.url}/v3/directline/conversations`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ locale: 'nl-NL', meldwijzerView: view }),
    });
    expect(res.status).toBe(400);
    const { dl } = await start('nl-NL');
    const post = await dl.postRaw(JSON.stringify({ type: 'message', text: 'auto', channelData: { meldwijzerView: view } }));
    expect(post.status).toBe(400);
    expect(((await post.json()) as { error: { code: string } }).error.code).toBe('BadArgument');
  });
});
