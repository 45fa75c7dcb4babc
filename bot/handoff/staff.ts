// Staff accounts for the inbox: scrypt password hashes, and the MELDWIJZER_STAFF environment variable.
// Passwords only ever pass through here in memory; they are never stored, logged or echoed.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** Cost parameters. The stored form carries no parameters, so these are fixed for good. */
const SCRYPT: ScryptOptions = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** Longer passwords are refused before hashing (a cheap guard against huge inputs). */
export const MAX_PASSWORD_LENGTH = 1024;

const HASH_FORM = /^scrypt\$((?:[0-9a-fA-F]{2}){8,64})\$((?:[0-9a-fA-F]{2}){16,128})$/;
const USERNAME = /^[a-z0-9][a-z0-9._@-]{0,63}$/;

function derive(password: string, salt: Buffer, length: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, length, SCRYPT, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** `scrypt$<saltHex>$<hashHex>` for a password, with a fresh random salt. */
export async function hashPassword(password: string): Promise<string> {
  if (typeof password !== 'string' || password.length === 0) throw new Error('The password is empty.');
  if (password.length > MAX_PASSWORD_LENGTH) throw new Error(`The password is longer than ${MAX_PASSWORD_LENGTH} characters.`);
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, KEY_BYTES);
  return `scrypt$${salt.toString('hex')}$${key.toString('hex')}`;
}

/** Whether a stored hash is in the form `scrypt$<saltHex>$<hashHex>`. */
export function isPasswordHash(stored: string): boolean {
  return HASH_FORM.test(stored);
}

/** True when `password` matches `stored`; false for a wrong password or a malformed hash (never throws). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const m = typeof stored === 'string' ? HASH_FORM.exec(stored) : null;
  if (!m || typeof password !== 'string' || password.length === 0 || password.length > MAX_PASSWORD_LENGTH) return false;
  const salt = Buffer.from(m[1], 'hex');
  const expected = Buffer.from(m[2], 'hex');
  try {
    const actual = await derive(password, salt, expected.length);
    return timingSafeEqual(actual, expected);
  } catch {
    return false;
  }
}

/** Staff who may log in: username (lower case) → scrypt hash. */
export type StaffAccounts = ReadonlyMap<string, string>;

export interface ParsedStaff {
  staff: Map<string, string>;
  /** One line per entry that was skipped; names the entry by position and user, never shows a hash or password. */
  errors: string[];
}

/**
 * Reads `MELDWIJZER_STAFF`: comma-separated `username:scrypt$<saltHex>$<hashHex>` entries.
 * Bad entries are skipped and reported in `errors`; the good ones are still returned.
 * Usernames are case-insensitive (stored in lower case).
 */
export function parseStaff(value: string | undefined): ParsedStaff {
  const staff = new Map<string, string>();
  const errors: string[] = [];
  if (value === undefined || value.trim() === '') return { staff, errors };
  const entries = value.split(',');
  entries.forEach((raw, i) => {
    const n = i + 1;
    const entry = raw.trim();
    if (entry === '') {
      if (entries.length > 1) errors.push(`MELDWIJZER_STAFF entry ${n} is empty (two commas in a row, or a comma at the end?)`);
      return;
    }
    const colon = entry.indexOf(':');
    if (colon < 0) {
      errors.push(`MELDWIJZER_STAFF entry ${n} has no ':' — write it as username:scrypt$<saltHex>$<hashHex>`);
      return;
    }
    const user = entry.slice(0, colon).trim().toLowerCase();
    const hash = entry.slice(colon + 1).trim();
    if (!USERNAME.test(user)) {
      errors.push(
        `MELDWIJZER_STAFF entry ${n}: the username is empty or not allowed (use 1–64 letters, digits, '.', '_', '-' or '@', starting with a letter or digit)`,
      );
      return;
    }
    if (!isPasswordHash(hash)) {
      errors.push(
        `MELDWIJZER_STAFF entry ${n} (user '${user}'): the password is not a hash in the form scrypt$<saltHex>$<hashHex> — ` +
          'make one with `npx tsx scripts/hash-password.ts` and never put a password itself here',
      );
      return;
    }
    if (staff.has(user)) {
      errors.push(`MELDWIJZER_STAFF entry ${n} (user '${user}'): this user appears more than once; only the first entry is used`);
      return;
    }
    staff.set(user, hash);
  });
  return { staff, errors };
}

/** `parseStaff(env.MELDWIJZER_STAFF)`. */
export function staffFromEnv(env: NodeJS.ProcessEnv = process.env): ParsedStaff {
  return parseStaff(env.MELDWIJZER_STAFF);
}

/** A hash of a random password, to spend the same time on unknown usernames as on known ones. */
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(24).toString('base64'));
  return dummy;
}

export function normalizeUsername(u: string): string {
  return u.trim().toLowerCase();
}
