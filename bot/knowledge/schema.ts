// The shape of every knowledge file, checked with zod at load time.
// Strict objects everywhere: an unknown key is almost always a typo by a policy officer.
import { z } from 'zod';

const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'use only small letters, digits, - and _ (for example "jaar-grens")');
const paramId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_.-]*$/, 'use only small letters, digits, ".", "-" and "_" (for example "giften.jaargrens")');
const textKey = z.string().min(1, 'a text key cannot be empty');
const isoDate = z
  .union([z.string(), z.date()])
  .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v))
  .pipe(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'write a date as YYYY-MM-DD, for example 2026-01-01'));

/** A value computed from facts and parameters. No code in YAML: only these building blocks. */
export type Expr =
  | number
  | string
  | boolean
  | { fact: string }
  | { param: string }
  | { sum: Expr[] }
  | { diff: [Expr, Expr] }
  | { mul: Expr[] }
  | { min: Expr[] }
  | { max: Expr[] }
  | { case: string; of: Record<string, Expr> };

export const exprSchema: z.ZodType<Expr> = z.lazy(() =>
  z.union([
    z.number(),
    z.string(),
    z.boolean(),
    z.strictObject({ fact: id }),
    z.strictObject({ param: paramId }),
    z.strictObject({ sum: z.array(exprSchema).min(1) }),
    z.strictObject({ diff: z.tuple([exprSchema, exprSchema]) }),
    z.strictObject({ mul: z.array(exprSchema).min(2) }),
    z.strictObject({ min: z.array(exprSchema).min(2) }),
    z.strictObject({ max: z.array(exprSchema).min(2) }),
    z.strictObject({ case: id, of: z.record(z.string(), exprSchema) }),
  ]),
);

export type Cond =
  | { all: Cond[] }
  | { any: Cond[] }
  | { not: Cond }
  | { eq: [Expr, Expr] }
  | { ne: [Expr, Expr] }
  | { gt: [Expr, Expr] }
  | { gte: [Expr, Expr] }
  | { lt: [Expr, Expr] }
  | { lte: [Expr, Expr] };

const pair = z.tuple([exprSchema, exprSchema]);
export const condSchema: z.ZodType<Cond> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(condSchema).min(1) }),
    z.strictObject({ any: z.array(condSchema).min(1) }),
    z.strictObject({ not: condSchema }),
    z.strictObject({ eq: pair }),
    z.strictObject({ ne: pair }),
    z.strictObject({ gt: pair }),
    z.strictObject({ gte: pair }),
    z.strictObject({ lt: pair }),
    z.strictObject({ lte: pair }),
  ]),
);

export const FACT_TYPES = ['money', 'count', 'days', 'yes-no', 'choice'] as const;
export type FactType = (typeof FACT_TYPES)[number];

export const factSchema = z
  .strictObject({
    type: z.enum(FACT_TYPES),
    question: textKey,
    /** Optional one-line reason why we ask, shown under the question. */
    help: textKey.optional(),
    /** For choice facts: option id → text key of its button. */
    options: z.record(id, textKey).optional(),
    /** Lowest and highest sensible value for numbers (e.g. days in a year). */
    min: z.number().optional(),
    max: z.number().optional(),
  })
  .refine((f) => (f.type === 'choice') === (f.options !== undefined && Object.keys(f.options).length >= 2), {
    message: 'a choice fact needs "options" with at least two choices, and only a choice fact may have them',
  });
export type Fact = z.infer<typeof factSchema>;

export const FORMATS = ['money', 'days', 'number', 'percent', 'date', 'weeks'] as const;
export type Format = (typeof FORMATS)[number];

export const OUTCOME_KINDS = [
  'must_report', // Ja, dit moet u melden.
  'no_report', // Nee, dit hoeft u niet te melden.
  'report_may_change', // Ja, melden; het kan uw uitkering veranderen.
  'not_allowed', // Dit mag niet / geen recht op bijstand.
  'contact_person', // Bespreek dit met uw contactpersoon.
  'info', // Informational topic: no yes/no answer.
] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];

