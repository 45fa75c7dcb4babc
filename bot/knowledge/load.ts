// Loads the knowledge base from knowledge/ and validates every file.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { Parameters } from './parameters.ts';
import {
  factSchema,
  glossarySchema,
  municipalitySchema,
  parametersFileSchema,
  topicSchema,
  type Fact,
  type Municipality,
  type Topic,
} from './schema.ts';
import { KbError, YamlSource } from './yaml-source.ts';

export interface KnowledgeBase {
  topics: Map<string, Topic>;
  parameters: Parameters;
  /** Facts that several topics ask (age, household): asked once per conversation. */
  sharedFacts: Record<string, Fact>;
  municipality: Municipality;
  glossary: string[];
  /** The parsed files, to point errors found later (cross-checks, examples) at a line. */
  sources: Map<string, YamlSource>;
}

export const TOPIC_DIR = 'topics';

export function loadKnowledge(dir: string): { kb?: KnowledgeBase; errors: KbError[] } {
  const errors: KbError[] = [];
  const sources = new Map<string, YamlSource>();
  const read = <T>(file: string, schema: z.ZodType<T>): T | undefined => {
    const path = join(dir, file);
    if (!existsSync(path)) {
      errors.push(new KbError(file, 1, 'this file is missing'));
      return undefined;
    }
    const src = new YamlSource(path);
    sources.set(file, src);
    const data = src.parse(schema);
    errors.push(...src.errors);
    return data;
  };

  const municipality = read('gemeente.yaml', municipalitySchema);
  const params = read('parameters.yaml', parametersFileSchema);
  const sharedFacts = read('facts.yaml', z.record(z.string(), factSchema));
  const glossary = read('glossary.yaml', glossarySchema);

  const topics = new Map<string, Topic>();
  const topicDir = join(dir, TOPIC_DIR);
  const files = existsSync(topicDir) ? readdirSync(topicDir).filter((f) => /\.ya?ml$/.test(f)).sort() : [];
  for (const f of files) {
    const topic = read(join(TOPIC_DIR, f), topicSchema);
    if (!topic) continue;
    const expected = f.replace(/\.ya?ml$/, '');
    if (topic.id !== expected) {
      errors.push(sources.get(join(TOPIC_DIR, f))!.error(['id'], `the id '${topic.id}' must be the same as the file name '${expected}'`));
      continue;
    }
    if (topics.has(topic.id)) {
      errors.push(sources.get(join(TOPIC_DIR, f))!.error(['id'], `topic '${topic.id}' is also in another file (.yaml and .yml): keep one`));
      continue;
    }
    topics.set(topic.id, topic);
  }

  if (errors.length || !municipality || !params || !sharedFacts || !glossary) return { errors };
  return {
    errors,
    kb: { topics, parameters: new Parameters(params), sharedFacts, municipality, glossary: Object.keys(glossary), sources },
  };
}

/** A topic's fact, declared in the topic itself or shared. */
export function factOf(kb: KnowledgeBase, topic: Topic, id: string): Fact | undefined {
  // Own properties only: a fact called "constructor" must not find Object.prototype's.
  if (topic.facts && Object.hasOwn(topic.facts, id)) return topic.facts[id];
  return Object.hasOwn(kb.sharedFacts, id) ? kb.sharedFacts[id] : undefined;
}
