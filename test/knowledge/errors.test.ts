// Every kind of knowledge-base problem, each made by changing one thing in a copy of the minimal
// fixture. Each test checks that the problem is found, in which file, on which line, and that
// the message says what is wrong in words a policy officer understands.
import { renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { loadAndCheck } from '../../bot/knowledge/index.ts';
import { copyFixture, edit, editJson, FIXTURE, FIXTURE_TOPIC, lineOf, readText, removeCopies } from './helpers.ts';

afterAll(removeCopies);

/** The problems kb:check would print for `root`, as "file:line: message". */
function problems(root: string): string[] {
  const { loaded, errors } = loadAndCheck(root);
  if (errors.length) expect(loaded).toBeUndefined();
  return errors.map(String);
}

/** The line number of a "file:line: message" problem. */
function lineNo(problem: string): number {
  const m = /^[^:]+:(\d+): /.exec(problem);
  if (!m) throw new Error(`not a "file:line: message" problem: ${problem}`);
  return Number(m[1]);
}

/**
 * A problem about a whole block (an outcome, a glossary term, the list of examples) points at
 * the block's key or at the block's first line; both are fine for the reader.
 */
function blockLines(text: string, key: string): number[] {
  const line = lineOf(text, key);
  return [line, line + 1];
}

/** A copy of the fixture with one text replaced in the topic file; returns the changed text. */
function brokenTopic(from: string, to: string): { root: string; text: string } {
  const root = copyFixture();
  return { root, text: edit(root, FIXTURE_TOPIC, from, to) };
}

test('the untouched minimal fixture has no problems (so every error below comes from the one change)', () => {
  const { loaded, errors } = loadAndCheck(FIXTURE);
  expect(errors.map(String)).toEqual([]);
  expect([...loaded!.kb.topics.keys()]).toEqual(['spaargeld']);
  expect(loaded!.kb.parameters.ids()).toEqual(['demo.grens']);
  expect(Object.keys(loaded!.kb.sharedFacts)).toEqual(['huishouden']);
  expect(loaded!.kb.glossary).toEqual(['vermogen']);
});

describe('YAML that cannot be read', () => {
  test('a nested mapping on one line is reported with its file and line', () => {
    const { root, text } = brokenTopic('kind: duty\n', 'kind: duty: plicht\n');
    const line = lineOf(text, 'kind: duty: plicht');
    const errs = problems(root);
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatch(new RegExp(`^spaargeld\\.yaml:${line}: this is not valid YAML: `));
  });

  test('a key written twice is not silently overwritten', () => {
    const { root, text } = brokenTopic('summary: summary\n', 'summary: summary\ntitle: other\n');
    const line = lineOf(text, 'title: other');
    const errs = problems(root);
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatch(new RegExp(`^spaargeld\\.yaml:${line}: this is not valid YAML: .*unique`));
  });

  test('a locale file that is not valid JSON names that file', () => {
    const root = copyFixture();
    edit(root, 'locales/en/spaargeld.json', '"title": "Savings",', '"title": "Savings"');
    const errs = problems(root);
    expect(errs).toContainEqual(expect.stringMatching(/^locales\/en\/spaargeld\.json:1: this is not valid JSON: /));
  });
});

describe('schema problems', () => {
  test('an unknown key at the top of a topic: file and the line of that key', () => {
    const { root, text } = brokenTopic('kind: duty\n', 'kind: duty\nkleur: rood\n');
    expect(problems(root)).toEqual([
      `spaargeld.yaml:${lineOf(text, 'kleur: rood')}: unknown key 'kleur': check the spelling, or remove it`,
    ]);
  });

  test('an unknown key inside a rule: file, the line of that key, and where it is', () => {
    const { root, text } = brokenTopic(
      '    outcome: melden\n    source: {cite: "Testwet art. 4"',
      '    outcome: melden\n    verifed: false\n    source: {cite: "Testwet art. 4"',
    );
    expect(problems(root)).toEqual([
      `spaargeld.yaml:${lineOf(text, 'verifed: false')}: unknown key 'verifed' in 'rules.1': check the spelling, or remove it`,
    ]);
  });

  test('a missing required key points at the rule that lacks it', () => {
    const { root, text } = brokenTopic('    source: {cite: "Testwet art. 5"}\n', '');
    expect(problems(root)).toEqual([`spaargeld.yaml:${lineOf(text, '- id: anders')}: 'source' is missing in 'rules.2'`]);
  });

  test('a missing file is named', () => {
    const root = copyFixture();
    rmSync(join(root, 'knowledge/glossary.yaml'));
    expect(problems(root)).toEqual(['glossary.yaml:1: this file is missing']);
  });

  test('text where a number is expected says "should be a number", not "is missing"', () => {
    const root = copyFixture();
    const text = edit(root, 'knowledge/parameters.yaml', 'value: 150\n', 'value: honderdvijftig\n');
    expect(problems(root)).toEqual([
      `parameters.yaml:${lineOf(text, 'value: honderdvijftig')}: 'demo.grens.values.2026-01-01.value' should be a number (without € or dots, for example 1200)`,
    ]);
  });

  test('text where a number is expected in a topic fact', () => {
    const { root, text } = brokenTopic('    min: 0\n', '    min: nul\n');
    expect(problems(root)).toEqual([
      `spaargeld.yaml:${lineOf(text, 'min: nul')}: 'facts.bedrag.min' should be a number (without € or dots, for example 1200)`,
    ]);
  });

  test('a word that is not one of the allowed ones lists the allowed ones', () => {
    const { root, text } = brokenTopic('kind: duty\n', 'kind: plicht\n');
    expect(problems(root)).toEqual([`spaargeld.yaml:${lineOf(text, 'kind: plicht')}: 'kind' must be one of: duty, right`]);
  });

  test('a valid-from date not written as YYYY-MM-DD is refused at its line (lookups compare dates as text)', () => {
    const root = copyFixture();
    const text = edit(root, 'knowledge/parameters.yaml', '    2026-01-01:\n', '    2026-1-1:\n');
    expect(problems(root)).toEqual([
      `parameters.yaml:${lineOf(text, '2026-1-1:')}: 'demo.grens.values.2026-1-1': write a valid-from date as YYYY-MM-DD, for example 2026-01-01`,
    ]);
  });

  test('topic id not equal to the file name', () => {
    const { root, text } = brokenTopic('id: spaargeld\n', 'id: sparen\n');
    expect(problems(root)).toEqual([
      `spaargeld.yaml:${lineOf(text, 'id: sparen')}: the id 'sparen' must be the same as the file name 'spaargeld'`,
    ]);
  });

  test('fewer than 4 worked examples', () => {
    const root = copyFixture();
    const before = readText(root, FIXTURE_TOPIC);
    const cut = before.indexOf('  - name: in 2025');
    expect(cut).toBeGreaterThan(0);
    const text = edit(root, FIXTURE_TOPIC, before.slice(cut), '');
    expect(text.match(/- name:/g)).toHaveLength(3);
    const errs = problems(root);
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatch(/^spaargeld\.yaml:\d+: 'examples': every topic needs at least 4 worked examples$/);
    // The "examples:" key or its first item.
    expect(blockLines(text, 'examples:')).toContain(lineNo(errs[0]));
  });
});

describe('cross-checks between files', () => {
  test('a rule using a parameter that does not exist', () => {
    const { root, text } = brokenTopic('{param: demo.grens}]}', '{param: demo.grns}]}');
    expect(problems(root)).toEqual([
      `spaargeld.yaml:${lineOf(text, 'demo.grns')}: rule 'boven-grens' uses parameter 'demo.grns' which does not exist`,
    ]);
  });

  test('an outcome value using a parameter that does not exist names the outcome', () => {
    const { root, text } = brokenTopic('grens: {value: {param: demo.grens}', 'grens: {value: {param: demo.limiet}');
    expect(problems(root)).toEqual([
      `spaargeld.yaml:${lineOf(text, 'demo.limiet')}: outcome 'melden' uses parameter 'demo.limiet' which does not exist`,
    ]);
  });

  test('a rule using a fact that does not exist', () => {
    const { root, text } = brokenTopic('{gt: [{fact: bedrag}', '{gt: [{fact: bedrog}');
    expect(problems(root)).toEqual([`spaargeld.yaml:${lineOf(text, 'bedrog')}: rule 'boven-grens' uses fact 'bedrog' which does not exist`]);
  });

  test('a rule leading to an outcome that does not exist', () => {
    const { root, text } = brokenTopic('    outcome: vrij\n', '    outcome: vrije\n');
    const errs = problems(root);
    expect(errs).toContain(`spaargeld.yaml:${lineOf(text, 'outcome: vrije')}: rule 'anders' leads to outcome 'vrije' which does not exist`);
    // …which leaves the real outcome unreachable: also said, and nothing else.
    expect(errs).toContainEqual(expect.stringMatching(/^spaargeld\.yaml:\d+: outcome 'vrij' is never reached by a rule$/));
    expect(errs).toHaveLength(2);
  });

  test('a choice fact compared with a word that is not one of its options', () => {
    const { root, text } = brokenTopic('{fact: soort}, contant]}', '{fact: soort}, cash]}');
    expect(problems(root)).toEqual([
      `spaargeld.yaml:${lineOf(text, 'cash]}')}: rule 'contant' compares 'soort' with 'cash', which is not one of its choices (bank, contant)`,
    ]);
  });

  test('an example giving a fact that does not exist', () => {
    const { root, text } = brokenTopic('facts: {soort: bank, bedrag: 200}', 'facts: {soort: bank, bedrag: 200, leeftijd: 30}');
    expect(problems(root)).toEqual([
      `spaargeld.yaml:${lineOf(text, 'leeftijd: 30')}: example 'op de bank boven de grens melden' gives fact 'leeftijd' which does not exist`,
    ]);
  });
});

describe('texts', () => {
  test('a text key missing in one locale names that locale file, and only that one', () => {
    const root = copyFixture();
    editJson(root, 'locales/en/spaargeld.json', (d) => {
      expect(d.out.vrij).toBeTypeOf('string');
      delete d.out.vrij;
    });
    const text = readText(root, FIXTURE_TOPIC);
    expect(problems(root)).toEqual([`spaargeld.yaml:${lineOf(text, 'text: out.vrij')}: text 'out.vrij' is missing in locales/en/spaargeld.json`]);
  });

  test('a whole locale file missing: every key of it is named with that file', () => {
    const root = copyFixture();
    rmSync(join(root, 'locales/ar/glossary.json'));
    const text = readText(root, 'knowledge/glossary.yaml');
    const errs = problems(root);
    expect(errs.map((e) => e.replace(/^glossary\.yaml:\d+: /, ''))).toEqual([
      "text 'vermogen.term' is missing in locales/ar/glossary.json",
      "text 'vermogen.explain' is missing in locales/ar/glossary.json",
      "text 'vermogen.match' is missing in locales/ar/glossary.json (a list of phrasings is needed)",
    ]);
    // The term's key or the first line of its block.
    for (const e of errs) expect(blockLines(text, 'vermogen:')).toContain(lineNo(e));
  });

  test('a topic without its list of phrasings ("match")', () => {
    const root = copyFixture();
    editJson(root, 'locales/nl/spaargeld.json', (d) => {
      d.match = 'spaargeld';
    });
    expect(problems(root)).toEqual([
      `spaargeld.yaml:${lineOf(readText(root, FIXTURE_TOPIC), 'id: spaargeld')}: text 'match' is missing in locales/nl/spaargeld.json (a list of phrasings is needed)`,
    ]);
  });

  test('a {{placeholder}} that is not one of the outcome values', () => {
    const root = copyFixture();
    editJson(root, 'locales/nl/spaargeld.json', (d) => {
      expect(d.out.melden).toContain('{{grens}}');
      d.out.melden = d.out.melden.replace('{{grens}}', '{{limiet}}');
    });
    const errs = problems(root);
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatch(
      /^spaargeld\.yaml:\d+: outcome 'melden': text 'out\.melden' in locales\/nl\/spaargeld\.json uses \{\{limiet\}\}, which is not one of the outcome's values$/,
    );
    // The outcome's key or the first line of its block.
    expect(blockLines(readText(root, FIXTURE_TOPIC), '  melden:')).toContain(lineNo(errs[0]));
  });
});

describe('rules and worked examples', () => {
  test('a worked example whose expected outcome is wrong names the example and its line', () => {
    const { root, text } = brokenTopic('expect: {outcome: vrij, values: {over: 50}}', 'expect: {outcome: melden}');
    expect(problems(root)).toEqual([
      `spaargeld.yaml:${lineOf(text, '- name: op de bank onder de grens is vrij')}: example 'op de bank onder de grens is vrij': expected outcome 'melden', but got 'vrij' (rule 'anders')`,
    ]);
  });

  test('a worked example whose expected value is wrong', () => {
    const { root, text } = brokenTopic('values: {over: 50}', 'values: {over: 60}');
    expect(problems(root)).toEqual([
      `spaargeld.yaml:${lineOf(text, '- name: op de bank onder de grens is vrij')}: example 'op de bank onder de grens is vrij': expected over = 60, but it is 50`,
    ]);
  });

  test('a worked example that expects the wrong next question', () => {
    const { root, text } = brokenTopic('expect: {ask: soort}', 'expect: {ask: bedrag}');
    expect(problems(root)).toEqual([
      `spaargeld.yaml:${lineOf(text, '- name: zonder feiten')}: example 'zonder feiten eerst naar de soort vragen': expected the next question to be 'bedrag', but it is 'soort'`,
    ]);
  });

  test('a worked example on a date before the first value of a parameter cannot be worked out', () => {
    const { root, text } = brokenTopic('date: 2025-06-01', 'date: 2024-06-01');
    expect(problems(root)).toEqual([
      `spaargeld.yaml:${lineOf(text, '- name: in 2025')}: example 'in 2025 was de grens 100 euro' cannot be worked out: parameter 'demo.grens' has no value on 2024-06-01; its first value is valid from 2025-01-01`,
    ]);
  });

  test("the last rule must have no 'when'", () => {
    const { root, text } = brokenTopic('  - id: anders\n', '  - id: anders\n    when: {eq: [{fact: soort}, bank]}\n');
    expect(problems(root)).toEqual([
      `spaargeld.yaml:${lineOf(text, '- id: anders')}: the last rule needs no 'when': it is what applies otherwise`,
    ]);
  });
});

describe('topic file names', () => {
  test('a topic saved as .yml loads and is checked like a .yaml one', () => {
    const root = copyFixture();
    renameSync(join(root, FIXTURE_TOPIC), join(root, 'knowledge/topics/spaargeld.yml'));
    const { loaded, errors } = loadAndCheck(root);
    expect(errors.map(String)).toEqual([]);
    expect(loaded!.kb.topics.has('spaargeld')).toBe(true);
  });

  test('a .yml topic with a problem is reported with its own file name', () => {
    const root = copyFixture();
    edit(root, FIXTURE_TOPIC, '{param: demo.grens}]}', '{param: demo.grns}]}');
    renameSync(join(root, FIXTURE_TOPIC), join(root, 'knowledge/topics/spaargeld.yml'));
    expect(problems(root)).toEqual([expect.stringMatching(/^spaargeld\.yml:\d+: rule 'boven-grens' uses parameter 'demo\.grns'/)]);
  });
});
