// The website channel over real HTTP: local Direct Line, validation, limits, health, the page.
import { beforeAll, describe, expect, it } from 'vitest';
import { Tokens } from '../../bot/channels/tokens.ts';
import { DirectLineClient, removeDir, SECRET, startServer, useServer, type Act } from './helpers.ts';

const run = useServer();

const meta = (a: Act) => a.channelData?.meldwijzer;

describe('Direct Line: starting', () => {
  it('opens a conversation, gives a token and the welcome', async () => {
    const dl = new DirectLineClient(run.url);
    const res = await dl.start();
    expect(res.status).toBe(201);
    const body = (await res.json()) as { conversationId: string; token: string; expires_in: number };
    expect(body.conversationId).toMatch(/^[A-Za-z0-9_-]{8,}$/);
    expect(body.token.length).toBeGreaterThan(20);
    expect(body.expires_in).toBeGreaterThan(60);

    const { activities, watermark } = await dl.get();
    expect(watermark).toMatch(/^\d+$/);
    const welcome = activities.find((a) => a.from.role === 'bot');
    expect(welcome).toBeDefined();
    expect(meta(welcome!)?.step).toBe('welcome');
    expect(welcome!.id.startsWith(`${dl.conversationId}|`)).toBe(true);
    expect(welcome!.from.id).toBe('meldwijzer');
    expect(welcome!.locale).toBe('nl');
    expect(welcome!.suggestedActions?.actions.length).toBeGreaterThan(0);
  });

  it('welcomes in Arabic (right-to-left locale ar-SA) when the page is Arabic', async () => {
    const dl = new DirectLineClient(run.url);
    await dl.start('ar-SA');
    const [welcome] = (await dl.get()).activities;
    expect(meta(welcome)?.step).toBe('welcome');
    expect(welcome.locale).toBe('ar-SA');
    expect(welcome.text).toMatch(/[\u0600-\u06FF]/);
  });

  it('starts with a page token from /api/token, as Web Chat does', async () => {
    const t = (await (await fetch(`${run.url}/api/token`, { method: 'POST' })).json()) as { token: string };
    const res = await fetch(`${run.url}/v3/directline/conversations`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${t.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ user: {}, locale: 'en-US' }),
    });
    expect(res.status).toBe(201);
    const { conversationId, token } = (await res.json()) as { conversationId: string; token: string };
    expect(token).not.toBe(t.token);
    // The page token itself opens no conversation's activities.
    const denied = await fetch(`${run.url}/v3/directline/conversations/${conversationId}/activities`, { headers: { Authorization: `Bearer ${t.token}` } });
    expect(denied.status).toBe(403);
  });

  it('refreshes a conversation token', async () => {
    const dl = new DirectLineClient(run.url);
    await dl.start();
    const res = await fetch(`${run.url}/v3/directline/tokens/refresh`, { method: 'POST', headers: dl.headers() });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { token: string; conversationId: string };
    expect(body.conversationId).toBe(dl.conversationId);
    dl.token = body.token;
    expect((await dl.get()).activities.length).toBeGreaterThan(0);
  });
});

