// botbuilder's Storage interface on an embedded SQLite file, so a restart loses no conversation.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Storage, StoreItems } from 'botbuilder';

export class SqliteStorage implements Storage {
  readonly db: Database.Database;
  private readonly getStmt: Database.Statement<[string], { value: string }>;
  private readonly putStmt: Database.Statement<[string, string, number]>;
  private readonly delStmt: Database.Statement<[string]>;

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    // With WAL, NORMAL survives a crash of the process; only a power cut may lose the last turns.
    // It saves a disk sync (~2 ms, blocking) on every turn.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec('CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated INTEGER NOT NULL)');
    this.getStmt = this.db.prepare('SELECT value FROM state WHERE key = ?');
    this.putStmt = this.db.prepare(
      'INSERT INTO state (key, value, updated) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated = excluded.updated',
    );
    this.delStmt = this.db.prepare('DELETE FROM state WHERE key = ?');
  }

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    for (const key of keys) {
      const row = this.getStmt.get(key);
      if (row) items[key] = JSON.parse(row.value);
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const now = Date.now();
    this.db.transaction(() => {
      for (const [key, value] of Object.entries(changes)) this.putStmt.run(key, JSON.stringify(value), now);
    })();
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) this.delStmt.run(key);
  }

  /** Removes conversations untouched for longer than `ms`; returns how many. */
  purgeOlderThan(ms: number, now = Date.now()): number {
    return this.db.prepare('DELETE FROM state WHERE updated < ?').run(now - ms).changes;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
