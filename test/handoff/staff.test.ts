// Staff passwords (scrypt) and MELDWIJZER_STAFF parsing; the hash-password script as a process.
import { execFile } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { hashPassword, parseStaff, staffFromEnv, verifyPassword } from '../../bot/handoff/inbox.ts';

const FORM = /^scrypt\$[0-9a-f]{32}\$[0-9a-f]{64}$/;

describe('hashPassword / verifyPassword', () => {
  test('a hash is scrypt$<saltHex>$<hashHex>, salted differently each time, and holds no password', async () => {
    const a = await hashPassword('Correct Horse Battery');
    const b = await hashPassword('Correct Horse Battery');
    expect(a).toMatch(FORM);
    expect(b).toMatch(FORM);
    expect(a).not.toBe(b);
    expect(a).not.toContain('Correct');
  });

  test('the right password verifies; a wrong one, a near miss or an empty one does not', async () => {
    const h = await hashPassword('Correct Horse Battery');
    expect(await verifyPassword('Correct Horse Battery', h)).toBe(true);
    expect(await verifyPassword('correct horse battery', h)).toBe(false);
    expect(await verifyPassword('Correct Horse Battery ', h)).toBe(false);
    expect(await verifyPassword('', h)).toBe(false);
  });

  test('unicode passwords work, in either normal form', async () => {
    const h = await hashPassword('Crème brûlée ١٢٣');
    expect(await verifyPassword('Crème brûlée ١٢٣', h)).toBe(true);
    expect(await verifyPassword('Cre\u0300me bru\u0302le\u0301e ١٢٣', h)).toBe(true);
  });

  test('a malformed stored hash is a "no", never an exception', async () => {
    for (const stored of ['', 'geheim', 'scrypt$$', 'scrypt$zz$zz', 'bcrypt$00112233445566778899aabbccddeeff$' + '0'.repeat(64), 'scrypt$0011$' + '0'.repeat(64)])
      expect(await verifyPassword('geheim', stored), stored).toBe(false);
  });

  test('an empty or huge password cannot be hashed', async () => {
    await expect(hashPassword('')).rejects.toThrow(/empty/);
    await expect(hashPassword('x'.repeat(2000))).rejects.toThrow(/longer/);
  });
});

describe('parseStaff (MELDWIJZER_STAFF)', () => {
  const h1 = 'scrypt$00112233445566778899aabbccddeeff$' + 'ab'.repeat(32);
  const h2 = 'scrypt$ffeeddccbbaa99887766554433221100$' + 'cd'.repeat(32);

  test('nothing set: no staff and no errors', () => {
    expect(parseStaff(undefined)).toEqual({ staff: new Map(), errors: [] });
    expect(parseStaff('  ')).toEqual({ staff: new Map(), errors: [] });
    expect(staffFromEnv({})).toEqual({ staff: new Map(), errors: [] });
  });

  test('good entries, with spaces and capitals, are read', () => {
    const { staff, errors } = parseStaff(` Anna:${h1} , bert.de-vries@heerenveen.nl:${h2}`);
    expect(errors).toEqual([]);
    expect([...staff]).toEqual([
      ['anna', h1],
      ['bert.de-vries@heerenveen.nl', h2],
    ]);
    expect(staffFromEnv({ MELDWIJZER_STAFF: `anna:${h1}` }).staff.get('anna')).toBe(h1);
  });

  test('bad entries are reported one by one, by position and user, without crashing and without showing secrets', () => {
    const value = [`anna:${h1}`, 'geen-dubbele-punt', 'bert:WelkomBert2026', `:${h2}`, `anna:${h2}`, 'carla:scrypt$abc$def', `a b:${h1}`, ''].join(',');
    const { staff, errors } = parseStaff(value);
    expect([...staff.keys()]).toEqual(['anna']);
    expect(staff.get('anna')).toBe(h1);
    expect(errors).toHaveLength(7);
    expect(errors[0]).toMatch(/^MELDWIJZER_STAFF entry 2 has no ':'/);
    expect(errors[1]).toMatch(/^MELDWIJZER_STAFF entry 3 \(user 'bert'\): the password is not a hash in the form scrypt\$<saltHex>\$<hashHex>/);
    expect(errors[1]).toContain('scripts/hash-password.ts');
    expect(errors[2]).toMatch(/^MELDWIJZER_STAFF entry 4: the username is empty or not allowed/);
    expect(errors[3]).toMatch(/^MELDWIJZER_STAFF entry 5 \(user 'anna'\): this user appears more than once/);
    expect(errors[4]).toMatch(/^MELDWIJZER_STAFF entry 6 \(user 'carla'\): the password is not a hash/);
    expect(errors[5]).toMatch(/^MELDWIJZER_STAFF entry 7: the username is empty or not allowed/);
    expect(errors[6]).toMatch(/^MELDWIJZER_STAFF entry 8 is empty/);
    const all = errors.join('\n');
    for (const secret of ['WelkomBert2026', 'geen-dubbele-punt', h1, h2]) expect(all).not.toContain(secret);
  });

  test('a parsed account logs in with its password', async () => {
    const hash = await hashPassword('Sterk-Wachtwoord-42');
    const { staff } = parseStaff(`Dirk:${hash}`);
    expect(await verifyPassword('Sterk-Wachtwoord-42', staff.get('dirk')!)).toBe(true);
  });
});

function run(args: string[], input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile('npx', ['tsx', 'scripts/hash-password.ts', ...args], { encoding: 'utf8', timeout: 20_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr });
    });
    child.stdin!.end(input ?? '');
  });
}

describe.concurrent('npx tsx scripts/hash-password.ts', () => {
  test('reads the password from stdin and prints only a hash that verifies', async () => {
    const r = await run([], 'Een Goed Wachtwoord 7\n');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^scrypt\$[0-9a-f]{32}\$[0-9a-f]{64}\n$/);
    expect(r.stdout + r.stderr).not.toContain('Een Goed');
    expect(await verifyPassword('Een Goed Wachtwoord 7', r.stdout.trim())).toBe(true);
    expect(parseStaff(`anna:${r.stdout.trim()}`).errors).toEqual([]);
  });

  test('takes the password as an argument too, with a warning about shell history', async () => {
    const r = await run(['kort']);
    expect(r.code).toBe(0);
    expect(await verifyPassword('kort', r.stdout.trim())).toBe(true);
    expect(r.stderr).toContain('shell history');
    expect(r.stderr).toContain('at least 12 characters');
  });

  test('refuses an empty password', async () => {
    const r = await run([], '');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('empty');
  });
});
