// Every worked example of every topic, one test each, found by reading knowledge/ (no list of
// topics here: a new topic is tested as soon as its file exists). Uses loadKnowledge and
// loadResources directly, not loadAndCheck, so that the examples are run even while a
// cross-check (e.g. a follow-up to a topic that is not written yet) still fails.
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { LANGUAGES, loadResources, lookup } from '../../bot/i18n/locales.ts';
import { evaluate } from '../../bot/knowledge/engine.ts';
import { factOf, loadKnowledge } from '../../bot/knowledge/load.ts';
import type { Example, Topic } from '../../bot/knowledge/schema.ts';
import { ROOT } from './helpers.ts';

const { kb, errors } = loadKnowledge(join(ROOT, 'knowledge'));
const { resources } = loadResources(join(ROOT, 'locales'));
const topics: [string, Topic][] = kb ? [...kb.topics.values()].map((t) => [t.id, t]) : [];

test('knowledge/ loads without schema errors (otherwise no examples can be run)', () => {
  expect(errors.map(String)).toEqual([]);
  expect(kb).toBeDefined();
  // The suite below is never empty: giften is the first topic and must stay.
  expect(topics.map(([id]) => id)).toContain('giften');
});

describe.each(topics)('topic %s', (_id, topic) => {
  const cases: [string, Example][] = topic.examples.map((ex, i) => [`${i + 1}. ${ex.name}`, ex]);
  const run = (ex: Example) => evaluate(topic, ex.facts, ex.date, kb!.parameters);

  test.each(cases)('%s', (_name, ex) => {
    const got = run(ex);
    const want = ex.expect;
    if (want.ask !== undefined) {
      expect(got.outcome, `expected a question for '${want.ask}'`).toBeUndefined();
      expect(got.ask).toBe(want.ask);
      expect(factOf(kb!, topic, want.ask), `fact '${want.ask}' is not declared`).toBeDefined();
      return;
    }
    expect(got.ask, `expected outcome '${want.outcome}'`).toBeUndefined();
    expect(got.outcome).toBe(want.outcome);
    expect(got.kind).toBe(topic.outcomes[want.outcome!].kind);
    expect(got.rule?.cite.length).toBeGreaterThan(2);
    for (const [name, value] of Object.entries(want.values ?? {})) expect(got.values[name]?.value, `value '${name}'`).toBe(value);
  });

  // Separate from the test above, so that the engine's result is reported even while a topic's
  // texts are still being written.
  test.each(cases)('%s: the reply can be written out in nl, en and ar', (_name, ex) => {
    const got = run(ex);
    if (got.ask !== undefined) {
      // The question for the asked fact exists in every language.
      const fact = factOf(kb!, topic, got.ask)!;
      const ns = topic.facts?.[got.ask] ? topic.id : 'facts';
      for (const lng of LANGUAGES) expect(lookup(resources, lng, ns, fact.question), `${lng}/${ns}.json: ${fact.question}`).toBeTypeOf('string');
      return;
    }
    // The answer's texts exist, and every {{placeholder}} in them has a value for these facts
    // (a value whose facts are missing is not shown, and would be left as "{{name}}").
    const outcome = topic.outcomes[got.outcome!];
    for (const key of [outcome.text, outcome.next].filter((k): k is string => k !== undefined))
      for (const lng of LANGUAGES) {
        const text = lookup(resources, lng, topic.id, key);
        expect(text, `${lng}/${topic.id}.json: ${key}`).toBeTypeOf('string');
        for (const [, name] of (text as string).matchAll(/\{\{\s*([\w-]+)\s*\}\}/g))
          expect(got.values, `{{${name}}} in ${lng}/${topic.id}.json '${key}' has no value here`).toHaveProperty(name);
      }
  });
});
