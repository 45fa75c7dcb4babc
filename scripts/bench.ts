// `npm run bench`: how much does Meldwijzer cost next to a bare botbuilder echo bot on the very same
// stack (express, local Direct Line, adapter, storage)? Both run in their own child process; this
// process is the client. The same bounded load goes to each over loopback: N conversations at once,
// T turns each. Per turn we time from sending the POST until a poll (GET with the watermark) shows
// the bot's reply to it. Also: cold start of `tsx bot/main.ts` until /readyz is 200, and the resident
// memory of each server process after its run. It reports; it never fails on a time.
//
//   npm run bench -- [--conversations 50] [--turns 6] [--rounds 3] [--starts 3]
//   BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" npm run bench   (profile the two servers)
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as netServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ActivityHandler, MessageFactory } from 'botbuilder';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SELF = fileURLToPath(import.meta.url);
const HOST = '127.0.0.1';
const POLL_MS = 5;
const MAX_POLLS = 2000; // per turn
const PHASE_DEADLINE_MS = 180_000;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i > 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v < 1 || v > 1000) throw new Error(`--${name} must be a whole number from 1 to 1000`);
  return v;
}

// ---------------------------------------------------------------- server side (child process)

/** The botbuilder "echo bot" sample, as small as it gets. */
class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (ctx, next) => {
      await ctx.sendActivity(MessageFactory.text(`Echo: ${ctx.activity.text}`));
      await next();
    });
    this.onMembersAdded(async (ctx, next) => {
      for (const m of ctx.activity.membersAdded ?? []) if (m.id !== ctx.activity.recipient.id) await ctx.sendActivity('Hallo en welkom!');
      await next();
    });
  }
}

async function serve(kind: string, db: string) {
  const { createServer } = await import('../bot/channels/server.ts');
  const server = createServer({
    root: ROOT,
    port: 0,
    host: HOST,
    storageFile: db,
    secret: 'bench-secret',
    rateLimits: { start: 1e7, post: 1e7, poll: 1e7, messages: 1e7 },
    ...(kind === 'echo' && { botFactory: () => new EchoBot() }),
  });
  const { port } = await server.listen();
  process.stdout.write(`READY ${port}\n`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

// ---------------------------------------------------------------- client side

const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const c of children) if (c.exitCode === null && c.pid) process.kill(c.pid, 'SIGKILL');
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = netServer();
    s.once('error', rej);
    s.listen(0, HOST, () => {
      const { port } = s.address() as { port: number };
      s.close(() => res(port));
    });
  });
}

function stopChild(child: ChildProcess, ms = 10_000): Promise<void> {
  if (child.exitCode !== null || !child.pid) return Promise.resolve();
  return new Promise((res) => {
    const hard = setTimeout(() => child.pid && child.exitCode === null && process.kill(child.pid, 'SIGKILL'), ms);
    child.once('exit', () => {
      clearTimeout(hard);
      children.delete(child);
      res();
    });
    process.kill(child.pid!, 'SIGTERM');
  });
}

/** VmRSS and VmHWM (peak) of a process in MB, from /proc (Linux). */
function memoryOf(pid: number): { rss: number; peak: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
  } catch {
    return undefined;
  }
}

/** The node process that `tsx` starts under itself (tsx runs the script in a child). */
function childPidOf(pid: number): number | undefined {
  try {
    const kids = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    return kids[0];
  } catch {
    return undefined;
  }
}

