// State survives a restart: the SQLite file keeps the conversation, the signed token stays valid
// with the same MELDWIJZER_SECRET, and the activity list is rebuilt on demand.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { SqliteStorage } from '../../bot/storage/sqlite-storage.ts';
import { DirectLineClient, removeDir, startServer, tempDir } from './helpers.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

describe('restart', () => {
  it('continues the gift questions after the server restarts on the same SQLite file', async () => {
    const dir = tempDir();
    dirs.push(dir);
    // The first server loads knowledge/ itself from the project root, as `npm start` does.
    const first = await startServer({ dir, loaded: undefined });
    const dl = new DirectLineClient(first.url);
    await dl.start();
    await dl.next();
    await dl.ask('mijn moeder betaalt mijn boodschappen');
    const [asked] = await dl.ask('Iemand betaalt iets voor mij');
    expect(asked.channelData?.meldwijzer).toMatchObject({ topic: 'giften', step: 'ask', ask: 'bedrag' });
    const oldWatermark = dl.watermark;
    const oldIds = (await dl.get('')).activities.map((a) => a.id);
    await first.stop();
    expect(first.server.ready).toBe(false);

    const second = await startServer({ dir });
    try {
      const again = new DirectLineClient(second.url);
      Object.assign(again, { conversationId: dl.conversationId, token: dl.token, watermark: oldWatermark });
      const [next] = await again.ask('200');
      // The state survived: the amount was taken and the next gift question follows.
      expect(next.channelData?.meldwijzer).toMatchObject({ topic: 'giften', step: 'ask', ask: 'eerder' });
      // New ids never repeat old ones, and the old watermark still shows everything new.
      const fresh = (await again.get(oldWatermark)).activities;
      expect(fresh.length).toBe(2);
      expect(fresh.some((a) => oldIds.includes(a.id))).toBe(false);
      const [answer] = await again.ask('1000');
      expect(answer.channelData?.meldwijzer).toMatchObject({ topic: 'giften', step: 'answer', outcome: 'vrij' });
      expect(answer.text).toContain('Nee, dit hoeft u niet te melden.');
    } finally {
      await second.stop();
    }
  });

  it('a different secret after the restart makes old tokens invalid (403)', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const first = await startServer({ dir });
    const dl = new DirectLineClient(first.url);
    await dl.start();
    await first.stop();
    const second = await startServer({ dir, secret: 'a-new-secret' });
    try {
      const res = await fetch(`${second.url}/v3/directline/conversations/${dl.conversationId}/activities`, { headers: dl.headers() });
      expect(res.status).toBe(403);
    } finally {
      await second.stop();
    }
  });

  it('close() lets a turn in flight finish, then closes the storage', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const run = await startServer({ dir });
    const dl = new DirectLineClient(run.url);
    await dl.start();
    // Make the turn slow: its state write takes 400 ms.
    const realWrite = SqliteStorage.prototype.write;
    let writing = false;
    const slow = vi.spyOn(SqliteStorage.prototype, 'write').mockImplementation(async function (this: SqliteStorage, changes) {
      writing = true;
      await new Promise((r) => setTimeout(r, 400));
      return realWrite.call(this, changes);
    });
    try {
      const sending = dl.say('mijn moeder betaalt mijn boodschappen');
      while (!writing) await new Promise((r) => setTimeout(r, 5));
      const stopping = run.stop();
      await expect(sending).resolves.toMatch(/\|/);
      await stopping;
    } finally {
      slow.mockRestore();
    }
    expect(run.server.ready).toBe(false);
    await expect(fetch(`${run.url}/healthz`)).rejects.toThrow();
    // The turn's state was written before the storage closed.
    const check = new SqliteStorage(run.storageFile);
    const key = `conversation/directline/${dl.conversationId}`;
    const saved = (await check.read([key]))[key] as { state: { topic: string } };
    check.close();
    expect(saved.state.topic).toBe('giften');
  });
});

describe('npm start (bot/main.ts)', () => {
  it('starts, serves, logs JSON without message text, and exits 0 on SIGTERM', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const child = spawn(process.execPath, ['--import', 'tsx', 'bot/main.ts'], {
      cwd: process.cwd(),
      env: { ...process.env, PORT: '0', MELDWIJZER_DB: join(dir, 'main.sqlite'), MELDWIJZER_SECRET: 'main-test', LOG_LEVEL: 'info', MicrosoftAppId: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const port = await new Promise<number>((resolve, reject) => {
        const timer = setInterval(() => {
          const line = out.split('\n').find((l) => l.includes('"event":"listen"'));
          if (line) {
            clearInterval(timer);
            resolve(JSON.parse(line).port);
          }
        }, 50);
        void exited.then((code) => reject(new Error(`exited ${code}: ${err || out}`)));
      });
      const base = `http://127.0.0.1:${port}`;
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
      const dl = new DirectLineClient(base);
      await dl.start();
      const [r] = await dl.ask('mijn moeder betaalt mijn boodschappen, geheim-woord-xyz');
      expect(r.channelData?.meldwijzer?.topic).toBe('giften');
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      const lines = out.trim().split('\n');
      expect(lines.every((l) => l.startsWith('{') && JSON.parse(l))).toBe(true);
      expect(out).toContain('"event":"auth.off"');
      expect(out).toContain('"event":"reply"');
      expect(out).toContain('"event":"closed"');
      // No message text in the log: neither what the user typed nor what the bot said.
      expect(out).not.toContain('geheim-woord-xyz');
      expect(out).not.toContain('boodschappen');
      expect(out).not.toContain(r.text!.slice(0, 20));
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 60_000);
});
