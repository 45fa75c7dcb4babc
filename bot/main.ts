// Entry point: `npm start`. Reads the environment, loads the knowledge base (fails fast and lists
// every problem), serves everything on one port and stops cleanly on SIGTERM/SIGINT.
import { pino } from 'pino';
import { createServer } from './channels/server.ts';
import { staffFromEnv } from './handoff/staff.ts';
import { KnowledgeBaseInvalid, loadOrThrow, type Loaded } from './knowledge/index.ts';

const env = process.env;
const log = pino({ level: env.LOG_LEVEL ?? 'info', base: { app: 'meldwijzer' } });

function trustProxy(v: string | undefined): boolean | number | string | undefined {
  if (v === undefined || v === '') return undefined;
  if (v === 'true' || v === 'false') return v === 'true';
  return /^\d+$/.test(v) ? Number(v) : v;
}

let loaded: Loaded;
try {
  loaded = loadOrThrow(process.cwd());
} catch (err) {
  if (err instanceof KnowledgeBaseInvalid) {
    log.fatal({ event: 'knowledge.invalid', problems: err.errors.map(String) }, 'the knowledge base has problems; run `npm run kb:check`');
  } else {
    log.fatal({ event: 'knowledge.failed', err: { name: (err as Error).name, message: (err as Error).message } }, 'could not load the knowledge base');
  }
  process.exit(1);
}
log.info({ event: 'knowledge.loaded', topics: loaded.kb.topics.size }, 'knowledge base loaded');

if (!env.MELDWIJZER_SECRET) log.warn({ event: 'secret.random' }, 'MELDWIJZER_SECRET is not set: chat tokens end when the server restarts');

const port = env.PORT ? Number(env.PORT) : 3978;
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  log.fatal({ event: 'config.invalid', PORT: env.PORT }, 'PORT must be a number between 0 and 65535');
  process.exit(1);
}

const { staff, errors: staffErrors } = staffFromEnv(env);
for (const e of staffErrors) log.warn({ event: 'staff.config' }, e);
const days = (v: string | undefined, name: string) => {
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) {
    log.fatal({ event: 'config.invalid', [name]: v }, `${name} must be a whole number of days`);
    process.exit(1);
  }
  return n;
};

const server = createServer({
  root: process.cwd(),
  loaded,
  port,
  host: env.HOST,
  storageFile: env.MELDWIJZER_DB ?? './data/meldwijzer.sqlite',
  appId: env.MicrosoftAppId || undefined,
  appPassword: env.MicrosoftAppPassword || undefined,
  tenantId: env.MicrosoftAppTenantId || undefined,
  appType: env.MicrosoftAppType || undefined,
  secret: env.MELDWIJZER_SECRET || undefined,
  trustProxy: trustProxy(env.TRUST_PROXY),
  frameAncestors: env.MELDWIJZER_FRAME_ANCESTORS?.split(/[\s,]+/).filter(Boolean),
  stateTtlMs: env.MELDWIJZER_STATE_TTL_HOURS ? Number(env.MELDWIJZER_STATE_TTL_HOURS) * 3_600_000 : undefined,
  logger: log,
  handoff: {
    staff,
    secureCookies: env.NODE_ENV === 'production',
    contactCentre: env.MELDWIJZER_HANDOFF_EVENT === 'on',
    retention: {
      handledDays: days(env.MELDWIJZER_RETENTION_HANDLED_DAYS, 'MELDWIJZER_RETENTION_HANDLED_DAYS'),
      openDays: days(env.MELDWIJZER_RETENTION_OPEN_DAYS, 'MELDWIJZER_RETENTION_OPEN_DAYS'),
    },
  },
});

let stopping = false;
async function stop(signal: string) {
  if (stopping) {
    log.warn({ event: 'stop.forced', signal }, 'second signal: stopping now');
    process.exit(1);
  }
  stopping = true;
  log.info({ event: 'stop', signal }, 'stopping: no new requests, finishing the ones in flight');
  try {
    await server.close();
    process.exit(0);
  } catch (err) {
    log.error({ event: 'stop.failed', err: { name: (err as Error).name, message: (err as Error).message } }, 'stop failed');
    process.exit(1);
  }
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));

server.listen().catch((err: Error) => {
  log.fatal({ event: 'listen.failed', err: { name: err.name, message: err.message } }, 'could not listen');
  process.exit(1);
});
