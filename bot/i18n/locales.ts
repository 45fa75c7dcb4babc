// Reads locales/<language>/<namespace>.json. Dutch is the source language.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const LANGUAGES = ['nl', 'en', 'ar'] as const;
export type Language = (typeof LANGUAGES)[number];
export const SOURCE_LANGUAGE: Language = 'nl';

export type Resources = Record<Language, Record<string, Record<string, unknown>>>;

export function isLanguage(x: unknown): x is Language {
  return typeof x === 'string' && (LANGUAGES as readonly string[]).includes(x);
}

export function loadResources(dir: string): { resources: Resources; errors: string[] } {
  const resources = { nl: {}, en: {}, ar: {} } as Resources;
  const errors: string[] = [];
  for (const lng of LANGUAGES) {
    const ldir = join(dir, lng);
    if (!existsSync(ldir)) {
      errors.push(`locales/${lng}: this folder is missing`);
      continue;
    }
    for (const f of readdirSync(ldir).filter((n) => n.endsWith('.json'))) {
      try {
        resources[lng][f.slice(0, -5)] = JSON.parse(readFileSync(join(ldir, f), 'utf8'));
      } catch (e) {
        errors.push(`locales/${lng}/${f}: this is not valid JSON: ${(e as Error).message}`);
      }
    }
  }
  return { resources, errors };
}

/** The value at a dotted key, or undefined. */
export function lookup(resources: Resources, lng: Language, ns: string, key: string): unknown {
  let node: unknown = resources[lng]?.[ns];
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}
