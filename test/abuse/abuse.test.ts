// Thousands of generated hostile requests against /api/messages and the local Direct Line:
// no 5xx, no crash, no failed turn, and afterwards the bot still answers a plain gift question.
// Deterministic: the seed is fixed (ABUSE_SEED overrides it to explore other inputs).
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RATE_LIMITS } from '../../bot/channels/server.ts';
import { DirectLineClient, removeDir, startServer, type Act, type Running } from '../channels/helpers.ts';
import { generateCases, hugeCases, pool, prng, send, type Case, type Outcome, type Target } from './fuzz.ts';

const SEED = Number(process.env.ABUSE_SEED ?? 20261129);
const WIDTH = 16;
const HIGH = { windowMs: 60_000, start: 1e7, post: 1e7, poll: 1e7, messages: 1e7 };

interface LogRecord {
  level: number;
  msg?: string;
  event?: string;
  channel?: string;
  err?: { name?: string; message?: string; stack?: string };
}

let run: Running;
const logs: LogRecord[] = [];

beforeAll(async () => {
  const logger = pino({ level: 'warn' }, { write: (line: string) => void logs.push(JSON.parse(line) as LogRecord) });
  run = await startServer({ rateLimits: HIGH, logger });
});
afterAll(async () => {
  await run?.stop();
  if (run) removeDir(run.dir);
});

const meta = (a: Act) => a.channelData?.meldwijzer;

async function alive(): Promise<boolean> {
  try {
    return (await fetch(`${run.url}/healthz`, { signal: AbortSignal.timeout(10_000) })).status === 200;
  } catch {
    return false;
  }
}

describe('abuse: generated hostile input', () => {
  it(`survives 5,000+ inputs (seed ${SEED}) without a 5xx, a crash or a failed turn`, async () => {
    const r = prng(SEED);
    // Twenty open conversations to aim at.
    const convs: Target['convs'] = [];
    for (let i = 0; i < 20; i++) {
      const dl = new DirectLineClient(run.url);
      expect((await dl.start(i % 3 === 2 ? 'ar-SA' : 'nl-NL')).status).toBe(201);
      convs.push({ id: dl.conversationId, token: dl.token });
    }
    const startToken = ((await (await fetch(`${run.url}/api/token`, { method: 'POST' })).json()) as { token: string }).token;
    const target: Target = { port: run.server.port, convs, startToken };
    const { cases, selfLoops } = generateCases(r, target);
    const huge = hugeCases(r, target);
    const all: Case[] = [...cases, ...huge];
    expect(all.length).toBeGreaterThanOrEqual(5000);

    const started = Date.now();
    const results: Outcome[] = [];
    const failures: string[] = [];
    const describeCase = (c: Case, o: Outcome) =>
      `${c.kind} ${c.method} ${c.path.slice(0, 120)} ${c.headers ? JSON.stringify(c.headers).slice(0, 160) : ''} body=${JSON.stringify(typeof c.body === 'string' ? c.body.slice(0, 200) : c.body ? `<${c.body.length} bytes>` : c.raw ? c.raw.toString('latin1').slice(0, 200) : '')} → ${o.status ?? o.error}`;

    // Huge bodies a few at a time (they are megabytes each), then the rest 16 at a time, checking the server in between.
    results.push(...(await pool(huge, 3, (c) => send(run.url, run.server.port, c))));
    for (let i = 0; i < cases.length; i += 1000) {
      const chunk = cases.slice(i, i + 1000);
      results.push(...(await pool(chunk, WIDTH, (c) => send(run.url, run.server.port, c))));
      expect(await alive(), `server not alive after ${i + chunk.length} cases`).toBe(true);
    }
    const order = [...huge, ...cases];
    const byStatus = new Map<string, number>();
    const msByKind = new Map<string, number>();
    order.forEach((c, i) => {
      const o = results[i];
      const key = `${c.kind} ${o.status ?? 'dropped'}`;
      byStatus.set(key, (byStatus.get(key) ?? 0) + 1);
      msByKind.set(c.kind, (msByKind.get(c.kind) ?? 0) + (o.ms ?? 0));
      if (o.status !== null && o.status >= 500) failures.push(`5xx: ${describeCase(c, o)}`);
      else if (o.status === null && !c.mayDrop) failures.push(`no answer: ${describeCase(c, o)}`);
      else if (o.status !== null && c.expect && !c.expect.includes(o.status)) failures.push(`unexpected: ${describeCase(c, o)}`);
      // Our own errors are JSON {error: {code, message}}, whatever went in (HEAD has no body; raw sockets are read no further).
      else if (o.status !== null && o.status >= 400 && !c.raw && c.method !== 'HEAD') {
        const e = (o.json as { error?: { code?: unknown } } | undefined)?.error;
        if (typeof e?.code !== 'string') failures.push(`error without a JSON body: ${describeCase(c, o)} ${o.contentType}`);
      }
    });
    const seconds = (Date.now() - started) / 1000;
    console.log(`abuse: ${order.length} inputs in ${seconds.toFixed(1)} s (seed ${SEED})\n` + [...byStatus].sort().map(([k, n]) => `  ${k}: ${n}`).join('\n') +
        `\n  request time by kind (s, summed over ${WIDTH} in flight): ` + [...msByKind].map(([k, ms]) => `${k} ${(ms / 1000).toFixed(1)}`).join(', '));

    expect(failures.slice(0, 20)).toEqual([]);
    expect(await alive()).toBe(true);

    // No turn failed quietly behind a 200 (the adapters log and swallow turn errors), and no request hit the 500 handler.
    // The only turns allowed to fail are /api/messages turns without expectReplies whose replies could not be
    // delivered (they went to this server: a 404): the failure comes from the connector, is logged, not thrown.
    const turns = logs.filter((l) => l.msg === 'turn failed');
    const delivery = (l: LogRecord) => l.channel !== 'directline' && /node_modules\/(botframework-connector|@azure\/core-)/.test(l.err?.stack ?? '');
    expect(turns.filter((l) => !delivery(l)).map((l) => `${l.channel}: ${l.err?.message} ${l.err?.stack?.split('\n')[1]}`)).toEqual([]);
    expect(turns.length).toBeLessThanOrEqual(selfLoops);
    expect(logs.filter((l) => l.msg === 'request failed').map((l) => l.err?.message)).toEqual([]);
    expect(logs.filter((l) => l.level >= 60)).toEqual([]);
  }, 180_000);

  it('refuses a value nested thousands deep (400), so the activity list stays readable', async () => {
    // Found by this test: JSON.parse took it, the echo kept it, and every later GET of the list was a 500.
    const dl = new DirectLineClient(run.url);
    await dl.start();
    const deep = `{"type":"message","value":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`;
    expect(deep.length).toBeLessThan(32 * 1024);
    const res = await dl.postRaw(deep);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('BadArgument');
    const shallow = await dl.postRaw(JSON.stringify({ type: 'message', value: { a: { b: { c: [1, [2, [3]]] } } } }));
    expect(shallow.status).toBe(200);
    expect((await dl.get('')).activities.length).toBeGreaterThan(1);
    const api = await fetch(`${run.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: deep });
    expect(api.status).toBe(400);
  });

  it('still answers a gift question afterwards, over Direct Line and /api/messages', async () => {
    const dl = new DirectLineClient(run.url);
    expect((await dl.start()).status).toBe(201);
    await dl.next();
    const [reply] = await dl.ask('mijn moeder betaalt mijn boodschappen');
    expect(meta(reply)).toMatchObject({ topic: 'giften', step: 'ask', ask: 'soort' });

    const res = await fetch(`${run.url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: 'after-abuse',
        channelId: 'emulator',
        serviceUrl: 'http://127.0.0.1:9/',
        deliveryMode: 'expectReplies',
        conversation: { id: 'after-abuse-conv' },
        from: { id: 'user-1', role: 'user' },
        recipient: { id: 'bot', role: 'bot' },
        text: 'Ik krijg geld van mijn broer, moet ik dat melden?',
        locale: 'nl-NL',
      }),
    });
    expect(res.status).toBe(200);
    const { activities } = (await res.json()) as { activities: Act[] };
    expect(meta(activities[0])?.topic).toBe('giften');
  });
});

