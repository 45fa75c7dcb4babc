// Everything on one port: the chat page, Web Chat's bundle, a local Direct Line, /api/messages for
// Azure Bot Service and the Emulator, and health checks.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity, type TurnContext } from 'botbuilder';
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import { pino, type Logger } from 'pino';
import { Conversation } from '../conversation/conversation.ts';
import type { Meta } from '../conversation/types.ts';
import { loadOrThrow, type Loaded } from '../knowledge/index.ts';
import { SqliteStorage } from '../storage/sqlite-storage.ts';
import { DirectLineService, type DirectLineLimits, type TurnHandler } from './directline.ts';
import { directLineRouter, startToken } from './directline-routes.ts';
import { setUpHandoff, type HandoffOptions } from './handoff-setup.ts';
import { MeldwijzerBot, stateKey, type BotOptions } from './meldwijzer-bot.ts';
import { pickLanguage, renderPage } from './page.ts';
import { Tokens } from './tokens.ts';
import { VOLUNTEER_BASE, volunteerRouter } from './volunteer.ts';
import { botFrameworkActivity, MAX_DEPTH, nestedDeeperThan, sendError, zodMessage } from './validation.ts';

export const BODY_LIMIT = '32kb';
/** sha256 of the empty string, for Content-Security-Policy style-src. */
const EMPTY_STYLE_HASH = 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=';

export interface RateLimits {
  windowMs: number;
  /** Conversation starts (and page tokens) per client per window. */
  start: number;
  /** Messages posted per client per window. */
  post: number;
  /** Polls (GET activities, token refresh) per client per window. */
  poll: number;
  /** /api/messages per client per window (Azure sends from few addresses: keep this high). */
  messages: number;
}

// Generous: a library, a refugee centre or a town hall may put many visitors behind one address.
export const DEFAULT_RATE_LIMITS: RateLimits = { windowMs: 60_000, start: 30, post: 120, poll: 1200, messages: 3000 };

export interface ServerOptions {
  /** Project root: knowledge/ and locales/ are read from here (unless `loaded` is given). */
  root: string;
  /** TCP port; 0 picks a free one. Default 3978. */
  port?: number;
  host?: string;
  /** SQLite file for conversation state. */
  storageFile: string;
  appId?: string;
  appPassword?: string;
  tenantId?: string;
  /** MultiTenant (default), SingleTenant (default when tenantId is set) or UserAssignedMSI. */
  appType?: string;
  /** The clock of the conversation (rules pick amounts valid on this date). Tests pin it. */
  now?: () => Date;
  /** Signs Direct Line tokens; random when absent (tokens then end with the process). */
  secret?: string;
  logger?: Logger;
  /** An already loaded knowledge base (main.ts loads it first to fail fast). */
  loaded?: Loaded;
  directLine?: Partial<DirectLineLimits>;
  rateLimits?: Partial<RateLimits>;
  /** Express "trust proxy" when behind the municipality's reverse proxy (e.g. 1 or "loopback"). */
  trustProxy?: boolean | number | string;
  /** Who may show the chat page in an <iframe>, e.g. ["https://www.heerenveen.nl"]. Default: this origin only. */
  frameAncestors?: string[];
  /** Conversation state untouched this long is deleted from the SQLite file. Default 24 hours. */
  stateTtlMs?: number;
  /** Passed to MeldwijzerBot (overrides what the handoff set-up gives). */
  botOptions?: BotOptions;
  /** Requests for the contact person, the staff inbox and contact-centre handoff. */
  handoff?: HandoffOptions;
  /**
   * Replaces MeldwijzerBot as the handler of every turn (Direct Line and /api/messages), on the same
   * express stack, adapters and storage. Used by `npm run bench` to measure a bare echo bot.
   */
  botFactory?: (deps: { conversation: Conversation; storage: SqliteStorage }) => TurnHandler;
  /** Adds more routes (e.g. the staff inbox) before the final 404; runs after body parsing and security headers. */
  mount?: (app: Express) => void;
}

export interface MeldwijzerServer {
  app: Express;
  listen(): Promise<{ port: number; url: string }>;
  close(): Promise<void>;
  readonly port: number;
  readonly ready: boolean;
}

