// What the channels accept from outside, checked with zod before anything else reads it.
// A request that does not fit gets a clear 4xx in the Direct Line error shape; never a 500.
import type { Response } from 'express';
import { z } from 'zod';

/** As long as the conversation core reads (it cuts longer text) and Web Chat's own send box limit. */
export const MAX_TEXT = 2000;

const locale = z
  .string()
  .max(35)
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'locale must be a language tag such as nl-NL');

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
