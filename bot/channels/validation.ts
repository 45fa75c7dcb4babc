// What the channels accept from outside, checked with zod before anything else reads it.
// A request that does not fit gets a clear 4xx in the Direct Line error shape; never a 500.
import type { Response } from 'express';
import { z } from 'zod';
import { LANGUAGES } from '../i18n/locales.ts';

/** As long as the conversation core reads (it cuts longer text) and Web Chat's own send box limit. */
export const MAX_TEXT = 2000;

const locale = z
  .string()
  .max(35)
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'locale must be a language tag such as nl-NL');

/**
 * The volunteer view (/vrijwilligers) asks for every reply in a second language too, with the
 * rule, legal basis and amounts of an answer: channelData.meldwijzerView = {pair: 'nl'|'en'|'ar'}.
 */
export const meldwijzerView = z.strictObject({ pair: z.enum(LANGUAGES) });
export type MeldwijzerView = z.infer<typeof meldwijzerView>;

/** The view in any channelData, or undefined when absent or malformed (then the turn is an ordinary one). */
export function viewOf(channelData: unknown): MeldwijzerView | undefined {
  if (!channelData || typeof channelData !== 'object') return undefined;
  const parsed = meldwijzerView.safeParse((channelData as { meldwijzerView?: unknown }).meldwijzerView);
  return parsed.success ? parsed.data : undefined;
}

/** A user's activity posted to /v3/directline/conversations/{id}/activities. Unknown fields are dropped. */
export const directLineActivity = z.object({
  type: z.enum(['message', 'event', 'typing']),
  text: z.string().max(MAX_TEXT).optional(),
  textFormat: z.enum(['plain', 'markdown', 'xml']).optional(),
  value: z.unknown().optional(),
  name: z.string().max(100).optional(),
  locale: locale.optional(),
  from: z
    .object({
      id: z.string().min(1).max(100),
      name: z.string().max(100).optional(),
      role: z.literal('user').optional(),
    })
    .optional(),
  channelData: z
    .object({
      clientActivityID: z.string().min(1).max(100).optional(),
      clientTimestamp: z.string().max(40).optional(),
      meldwijzerView: meldwijzerView.optional(),
    })
    .optional(),
  attachments: z.array(z.unknown()).max(0, 'attachments are not supported').optional(),
});
export type DirectLineActivity = z.infer<typeof directLineActivity>;

/** Body of POST /v3/directline/conversations (directlinejs sends {user: {id}, locale}). */
export const startConversation = z
  .object({
    user: z.object({ id: z.string().min(1).max(100).optional() }).optional(),
    locale: locale.optional(),
    /** Not part of Direct Line: the volunteer page opens its conversation with the view (see meldwijzerView). */
    meldwijzerView: meldwijzerView.optional(),
  })
  .optional();

/** An activity from Azure Bot Service or the Emulator on /api/messages. Loose: channels add fields. */
export const botFrameworkActivity = z.looseObject({
  type: z.string().min(1).max(64),
  id: z.string().max(512).optional(),
  channelId: z.string().min(1).max(64),
  serviceUrl: z.string().max(2048).url(),
  conversation: z.looseObject({ id: z.string().min(1).max(512) }),
  from: z.looseObject({ id: z.string().min(1).max(512) }),
  recipient: z.looseObject({ id: z.string().min(1).max(512) }),
  // Other channels may send more than Web Chat's 2000; the core reads the first 2000.
  text: z.string().max(10 * MAX_TEXT).optional(),
  locale: locale.optional(),
  value: z.unknown().optional(),
  membersAdded: z.array(z.looseObject({ id: z.string().max(512) })).max(100).optional(),
});

/** Deepest nesting of objects and arrays accepted in a body (Adaptive Card values are a few levels). */
export const MAX_DEPTH = 32;

/**
 * True when `value` nests objects/arrays deeper than `max`. Iterative, so it cannot overflow the stack:
 * JSON.parse accepts thousands of levels within the body limit, but JSON.stringify (res.json of the
 * activity list, the Storage) recurses and throws RangeError on them.
 */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}

export const watermarkQuery = z.object({ watermark: z.string().regex(/^\d{0,20}$/, 'watermark must be a number').optional() });

export type ErrorCode = 'BadArgument' | 'BadSyntax' | 'MissingProperty' | 'TooBig' | 'Unauthorized' | 'Forbidden' | 'NotFound' | 'TooManyRequests' | 'ServiceError' | 'Unavailable' | 'UnsupportedMediaType';

/** The Direct Line 3.0 error body: {error: {code, message}}. */
export function sendError(res: Response, status: number, code: ErrorCode, message: string): void {
  if (res.headersSent) return;
  res.status(status).json({ error: { code, message } });
}

/** One readable line from a zod error: "text: Too big: expected string to have <=2000 characters". */
export function zodMessage(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : 'body'}: ${i.message}`)
    .join('; ');
}

// ---- The volunteer pages (/vrijwilligers). Query strings arrive as strings; a repeated key
// arrives as an array and is refused like any other wrong type.

const knowledgeId = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'must be an id such as "giften"');

/** GET /vrijwilligers/onderwerpen: ?q= the search, ?lang= the page language (unknown → Dutch). */
export const topicsQuery = z.object({
  q: z.string().max(200, 'the search is too long (200 characters at most)').optional(),
  lang: z.string().max(10).optional(),
});

/**
 * GET /vrijwilligers/print: the answer to print. lang = the client's language (the sheet), v = the
 * volunteer's (the few words around it), topic and outcome, and each fact as f.<fact id>=<value>.
 * The values are checked against the topic's facts by the page itself.
 */
export const printQuery = z
  .record(z.string().max(70), z.string().max(100, 'a value is too long'))
  .refine((q) => Object.keys(q).length <= 40, 'too many parameters')
  .transform((q) => {
    const facts: Record<string, string> = Object.create(null);
    const rest: Record<string, string> = Object.create(null);
    for (const [k, v] of Object.entries(q)) {
      if (k.startsWith('f.')) facts[k.slice(2)] = v;
      else rest[k] = v;
    }
    return { ...rest, facts };
  })
  .pipe(
    z.strictObject({
      lang: z.enum(LANGUAGES),
      v: z.enum(LANGUAGES).optional(),
      topic: knowledgeId,
      outcome: knowledgeId.optional(),
      facts: z.record(knowledgeId, z.string()),
    }),
  );
