// Starts the real server on a free port with a temporary SQLite file, and a tiny Direct Line client.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { createServer, type MeldwijzerServer, type ServerOptions } from '../../bot/channels/server.ts';
import { loadOrThrow, type Loaded } from '../../bot/knowledge/index.ts';

export const SECRET = 'test-secret-for-meldwijzer';
/** Conversations are dated: the gift threshold of 2026 applies. */
export const NOW = () => new Date('2026-03-01T10:00:00Z');

let cached: Loaded | undefined;
export function knowledge(): Loaded {
  cached ??= loadOrThrow(process.cwd());
  return cached;
}

export interface Running {
  server: MeldwijzerServer;
  url: string;
  dir: string;
  storageFile: string;
  stop(): Promise<void>;
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'meldwijzer-channels-'));
}

export async function startServer(options: Partial<ServerOptions> & { dir?: string } = {}): Promise<Running> {
  const dir = options.dir ?? tempDir();
  const storageFile = options.storageFile ?? join(dir, 'state.sqlite');
  const server = createServer({
    root: process.cwd(),
    // Pass `loaded: undefined` to make the server load knowledge/ itself, as `npm start` does.
    loaded: 'loaded' in options ? options.loaded : knowledge(),
    port: 0,
    host: '127.0.0.1',
    secret: SECRET,
    now: NOW,
    rateLimits: { start: 10_000, post: 10_000, poll: 100_000 },
    ...options,
    storageFile,
  });
  const { url } = await server.listen();
  return {
    server,
    url,
    dir,
    storageFile,
    async stop() {
      await server.close();
    },
  };
}

export function removeDir(dir: string) {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * The server for the tests of one file: started before them, stopped (and its folder removed) after
 * them. The object it returns stands for the running server once `beforeAll` has started it.
 */
export function useServer(options: Parameters<typeof startServer>[0] = {}): Running {
  let run: Running | undefined;
  beforeAll(async () => {
    run = await startServer(options);
  });
  afterAll(async () => {
    await run?.stop();
    if (run) removeDir(run.dir);
  });
  const current = (): Running => {
    if (!run) throw new Error('the server starts in beforeAll');
    return run;
  };
  return {
    get server() {
      return current().server;
    },
    get url() {
      return current().url;
    },
    get dir() {
      return current().dir;
    },
    get storageFile() {
      return current().storageFile;
    },
    stop: () => current().stop(),
  };
}

export interface Meta {
  topic: string | null;
  step: string;
  ask?: string;
  outcome?: string;
  candidates?: string[];
}

export interface Act {
  id: string;
  type: string;
  text?: string;
  from: { id: string; role?: string };
  locale?: string;
  channelData?: { meldwijzer?: Meta; clientActivityID?: string };
  suggestedActions?: { actions: { type: string; title: string; value: string }[] };
}

/** The few Direct Line calls the tests make, over real HTTP. */
export class DirectLineClient {
  conversationId = '';
  token = '';
  watermark = '';

  constructor(readonly base: string) {}

  async start(locale = 'nl-NL'): Promise<Response> {
    const res = await fetch(`${this.base}/v3/directline/conversations`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ user: { id: 'test-user' }, locale }),
    });
    if (res.ok) {
      const body = (await res.clone().json()) as { conversationId: string; token: string };
      this.conversationId = body.conversationId;
      this.token = body.token;
    }
    return res;
  }

  headers(extra: Record<string, string> = {}): Record<string, string> {
    return { Authorization: `Bearer ${this.token}`, ...extra };
  }

  async postRaw(body: string, headers: Record<string, string> = { 'Content-Type': 'application/json' }, token = this.token, id = this.conversationId) {
    return fetch(`${this.base}/v3/directline/conversations/${id}/activities`, {
      method: 'POST',
      headers: { ...headers, ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body,
    });
  }

  /** Sends a message like Web Chat does; returns the id the server gave it. */
  async say(text: string, clientActivityID = `c-${Math.random().toString(36).slice(2)}`): Promise<string> {
    const res = await this.postRaw(JSON.stringify({ type: 'message', text, locale: 'nl-NL', from: { id: 'test-user', role: 'user' }, channelData: { clientActivityID } }));
    if (res.status !== 200) throw new Error(`say(${text}): ${res.status} ${await res.text()}`);
    return ((await res.json()) as { id: string }).id;
  }

  async get(watermark: string | undefined = this.watermark): Promise<{ activities: Act[]; watermark: string }> {
    const q = watermark ? `?watermark=${watermark}` : '';
    const res = await fetch(`${this.base}/v3/directline/conversations/${this.conversationId}/activities${q}`, { headers: this.headers() });
    if (res.status !== 200) throw new Error(`get: ${res.status} ${await res.text()}`);
    return (await res.json()) as { activities: Act[]; watermark: string };
  }

  /** New activities since the last call, advancing the watermark. */
  async next(): Promise<Act[]> {
    const { activities, watermark } = await this.get();
    this.watermark = watermark;
    return activities;
  }

  /** Says something and returns the bot's replies to it (what follows its echo). */
  async ask(text: string): Promise<Act[]> {
    const id = await this.say(text);
    const list = await this.next();
    return list.slice(list.findIndex((a) => a.id === id) + 1).filter((a) => a.from.role === 'bot');
  }
}
