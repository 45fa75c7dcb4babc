// Parses a YAML file and keeps enough of it to point a policy officer at the right line.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { isMap, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';

export class KbError {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly message: string,
  ) {}
  toString(): string {
    return `${this.file}:${this.line}: ${this.message}`;
  }
}

export type Path = readonly (string | number)[];

export class YamlSource {
  readonly name: string;
  readonly data: unknown;
  readonly errors: KbError[] = [];
  private readonly doc: Document;
  private readonly lines = new LineCounter();

  constructor(
    readonly file: string,
    text = readFileSync(file, 'utf8'),
  ) {
    this.name = basename(file);
    this.doc = parseDocument(text, { lineCounter: this.lines, uniqueKeys: true });
    for (const e of this.doc.errors) {
      const line = e.linePos?.[0]?.line ?? 1;
      this.errors.push(new KbError(this.name, line, `this is not valid YAML: ${e.message.split('\n')[0]}`));
    }
    this.data = this.errors.length ? undefined : this.doc.toJS();
  }

  /** The line of the deepest node on `path` that exists (the key itself when `key` is given). */
  line(path: Path, key?: string): number {
    let node: unknown = this.doc.contents;
    let line = 1;
    const at = (n: unknown) => {
      const range = (n as Node | null)?.range;
      if (range) line = this.lines.linePos(range[0]).line;
    };
    at(node);
    for (const step of [...path, ...(key === undefined ? [] : [key])]) {
      if (isMap(node)) {
        const pair = node.items.find((p) => String((p.key as Node & { value?: unknown })?.toJSON?.() ?? p.key) === String(step));
        if (!pair) break;
        at(pair.key);
        node = pair.value;
        if (step !== key) at(node);
      } else if (isSeq(node) && typeof step === 'number') {
        node = node.items[step];
        if (!node) break;
        at(node);
      } else break;
    }
    return line;
  }

  error(path: Path, message: string, key?: string): KbError {
    return new KbError(this.name, this.line(path, key), message);
  }

  /** Validates the data against a schema; errors are phrased for people who do not read TypeScript. */
  parse<T>(schema: z.ZodType<T>): T | undefined {
    if (this.data === undefined) return undefined;
    // reportInput: without it zod drops `input` from every issue, and a wrong type ("veel" where a
    // number belongs) would be reported as a missing key.
    const result = schema.safeParse(this.data, { reportInput: true });
    if (result.success) return result.data;
    for (const issue of result.error.issues) this.errors.push(...this.explain(issue as unknown as Issue));
    return undefined;
  }

  private explain(issue: Issue): KbError[] {
    const path = issue.path as (string | number)[];
    const where = describe(path);
    switch (issue.code) {
      case 'unrecognized_keys':
        return (issue.keys ?? []).map((k) =>
          this.error(path, `unknown key '${k}'${where ? ` in ${where}` : ''}: check the spelling, or remove it`, k),
        );
      case 'invalid_type':
        if (issue.input === undefined)
          return [this.error(path.slice(0, -1), `'${String(path.at(-1))}' is missing${describeIn(path)}`)];
        return [this.error(path, `${where || 'this value'} should be ${typeWord(issue.expected)}`)];
      case 'invalid_union': {
        const last = path.at(-1);
        const isCond = path.some((p) => p === 'when' || p === 'all' || p === 'any' || p === 'not');
        const what = isCond && !['eq', 'ne', 'gt', 'gte', 'lt', 'lte'].includes(String(path.at(-2)))
          ? `is not a valid condition: use one of all, any, not, eq, ne, gt, gte, lt, lte`
          : `is not a valid value: use a number, a word, {fact: …}, {param: …}, {sum: […]}, {diff: [a, b]}, {mul: […]}, {min: […]}, {max: […]} or {case: …, of: …}`;
        return [this.error(path, `${where || String(last ?? 'this')} ${what}`)];
      }
      case 'invalid_key':
        // A record key that breaks its pattern (e.g. a parameter date "2026-1-1"): point at the key.
        return [this.error(path.slice(0, -1), `${where}: ${issue.issues?.[0]?.message ?? issue.message}`, String(path.at(-1)))];
      case 'invalid_value':
        return [this.error(path, `${where || 'this value'} must be one of: ${(issue.values ?? []).join(', ')}`)];
      default:
        return [this.error(path, `${where ? `${where}: ` : ''}${issue.message}`)];
    }
  }
}

interface Issue {
  code: string;
  path: PropertyKey[];
  message: string;
  keys?: string[];
  expected?: string;
  input?: unknown;
  values?: unknown[];
  issues?: { message: string }[];
}

function describe(path: Path): string {
  return path.length ? `'${path.join('.')}'` : '';
}
function describeIn(path: Path): string {
  return path.length > 1 ? ` in '${path.slice(0, -1).join('.')}'` : '';
}
function typeWord(expected?: string): string {
  switch (expected) {
    case 'number':
      return 'a number (without € or dots, for example 1200)';
    case 'string':
      return 'a text';
    case 'boolean':
      return 'true or false';
    case 'array':
      return 'a list (lines starting with "- ")';
    case 'object':
      return 'a group of keys';
    default:
      return expected ?? 'something else';
  }
}
