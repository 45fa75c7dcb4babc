// The real knowledge base under the project root loads and passes every check.
import { describe, expect, test } from 'vitest';
import { loadAndCheck } from '../../bot/knowledge/index.ts';
import { ROOT } from './helpers.ts';

describe('the real knowledge base', () => {
  const { loaded, errors } = loadAndCheck(ROOT);

  test('loads with zero problems', () => {
    // As "file:line: message", so a failure reads like kb:check output.
    expect(errors.map(String)).toEqual([]);
    expect(loaded).toBeDefined();
  });

  test('has the topics, parameters and municipality the bot needs', () => {
    expect(loaded).toBeDefined();
    const kb = loaded!.kb;
    expect(kb.topics.has('giften')).toBe(true);
    expect(kb.parameters.has('giften.jaargrens')).toBe(true);
    expect(kb.municipality.name).toBe('Gemeente Heerenveen');
    for (const t of kb.topics.values()) expect(t.examples.length).toBeGreaterThanOrEqual(4);
  });
});
