// A tiny browser for the staff inbox: keeps cookies, posts forms, reads the CSRF token out of a page.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { createInbox, type InboxOptions } from '../../bot/handoff/inbox.ts';

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'meldwijzer-handoff-'));
}

export function removeDir(dir: string) {
  rmSync(dir, { recursive: true, force: true });
}

export interface Running {
  url: string;
  close(): Promise<void>;
}

/** An express app with only the inbox at /medewerkers, on a free port. */
export async function startInbox(options: InboxOptions): Promise<Running> {
  const app = express();
  app.use('/medewerkers', createInbox(options));
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(0, '127.0.0.1', (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export interface Page {
  status: number;
  html: string;
  headers: Headers;
  setCookies: string[];
  location: string | null;
}

export class Browser {
  readonly cookies = new Map<string, string>();

  constructor(readonly url: string) {}

  private remember(res: Response): string[] {
    const set = res.headers.getSetCookie();
    for (const c of set) {
      const [pair, ...attrs] = c.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => {
        const [k, v] = a.trim().split('=');
        if (k.toLowerCase() === 'max-age') return Number(v) <= 0;
        if (k.toLowerCase() === 'expires') return new Date(v).getTime() <= Date.now();
        return false;
      });
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return set;
  }

  private cookieHeader(): Record<string, string> {
    return this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {};
  }

  async request(method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<Page> {
    const res = await fetch(this.url + path, {
      method,
      redirect: 'manual',
      headers: { ...this.cookieHeader(), ...(body !== undefined ? { 'content-type': 'application/x-www-form-urlencoded' } : {}), ...headers },
      body,
    });
    const setCookies = this.remember(res);
    return { status: res.status, html: await res.text(), headers: res.headers, setCookies, location: res.headers.get('location') };
  }

  get(path: string, headers?: Record<string, string>) {
    return this.request('GET', path, undefined, headers);
  }

  post(path: string, form: Record<string, string> | string, headers?: Record<string, string>) {
    return this.request('POST', path, typeof form === 'string' ? form : new URLSearchParams(form).toString(), headers);
  }

  /** Opens the login page and logs in; returns the answer to the POST. */
  async login(username: string, password: string): Promise<Page> {
    const page = await this.get('/medewerkers/login');
    return this.post('/medewerkers/login', { csrf: csrfOf(page.html), gebruikersnaam: username, wachtwoord: password });
  }
}

export function csrfOf(html: string): string {
  const m = /name="csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('no csrf field on this page');
  return m[1];
}
