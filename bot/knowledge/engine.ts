// Evaluation of a topic for one client's situation: a pure function of (topic, facts, date).
// Missing facts make a condition "unknown" rather than false, so the engine can say which fact
// it still needs — and only asks for one that can change the outcome.
import type { Parameters, ParamValue } from './parameters.ts';
import type { Cond, Expr, Format, OutcomeKind, Topic } from './schema.ts';

export type FactValue = number | string | boolean;
export type Facts = Readonly<Record<string, FactValue | undefined>>;

export interface ShownValue {
  value: number;
  format: Format;
  /** Computed from a parameter value that is not confirmed: never state it as fact. */
  unverified: boolean;
}

export interface Evaluation {
  topic: string;
  /** Set when the facts decide the outcome. */
  outcome?: string;
  kind?: OutcomeKind;
  /** The rule that applied, with its legal basis. */
  rule?: { id: string; cite: string; url?: string; verified: boolean };
  /** Set when a fact is still needed: the next one to ask. */
  ask?: string;
  values: Record<string, ShownValue>;
  /** Parameter values used on the date, with valid-from and source. */
  params: ParamValue[];
  /** True when the rule or a shown value rests on something unconfirmed. */
  unverified: boolean;
}

type Val = { ok: true; v: FactValue; params: ParamValue[] } | { ok: false; missing: string[]; params: ParamValue[] };
type Tri = { ok: true; v: boolean; params: ParamValue[] } | { ok: false; missing: string[]; params: ParamValue[] };

class Evaluator {
  constructor(
    private readonly facts: Facts,
    private readonly params: Parameters,
    private readonly date: string,
  ) {}

  expr(e: Expr): Val {
    if (typeof e !== 'object') return { ok: true, v: e, params: [] };
    if ('fact' in e) {
      const v = this.facts[e.fact];
      return v === undefined ? { ok: false, missing: [e.fact], params: [] } : { ok: true, v, params: [] };
    }
    if ('param' in e) {
      const p = this.params.valueOn(e.param, this.date);
      return { ok: true, v: p.value, params: [p] };
    }
    if ('case' in e) {
      const sel = this.expr({ fact: e.case });
      if (!sel.ok) return sel;
      const branch = e.of[String(sel.v)];
      if (branch === undefined) throw new Error(`'case' on '${e.case}' has no branch for '${String(sel.v)}'`);
      return this.expr(branch);
    }
    const [op, args] = Object.entries(e)[0] as [string, Expr[]];
    const vals = args.map((a) => this.expr(a));
    const params = vals.flatMap((v) => v.params);
    const missing = vals.flatMap((v) => (v.ok ? [] : v.missing));
    if (missing.length) return { ok: false, missing, params };
    const nums = vals.map((v) => Number((v as { v: FactValue }).v));
    const result =
      op === 'sum'
        ? nums.reduce((a, b) => a + b, 0)
        : op === 'diff'
          ? nums[0] - nums[1]
          : op === 'mul'
            ? nums.reduce((a, b) => a * b, 1)
            : op === 'min'
              ? Math.min(...nums)
              : Math.max(...nums);
    // Round to cents so that 0.1 + 0.2 style noise never flips a comparison.
    return { ok: true, v: Math.round(result * 100) / 100, params };
  }

  cond(c: Cond): Tri {
    if ('all' in c || 'any' in c) {
      const isAll = 'all' in c;
      const parts = (isAll ? (c as { all: Cond[] }).all : (c as { any: Cond[] }).any).map((p) => this.cond(p));
      const params = parts.flatMap((p) => p.params);
      // A decisive part decides, even when an earlier part is still unknown.
      if (parts.some((p) => p.ok && p.v !== isAll)) return { ok: true, v: !isAll, params };
      const missing = parts.flatMap((p) => (p.ok ? [] : p.missing));
      return missing.length ? { ok: false, missing, params } : { ok: true, v: isAll, params };
    }
    if ('not' in c) {
      const r = this.cond(c.not);
      return r.ok ? { ...r, v: !r.v } : r;
    }
    const [op, [a, b]] = Object.entries(c)[0] as [string, [Expr, Expr]];
    const x = this.expr(a);
    const y = this.expr(b);
    const params = [...x.params, ...y.params];
    if (!x.ok || !y.ok) return { ok: false, missing: [...(x.ok ? [] : x.missing), ...(y.ok ? [] : y.missing)], params };
    const v = compare(op, x.v, y.v);
    return { ok: true, v, params };
  }
}

function compare(op: string, a: FactValue, b: FactValue): boolean {
  switch (op) {
    case 'eq':
      return a === b;
    case 'ne':
      return a !== b;
    case 'gt':
      return Number(a) > Number(b);
    case 'gte':
      return Number(a) >= Number(b);
    case 'lt':
      return Number(a) < Number(b);
    default:
      return Number(a) <= Number(b);
  }
}

function uniqueParams(list: ParamValue[]): ParamValue[] {
  const seen = new Map<string, ParamValue>();
  for (const p of list) seen.set(p.id, p);
  return [...seen.values()];
}

/**
 * Rules are tried in order; the first that holds decides. A rule that cannot be decided yet
 * stops the search — unless every rule that could still apply leads to the same outcome, in
 * which case the missing facts cannot change the answer and are not asked.
 */
export function evaluate(topic: Topic, facts: Facts, date: string, params: Parameters): Evaluation {
  const ev = new Evaluator(facts, params, date);
  const used: ParamValue[] = [];
  let firstMissing: string | undefined;
  const possible = new Set<string>();
  let decided: Topic['rules'][number] | undefined;

  for (const rule of topic.rules) {
    const r: Tri = rule.when ? ev.cond(rule.when) : { ok: true, v: true, params: [] };
    used.push(...r.params);
    if (r.ok && !r.v) continue;
    possible.add(rule.outcome);
    if (r.ok) {
      if (possible.size === 1) decided = rule;
      break;
    }
    firstMissing ??= r.missing[0];
  }

  const base = { topic: topic.id, values: {}, params: uniqueParams(used), unverified: false };
  if (!decided) {
    if (firstMissing !== undefined) return { ...base, ask: firstMissing };
    throw new Error(`topic '${topic.id}': no rule applies; add a last rule without 'when'`);
  }

  const outcome = topic.outcomes[decided.outcome];
  const values: Record<string, ShownValue> = {};
  for (const [name, spec] of Object.entries(outcome.values ?? {})) {
    const v = ev.expr(spec.value);
    used.push(...v.params);
    if (v.ok) values[name] = { value: Number(v.v), format: spec.format, unverified: v.params.some((p) => !p.verified) };
  }
  const all = uniqueParams(used);
  return {
    ...base,
    params: all,
    outcome: decided.outcome,
    kind: outcome.kind,
    rule: { id: decided.id, cite: decided.source.cite, url: decided.source.url, verified: decided.verified !== false },
    values,
    // The decision rests on every parameter the rules compared against, shown or not.
    unverified:
      decided.verified === false || base.params.some((p) => !p.verified) || Object.values(values).some((v) => v.unverified),
  };
}
