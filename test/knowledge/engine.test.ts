// "Which fact to ask next" on partial facts, and the rule that only a fact that can change the
// outcome is asked. Giften is read on its own (with the real parameters), so these tests do not
// depend on other topics being finished.
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { evaluate, type Evaluation, type Facts } from '../../bot/knowledge/engine.ts';
import { Parameters } from '../../bot/knowledge/parameters.ts';
import type { Cond, Topic } from '../../bot/knowledge/schema.ts';
import { readParameters, readTopic, ROOT } from './helpers.ts';

/** A question for `fact`, and no answer yet. */
function expectAsk(r: Evaluation, fact: string): void {
  expect(r.outcome, `expected a question for '${fact}', got outcome '${r.outcome}'`).toBeUndefined();
  expect(r.ask).toBe(fact);
}

/** An answer, and no question. */
function expectOutcome(r: Evaluation, outcome: string): void {
  expect(r.ask, `expected outcome '${outcome}', got a question for '${r.ask}'`).toBeUndefined();
  expect(r.outcome).toBe(outcome);
}

describe('giften: the next fact to ask', () => {
  const giften = readTopic(join(ROOT, 'knowledge/topics/giften.yaml'));
  const params = readParameters(join(ROOT, 'knowledge/parameters.yaml'));
  const run = (facts: Facts) => evaluate(giften, facts, '2026-03-01', params);

  test('no facts: first ask what kind of help it is', () => {
    const r = run({});
    expect(r.ask).toBe('soort');
    expect(r.outcome).toBeUndefined();
    expect(r.kind).toBeUndefined();
    expect(r.rule).toBeUndefined();
  });

  test('money, but no amount yet: ask the amount', () => {
    expectAsk(run({ soort: 'geld' }), 'bedrag');
  });

  test('soort=geld, bedrag=100: ask what came earlier this year', () => {
    expectAsk(run({ soort: 'geld', bedrag: 100 }), 'eerder');
  });

  test('exactly on the limit alone is not above it: earlier gifts still matter, so ask them', () => {
    expectAsk(run({ soort: 'geld', bedrag: 1200 }), 'eerder');
  });

  test('the food bank: answer at once, without asking the amount', () => {
    const r = run({ soort: 'voedselbank' });
    expect(r.ask).toBeUndefined();
    expect(r).toMatchObject({ outcome: 'voedselbank', kind: 'no_report', rule: { id: 'voedselbank' } });
  });

  test('one gift above the limit on its own: answer without asking earlier gifts', () => {
    const r = run({ soort: 'geld', bedrag: 1500 });
    expect(r.ask).toBeUndefined();
    expect(r).toMatchObject({ outcome: 'melden-groot', kind: 'report_may_change', rule: { id: 'gift-alleen-boven-grens' } });
    expect(r.values.bedrag.value).toBe(1500);
    expect(r.values.grens.value).toBe(1200);
  });

  test('an amount above the limit without the kind: the kind is still asked (the food bank would change the answer)', () => {
    expectAsk(run({ bedrag: 1500 }), 'soort');
  });

  test('all facts given: an answer, with the parameter used and its source', () => {
    const r = run({ soort: 'betaald', bedrag: 300, eerder: 1000 });
    expect(r).toMatchObject({ outcome: 'melden', values: { totaal: { value: 1300 }, teveel: { value: 100 } } });
    expect(r.params.map((p) => [p.id, p.value, p.validFrom])).toEqual([['giften.jaargrens', 1200, '2026-01-01']]);
    expect(r.unverified).toBe(false);
  });
});

