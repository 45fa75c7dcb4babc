// Shared helpers for the knowledge-engine tests: paths, a throw-away copy of the minimal fixture
// to break one thing at a time, and line look-ups so that expected line numbers come from the
// fixture text instead of being typed in by hand.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Parameters } from '../../bot/knowledge/parameters.ts';
import { parametersFileSchema, topicSchema, type Topic } from '../../bot/knowledge/schema.ts';
import { YamlSource } from '../../bot/knowledge/yaml-source.ts';

const here = dirname(fileURLToPath(import.meta.url));
/** The project root (/work/main), found from this file rather than from the working directory. */
export const ROOT = resolve(here, '../..');
/** The smallest knowledge base that passes kb:check. */
export const FIXTURE = join(ROOT, 'test/fixtures/kb-minimal');
/** The one topic of the fixture, relative to a fixture root. */
export const FIXTURE_TOPIC = 'knowledge/topics/spaargeld.yaml';

const copies: string[] = [];

/** A fresh copy of the minimal fixture in a temporary folder; removed by removeCopies(). */
export function copyFixture(): string {
  const dir = mkdtempSync(join(tmpdir(), 'meldwijzer-kb-'));
  cpSync(FIXTURE, dir, { recursive: true });
  copies.push(dir);
  return dir;
}

export function removeCopies(): void {
  for (const dir of copies.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function readText(root: string, file: string): string {
  return readFileSync(join(root, file), 'utf8');
}

/**
 * Replaces `from` (which must occur exactly once, so a fixture change cannot silently turn the
 * test into one that breaks nothing) by `to` in `file` under `root`. Returns the new text.
 */
export function edit(root: string, file: string, from: string, to: string): string {
  const text = readText(root, file);
  const count = text.split(from).length - 1;
  if (count !== 1) throw new Error(`edit: expected ${JSON.stringify(from)} once in ${file}, found it ${count} times`);
  const changed = text.replace(from, () => to);
  writeFileSync(join(root, file), changed);
  return changed;
}

/** Changes a locale JSON file in place. */
export function editJson(root: string, file: string, change: (data: Record<string, any>) => void): void {
  const data = JSON.parse(readText(root, file));
  change(data);
  writeFileSync(join(root, file), JSON.stringify(data, null, 2));
}

/** The 1-based line of the only line that contains `needle`. */
export function lineOf(text: string, needle: string): number {
  const lines = text.split('\n');
  const hits = lines.flatMap((l, i) => (l.includes(needle) ? [i + 1] : []));
  if (hits.length !== 1) throw new Error(`lineOf: expected one line with ${JSON.stringify(needle)}, found ${hits.length}`);
  return hits[0];
}

/** Reads and validates one topic file on its own, independent of the rest of the knowledge base. */
export function readTopic(file: string): Topic {
  const src = new YamlSource(file);
  const topic = src.parse(topicSchema);
  if (!topic) throw new Error(`${file} does not load:\n${src.errors.map(String).join('\n')}`);
  return topic;
}

/** Reads and validates one parameters file on its own. */
export function readParameters(file: string): Parameters {
  const src = new YamlSource(file);
  const params = src.parse(parametersFileSchema);
  if (!params) throw new Error(`${file} does not load:\n${src.errors.map(String).join('\n')}`);
  return new Parameters(params);
}
