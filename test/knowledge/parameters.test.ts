// Dated parameters: the value valid on a date, with its valid-from date and source, and never a
// silent default. Reads the real knowledge/parameters.yaml on its own, so that these tests do not
// depend on topics that are still being written.
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { evaluate } from '../../bot/knowledge/engine.ts';
import { NoValueOnDateError, Parameters, UnknownParameterError } from '../../bot/knowledge/parameters.ts';
import type { Topic } from '../../bot/knowledge/schema.ts';
import { readParameters, ROOT } from './helpers.ts';

const params = readParameters(join(ROOT, 'knowledge/parameters.yaml'));

describe('the value valid on a date (real parameters.yaml)', () => {
  test.each([
    ['vermogen.grens.alleenstaand', '2025-07-01', 7770, '2025-07-01'],
    ['vermogen.grens.alleenstaand', '2025-09-15', 7770, '2025-07-01'],
    ['vermogen.grens.alleenstaand', '2025-12-31', 7770, '2025-07-01'],
    ['vermogen.grens.alleenstaand', '2026-01-01', 8000, '2026-01-01'],
    ['vermogen.grens.alleenstaand', '2027-06-30', 8000, '2026-01-01'],
    ['werk.vrijlating.max', '2025-07-01', 278, '2025-07-01'],
    ['werk.vrijlating.max', '2025-12-31', 278, '2025-07-01'],
    ['werk.vrijlating.max', '2026-01-01', 285, '2026-01-01'],
    ['werk.vrijlating.max', '2026-08-01', 285, '2026-01-01'],
  ])('%s on %s is %d (valid from %s)', (id, date, value, validFrom) => {
    const p = params.valueOn(id, date);
    expect(p.value).toBe(value);
    expect(p.validFrom).toBe(validFrom);
    expect(p.id).toBe(id);
    expect(p.unit).toBe('euro');
  });

  test('the day before the first value throws NoValueOnDateError, not a default', () => {
    expect(() => params.valueOn('vermogen.grens.alleenstaand', '2025-06-30')).toThrow(NoValueOnDateError);
    expect(() => params.valueOn('werk.vrijlating.max', '2025-06-30')).toThrow(
      "parameter 'werk.vrijlating.max' has no value on 2025-06-30; its first value is valid from 2025-07-01",
    );
  });

  test('an unknown parameter throws UnknownParameterError', () => {
    expect(params.has('vermogen.grens.alleen')).toBe(false);
    expect(() => params.valueOn('vermogen.grens.alleen', '2026-01-01')).toThrow(UnknownParameterError);
    expect(() => params.get('vermogen.grens.alleen')).toThrow("parameter 'vermogen.grens.alleen' does not exist");
  });

  test('the source (cite and url) of the value that applies is returned', () => {
    const before = params.valueOn('vermogen.grens.alleenstaand', '2025-12-31');
    expect(before.cite).toBe('Participatiewet art. 34 lid 3 onder a (bedrag per 1-7-2025)');
    expect(before.url).toBeUndefined();
    const after = params.valueOn('vermogen.grens.alleenstaand', '2026-01-01');
    expect(after.cite).toBe('Participatiewet art. 34 lid 3 onder a (bedrag per 1-1-2026)');
    expect(after.url).toBe('https://wetten.overheid.nl/BWBR0015703/2026-01-01');
    expect(params.valueOn('werk.vrijlating.max', '2026-01-01').cite).toBe('Participatiewet art. 31 lid 2 onder n (bedrag per 1-1-2026)');
  });

  test('a value without "verified" counts as verified; verified: false is flagged, per dated value', () => {
    expect(params.valueOn('vermogen.grens.alleenstaand', '2026-01-01').verified).toBe(true);
    expect(params.valueOn('vrijwilligers.max_maand', '2025-12-31').verified).toBe(true);
    expect(params.valueOn('vrijwilligers.max_maand', '2026-01-01').verified).toBe(false);
    expect(params.valueOn('inkomenstoeslag.bedrag.paar', '2026-02-01')).toMatchObject({ value: 708, verified: false });
  });

  test('history lists every dated change, oldest first', () => {
    const h = params.history().find((x) => x.id === 'vermogen.grens.alleenstaand')!;
    expect(h.changes.map((c) => [c.validFrom, c.value])).toEqual([
      ['2025-07-01', 7770],
      ['2026-01-01', 8000],
    ]);
  });
});