describe('only facts that can change the outcome are asked', () => {
  const params = new Parameters({});
  const src = { cite: 'Testwet art. 1' };
  const topic = (rules: { id: string; when?: Cond; outcome: string }[]): Topic => ({
    id: 'proef',
    kind: 'duty',
    title: 'title',
    summary: 'summary',
    facts: {
      werk: { type: 'yes-no', question: 'q.werk' },
      uren: { type: 'count', question: 'q.uren' },
      bedrag: { type: 'money', question: 'q.bedrag' },
    },
    rules: rules.map((r) => ({ ...r, source: src })),
    outcomes: {
      melden: { kind: 'must_report', text: 'out.melden' },
      vrij: { kind: 'no_report', text: 'out.vrij' },
    },
    sources: [src],
    examples: [],
  });
  const run = (t: Topic, facts: Facts) => evaluate(t, facts, '2026-01-01', params);

  // Two rules lead to the same outcome "melden"; only the default leads elsewhere.
  const twoWays = topic([
    { id: 'werk', when: { eq: [{ fact: 'werk' }, true] }, outcome: 'melden' },
    { id: 'veel-uren', when: { gt: [{ fact: 'uren' }, 10] }, outcome: 'melden' },
    { id: 'anders', outcome: 'vrij' },
  ]);

  test('the first rule is undecided but a later rule with the same outcome holds: "werk" is not asked', () => {
    const r = run(twoWays, { uren: 20 });
    expect(r.ask).toBeUndefined();
    expect(r.outcome).toBe('melden');
    expect(r.kind).toBe('must_report');
  });

  test('when the missing fact can still change the answer, it is asked', () => {
    // uren=5 rules out "veel-uren"; now "werk" decides between melden and vrij.
    expectAsk(run(twoWays, { uren: 5 }), 'werk');
    expectAsk(run(twoWays, {}), 'werk');
  });

  test('once the fact is known, the answer follows it', () => {
    expect(run(twoWays, { uren: 5, werk: false }).outcome).toBe('vrij');
    expect(run(twoWays, { uren: 5, werk: true }).outcome).toBe('melden');
  });

  test('a later rule with a different outcome does not skip the question', () => {
    const t = topic([
      { id: 'werk', when: { eq: [{ fact: 'werk' }, true] }, outcome: 'melden' },
      { id: 'veel-uren', when: { gt: [{ fact: 'uren' }, 10] }, outcome: 'vrij' },
      { id: 'anders', outcome: 'melden' },
    ]);
    expectAsk(run(t, { uren: 20 }), 'werk');
  });

  test('every rule that could apply leads to the same outcome: nothing is asked at all', () => {
    const t = topic([
      { id: 'werk', when: { eq: [{ fact: 'werk' }, true] }, outcome: 'melden' },
      { id: 'anders', outcome: 'melden' },
    ]);
    const r = run(t, {});
    expect(r.ask).toBeUndefined();
    expect(r.outcome).toBe('melden');
  });

  test('in "any", a part that is already true decides; the unknown part is not asked', () => {
    const t = topic([
      { id: 'een-van', when: { any: [{ eq: [{ fact: 'werk' }, true] }, { gt: [{ fact: 'uren' }, 10] }] }, outcome: 'melden' },
      { id: 'anders', outcome: 'vrij' },
    ]);
    expectOutcome(run(t, { uren: 20 }), 'melden');
    expectAsk(run(t, { uren: 5 }), 'werk');
  });

  test('in "all", a part that is already false decides; the unknown part is not asked', () => {
    const t = topic([
      { id: 'beide', when: { all: [{ eq: [{ fact: 'werk' }, true] }, { gt: [{ fact: 'uren' }, 10] }] }, outcome: 'melden' },
      { id: 'anders', outcome: 'vrij' },
    ]);
    expectOutcome(run(t, { uren: 5 }), 'vrij');
    expectAsk(run(t, { uren: 20 }), 'werk');
  });

  test('a fact used only in a sum is asked when the sum decides', () => {
    const t = topic([
      { id: 'samen', when: { gt: [{ sum: [{ fact: 'bedrag' }, { fact: 'uren' }] }, 100] }, outcome: 'melden' },
      { id: 'anders', outcome: 'vrij' },
    ]);
    expectAsk(run(t, { bedrag: 50 }), 'uren');
    expect(run(t, { bedrag: 50, uren: 60 }).outcome).toBe('melden');
  });

  test('no rule applies and nothing is missing: an error, never a silent answer', () => {
    const t = topic([{ id: 'werk', when: { eq: [{ fact: 'werk' }, true] }, outcome: 'melden' }]);
    expect(() => run(t, { werk: false })).toThrow(/no rule applies/);
  });
});
