// Cross-checks across files, and the worked examples: what zod cannot see on one file alone.
import { join } from 'node:path';
import { LANGUAGES, lookup, type Resources } from '../i18n/locales.ts';
import { evaluate } from './engine.ts';
import { factOf, TOPIC_DIR, type KnowledgeBase } from './load.ts';
import type { Cond, Expr, Topic } from './schema.ts';
import { KbError, type Path, type YamlSource } from './yaml-source.ts';

/** Text keys every topic must have in its namespace besides those its YAML names. */
const TOPIC_LIST_KEYS = ['match'];

export function checkKnowledge(kb: KnowledgeBase, resources: Resources): KbError[] {
  const errors: KbError[] = [];
  const textKey = (src: YamlSource, path: Path, ns: string, key: string, kind: 'string' | 'list' = 'string') => {
    for (const lng of LANGUAGES) {
      const v = lookup(resources, lng, ns, key);
      const ok = kind === 'list' ? Array.isArray(v) && v.length > 0 && v.every((s) => typeof s === 'string') : typeof v === 'string' && v.trim() !== '';
      if (!ok)
        errors.push(
          src.error(path, `text '${key}' is missing in locales/${lng}/${ns}.json${kind === 'list' ? ' (a list of phrasings is needed)' : ''}`),
        );
    }
  };

  const gemeente = kb.sources.get('gemeente.yaml')!;
  textKey(gemeente, ['hours'], 'gemeente', kb.municipality.hours);
  kb.municipality.support.forEach((s, i) => textKey(gemeente, ['support', i, 'text'], 'gemeente', s.text));
  textKey(gemeente, ['complaints', 'text'], 'gemeente', kb.municipality.complaints.text);

  const facts = kb.sources.get('facts.yaml')!;
  for (const [id, f] of Object.entries(kb.sharedFacts)) {
    textKey(facts, [id, 'question'], 'facts', f.question);
    if (f.help) textKey(facts, [id, 'help'], 'facts', f.help);
    for (const [opt, key] of Object.entries(f.options ?? {})) textKey(facts, [id, 'options', opt], 'facts', key);
  }

  const glossary = kb.sources.get('glossary.yaml')!;
  for (const term of kb.glossary) {
    textKey(glossary, [term], 'glossary', `${term}.term`);
    textKey(glossary, [term], 'glossary', `${term}.explain`);
    textKey(glossary, [term], 'glossary', `${term}.match`, 'list');
  }

  // Every amount has a short name in each language, for "what changed" and the volunteer view.
  const params = kb.sources.get('parameters.yaml')!;
  for (const id of kb.parameters.ids()) textKey(params, [id], 'parameters', id);

  for (const topic of kb.topics.values()) errors.push(...checkTopic(kb, resources, topic, textKey));
  return errors;
}

type TextCheck = (src: YamlSource, path: Path, ns: string, key: string, kind?: 'string' | 'list') => void;

