// npx tsx scripts/hash-password.ts [password]
// Prints `scrypt$<saltHex>$<hashHex>` for a staff password, to put in MELDWIJZER_STAFF as
// `username:<that hash>` (comma-separated for more staff). The password itself is never stored.
//
//   npx tsx scripts/hash-password.ts                 asks for the password (not shown while typing)
//   printf '%s' "$PW" | npx tsx scripts/hash-password.ts   reads it from stdin (one line)
//   npx tsx scripts/hash-password.ts 'geheim'        from the command line (ends up in shell history!)
//
// Only the hash goes to stdout; hints go to stderr.
import { hashPassword, MAX_PASSWORD_LENGTH } from '../bot/handoff/staff.ts';

const MIN_ADVISED = 12;

function fromTerminal(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(prompt);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    let value = '';
    const done = (err?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003' || ch === '\u0004') return done(new Error('cancelled'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else if (ch >= ' ') value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

async function fromPipe(): Promise<string> {
  let text = '';
  process.stdin.setEncoding('utf8');
  for await (const chunk of process.stdin) text += chunk as string;
  // One line: drop only the line ending, keep spaces that belong to the password.
  return text.replace(/\r?\n$/, '');
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.includes('-h') || args.includes('--help')) {
    process.stderr.write(
      'Usage: npx tsx scripts/hash-password.ts [password]\n' +
        'Without an argument the password is read from the terminal (hidden) or from stdin.\n' +
        "Put the printed hash in MELDWIJZER_STAFF as username:hash, e.g. MELDWIJZER_STAFF='anna:scrypt$...$...'\n" +
        "(use single quotes in a shell: the hash contains '$').\n",
    );
    return 0;
  }
  if (args.length > 1) {
    process.stderr.write('Give at most one password (quote it if it contains spaces).\n');
    return 2;
  }
  let password: string;
  if (args.length === 1) {
    password = args[0];
    process.stderr.write('Note: a password on the command line can end up in your shell history.\n');
  } else if (process.stdin.isTTY) {
    password = await fromTerminal('Wachtwoord: ');
    const again = await fromTerminal('Nog een keer: ');
    if (again !== password) {
      process.stderr.write('The two passwords are not the same. Nothing was printed.\n');
      return 1;
    }
  } else {
    password = await fromPipe();
  }
  if (password.length === 0) {
    process.stderr.write('The password is empty. Nothing was printed.\n');
    return 1;
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    process.stderr.write(`The password is longer than ${MAX_PASSWORD_LENGTH} characters. Nothing was printed.\n`);
    return 1;
  }
  if (password.length < MIN_ADVISED) process.stderr.write(`Warning: a password of at least ${MIN_ADVISED} characters is advised.\n`);
  process.stdout.write(`${await hashPassword(password)}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    process.stderr.write(`hash-password: ${err.message}\n`);
    process.exit(1);
  },
);