describe('lookup rules that do not depend on the real values', () => {
  const src = { cite: 'Testwet art. 1' };
  // Written newest first on purpose: the order in the file must not matter.
  const p = new Parameters({
    t: {
      description: 'test',
      unit: 'euro',
      values: {
        '2026-01-01': { value: 3, source: src, verified: false },
        '2024-01-01': { value: 1, source: src },
        '2025-01-01': { value: 2, source: src, verified: true },
      },
    },
  });

  test.each([
    ['2024-01-01', 1],
    ['2024-12-31', 1],
    ['2025-01-01', 2],
    ['2025-12-31', 2],
    ['2026-01-01', 3],
    ['2099-01-01', 3],
  ])('on %s the value is %d', (date, value) => {
    expect(p.valueOn('t', date).value).toBe(value);
  });

  test('before the first value: an error naming the first valid-from date', () => {
    expect(() => p.valueOn('t', '2023-12-31')).toThrow(/first value is valid from 2024-01-01/);
  });

  test('a parameter name that exists on Object.prototype is still unknown', () => {
    expect(p.has('constructor')).toBe(false);
    expect(() => p.valueOn('toString', '2026-01-01')).toThrow(UnknownParameterError);
  });
});

describe('the engine uses the dated value and passes "not verified" on', () => {
  const src = { cite: 'Testwet art. 1' };
  const p = new Parameters({
    grens: {
      description: 'test',
      unit: 'euro',
      values: {
        '2025-01-01': { value: 100, source: src },
        '2026-01-01': { value: 200, source: { cite: 'Testwet 2026: niet bevestigd' }, verified: false },
      },
    },
  });
  // A decision that compares with the parameter but does not show it.
  const topic: Topic = {
    id: 't',
    kind: 'duty',
    title: 'title',
    summary: 'summary',
    facts: { bedrag: { type: 'money', question: 'q' } },
    rules: [
      { id: 'boven', when: { gt: [{ fact: 'bedrag' }, { param: 'grens' }] }, outcome: 'melden', source: { cite: 'Testwet art. 2' } },
      { id: 'anders', outcome: 'vrij', source: { cite: 'Testwet art. 3' } },
    ],
    outcomes: {
      melden: { kind: 'must_report', text: 'out.melden' },
      vrij: { kind: 'no_report', text: 'out.vrij', values: { grens: { value: { param: 'grens' }, format: 'money' } } },
    },
    sources: [src],
    examples: [],
  };

  test('the same facts give a different answer on either side of the change', () => {
    expect(evaluate(topic, { bedrag: 150 }, '2025-12-31', p).outcome).toBe('melden');
    expect(evaluate(topic, { bedrag: 150 }, '2026-01-01', p).outcome).toBe('vrij');
  });

  test('the parameter values used are listed with valid-from and source', () => {
    const r = evaluate(topic, { bedrag: 150 }, '2025-06-01', p);
    expect(r.params).toEqual([
      { id: 'grens', value: 100, validFrom: '2025-01-01', cite: 'Testwet art. 1', url: undefined, verified: true, unit: 'euro' },
    ]);
  });

  test('a shown value from an unverified parameter is flagged', () => {
    const r = evaluate(topic, { bedrag: 150 }, '2026-02-01', p);
    expect(r.values.grens).toEqual({ value: 200, format: 'money', unverified: true });
    expect(r.unverified).toBe(true);
  });

  test('a decision that only compares with an unverified parameter is flagged too', () => {
    const r = evaluate(topic, { bedrag: 250 }, '2026-02-01', p);
    expect(r.outcome).toBe('melden');
    expect(r.values).toEqual({});
    expect(r.unverified).toBe(true);
    // …and is not flagged when the value on that date is confirmed.
    expect(evaluate(topic, { bedrag: 250 }, '2025-02-01', p)).toMatchObject({ outcome: 'melden', unverified: false });
  });

  test('a rule marked verified: false flags the answer', () => {
    const t: Topic = { ...topic, rules: [{ ...topic.rules[0], verified: false }, topic.rules[1]] };
    expect(evaluate(t, { bedrag: 150 }, '2025-02-01', p)).toMatchObject({
      outcome: 'melden',
      unverified: true,
      rule: { id: 'boven', verified: false },
    });
  });

  test('a date before the first value makes evaluate throw instead of answering', () => {
    expect(() => evaluate(topic, { bedrag: 150 }, '2024-12-31', p)).toThrow(NoValueOnDateError);
  });
});
