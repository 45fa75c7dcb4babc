// One call that loads and checks the knowledge base with its texts: used at start and by kb:check.
import { join } from 'node:path';
import { loadResources, type Resources } from '../i18n/locales.ts';
import { checkKnowledge } from './check.ts';
import { loadKnowledge, type KnowledgeBase } from './load.ts';
import { KbError } from './yaml-source.ts';

export type { KnowledgeBase } from './load.ts';
export { evaluate, type Evaluation, type Facts, type FactValue } from './engine.ts';
export { factOf } from './load.ts';
export { KbError } from './yaml-source.ts';

export interface Loaded {
  kb: KnowledgeBase;
  resources: Resources;
}

export class KnowledgeBaseInvalid extends Error {
  constructor(readonly errors: KbError[]) {
    super(`the knowledge base has ${errors.length} problem(s):\n${errors.map(String).join('\n')}`);
  }
}

/** Loads knowledge/ and locales/ under `root`; every problem is collected, none is skipped. */
export function loadAndCheck(root: string): { loaded?: Loaded; errors: KbError[] } {
  const { resources, errors: textErrors } = loadResources(join(root, 'locales'));
  const { kb, errors } = loadKnowledge(join(root, 'knowledge'));
  const all = [...errors, ...textErrors.map((m) => new KbError(m.split(':')[0], 1, m.slice(m.indexOf(':') + 2)))];
  if (!kb) return { errors: all };
  all.push(...checkKnowledge(kb, resources));
  return all.length ? { errors: all } : { loaded: { kb, resources }, errors: [] };
}

/** For the running bot: the knowledge base, or an error listing every problem. */
export function loadOrThrow(root: string): Loaded {
  const { loaded, errors } = loadAndCheck(root);
  if (!loaded) throw new KnowledgeBaseInvalid(errors);
  return loaded;
}
