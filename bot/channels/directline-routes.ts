// The HTTP face of the local Direct Line 3.0 (polling), mounted at /v3/directline.
//   POST /conversations                       start (or resume, with a conversation token)
//   GET  /conversations/{id}                  reconnect: a fresh token for the same conversation
//   POST /conversations/{id}/activities       send an activity → {id}
//   GET  /conversations/{id}/activities       ?watermark= → {activities, watermark}
//   POST /tokens/refresh                      a fresh token for the token's conversation
// Every call except a start needs "Authorization: Bearer <conversation token>".
// 401 = no token, 403 = bad/expired token or a token for another conversation, 404 = unknown conversation.
import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { Logger } from 'pino';
import type { Chat, DirectLineService } from './directline.ts';
import type { TokenClaims, Tokens } from './tokens.ts';
import { directLineActivity, sendError, startConversation, watermarkQuery, zodMessage } from './validation.ts';

export const CONVERSATION_TOKEN_TTL = 30 * 60;
export const START_TOKEN_TTL = 5 * 60;

export interface DirectLineRouteOptions {
  service: DirectLineService;
  tokens: Tokens;
  log: Logger;
  /** Rate limits: opening conversations, posting activities, polling. */
  limit: { start: RequestHandler; post: RequestHandler; poll: RequestHandler };
}

function bearer(req: Request): string | undefined {
  const h = req.headers.authorization;
  if (!h) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
  return m ? m[1] : '';
}

export function directLineRouter({ service, tokens, log, limit }: DirectLineRouteOptions): Router {
  const router = Router();
  router.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });

  const grant = (chat: Chat) => ({
    conversationId: chat.id,
    token: tokens.sign({ kind: 'conv', conversationId: chat.id, userId: chat.userId }, CONVERSATION_TOKEN_TTL),
    expires_in: CONVERSATION_TOKEN_TTL,
  });

  /** The token's claims, or undefined after sending 401/403. */
  const claimsOf = (req: Request, res: Response): TokenClaims | undefined => {
    const token = bearer(req);
    if (token === undefined) return void sendError(res, 401, 'Unauthorized', 'Send the conversation token: Authorization: Bearer <token>.');
    const v = tokens.verify(token);
    if (!v.ok) return void sendError(res, 403, 'Forbidden', v.reason === 'expired' ? 'The token has expired. Start a new conversation.' : 'The token is not valid.');
    return v.claims;
  };

  /** The conversation named in the URL, if the request's token opens it; else the error is sent. */
  const authorized = async (req: Request, res: Response, id: string): Promise<Chat | undefined> => {
    const claims = claimsOf(req, res);
    if (!claims) return undefined;
    if (claims.kind !== 'conv' || claims.conversationId !== id)
      return void sendError(res, 403, 'Forbidden', 'This token is not valid for this conversation.');
    const chat = await service.find(id, claims.userId);
    if (!chat) return void sendError(res, 404, 'NotFound', 'This conversation does not exist (any more). Start a new conversation.');
    return chat;
  };

  router.post('/conversations', limit.start, async (req, res) => {
    const body = startConversation.safeParse(req.body);
    if (!body.success) return sendError(res, 400, 'BadArgument', zodMessage(body.error));
    if (req.headers.authorization !== undefined) {
      const claims = claimsOf(req, res);
      if (!claims) return;
      if (claims.kind === 'conv') {
        // A token made for a conversation opens that conversation (as Direct Line does).
        const chat = await service.find(claims.conversationId, claims.userId);
        if (!chat) return sendError(res, 404, 'NotFound', 'This conversation does not exist (any more). Start a new conversation.');
        return res.status(200).json(grant(chat));
      }
    }
    const view = body.data?.meldwijzerView;
    const chat = await service.start({ userId: body.data?.user?.id, locale: body.data?.locale, ...(view && { channelData: { meldwijzerView: view } }) });
    log.info({ event: 'conversation.start', channel: 'directline', locale: chat.locale }, 'conversation started');
    res.status(201).json(grant(chat));
  });

  router.get('/conversations/:id', limit.poll, async (req, res) => {
    const chat = await authorized(req, res, String(req.params.id));
    if (chat) res.json(grant(chat));
  });

  router.post('/conversations/:id/activities', limit.post, async (req, res) => {
    const chat = await authorized(req, res, String(req.params.id));
    if (!chat) return;
    const parsed = directLineActivity.safeParse(req.body);
    if (!parsed.success) return sendError(res, 400, 'BadArgument', zodMessage(parsed.error));
    const id = await service.post(chat, parsed.data);
    res.json({ id });
  });

  router.get('/conversations/:id/activities', limit.poll, async (req, res) => {
    const chat = await authorized(req, res, String(req.params.id));
    if (!chat) return;
    // ?watermark=1&watermark=2 arrives as an array: zod refuses it like any other non-number.
    const q = watermarkQuery.safeParse({ watermark: req.query.watermark });
    if (!q.success) return sendError(res, 400, 'BadArgument', zodMessage(q.error));
    res.json(service.since(chat, q.data.watermark));
  });

  router.post('/tokens/refresh', limit.poll, async (req, res) => {
    const claims = claimsOf(req, res);
    if (!claims) return;
    if (claims.kind !== 'conv') return sendError(res, 403, 'Forbidden', 'Only a conversation token can be refreshed.');
    const chat = await service.find(claims.conversationId, claims.userId);
    if (!chat) return sendError(res, 404, 'NotFound', 'This conversation does not exist (any more). Start a new conversation.');
    res.json(grant(chat));
  });

  router.use((_req, res) => sendError(res, 404, 'NotFound', 'There is no such Direct Line endpoint here.'));
  return router;
}

/** A token the web page hands to directlinejs so that it can open a conversation. */
export function startToken(tokens: Tokens): { token: string; expires_in: number } {
  return { token: tokens.sign({ kind: 'start', conversationId: '', userId: '' }, START_TOKEN_TTL), expires_in: START_TOKEN_TTL };
}