/** Cold start: `tsx bot/main.ts` on a free port with a fresh database, until /readyz answers 200. */
async function coldStart(): Promise<{ ms: number; rss?: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'meldwijzer-bench-cold-'));
  const port = await freePort();
  const started = performance.now();
  const child = spawn(join(ROOT, 'node_modules', '.bin', 'tsx'), ['bot/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST, MELDWIJZER_DB: join(dir, 'state.sqlite'), MELDWIJZER_SECRET: 'bench-secret', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.add(child);
  try {
    for (let i = 0; i < 2400; i++) {
      if (child.exitCode !== null) throw new Error(`bot/main.ts exited with ${child.exitCode}`);
      try {
        const res = await fetch(`http://${HOST}:${port}/readyz`, { signal: AbortSignal.timeout(2000) });
        await res.arrayBuffer();
        if (res.status === 200) {
          const ms = performance.now() - started;
          const node = childPidOf(child.pid!);
          return { ms, rss: node ? memoryOf(node)?.rss : undefined };
        }
      } catch {
        // not listening yet
      }
      await sleep(25);
    }
    throw new Error('bot/main.ts did not become ready within 60 s');
  } finally {
    await stopChild(child);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Starts a bench server in a child process: `node --import tsx scripts/bench.ts --serve <kind>`. */
async function startServer(kind: 'echo' | 'meldwijzer'): Promise<{ child: ChildProcess; url: string; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), `meldwijzer-bench-${kind}-`));
  // BENCH_NODE_ARGS adds flags for the server processes, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const extra = process.env.BENCH_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...extra, '--import', 'tsx', SELF, '--serve', kind, '--db', join(dir, 'state.sqlite')], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.add(child);
  const port = await new Promise<number>((res, rej) => {
    let out = '';
    const timer = setTimeout(() => rej(new Error(`${kind} server did not start within 60 s`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /READY (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        res(Number(m[1]));
      }
    });
    child.once('exit', (code) => rej(new Error(`${kind} server exited with ${code}`)));
  });
  return { child, url: `http://${HOST}:${port}`, dir };
}

const TEXTS = [
  'Mijn moeder betaalt mijn boodschappen, moet ik dat melden?',
  'Iemand betaalt iets voor mij',
  '€ 150',
  '600',
  'Ik krijg ook geld van mijn broer',
  'Geld of spullen',
];

interface Activity {
  id: string;
  type: string;
  text?: string;
  replyToId?: string;
  from: { role?: string };
  channelData?: { meldwijzer?: { topic: string | null; step: string } };
}

/** One conversation: start, read the welcome, then `turns` messages; each latency in ms. */
async function conversation(url: string, turns: number, deadline: number): Promise<{ latencies: number[]; topics: (string | null | undefined)[] }> {
  const dl = `${url}/v3/directline/conversations`;
  const start = await fetch(dl, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user: { id: 'bench' }, locale: 'nl-NL' }) });
  if (start.status !== 201) throw new Error(`start: ${start.status}`);
  const { conversationId, token } = (await start.json()) as { conversationId: string; token: string };
  const auth = { Authorization: `Bearer ${token}` };
  let watermark = '';
  const poll = async () => {
    const res = await fetch(`${dl}/${conversationId}/activities${watermark ? `?watermark=${watermark}` : ''}`, { headers: auth });
    if (res.status !== 200) throw new Error(`poll: ${res.status}`);
    const body = (await res.json()) as { activities: Activity[]; watermark: string };
    watermark = body.watermark;
    return body.activities;
  };
  await poll(); // the welcome
  const latencies: number[] = [];
  const topics: (string | null | undefined)[] = [];
  for (let k = 0; k < turns; k++) {
    const t0 = performance.now();
    const res = await fetch(`${dl}/${conversationId}/activities`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: TEXTS[k % TEXTS.length], locale: 'nl-NL', from: { id: 'bench', role: 'user' } }),
    });
    if (res.status !== 200) throw new Error(`post: ${res.status}`);
    const { id } = (await res.json()) as { id: string };
    let reply: Activity | undefined;
    for (let p = 0; p < MAX_POLLS && !reply; p++) {
      reply = (await poll()).find((a) => a.replyToId === id && a.from.role === 'bot');
      if (!reply) {
        if (Date.now() > deadline) throw new Error('deadline passed');
        await sleep(POLL_MS);
      }
    }
    if (!reply) throw new Error(`no reply to turn ${k}`);
    latencies.push(performance.now() - t0);
    topics.push(reply.channelData?.meldwijzer?.topic);
  }
  return { latencies, topics };
}