describe('abuse: the normal rate limits still hold', () => {
  it('answers 429 (JSON) past the default limits for starts, posts and polls', async () => {
    const normal = await startServer({ rateLimits: DEFAULT_RATE_LIMITS });
    try {
      const starts: number[] = [];
      let dl: DirectLineClient | undefined;
      for (let i = 0; i <= DEFAULT_RATE_LIMITS.start; i++) {
        const c = new DirectLineClient(normal.url);
        starts.push((await c.start()).status);
        dl ??= c;
      }
      expect(starts.slice(0, DEFAULT_RATE_LIMITS.start).every((s) => s === 201)).toBe(true);
      expect(starts.at(-1)).toBe(429);

      // Typing is the cheapest post: it is accepted without a turn.
      const typing = JSON.stringify({ type: 'typing', from: { id: 'test-user' } });
      const posts = await pool(Array.from({ length: DEFAULT_RATE_LIMITS.post + 1 }), 8, async () => (await dl!.postRaw(typing)).status);
      expect(posts.filter((s) => s === 200).length).toBe(DEFAULT_RATE_LIMITS.post);
      expect(posts.filter((s) => s === 429).length).toBe(1);

      const polls = await pool(Array.from({ length: DEFAULT_RATE_LIMITS.poll + 1 }), 16, async () => {
        const res = await fetch(`${normal.url}/v3/directline/conversations/${dl!.conversationId}/activities`, { headers: dl!.headers() });
        await res.arrayBuffer();
        return res.status;
      });
      expect(polls.filter((s) => s === 200).length).toBe(DEFAULT_RATE_LIMITS.poll);
      const last = await fetch(`${normal.url}/v3/directline/conversations/${dl!.conversationId}/activities`, { headers: dl!.headers() });
      expect(last.status).toBe(429);
      expect(((await last.json()) as { error: { code: string } }).error.code).toBe('TooManyRequests');
      expect(last.headers.get('ratelimit-policy')).toBeTruthy();
    } finally {
      await normal.stop();
      removeDir(normal.dir);
    }
  }, 60_000);
});
