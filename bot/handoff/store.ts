// Requests a client leaves for their contact person, in the embedded database, with retention.
import Database from 'better-sqlite3';
import type { CallbackRequest } from './request.ts';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type NewRequest = CallbackRequest;

export interface StoredRequest extends NewRequest {
  id: number;
  createdAt: number;
  handledAt: number | null;
  handledBy: string | null;
}

export interface Retention {
  /** Days a handled request is kept after handling (default 30). */
  handledDays: number;
  /** Days an open request is kept at most (default 90). */
  openDays: number;
}

export const DEFAULT_RETENTION: Retention = { handledDays: 30, openDays: 90 };
const DAY = 24 * 60 * 60 * 1000;

export class RequestStore {
  readonly db: Database.Database;

  constructor(
    file: string,
    readonly retention: Retention = DEFAULT_RETENTION,
    private readonly now: () => number = Date.now,
  ) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS requests (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        reference TEXT NOT NULL UNIQUE,
        language TEXT NOT NULL,
        name TEXT NOT NULL,
        phone TEXT, email TEXT, contact_person TEXT, call_time TEXT,
        summary TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        handled_at INTEGER, handled_by TEXT
      );
      CREATE TABLE IF NOT EXISTS audit (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL, staff TEXT NOT NULL, action TEXT NOT NULL, reference TEXT
      );`);
  }

  add(r: NewRequest): StoredRequest {
    const createdAt = this.now();
    const info = this.db
      .prepare(
        `INSERT INTO requests (reference, language, name, phone, email, contact_person, call_time, summary, created_at)
         VALUES (@reference, @language, @name, @phone, @email, @contactPerson, @callTime, @summary, @createdAt)`,
      )
      .run({ phone: null, email: null, contactPerson: null, callTime: null, ...r, createdAt });
    return this.get(Number(info.lastInsertRowid))!;
  }

  private static row(r: Record<string, unknown> | undefined): StoredRequest | undefined {
    if (!r) return undefined;
    return {
      id: r.id as number,
      reference: r.reference as string,
      language: r.language as string,
      name: r.name as string,
      phone: (r.phone as string | null) ?? undefined,
      email: (r.email as string | null) ?? undefined,
      contactPerson: (r.contact_person as string | null) ?? undefined,
      callTime: (r.call_time as string | null) ?? undefined,
      summary: r.summary as string,
      createdAt: r.created_at as number,
      handledAt: (r.handled_at as number | null) ?? null,
      handledBy: (r.handled_by as string | null) ?? null,
    };
  }

  get(id: number): StoredRequest | undefined {
    return RequestStore.row(this.db.prepare('SELECT * FROM requests WHERE id = ?').get(id) as Record<string, unknown> | undefined);
  }

  byReference(reference: string): StoredRequest | undefined {
    return RequestStore.row(this.db.prepare('SELECT * FROM requests WHERE reference = ?').get(reference) as Record<string, unknown> | undefined);
  }

  /** Open requests first, oldest first; then handled ones, newest first. */
  list(): StoredRequest[] {
    return (this.db.prepare('SELECT * FROM requests ORDER BY handled_at IS NOT NULL, CASE WHEN handled_at IS NULL THEN created_at ELSE -handled_at END').all() as Record<string, unknown>[]).map(
      (r) => RequestStore.row(r)!,
    );
  }

  markHandled(id: number, staff: string): boolean {
    return this.db.prepare('UPDATE requests SET handled_at = ?, handled_by = ? WHERE id = ? AND handled_at IS NULL').run(this.now(), staff, id).changes > 0;
  }

  delete(id: number): boolean {
    return this.db.prepare('DELETE FROM requests WHERE id = ?').run(id).changes > 0;
  }

  audit(staff: string, action: string, reference?: string): void {
    this.db.prepare('INSERT INTO audit (at, staff, action, reference) VALUES (?, ?, ?, ?)').run(this.now(), staff, action, reference ?? null);
  }

  auditTrail(): { at: number; staff: string; action: string; reference: string | null }[] {
    return this.db.prepare('SELECT at, staff, action, reference FROM audit ORDER BY id').all() as {
      at: number;
      staff: string;
      action: string;
      reference: string | null;
    }[];
  }

  /** Removes what is past its retention; returns how many requests. */
  purge(): number {
    const now = this.now();
    return this.db
      .prepare('DELETE FROM requests WHERE (handled_at IS NOT NULL AND handled_at < ?) OR (handled_at IS NULL AND created_at < ?)')
      .run(now - this.retention.handledDays * DAY, now - this.retention.openDays * DAY).changes;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