export const outcomeSchema = z.strictObject({
  kind: z.enum(OUTCOME_KINDS),
  /** Text key of the explanation ("why"), interpolated with the values below. */
  text: textKey,
  /** Optional text key for what to do next, after the municipality's standard reporting route. */
  next: textKey.optional(),
  /** Values shown in the answer: name → expression and how to format it. */
  values: z.record(id, z.strictObject({ value: exprSchema, format: z.enum(FORMATS) })).optional(),
  /** Follow-up topics offered as buttons. */
  followups: z.array(id).optional(),
});
export type Outcome = z.infer<typeof outcomeSchema>;

const sourceSchema = z.strictObject({
  /** Law + article + lid, or the municipal page or decision. */
  cite: z.string().min(3),
  url: z.string().url().optional(),
});

export const ruleSchema = z.strictObject({
  id,
  /** Without "when" the rule always applies: use it last, as the "otherwise". */
  when: condSchema.optional(),
  outcome: id,
  source: sourceSchema,
  verified: z.boolean().optional(),
});
export type Rule = z.infer<typeof ruleSchema>;

const scalar = z.union([z.number(), z.string(), z.boolean()]);

export const exampleSchema = z.strictObject({
  name: z.string().min(3),
  date: isoDate,
  facts: z.record(id, scalar),
  expect: z
    .strictObject({
      outcome: id.optional(),
      /** The fact the engine must ask next, when the facts above are not enough. */
      ask: id.optional(),
      values: z.record(id, z.number()).optional(),
    })
    .refine((e) => (e.outcome === undefined) !== (e.ask === undefined), {
      message: 'an example expects either an "outcome" or a next fact to "ask", not both',
    }),
});
export type Example = z.infer<typeof exampleSchema>;

export const TOPIC_KINDS = ['duty', 'right'] as const;

export const topicSchema = z.strictObject({
  /** Must equal the file name. */
  id,
  kind: z.enum(TOPIC_KINDS),
  /** Text keys (in the topic's own namespace) of the title and the one-line summary. */
  title: textKey,
  summary: textKey,
  facts: z.record(id, factSchema).optional(),
  rules: z.array(ruleSchema).min(1),
  outcomes: z.record(id, outcomeSchema),
  sources: z.array(sourceSchema).min(1),
  examples: z.array(exampleSchema).min(4, 'every topic needs at least 4 worked examples'),
});
export type Topic = z.infer<typeof topicSchema>;

const paramValueSchema = z.strictObject({
  value: z.number(),
  source: sourceSchema,
  /** false = not confirmed; the bot never states it as fact. */
  verified: z.boolean().optional(),
});

export const UNITS = ['euro', 'days', 'percent', 'count', 'years'] as const;

export const parameterSchema = z.strictObject({
  description: z.string().min(3),
  unit: z.enum(UNITS),
  /** valid-from date (YYYY-MM-DD) → value with its source. Checked: lookups compare these as text. */
  values: z.record(
    z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'write a valid-from date as YYYY-MM-DD, for example 2026-01-01'),
    paramValueSchema,
  ).refine((v) => Object.keys(v).length > 0, {
    message: 'a parameter needs at least one dated value',
  }),
});
export type Parameter = z.infer<typeof parameterSchema>;
export const parametersFileSchema = z.record(paramId, parameterSchema);

export const municipalitySchema = z.strictObject({
  name: z.string().min(2),
  phone: z.string().min(3),
  /** Text key in namespace "gemeente" for the opening hours, so they can be translated. */
  hours: textKey,
  website: z.string().url(),
  department: z.string().min(2),
  report: z.strictObject({
    /** Days within which a change must be reported. */
    within_days: z.number().int().positive(),
    form: z.string().min(2),
    form_url: z.string().url().optional(),
  }),
  support: z
    .array(
      z.strictObject({
        name: z.string().min(2),
        /** Text key in namespace "gemeente" describing what they help with. */
        text: textKey,
        phone: z.string().optional(),
        url: z.string().url().optional(),
        verified: z.boolean().optional(),
      }),
    )
    .min(1),
  complaints: z.strictObject({ text: textKey, url: z.string().url().optional(), verified: z.boolean().optional() }),
});
export type Municipality = z.infer<typeof municipalitySchema>;

export const glossarySchema = z.record(
  id,
  z.strictObject({
    /** Key in namespace "glossary": <id>.term, <id>.explain and <id>.match are read from it. */
    source: sourceSchema.optional(),
  }),
);
