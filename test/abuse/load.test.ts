// 100 conversations at once, 10 turns each, over the local Direct Line: every reply arrives, in order,
// in the right conversation. Each conversation gives its own amounts, so an answer that went to the
// wrong conversation (or a state mixed up between two) shows up as a wrong total.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirectLineClient, removeDir, startServer, type Act, type Running } from '../channels/helpers.ts';

const CONVERSATIONS = 100;
const TURNS = 10;
const POLL_MS = 10;
const MAX_POLLS = 1500; // 15 s per turn at most
const HIGH = { windowMs: 60_000, start: 1e6, post: 1e6, poll: 1e6, messages: 1e6 };

let run: Running;
beforeAll(async () => {
  run = await startServer({ rateLimits: HIGH });
});
afterAll(async () => {
  await run?.stop();
  if (run) removeDir(run.dir);
});

const QUESTIONS = ['mijn moeder betaalt mijn boodschappen', 'Ik heb geld van familie gekregen, moet ik dat melden?', 'Mijn oma gaf mij een cadeau', 'geld van mijn moeder'];
const euro = (n: number) => `€ ${n.toLocaleString('nl-NL')}`;
const plain = (s = '') => s.replace(/[\u00a0\u202f]/g, ' ');
const seqOf = (a: Act) => BigInt(a.id.split('|')[1]);

interface Turn {
  text: string;
  expect: Record<string, unknown>;
  contains?: string;
}

/** Conversation i: two gift questions with its own amounts, then a third question begun. */
function script(i: number): Turn[] {
  const [a, b] = [100 + i, 500 + 3 * i]; // total 600 + 4i: below the € 1.200 limit
  const [c, d] = [300 + 5 * i, 950 + 3 * i]; // total 1250 + 8i: above it
  const q = (k: number) => QUESTIONS[(i + k) % QUESTIONS.length];
  const kind = (k: number) => (i + k) % 2 === 0 ? 'Geld of spullen' : 'Iemand betaalt iets voor mij';
  const ask = (fact: string) => ({ topic: 'giften', step: 'ask', ask: fact });
  return [
    { text: q(0), expect: ask('soort') },
    { text: kind(0), expect: ask('bedrag') },
    { text: String(a), expect: ask('eerder') },
    { text: String(b), expect: { topic: 'giften', step: 'answer', outcome: 'vrij' }, contains: `Samen is het dit jaar ${euro(a + b)}.` },
    { text: q(1), expect: ask('soort') },
    { text: kind(1), expect: ask('bedrag') },
    { text: euro(c), expect: ask('eerder') },
    { text: String(d), expect: { topic: 'giften', step: 'answer', outcome: 'melden' }, contains: `Samen is het dit jaar ${euro(c + d)}.` },
    { text: q(2), expect: ask('soort') },
    { text: kind(2), expect: ask('bedrag') },
  ];
}

interface Trace {
  conversationId: string;
  sent: string[];
  problems: string[];
  polls: number;
}