function checkTopic(kb: KnowledgeBase, resources: Resources, topic: Topic, textKey: TextCheck): KbError[] {
  // The loader accepts .yaml and .yml; a .yml topic once crashed every check below with a TypeError.
  const src = (kb.sources.get(join(TOPIC_DIR, `${topic.id}.yaml`)) ?? kb.sources.get(join(TOPIC_DIR, `${topic.id}.yml`)))!;
  const errors: KbError[] = [];
  const ns = topic.id;

  textKey(src, ['title'], ns, topic.title);
  textKey(src, ['summary'], ns, topic.summary);
  for (const k of TOPIC_LIST_KEYS) textKey(src, ['id'], ns, k, 'list');
  for (const [id, f] of Object.entries(topic.facts ?? {})) {
    if (kb.sharedFacts[id]) errors.push(src.error(['facts', id], `fact '${id}' is already a shared fact in facts.yaml: remove it here`));
    textKey(src, ['facts', id, 'question'], ns, f.question);
    if (f.help) textKey(src, ['facts', id, 'help'], ns, f.help);
    for (const [opt, key] of Object.entries(f.options ?? {})) textKey(src, ['facts', id, 'options', opt], ns, key);
  }

  // Every fact and parameter a rule or value names must exist; compared words must be options.
  const walkExpr = (e: Expr, path: Path, where: string) => {
    if (typeof e !== 'object') return;
    if ('fact' in e) {
      if (!factOf(kb, topic, e.fact)) errors.push(src.error(path, `${where} uses fact '${e.fact}' which does not exist`));
    } else if ('param' in e) {
      if (!kb.parameters.has(e.param)) errors.push(src.error(path, `${where} uses parameter '${e.param}' which does not exist`));
    } else if ('case' in e) {
      const f = factOf(kb, topic, e.case);
      if (!f || f.type !== 'choice') errors.push(src.error(path, `${where} picks by '${e.case}', which is not a choice fact`));
      else
        for (const opt of Object.keys(f.options!))
          if (!(opt in e.of)) errors.push(src.error(path, `${where} has no value for choice '${opt}' of '${e.case}'`));
      for (const [k, v] of Object.entries(e.of)) walkExpr(v, [...path, 'of', k], where);
    } else {
      const [op, args] = Object.entries(e)[0] as [string, Expr[]];
      args.forEach((a, i) => walkExpr(a, [...path, op, i], where));
    }
  };
  const walkCond = (c: Cond, path: Path, where: string) => {
    for (const [op, arg] of Object.entries(c)) {
      if (op === 'not') walkCond(arg as Cond, [...path, op], where);
      else if (op === 'all' || op === 'any') (arg as Cond[]).forEach((p, i) => walkCond(p, [...path, op, i], where));
      else {
        const [a, b] = arg as [Expr, Expr];
        walkExpr(a, [...path, op, 0], where);
        walkExpr(b, [...path, op, 1], where);
        for (const [x, y] of [[a, b], [b, a]] as const) {
          if (typeof x !== 'object' || !('fact' in x)) continue;
          const f = factOf(kb, topic, x.fact);
          if (f?.type === 'choice' && typeof y === 'string' && !(y in f.options!))
            errors.push(src.error([...path, op], `${where} compares '${x.fact}' with '${y}', which is not one of its choices (${Object.keys(f.options!).join(', ')})`));
          if (f?.type === 'yes-no' && typeof y !== 'boolean' && typeof y !== 'object')
            errors.push(src.error([...path, op], `${where} compares yes/no fact '${x.fact}' with '${String(y)}': use true or false`));
        }
      }
    }
  };

  topic.rules.forEach((rule, i) => {
    const where = `rule '${rule.id}'`;
    if (rule.when) walkCond(rule.when, ['rules', i, 'when'], where);
    if (!topic.outcomes[rule.outcome])
      errors.push(src.error(['rules', i, 'outcome'], `${where} leads to outcome '${rule.outcome}' which does not exist`));
  });
  if (topic.rules.at(-1)?.when !== undefined)
    errors.push(src.error(['rules', topic.rules.length - 1], `the last rule needs no 'when': it is what applies otherwise`));
  const ruleIds = new Set<string>();
  topic.rules.forEach((r, i) => {
    if (ruleIds.has(r.id)) errors.push(src.error(['rules', i, 'id'], `rule id '${r.id}' is used twice`));
    ruleIds.add(r.id);
  });

  for (const [id, o] of Object.entries(topic.outcomes)) {
    const where = `outcome '${id}'`;
    if (!topic.rules.some((r) => r.outcome === id)) errors.push(src.error(['outcomes', id], `${where} is never reached by a rule`));
    textKey(src, ['outcomes', id, 'text'], ns, o.text);
    if (o.next) textKey(src, ['outcomes', id, 'next'], ns, o.next);
    for (const key of [o.text, o.next ?? ''].filter(Boolean))
      for (const lng of LANGUAGES) {
        const text = lookup(resources, lng, ns, key);
        for (const m of typeof text === 'string' ? text.matchAll(/\{\{\s*([\w-]+)\s*\}\}/g) : [])
          if (!o.values?.[m[1]])
            errors.push(src.error(['outcomes', id], `${where}: text '${key}' in locales/${lng}/${ns}.json uses {{${m[1]}}}, which is not one of the outcome's values`));
      }
    for (const [name, v] of Object.entries(o.values ?? {})) walkExpr(v.value, ['outcomes', id, 'values', name, 'value'], where);
    for (const f of o.followups ?? [])
      if (!kb.topics.has(f) && f !== 'contactpersoon')
        errors.push(src.error(['outcomes', id, 'followups'], `${where} offers follow-up topic '${f}' which does not exist`));
  }

  topic.examples.forEach((ex, i) => {
    for (const [f, v] of Object.entries(ex.facts)) {
      const fact = factOf(kb, topic, f);
      if (!fact) errors.push(src.error(['examples', i, 'facts'], `example '${ex.name}' gives fact '${f}' which does not exist`, f));
      else if (fact.type === 'choice' && !(String(v) in fact.options!))
        errors.push(src.error(['examples', i, 'facts'], `example '${ex.name}' gives '${f}: ${String(v)}', which is not one of its choices`, f));
    }
  });
  if (errors.length) return errors;

  // The worked examples: what policy staff read to see what a change does.
  topic.examples.forEach((ex, i) => {
    const line = ['examples', i] as const;
    let got;
    try {
      got = evaluate(topic, ex.facts, ex.date, kb.parameters);
    } catch (e) {
      errors.push(src.error(line, `example '${ex.name}' cannot be worked out: ${(e as Error).message}`));
      return;
    }
    const e = ex.expect;
    if (e.ask !== undefined && got.ask !== e.ask)
      errors.push(src.error(line, `example '${ex.name}': expected the next question to be '${e.ask}', but it is ${got.ask ? `'${got.ask}'` : `outcome '${got.outcome}'`}`));
    if (e.outcome !== undefined && got.outcome !== e.outcome)
      errors.push(src.error(line, `example '${ex.name}': expected outcome '${e.outcome}', but got ${got.outcome ? `'${got.outcome}' (rule '${got.rule?.id}')` : `a question for '${got.ask}'`}`));
    for (const [name, want] of Object.entries(e.values ?? {})) {
      const have = got.values[name]?.value;
      if (have !== want) errors.push(src.error(line, `example '${ex.name}': expected ${name} = ${want}, but it is ${have ?? 'not shown'}`));
    }
  });
  return errors;
}

export { KbError };
