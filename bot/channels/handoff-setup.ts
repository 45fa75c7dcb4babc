// Wires the handoff service into the server: the request store with its retention, the staff
// inbox at /medewerkers, and (behind a contact centre) the transcript for handoff.initiate.
import { MemoryTranscriptStore, TranscriptLoggerMiddleware, type Middleware } from 'botbuilder';
import type { Router } from 'express';
import type { Logger } from 'pino';
import { createInbox } from '../handoff/inbox.ts';
import type { StaffAccounts } from '../handoff/staff.ts';
import { DEFAULT_RETENTION, RequestStore, type Retention } from '../handoff/store.ts';
import type { BotOptions } from './meldwijzer-bot.ts';

export interface HandoffOptions {
  /** SQLite file for requests; default the conversation-state file. */
  requestsFile?: string;
  retention?: Partial<Retention>;
  /** Staff who may log in to /medewerkers (hashed passwords). Without any, nobody can log in. */
  staff?: StaffAccounts;
  /** Cookies only over HTTPS (production). */
  secureCookies?: boolean;
  /** Behind a contact-centre channel: send handoff.initiate with the transcript. Keeps message text in memory. */
  contactCentre?: boolean;
  /** Clock for retention (tests move it). */
  now?: () => number;
}

const HOUR = 3_600_000;

export function setUpHandoff(options: HandoffOptions, defaultFile: string, log: Logger) {
  const retention: Retention = {
    handledDays: options.retention?.handledDays ?? DEFAULT_RETENTION.handledDays,
    openDays: options.retention?.openDays ?? DEFAULT_RETENTION.openDays,
  };
  const store = new RequestStore(options.requestsFile ?? defaultFile, retention, options.now);
  const purge = () => {
    const removed = store.purge();
    if (removed) log.info({ event: 'requests.purged', removed }, 'requests past their retention removed');
  };
  purge(); // at start, then daily
  const timer = setInterval(purge, 24 * HOUR);
  timer.unref();
  const transcripts = options.contactCentre ? new MemoryTranscriptStore() : undefined;
  const botOptions: BotOptions = { requests: store, handoffTranscripts: transcripts };
  const inbox: Router = createInbox({ store, staff: options.staff ?? new Map(), secure: options.secureCookies ?? false, log });
  const middleware: Middleware[] = transcripts ? [new TranscriptLoggerMiddleware(transcripts)] : [];
  return {
    store,
    retention,
    botOptions,
    inbox,
    /** For the /api/messages adapter: records the transcript when contact-centre mode is on. */
    middleware,
    close() {
      clearInterval(timer);
      store.close();
    },
  };
}