async function converse(i: number): Promise<Trace> {
  const dl = new DirectLineClient(run.url);
  const trace: Trace = { conversationId: '', sent: [], problems: [], polls: 0 };
  const problem = (s: string) => trace.problems.push(`conversation ${i}: ${s}`);
  const res = await dl.start();
  if (res.status !== 201) {
    problem(`start ${res.status}`);
    return trace;
  }
  trace.conversationId = dl.conversationId;
  const mine = (a: Act) => a.id.startsWith(`${dl.conversationId}|`) && (a as Act & { conversation?: { id: string } }).conversation?.id === dl.conversationId;
  let lastSeq = -1n;
  const take = (list: Act[]) => {
    for (const a of list) {
      if (!mine(a)) problem(`foreign activity ${a.id}`);
      const s = seqOf(a);
      if (s <= lastSeq) problem(`activity ${a.id} out of order`);
      lastSeq = s;
    }
  };
  const welcome = await dl.next();
  take(welcome);
  if (welcome.length !== 1 || welcome[0].channelData?.meldwijzer?.step !== 'welcome') problem('no single welcome');

  for (const [k, turn] of script(i).entries()) {
    const clientId = `load-${i}-${k}`;
    const echoId = await dl.say(turn.text, clientId);
    trace.sent.push(turn.text);
    const got: Act[] = [];
    let reply: Act | undefined;
    for (let p = 0; p < MAX_POLLS && !reply; p++) {
      const before = BigInt(dl.watermark || '0');
      const list = await dl.next();
      trace.polls++;
      if (BigInt(dl.watermark) < before) problem(`watermark went back at turn ${k}`);
      take(list);
      got.push(...list);
      reply = got.find((a) => a.from.role === 'bot' && (a as Act & { replyToId?: string }).replyToId === echoId);
      if (!reply) await new Promise((r) => setTimeout(r, POLL_MS));
    }
    if (!reply) {
      problem(`turn ${k} (${turn.text}): no reply`);
      break;
    }
    const echo = got[0];
    if (echo?.id !== echoId || echo.text !== turn.text || echo.channelData?.clientActivityID !== clientId) problem(`turn ${k}: echo missing or not first`);
    if (got.indexOf(reply) !== 1) problem(`turn ${k}: reply is not right after the echo`);
    const m = reply.channelData?.meldwijzer;
    for (const [key, value] of Object.entries(turn.expect))
      if ((m as Record<string, unknown> | undefined)?.[key] !== value) problem(`turn ${k} (${turn.text}): ${key} ${JSON.stringify(m?.[key as keyof typeof m])}, wanted ${JSON.stringify(value)}`);
    if (turn.contains && !plain(reply.text).includes(turn.contains)) problem(`turn ${k}: answer lacks "${turn.contains}": ${reply.text?.slice(0, 120)}`);
  }

  // The whole list once more: welcome, then each message followed by the reply to it, nothing else.
  const { activities } = await dl.get('');
  if (activities.length !== 1 + 2 * TURNS) problem(`${activities.length} activities in the list, wanted ${1 + 2 * TURNS}`);
  const users = activities.filter((a) => a.from.role === 'user');
  if (JSON.stringify(users.map((a) => a.text)) !== JSON.stringify(trace.sent)) problem('the list holds other messages than were sent');
  activities.forEach((a, n) => {
    if (!mine(a)) problem(`foreign activity in the list: ${a.id}`);
    if (n > 0 && seqOf(a) <= seqOf(activities[n - 1])) problem(`list out of order at ${n}`);
    if (n > 0 && a.from.role === 'bot' && (a as Act & { replyToId?: string }).replyToId !== activities[n - 1].id) problem(`reply ${a.id} does not follow its message`);
  });
  return trace;
}

describe('load: concurrent conversations over Direct Line', () => {
  it(`${CONVERSATIONS} conversations × ${TURNS} turns: every reply arrives, in order, in the right conversation`, async () => {
    const started = Date.now();
    const traces = await Promise.all(Array.from({ length: CONVERSATIONS }, (_, i) => converse(i)));
    const seconds = (Date.now() - started) / 1000;
    const problems = traces.flatMap((t) => t.problems);
    const polls = traces.reduce((n, t) => n + t.polls, 0);
    console.log(`load: ${CONVERSATIONS} × ${TURNS} turns in ${seconds.toFixed(1)} s (${((CONVERSATIONS * TURNS) / seconds).toFixed(0)} turns/s, ${polls} polls)`);

    expect(problems.slice(0, 20)).toEqual([]);
    expect(new Set(traces.map((t) => t.conversationId)).size).toBe(CONVERSATIONS);
    expect(traces.every((t) => t.sent.length === TURNS)).toBe(true);
    expect(run.server.ready).toBe(true);
  }, 180_000);
});
