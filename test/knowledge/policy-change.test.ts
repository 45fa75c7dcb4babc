// The README's walk-through for policy staff, on a copy of the real knowledge base: a new gift
// limit for 2027 is added with kb:check passing, and a wrong change is caught by the examples.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { evaluate, loadAndCheck } from '../../bot/knowledge/index.ts';
import { ROOT } from './helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'meldwijzer-policy-'));
cpSync(join(ROOT, 'knowledge'), join(dir, 'knowledge'), { recursive: true });
cpSync(join(ROOT, 'locales'), join(dir, 'locales'), { recursive: true });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const params = join(dir, 'knowledge/parameters.yaml');
const gifts = join(dir, 'knowledge/topics/giften.yaml');
const original = { params: readFileSync(params, 'utf8'), gifts: readFileSync(gifts, 'utf8') };

test('a new yearly gift limit with its worked examples passes kb:check and is used from its date', () => {
  writeFileSync(
    params,
    original.params.replace(
      /(giften\.jaargrens:[\s\S]*?2026-01-01:\n\s+value: 1200\n\s+source: .*\n)/,
      `$1    2027-01-01:\n      value: 1250\n      source: {cite: "Participatiewet art. 31 lid 2 onder m (bedrag per 1-1-2027)"}\n`,
    ),
  );
  writeFileSync(
    gifts,
    `${original.gifts.trimEnd()}\n  - name: in 2027 is 1250 euro precies de grens\n    date: 2027-02-01\n    facts: {soort: geld, bedrag: 250, eerder: 1000}\n    expect: {outcome: vrij, values: {grens: 1250, over: 0}}\n  - name: in 2027 is 1251 euro boven de grens\n    date: 2027-02-01\n    facts: {soort: geld, bedrag: 251, eerder: 1000}\n    expect: {outcome: melden, values: {teveel: 1}}\n`,
  );
  const { loaded, errors } = loadAndCheck(dir);
  expect(errors.map(String)).toEqual([]);
  const topic = loaded!.kb.topics.get('giften')!;
  const facts = { soort: 'geld', bedrag: 250, eerder: 1000 };
  expect(evaluate(topic, facts, '2026-12-31', loaded!.kb.parameters).values.grens.value).toBe(1200);
  expect(evaluate(topic, facts, '2027-01-01', loaded!.kb.parameters).values.grens.value).toBe(1250);
});

test('a mistaken change (2026 limit typed as 1100) is caught by the worked examples, with file and line', () => {
  writeFileSync(params, original.params.replace(/(2026-01-01:\n\s+value: )1200/, '$11100'));
  writeFileSync(gifts, original.gifts);
  const { errors } = loadAndCheck(dir);
  const lines = errors.map(String);
  expect(lines.length).toBeGreaterThan(0);
  expect(lines.some((l) => /^giften\.yaml:\d+: example 'precies op de grens van 1200 euro is vrij': expected outcome 'vrij', but got 'melden'/.test(l))).toBe(true);
});