interface Result {
  p50: number;
  p99: number;
  tps: number;
  turns: number;
  rss?: number;
  peak?: number;
  giften: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

async function measure(kind: 'echo' | 'meldwijzer', conversations: number, turns: number, rounds: number): Promise<Result> {
  const { child, url, dir } = await startServer(kind);
  try {
    const deadline = Date.now() + PHASE_DEADLINE_MS;
    // Warm-up (not counted): JIT, SQLite pages, sockets.
    await Promise.all(Array.from({ length: Math.min(10, conversations) }, () => conversation(url, turns, deadline)));
    const all: number[] = [];
    let seconds = 0;
    let giften = 0;
    for (let r = 0; r < rounds; r++) {
      const t0 = performance.now();
      const runs = await Promise.all(Array.from({ length: conversations }, () => conversation(url, turns, deadline)));
      seconds += (performance.now() - t0) / 1000;
      for (const run of runs) {
        all.push(...run.latencies);
        giften += run.topics.filter((t) => t === 'giften').length;
      }
    }
    const mem = memoryOf(child.pid!);
    all.sort((a, b) => a - b);
    return { p50: percentile(all, 50), p99: percentile(all, 99), tps: all.length / seconds, turns: all.length, rss: mem?.rss, peak: mem?.peak, giften };
  } finally {
    await stopChild(child);
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const conversations = arg('conversations', 50);
  const turns = arg('turns', 6);
  const rounds = arg('rounds', 3);
  const starts = arg('starts', 3);
  const cores = cpus().length;
  console.log(`Meldwijzer bench — ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cores} cores (${cpus()[0]?.model.trim()})`);
  console.log(`load: ${conversations} conversations at once × ${turns} turns, ${rounds} rounds (+1 warm-up), loopback Direct Line, poll every ${POLL_MS} ms`);
  console.log(`machine load average before the run: ${loadavg().map((l) => l.toFixed(2)).join(' ')} (other work on the machine skews the figures)\n`);

  const echo = await measure('echo', conversations, turns, rounds);
  const meld = await measure('meldwijzer', conversations, turns, rounds);
  const cold: { ms: number; rss?: number }[] = [];
  for (let i = 0; i < starts; i++) cold.push(await coldStart());

  const f = (n: number | undefined, d = 1) => (n === undefined || Number.isNaN(n) ? 'n/a' : n.toFixed(d));
  const ratio = (a: number | undefined, b: number | undefined) => (a && b ? `${(a / b).toFixed(1)}×` : 'n/a');
  const rows: [string, string, string, string][] = [
    ['latency p50 (ms)', f(echo.p50), f(meld.p50), ratio(meld.p50, echo.p50)],
    ['latency p99 (ms)', f(echo.p99), f(meld.p99), ratio(meld.p99, echo.p99)],
    ['turns per second', f(echo.tps, 0), f(meld.tps, 0), ratio(meld.tps, echo.tps)],
    ['RSS after the run (MB)', f(echo.rss, 0), f(meld.rss, 0), ratio(meld.rss, echo.rss)],
    ['peak RSS (MB)', f(echo.peak, 0), f(meld.peak, 0), ratio(meld.peak, echo.peak)],
  ];
  console.log('| | echo bot | Meldwijzer | Meldwijzer / echo |');
  console.log('| --- | ---: | ---: | ---: |');
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  const sortedCold = cold.map((c) => c.ms).sort((a, b) => a - b);
  console.log(`\ncold start, \`tsx bot/main.ts\` until /readyz is 200: ${f(percentile(sortedCold, 50), 0)} ms median of ${starts} (${cold.map((c) => f(c.ms, 0)).join(', ')} ms); RSS when ready ${f(cold[0]?.rss, 0)} MB`);
  console.log(`\n${echo.turns} turns measured per bot. RSS is VmRSS of each server's own child process (/proc), read right after its last round; peak is VmHWM.`);
  console.log(`Meldwijzer replies in the gift topic: ${meld.giften} of ${meld.turns} (the script's 6 texts are all about gifts).`);
  console.log(`Both servers are createServer() (so both load the knowledge base); the echo one gets botFactory: a bare ActivityHandler. Client: this process, on the same machine. Load average after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
}

const serveAt = process.argv.indexOf('--serve');
if (serveAt > 0) {
  const dbAt = process.argv.indexOf('--db');
  serve(process.argv[serveAt + 1], process.argv[dbAt + 1]).catch((err) => {
    console.error(err);
    process.exit(1);
  });
} else {
  main().then(
    () => process.exit(0),
    (err) => {
      console.error(`bench failed: ${(err as Error).message}`);
      process.exit(1);
    },
  );
}
