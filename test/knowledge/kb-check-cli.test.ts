// `kb:check` as a process, the way CI and policy staff run it.
import { execFile } from 'node:child_process';
import { afterAll, describe, test } from 'vitest';
import { copyFixture, edit, FIXTURE, FIXTURE_TOPIC, lineOf, removeCopies, ROOT } from './helpers.ts';

afterAll(removeCopies);

function kbCheck(root: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('npx', ['tsx', 'scripts/kb-check.ts', root], { cwd: ROOT, encoding: 'utf8', timeout: 20_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

// The two processes run side by side: each start of tsx takes a second or two.
describe.concurrent('npx tsx scripts/kb-check.ts <root>', () => {
  test('exits 0 on the minimal fixture and says what it checked', async ({ expect }) => {
    const r = await kbCheck(FIXTURE);
    expect(r.stderr).not.toMatch(/\.yaml:\d+:/);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('kb:check: OK — 1 topics, 1 parameters, 5 worked examples all give the expected answer');
  });

  test('exits non-zero on a broken copy and prints file:line: message', async ({ expect }) => {
    const root = copyFixture();
    const text = edit(root, FIXTURE_TOPIC, '{param: demo.grens}]}', '{param: demo.grns}]}');
    const r = await kbCheck(root);
    expect(r.code).not.toBe(0);
    expect(r.stderr.split('\n')).toContain(
      `spaargeld.yaml:${lineOf(text, 'demo.grns')}: rule 'boven-grens' uses parameter 'demo.grns' which does not exist`,
    );
    expect(r.stderr).toContain('kb:check: 1 problem(s) found.');
    expect(r.stdout).not.toContain('OK');
  });
});