const here = dirname(fileURLToPath(import.meta.url));

/** Web Chat's browser bundle in node_modules (the minimal one: no Adaptive Cards or cloud speech needed). */
export function webChatBundle(): string {
  const lib = createRequire(import.meta.url).resolve('botframework-webchat');
  const file = join(dirname(lib), '..', 'dist', 'webchat-minimal.js');
  if (!existsSync(file)) throw new Error(`Web Chat bundle not found at ${file}`);
  return file;
}

function errorInfo(err: unknown) {
  // Never log the error object itself: body-parser errors carry the raw request body (message text).
  const e = err as { name?: string; message?: string; stack?: string; type?: string };
  return { name: e?.name, message: e?.message, type: e?.type, stack: e?.stack };
}

const isLoopback = (url: string) => {
  try {
    return ['localhost', '127.0.0.1', '[::1]'].includes(new URL(url).hostname);
  } catch {
    return false;
  }
};

export function createServer(options: ServerOptions): MeldwijzerServer {
  const log = options.logger ?? pino({ level: 'silent' });
  const loaded = options.loaded ?? loadOrThrow(options.root);
  const storage = new SqliteStorage(options.storageFile);
  const handoff = setUpHandoff(options.handoff ?? {}, options.storageFile, log);
  const conversation = new Conversation(loaded, { now: options.now, retentionDays: handoff.retention.openDays });
  const bot: TurnHandler =
    options.botFactory?.({ conversation, storage }) ?? new MeldwijzerBot(conversation, storage, { ...handoff.botOptions, ...options.botOptions });
  const tokens = new Tokens(options.secret);
  const limits = { ...DEFAULT_RATE_LIMITS, ...options.rateLimits };
  const authenticated = Boolean(options.appId);
  let closing: Promise<void> | undefined;
  let server: Server | undefined;
  let port = options.port ?? 3978;

  // ---- What the bot sends, logged without any text: the meldwijzer contract is enough.
  const logReplies = async (ctx: TurnContext, next: () => Promise<void>) => {
    ctx.onSendActivities(async (_c, activities, send) => {
      for (const a of activities) {
        const m = (a.channelData as { meldwijzer?: Meta } | undefined)?.meldwijzer;
        if (m) log.info({ event: 'reply', channel: ctx.activity.channelId, locale: a.locale, topic: m.topic, step: m.step, ask: m.ask, outcome: m.outcome }, 'reply');
      }
      return send();
    });
    await next();
  };

  // ---- Local Direct Line for the web page.
  const service = new DirectLineService({ bot, storage, stateKey, log, limits: options.directLine, middleware: [logReplies] });

  // ---- /api/messages for Azure Bot Service and the Emulator.
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: options.appId ?? '',
    MicrosoftAppPassword: options.appPassword ?? '',
    MicrosoftAppTenantId: options.tenantId ?? '',
    MicrosoftAppType: options.appType ?? (options.tenantId ? 'SingleTenant' : 'MultiTenant'),
  });
  const cloud = new CloudAdapter(auth);
  const turns = new Map<string, Promise<void>>();
  cloud.use(logReplies);
  for (const m of handoff.middleware) cloud.use(m);
  cloud.use(async (ctx, next) => {
    // One turn at a time per conversation: the state is read, changed and written back.
    const key = stateKey(ctx.activity.channelId, ctx.activity.conversation?.id ?? '');
    const before = turns.get(key) ?? Promise.resolve();
    const mine = before.then(() => next());
    const settled = mine.catch(() => undefined);
    turns.set(key, settled);
    try {
      await mine;
    } finally {
      if (turns.get(key) === settled) turns.delete(key);
    }
  });
  cloud.onTurnError = async (ctx, error) => {
    log.error({ err: errorInfo(error), channel: ctx.activity.channelId }, 'turn failed');
  };
  if (!authenticated)
    log.warn({ event: 'auth.off' }, 'no MicrosoftAppId: /api/messages runs unauthenticated, for local use with the Emulator only');

  // ---- Express.
  const app = express();
  app.disable('x-powered-by');
  if (options.trustProxy !== undefined) app.set('trust proxy', options.trustProxy);

  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const path = req.originalUrl.split('?')[0].replace(/\/conversations\/[^/]+/, '/conversations/:id');
      const quiet = req.method === 'GET' && (path.endsWith('/activities') || path.startsWith('/static/') || path === '/healthz' || path === '/readyz');
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      log[quiet ? 'debug' : 'info']({ event: 'http', method: req.method, path, status: res.statusCode, ms: Math.round(ms) }, 'request');
    });
    next();
  });

  app.use((_req, res, next) => {
    if (!closing) return next();
    res.set('Connection', 'close');
    sendError(res, 503, 'Unavailable', 'The server is shutting down. Try again in a moment.');
  });

  app.use((_req, res, next) => {
    res.locals.nonce = randomBytes(16).toString('base64');
    next();
  });
  const ancestors = options.frameAncestors?.length ? options.frameAncestors : ["'self'"];
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          // Web Chat writes its styles into <style> elements carrying this request's nonce. One part
          // (react-scroll-to-bottom) gets no nonce: it inserts an EMPTY <style> and fills it through
          // the CSSOM, which the hash of the empty string allows without opening inline styles.
          styleSrc: ["'self'", (_req, res) => `'nonce-${(res as unknown as { locals: { nonce: string } }).locals.nonce}'`, `'${EMPTY_STYLE_HASH}'`],
          // Web Chat draws some icons from data: and blob: URLs it makes itself.
          imgSrc: ["'self'", 'data:', 'blob:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          mediaSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'none'"],
          formAction: ["'self'"],
          frameAncestors: ancestors,
        },
      },
      // frame-ancestors decides about embedding; X-Frame-Options would block every other site.
      xFrameOptions: options.frameAncestors?.length ? false : { action: 'sameorigin' },
      crossOriginResourcePolicy: { policy: 'same-origin' },
      referrerPolicy: { policy: 'no-referrer' },
    }),
  );

  app.use(express.json({ limit: BODY_LIMIT, type: ['application/json', 'application/*+json'] }));
  // A value nested thousands deep fits in 32 kB and parses, but would make every later res.json of the
  // activity list throw (a 500 for good): refuse it at the door.
  app.use((req, res, next) => {
    if (nestedDeeperThan(req.body, MAX_DEPTH)) return sendError(res, 400, 'BadArgument', `body: nested deeper than ${MAX_DEPTH} levels`);
    next();
  });

  const limiter = (limit: number): RequestHandler =>
    rateLimit({
      windowMs: limits.windowMs,
      limit,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      handler: (_req, res) => sendError(res, 429, 'TooManyRequests', 'Too many requests. Wait a moment and try again.'),
    });
  const limit = { start: limiter(limits.start), post: limiter(limits.post), poll: limiter(limits.poll) };
  const tokenLimit = limiter(limits.start);
  const messagesLimit = limiter(limits.messages);

  // ---- Health.
  const isReady = () => !closing && storage.db.open && loaded.kb.topics.size > 0;
  app.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'alive' });
  });
  app.get('/readyz', (_req, res) => {
    const ready = isReady();
    res
      .status(ready ? 200 : 503)
      .set('Cache-Control', 'no-store')
      .json({ status: ready ? 'ready' : 'not ready', knowledge: loaded.kb.topics.size > 0, storage: storage.db.open, stopping: Boolean(closing) });
  });

  // ---- The page and its files.
  const bundle = webChatBundle();
  app.get('/', (req, res) => {
    const lang = pickLanguage(req.query.lang);
    const { name, phone } = loaded.kb.municipality;
    res
      .type('html')
      .set('Cache-Control', 'no-store')
      .send(renderPage({ lang, texts: conversation.texts, municipality: { name, phone }, nonce: res.locals.nonce as string }));
  });
  app.get('/static/webchat.js', (_req, res) => {
    res.sendFile(bundle, { maxAge: '1d' });
  });
  app.use('/static', express.static(join(here, 'public'), { index: false, maxAge: '10m', fallthrough: true }));
  app.get('/favicon.ico', (_req, res) => {
    res.status(204).end();
  });

  // ---- Chat endpoints.
  const pageToken = (_req: express.Request, res: express.Response) => {
    res.set('Cache-Control', 'no-store').json(startToken(tokens));
  };
  app.post('/api/token', tokenLimit, pageToken);
  app.get('/api/token', tokenLimit, pageToken);

  app.use('/v3/directline', directLineRouter({ service, tokens, log, limit }));

  app.post('/api/messages', messagesLimit, async (req, res) => {
    const parsed = botFrameworkActivity.safeParse(req.body);
    if (!parsed.success) return sendError(res, 400, 'BadArgument', zodMessage(parsed.error));
    const activity = parsed.data as unknown as Partial<Activity>;
    // Without app credentials nobody is checked: then only talk back to a local Emulator (no open relay).
    if (!authenticated && activity.deliveryMode !== 'expectReplies' && !isLoopback(parsed.data.serviceUrl))
      return sendError(res, 403, 'Forbidden', 'Without MicrosoftAppId only a local serviceUrl (the Emulator) is accepted.');
    await cloud.process(req, res, (ctx) => bot.run(ctx));
  });

  app.use('/medewerkers', handoff.inbox);
  app.use(VOLUNTEER_BASE, volunteerRouter({ conversation, now: options.now }));
  options.mount?.(app);
  app.use((_req, res) => sendError(res, 404, 'NotFound', 'Not found.'));

  const onError: ErrorRequestHandler = (err, _req, res, _next) => {
    const e = err as { type?: string; status?: number; statusCode?: number; expose?: boolean; message?: string };
    const status = e.status ?? e.statusCode;
    if (e.type === 'entity.too.large') return sendError(res, 413, 'TooBig', `The body is larger than ${BODY_LIMIT}.`);
    if (e.type === 'entity.parse.failed') return sendError(res, 400, 'BadSyntax', 'The body is not valid JSON.');
    if (e.type === 'encoding.unsupported' || e.type === 'charset.unsupported') return sendError(res, 415, 'UnsupportedMediaType', 'Send the body as UTF-8 JSON.');
    if (typeof status === 'number' && status >= 400 && status < 500)
      return sendError(res, status, 'BadArgument', e.expose && e.message ? e.message : 'The request is not valid.');
    log.error({ err: errorInfo(err) }, 'request failed');
    sendError(res, 500, 'ServiceError', 'Something went wrong on our side. Please try again.');
  };
  app.use(onError);

  // ---- Housekeeping.
  const stateTtl = options.stateTtlMs ?? 24 * 60 * 60 * 1000;
  const timers = [
    setInterval(() => service.sweep(), 60_000),
    setInterval(() => {
      try {
        const n = storage.purgeOlderThan(stateTtl);
        if (n) log.info({ event: 'state.purge', conversations: n }, 'old conversation state removed');
      } catch (err) {
        log.error({ err: errorInfo(err) }, 'purge failed');
      }
    }, 60 * 60_000),
  ];
  for (const t of timers) t.unref();

  return {
    app,
    get port() {
      return port;
    },
    get ready() {
      return isReady();
    },
    listen() {
      return new Promise((resolve, reject) => {
        const s = app.listen(port, options.host ?? '0.0.0.0', (err?: Error) => {
          if (err) return reject(err);
          port = (s.address() as AddressInfo).port;
          log.info({ event: 'listen', port, directLine: '/v3/directline', authenticated }, 'Meldwijzer is listening');
          resolve({ port, url: `http://127.0.0.1:${port}` });
        });
        s.keepAliveTimeout = 5_000;
        server = s;
      });
    },
    close() {
      closing ??= (async () => {
        for (const t of timers) clearInterval(t);
        if (server) {
          const s = server;
          await new Promise<void>((resolve) => {
            // Stop accepting; keep-alive sockets close as soon as their request is answered.
            const idle = setInterval(() => s.closeIdleConnections(), 100);
            const hard = setTimeout(() => s.closeAllConnections(), 10_000);
            s.close(() => {
              clearInterval(idle);
              clearTimeout(hard);
              resolve();
            });
            s.closeIdleConnections();
          });
        }
        await service.drain();
        await Promise.all(turns.values());
        storage.close();
        handoff.close();
        log.info({ event: 'closed' }, 'stopped: storage closed');
      })();
      return closing;
    },
  };
}
