// Bearer tokens for the local Direct Line: HMAC-signed, stateless, so a restart with the same
// MELDWIJZER_SECRET keeps every open chat's token valid.
//   start token: may open a new conversation (what the web page gets from /api/token)
//   conversation token: valid for one conversation id only
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export type TokenKind = 'start' | 'conv';

export interface TokenClaims {
  kind: TokenKind;
  /** The conversation this token opens; empty for a start token. */
  conversationId: string;
  /** The Direct Line user id given at the start. */
  userId: string;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

export type Verified = { ok: true; claims: TokenClaims } | { ok: false; reason: 'malformed' | 'signature' | 'expired' };

const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64url');

export class Tokens {
  private readonly key: Buffer;

  constructor(
    secret: string | undefined,
    private readonly now: () => number = Date.now,
  ) {
    // Without a configured secret every start gets a new random one: tokens then die with the process.
    this.key = secret ? Buffer.from(secret, 'utf8') : randomBytes(32);
  }

  sign(claims: Omit<TokenClaims, 'exp'>, ttlSeconds: number): string {
    const body = b64(JSON.stringify({ k: claims.kind, c: claims.conversationId, u: claims.userId, e: Math.floor(this.now() / 1000) + ttlSeconds }));
    return `${body}.${this.mac(body)}`;
  }

  verify(token: string): Verified {
    const dot = token.indexOf('.');
    if (dot <= 0 || token.length > 2048) return { ok: false, reason: 'malformed' };
    const body = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1), 'base64url');
    const wanted = Buffer.from(this.mac(body), 'base64url');
    if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) return { ok: false, reason: 'signature' };
    let raw: unknown;
    try {
      raw = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    const p = raw as { k?: unknown; c?: unknown; u?: unknown; e?: unknown };
    if ((p.k !== 'start' && p.k !== 'conv') || typeof p.c !== 'string' || typeof p.u !== 'string' || typeof p.e !== 'number')
      return { ok: false, reason: 'malformed' };
    if (p.e * 1000 <= this.now()) return { ok: false, reason: 'expired' };
    return { ok: true, claims: { kind: p.k, conversationId: p.c, userId: p.u, exp: p.e } };
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}