describe('Direct Line: tokens', () => {
  let a: DirectLineClient;
  let b: DirectLineClient;
  beforeAll(async () => {
    a = new DirectLineClient(run.url);
    b = new DirectLineClient(run.url);
    await a.start();
    await b.start();
  });

  it('wants a token (401)', async () => {
    const res = await fetch(`${run.url}/v3/directline/conversations/${a.conversationId}/activities`);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('Unauthorized');
  });

  it('refuses a wrong or tampered token (403)', async () => {
    for (const token of ['nonsense', `${a.token.slice(0, -3)}AAA`, new Tokens('another-secret').sign({ kind: 'conv', conversationId: a.conversationId, userId: 'x' }, 600)]) {
      const res = await fetch(`${run.url}/v3/directline/conversations/${a.conversationId}/activities`, { headers: { Authorization: `Bearer ${token}` } });
      expect(res.status).toBe(403);
    }
  });

  it('refuses an expired token (403)', async () => {
    const old = new Tokens(SECRET, () => Date.now() - 3_600_000).sign({ kind: 'conv', conversationId: a.conversationId, userId: 'x' }, 60);
    const res = await fetch(`${run.url}/v3/directline/conversations/${a.conversationId}/activities`, { headers: { Authorization: `Bearer ${old}` } });
    expect(res.status).toBe(403);
  });

  it("never opens another conversation with a conversation's token (403)", async () => {
    const read = await fetch(`${run.url}/v3/directline/conversations/${b.conversationId}/activities`, { headers: a.headers() });
    expect(read.status).toBe(403);
    const write = await a.postRaw(JSON.stringify({ type: 'message', text: 'hallo' }), undefined, a.token, b.conversationId);
    expect(write.status).toBe(403);
    const reconnect = await fetch(`${run.url}/v3/directline/conversations/${b.conversationId}`, { headers: a.headers() });
    expect(reconnect.status).toBe(403);
  });

  it('says 404 for a conversation that does not exist', async () => {
    const ghost = 'ghost-conversation-0001';
    const token = new Tokens(SECRET).sign({ kind: 'conv', conversationId: ghost, userId: 'x' }, 600);
    const res = await fetch(`${run.url}/v3/directline/conversations/${ghost}/activities`, { headers: { Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('NotFound');
  });
});

describe('Direct Line: what goes in must be well-formed', () => {
  let dl: DirectLineClient;
  beforeAll(async () => {
    dl = new DirectLineClient(run.url);
    await dl.start();
  });

  const expect400 = async (body: string, code = 'BadArgument') => {
    const res = await dl.postRaw(body);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const err = (await res.json()) as { error: { code: string; message: string } };
    expect(err.error.code).toBe(code);
    expect(err.error.message.length).toBeGreaterThan(3);
  };

  it('bad JSON is 400', async () => {
    await expect400('{"type": "message", "text": ', 'BadSyntax');
    await expect400('not json at all', 'BadSyntax');
  });

  it('wrong types, missing or unknown type, arrays and attachments are 400', async () => {
    await expect400(JSON.stringify({ type: 'message', text: 5 }));
    await expect400(JSON.stringify({ text: 'geen type' }));
    await expect400(JSON.stringify({ type: 'invoke', text: 'x' }));
    await expect400(JSON.stringify({ type: 'message', text: 'x', locale: 'nl NL <script>' }));
    await expect400(JSON.stringify({ type: 'message', text: 'x', from: { id: 12 } }));
    await expect400(JSON.stringify({ type: 'message', text: 'x', channelData: { clientActivityID: ['a'] } }));
    await expect400(JSON.stringify({ type: 'message', text: 'x', attachments: [{ contentType: 'image/png', contentUrl: 'http://example.org/x.png' }] }));
    await expect400(JSON.stringify([{ type: 'message', text: 'x' }]));
    await expect400(JSON.stringify({ type: 'message', text: 'x'.repeat(2001) }));
  });

  it('a body that is not JSON at all is 400, a huge one 413', async () => {
    const plain = await dl.postRaw('type=message&text=hallo', { 'Content-Type': 'application/x-www-form-urlencoded' });
    expect(plain.status).toBe(400);
    const huge = await dl.postRaw(JSON.stringify({ type: 'message', text: 'x'.repeat(100_000) }));
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as { error: { code: string } }).error.code).toBe('TooBig');
  });

  it('a bad watermark is 400', async () => {
    const res = await fetch(`${run.url}/v3/directline/conversations/${dl.conversationId}/activities?watermark=abc`, { headers: dl.headers() });
    expect(res.status).toBe(400);
  });

  it('keeps working after all that', async () => {
    expect((await fetch(`${run.url}/healthz`)).status).toBe(200);
    const replies = await dl.ask('mijn moeder betaalt mijn boodschappen');
    expect(meta(replies[0])?.topic).toBe('giften');
  });
});

describe('Direct Line: the activity list', () => {
  it('echoes the user activity with an id and its clientActivityID (Web Chat waits for it)', async () => {
    const dl = new DirectLineClient(run.url);
    await dl.start();
    await dl.next();
    const id = await dl.say('hallo', 'client-123');
    expect(id.startsWith(`${dl.conversationId}|`)).toBe(true);
    const activities = await dl.next();
    const echo = activities.find((a) => a.id === id)!;
    expect(echo).toBeDefined();
    expect(echo.from.role).toBe('user');
    expect(echo.text).toBe('hallo');
    expect(echo.channelData?.clientActivityID).toBe('client-123');
    expect(activities.indexOf(echo)).toBe(0);
  });

  it('pages with the watermark: only newer activities come back', async () => {
    const dl = new DirectLineClient(run.url);
    await dl.start();
    const first = await dl.get('');
    expect(first.activities.length).toBe(1);
    const again = await dl.get(first.watermark);
    expect(again.activities).toEqual([]);
    expect(again.watermark).toBe(first.watermark);

    await dl.say('Menu');
    const second = await dl.get(first.watermark);
    expect(second.activities.length).toBeGreaterThanOrEqual(2);
    expect(second.activities.map((a) => a.id)).not.toContain(first.activities[0].id);
    expect(BigInt(second.watermark)).toBeGreaterThan(BigInt(first.watermark));
    // Without a watermark the whole list comes back.
    expect((await dl.get('')).activities.length).toBe(1 + second.activities.length);
  });

  it('keeps turns in order when messages arrive at once', async () => {
    const dl = new DirectLineClient(run.url);
    await dl.start();
    await dl.next();
    await Promise.all(['Menu', 'Auto', 'Menu', 'Vakantie en reizen'].map((t, i) => dl.say(t, `c${i}`)));
    const list = await dl.next();
    // user, bot, user, bot, …: every echo is followed by its own reply before the next echo.
    expect(list.map((a) => a.from.role).join(',')).toBe('user,bot,user,bot,user,bot,user,bot');
    const ids = list.map((a) => BigInt(a.id.split('|')[1]));
    expect([...ids].sort((x, y) => (x < y ? -1 : 1))).toEqual(ids);
  });

  it('a gift question goes to the gifts topic and asks, then answers', async () => {
    const dl = new DirectLineClient(run.url);
    await dl.start();
    await dl.next();
    let [r] = await dl.ask('mijn moeder betaalt mijn boodschappen');
    expect(meta(r)).toMatchObject({ topic: 'giften', step: 'ask', ask: 'soort' });
    expect(r.suggestedActions?.actions.map((a) => a.title)).toContain('Iemand betaalt iets voor mij');
    expect(r.suggestedActions?.actions.every((a) => a.type === 'imBack' && typeof a.value === 'string')).toBe(true);
    [r] = await dl.ask('Iemand betaalt iets voor mij');
    expect(meta(r)).toMatchObject({ topic: 'giften', step: 'ask', ask: 'bedrag' });
    [r] = await dl.ask('200');
    expect(meta(r)).toMatchObject({ topic: 'giften', step: 'ask', ask: 'eerder' });
    [r] = await dl.ask('1000');
    expect(meta(r)).toMatchObject({ topic: 'giften', step: 'answer', outcome: 'vrij' });
    expect(r.text).toContain('Nee, dit hoeft u niet te melden.');
  });

  it('typing from the user is accepted and not listed', async () => {
    const dl = new DirectLineClient(run.url);
    await dl.start();
    await dl.next();
    const res = await dl.postRaw(JSON.stringify({ type: 'typing', from: { id: 'test-user' } }));
    expect(res.status).toBe(200);
    expect(await dl.next()).toEqual([]);
  });
});

describe('health, page and security headers', () => {
  it('/healthz and /readyz are 200', async () => {
    const h = await fetch(`${run.url}/healthz`);
    expect(h.status).toBe(200);
    const r = await fetch(`${run.url}/readyz`);
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ status: 'ready', knowledge: true, storage: true });
  });

  it('serves the page with a strict CSP and no inline script', async () => {
    const res = await fetch(`${run.url}/`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toMatch(/style-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    const html = await res.text();
    expect(html).toContain('<html lang="nl" dir="ltr">');
    expect(html).toContain('U hoeft geen naam te geven.');
    // Scripts only from files here; the one inline <script> holds JSON data, not code.
    const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
    expect(scripts.every((s) => /src="\/static\//.test(s) || /type="application\/json"/.test(s))).toBe(true);
    expect(html).not.toMatch(/https?:\/\//);
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    expect(html).toContain(JSON.stringify(nonce).slice(1, -1));
  });

  it('serves Arabic right-to-left and falls back to Dutch for unknown languages', async () => {
    const ar = await (await fetch(`${run.url}/?lang=ar`)).text();
    expect(ar).toContain('<html lang="ar" dir="rtl">');
    expect(ar).toContain('"locale":"ar-SA"');
    const en = await (await fetch(`${run.url}/?lang=en`)).text();
    expect(en).toContain('<html lang="en" dir="ltr">');
    const odd = await (await fetch(`${run.url}/?lang=%3Cscript%3E`)).text();
    expect(odd).toContain('<html lang="nl" dir="ltr">');
  });

  it('serves Web Chat and the page script from this server', async () => {
    const wc = await fetch(`${run.url}/static/webchat.js`);
    expect(wc.status).toBe(200);
    expect(wc.headers.get('content-type')).toMatch(/javascript/);
    expect((await wc.text()).length).toBeGreaterThan(100_000);
    expect((await fetch(`${run.url}/static/chat.js`)).status).toBe(200);
    expect((await fetch(`${run.url}/static/chat.css`)).status).toBe(200);
    expect((await fetch(`${run.url}/static/../server.ts`)).status).toBe(404);
  });

  it('answers unknown paths with a JSON 404', async () => {
    const res = await fetch(`${run.url}/nope`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('NotFound');
  });
});

describe('/api/messages', () => {
  const post = (body: string) => fetch(`${run.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
  const activity = {
    type: 'message',
    id: 'a1',
    channelId: 'emulator',
    serviceUrl: 'http://localhost:9/',
    conversation: { id: 'api-conv-1' },
    from: { id: 'user-1', role: 'user' },
    recipient: { id: 'bot', role: 'bot' },
    text: 'mijn moeder betaalt mijn boodschappen',
    locale: 'nl-NL',
  };

  it('a malformed activity is 400, not 500', async () => {
    for (const body of ['{', '[]', '"text"', JSON.stringify({ text: 'no type' }), JSON.stringify({ ...activity, type: 5 }), JSON.stringify({ ...activity, conversation: 'x' }), JSON.stringify({ ...activity, serviceUrl: 'not a url' })]) {
      const res = await post(body);
      expect(res.status, body).toBe(400);
    }
  });

  it('a huge activity is 413', async () => {
    expect((await post(JSON.stringify({ ...activity, text: 'x'.repeat(50_000) }))).status).toBe(413);
  });

  it('without app credentials it only talks back to a local serviceUrl', async () => {
    const res = await post(JSON.stringify({ ...activity, serviceUrl: 'https://example.org/' }));
    expect(res.status).toBe(403);
  });

  it('runs the same bot: expectReplies gives the replies in the response', async () => {
    const res = await post(JSON.stringify({ ...activity, deliveryMode: 'expectReplies' }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { activities: Act[] };
    expect(body.activities[0].channelData?.meldwijzer).toMatchObject({ topic: 'giften', step: 'ask', ask: 'soort' });
  });
});

describe('bounds and embedding', () => {
  it('keeps at most maxActivities per conversation in memory', async () => {
    const small = await startServer({ directLine: { maxActivities: 5 } });
    try {
      const dl = new DirectLineClient(small.url);
      await dl.start();
      for (const t of ['Menu', 'Auto', 'Menu', 'Auto']) await dl.say(t);
      const { activities } = await dl.get('');
      expect(activities.length).toBe(5);
      expect(activities.at(-1)!.from.role).toBe('bot');
    } finally {
      await small.stop();
      removeDir(small.dir);
    }
  });

  it('lets only the configured site show the page in an iframe', async () => {
    const own = await fetch(`${run.url}/`);
    expect(own.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
    expect(own.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    const site = await startServer({ frameAncestors: ['https://www.heerenveen.nl'] });
    try {
      const res = await fetch(`${site.url}/`);
      expect(res.headers.get('content-security-policy')).toContain('frame-ancestors https://www.heerenveen.nl');
      expect(res.headers.get('x-frame-options')).toBeNull();
    } finally {
      await site.stop();
      removeDir(site.dir);
    }
  });
});

describe('rate limits', () => {
  it('limits conversation starts per client (429, JSON)', async () => {
    const small = await startServer({ rateLimits: { start: 2, post: 100, poll: 100 } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 3; i++) codes.push((await new DirectLineClient(small.url).start()).status);
      expect(codes).toEqual([201, 201, 429]);
      const res = await new DirectLineClient(small.url).start();
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('TooManyRequests');
    } finally {
      await small.stop();
      removeDir(small.dir);
    }
  });
});
