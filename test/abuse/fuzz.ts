// Deterministic hostile input for the abuse tests: a seeded PRNG, text that breaks naive code
// (lone surrogates, bidi overrides, zero-width, emoji, NUL, template syntax), and the requests that
// carry it to /api/messages and the local Direct Line. Nothing here talks to anything but 127.0.0.1.
import { connect } from 'node:net';
import { gzipSync } from 'node:zlib';

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  const chance = (p: number) => next() < p;
  return { next, int, pick, chance };
}
export type Rng = ReturnType<typeof prng>;

const DUTCH = [
  'mijn', 'moeder', 'betaalt', 'boodschappen', 'gift', 'geld', 'auto', 'vakantie', 'werk', 'melden', 'moet', 'ik', 'dat',
  'terug', 'opnieuw', 'stop', 'menu', 'ja', 'nee', 'Praat met mijn contactpersoon', 'Iemand betaalt iets voor mij',
  '€ 1.200,50', '200', '3 weken', 'twee', 'ﬁets', 'ĳs', 'café', 'Ĳmuiden', 'English', 'Nederlands', 'العربية',
];
const ARABIC = ['هدية', 'أمي', 'تدفع', 'مشترياتي', 'سيارة', 'عطلة', '١٢٠٠', '٣', 'نعم', 'لا', 'ـــ', 'إِلَى'];
const BIDI = ['\u202E', '\u202D', '\u202A', '\u202B', '\u202C', '\u200E', '\u200F', '\u061C', '\u2066', '\u2067', '\u2068', '\u2069'];
const ZERO_WIDTH = ['\u200B', '\u200C', '\u200D', '\uFEFF', '\u2060', '\u00AD', '\u180E'];
const EMOJI = ['😀', '👨‍👩‍👧‍👦', '🇳🇱', '👍🏽', '🏳️‍🌈', '💶', '🧾', '❤️', '🫠', '\u{1F600}\u{FE0F}'];
const LONE = ['\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uD83D', '\uDE00'];
const CONTROL = ['\u0000', '\u0001', '\u0007', '\u0008', '\u000B', '\u000C', '\u001B', '\u007F', '\u0085', '\u2028', '\u2029', '\r', '\n', '\t'];
const NASTY = [
  '<script>alert(1)</script>', '{{totaal}}', '{{grens}}', '$t(chat:welcome)', '$t(giften:title)', '%s%n%x', '${process.exit()}',
  "' OR 1=1 --", '"; DROP TABLE state; --', '../../etc/passwd', '..\\..\\windows\\win.ini', '[klik](javascript:alert(1))',
  '__proto__', 'constructor', 'prototype', 'toString', '\\u0000', 'NaN', 'Infinity', '-0', '1e309', '９９９', '𝟏𝟐𝟎𝟎',
];

function codePoint(r: Rng): string {
  if (r.chance(0.1)) return String.fromCodePoint(r.int(0x10000, 0x10ffff));
  const cp = r.int(0x20, 0xfffd);
  return cp >= 0xd800 && cp <= 0xdfff ? '?' : String.fromCharCode(cp);
}

/** Text of roughly `max` UTF-16 units at most, mixed from hostile pieces and real Dutch/Arabic words. */
export function hostileText(r: Rng, max: number): string {
  const parts: string[] = [];
  let len = 0;
  const want = r.int(0, max);
  for (let guard = 0; len < want && guard < 10_000; guard++) {
    const k = r.int(0, 10);
    const piece =
      k === 0 ? r.pick(DUTCH)
      : k === 1 ? r.pick(ARABIC)
      : k === 2 ? r.pick(BIDI)
      : k === 3 ? r.pick(ZERO_WIDTH)
      : k === 4 ? r.pick(EMOJI)
      : k === 5 ? r.pick(LONE)
      : k === 6 ? r.pick(CONTROL)
      : k === 7 ? r.pick(NASTY)
      : k === 8 ? 'e' + '\u0301\u0308\u0336'.repeat(r.int(1, 20)) // stacked combining marks
      : k === 9 ? ' '
      : codePoint(r);
    parts.push(piece);
    len += piece.length;
  }
  return parts.join('').slice(0, max);
}

/** A value of any JSON type (or a nasty object), for fields that should be strings. */
export function wrongValue(r: Rng, depth = 0): unknown {
  switch (r.int(0, 12)) {
    case 0: return null;
    case 1: return r.int(-1e9, 1e9);
    case 2: return r.next() * 1e308;
    case 3: return r.chance(0.5);
    case 4: return [];
    case 5: return {};
    case 6: return depth < 3 ? [wrongValue(r, depth + 1), wrongValue(r, depth + 1)] : 'x';
    case 7: return depth < 3 ? { text: wrongValue(r, depth + 1), type: wrongValue(r, depth + 1) } : 'y';
    case 8: return { toString: 1, valueOf: 'x' };
    case 9: return JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}');
    case 10: return '';
    case 11: return -0;
    default: return hostileText(r, 40);
  }
}

/** Deep nesting that still fits in the 32 kB body limit. */
export function deepJson(depth: number, open = '[', close = ']'): string {
  return open.repeat(depth) + close.repeat(depth);
}

export const LOCALES = ['nl-NL', 'en-US', 'ar-SA', 'ar', 'nl', 'xx', 'zz-ZZ-abcdefgh', 'nl NL <script>', '', 'a'.repeat(40), 'ar-EG', 'EN', 'de-DE', 'nl-NL-x-private'];

export interface Case {
  /** Category, for the summary and for what is allowed. */
  kind: string;
  method: string;
  /** Path and query on the server under test. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Send these bytes on a raw socket instead of using fetch (for what fetch refuses to send). */
  raw?: Buffer;
  /** A dropped connection (no status) is acceptable: the request itself was broken or huge. */
  mayDrop?: boolean;
  /** If set, the status must be one of these. */
  expect?: number[];
}

export interface Outcome {
  status: number | null;
  /** Time until the answer was read. */
  ms?: number;
  error?: string;
  json?: unknown;
  contentType?: string | null;
}

/** Sends bytes on a raw TCP socket and reads the status line; gives up after `timeoutMs`. */
export function rawHttp(port: number, data: Buffer, timeoutMs = 1500): Promise<Outcome> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    let got = '';
    let done = false;
    const finish = (o: Outcome) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(o);
    };
    const timer = setTimeout(() => finish({ status: null, error: 'timeout' }), timeoutMs);
    socket.on('connect', () => socket.write(data));
    socket.on('data', (chunk) => {
      got += chunk.toString('latin1');
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(got);
      if (m) finish({ status: Number(m[1]) });
      else if (got.length > 64 && !got.startsWith('HTTP/')) finish({ status: null, error: `not HTTP: ${JSON.stringify(got.slice(0, 40))}` });
    });
    socket.on('error', (e) => finish({ status: null, error: e.message }));
    socket.on('close', () => finish({ status: null, error: 'closed' }));
  });
}

/** Sends one case; never throws. */
export async function send(base: string, port: number, c: Case, timeoutMs = 20_000): Promise<Outcome> {
  const t0 = performance.now();
  const o = await sendOnce(base, port, c, timeoutMs);
  o.ms = performance.now() - t0;
  return o;
}

async function sendOnce(base: string, port: number, c: Case, timeoutMs: number): Promise<Outcome> {
  if (c.raw) return rawHttp(port, c.raw);
  try {
    const res = await fetch(base + c.path, {
      method: c.method,
      headers: c.headers,
      body: c.body as BodyInit | undefined,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const contentType = res.headers.get('content-type');
    const text = await res.text();
    let json: unknown;
    if (contentType?.includes('json')) {
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
    }
    return { status: res.status, json, contentType };
  } catch (e) {
    const err = e as Error & { cause?: { code?: string; message?: string } };
    return { status: null, error: `${err.name}: ${err.message} ${err.cause?.code ?? err.cause?.message ?? ''}`.trim() };
  }
}

/** Runs `tasks` with at most `width` in flight; the order of results follows the input. */
export async function pool<T, R>(items: T[], width: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await task(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return out;
}

export interface Target {
  port: number;
  /** Open Direct Line conversations with their tokens. */
  convs: { id: string; token: string }[];
  /** A page token (may only start conversations). */
  startToken: string;
}

const JSON_HEADERS = { 'Content-Type': 'application/json' };

/** A Direct Line activity with some of its fields broken. About half of them reach the bot. */
function dlActivity(r: Rng): unknown {
  const a: Record<string, unknown> = { type: 'message', text: hostileText(r, r.chance(0.9) ? 40 : 160) };
  if (r.chance(0.5)) a.locale = r.pick(LOCALES);
  if (r.chance(0.4)) a.from = r.chance(0.7) ? { id: hostileText(r, 30) || 'u', role: 'user' } : wrongValue(r);
  if (r.chance(0.4)) a.channelData = r.chance(0.7) ? { clientActivityID: `c-${r.int(0, 1e6)}`, clientTimestamp: new Date(0).toISOString() } : wrongValue(r);
  if (r.chance(0.15)) a.type = r.pick(['event', 'typing', 'invoke', 'conversationUpdate', '', 'MESSAGE', 'message ', null, 5, ['message'], { t: 1 }]);
  if (r.chance(0.15)) delete a.type;
  if (r.chance(0.15)) a.text = wrongValue(r);
  if (r.chance(0.1)) delete a.text;
  if (r.chance(0.15)) a.value = r.chance(0.5) ? wrongValue(r) : { text: hostileText(r, 60) };
  if (r.chance(0.05)) a.name = r.chance(0.5) ? 'webchat/join' : wrongValue(r);
  if (r.chance(0.05)) a.attachments = r.chance(0.5) ? [] : [{ contentType: 'image/png', contentUrl: 'http://127.0.0.1:9/x.png' }];
  if (r.chance(0.05)) a.textFormat = r.pick(['plain', 'markdown', 'xml', 'html', 5]);
  if (r.chance(0.05)) a[hostileText(r, 10) || 'x'] = wrongValue(r);
  if (r.chance(0.04)) return r.pick([null, [], [a], 'message', 42, true]);
  return a;
}

/** An activity for /api/messages; most carry deliveryMode expectReplies, so the bot answers in the response and sends nothing out. */
function apiActivity(r: Rng, selfUrl: string): { body: unknown; selfLoop: boolean } {
  const a: Record<string, unknown> = {
    type: 'message',
    id: `a-${r.int(0, 1e9)}`,
    channelId: 'emulator',
    serviceUrl: 'http://127.0.0.1:9/',
    deliveryMode: 'expectReplies',
    conversation: { id: `api-${r.int(0, 40)}` },
    from: { id: 'user-1', role: 'user' },
    recipient: { id: 'bot', role: 'bot' },
    text: hostileText(r, r.chance(0.9) ? 40 : 160),
    locale: 'nl-NL',
  };
  let selfLoop = false;
  const fields = ['type', 'id', 'channelId', 'serviceUrl', 'deliveryMode', 'conversation', 'from', 'recipient', 'text', 'locale', 'value', 'membersAdded', 'timestamp', 'localTimestamp', 'entities', 'attachments', 'channelData', 'replyToId', 'name', 'relatesTo', 'expiration', 'callerId'];
  const n = r.int(0, 3);
  for (let i = 0; i < n; i++) {
    const f = r.pick(fields);
    switch (r.int(0, 4)) {
      case 0: delete a[f]; break;
      case 1: a[f] = wrongValue(r); break;
      case 2: a[f] = hostileText(r, 80); break;
      default:
        if (f === 'type') a.type = r.pick(['conversationUpdate', 'event', 'invoke', 'typing', 'endOfConversation', 'installationUpdate', 'messageReaction', 'messageUpdate', 'messageDelete', 'handoff', 'trace', 'command', 'x'.repeat(64), 'x'.repeat(65)]);
        else if (f === 'serviceUrl') a.serviceUrl = r.pick(['https://example.org/', 'javascript:alert(1)', 'file:///etc/passwd', 'http://[::1]:9/', 'not a url', 'http://127.0.0.1:9/' + 'a'.repeat(2100)]);
        else if (f === 'conversation') a.conversation = r.pick([{ id: '../../etc/passwd' }, { id: '' }, { id: 'x'.repeat(513) }, { id: 'c\u0000d' }, { id: 'conv', tenantId: 5, isGroup: 'yes' }, { id: hostileText(r, 40) || 'q' }]);
        else if (f === 'membersAdded') a.membersAdded = r.pick([[{ id: 'user-1' }], [{ id: 'bot' }], Array.from({ length: 101 }, (_, k) => ({ id: `m${k}` })), [null], [{ id: 5 }], 'x']);
        else if (f === 'timestamp' || f === 'localTimestamp' || f === 'expiration') a[f] = r.pick(['nonsense', '9999-99-99T99:99:99Z', '', '2026-03-01T10:00:00Z', 1e20]);
        else if (f === 'deliveryMode') a.deliveryMode = r.pick(['normal', 'notification', 'ephemeral', 'EXPECTREPLIES', null]);
        else if (f === 'entities' || f === 'attachments') a[f] = r.pick([[null], [{}], [{ type: 'mention', mentioned: null }], [{ contentType: 5, content: [] }], 'x', {}]);
        else a[f] = wrongValue(r);
    }
  }
  // A few turns go without expectReplies on purpose.
  if (r.chance(0.01)) delete a.deliveryMode;
  // Without expectReplies the bot sends its replies to serviceUrl: let that be this very server (loopback,
  // a quick 404) rather than a closed port, where the connector would retry.
  if (a.deliveryMode !== 'expectReplies' && a.serviceUrl === 'http://127.0.0.1:9/') {
    a.serviceUrl = selfUrl;
    selfLoop = true;
  }
  if (r.chance(0.04)) return { body: r.pick([null, [a], 'message', 7, []]), selfLoop: false };
  return { body: a, selfLoop };
}

const CONTENT_TYPES = [
  'application/json', 'application/json; charset=utf-8', 'application/json; charset=UTF-16', 'application/json; charset=latin1', 'application/json; charset=utf-7',
  'application/json; charset="', 'application/json;;;', 'application/vnd.api+json', 'application/ld+json', 'text/plain', 'text/json', 'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x', 'application/xml', '*/*', 'application/json, text/plain', 'APPLICATION/JSON', 'application/octet-stream', '',
];

function authHeader(r: Rng, good: string, t: Target): string | undefined {
  switch (r.int(0, 12)) {
    case 0: return undefined;
    case 1: return '';
    case 2: return 'Bearer';
    case 3: return 'Bearer ';
    case 4: return `Basic ${Buffer.from('a:b').toString('base64')}`;
    case 5: return `Bearer ${good} ${good}`;
    case 6: return `Bearer ${good.slice(0, -2)}`;
    case 7: return `Bearer ${'A'.repeat(r.int(2040, 3000))}.${'B'.repeat(10)}`;
    case 8: return `Bearer ${t.startToken}`;
    case 9: return `Bearer ${r.pick(t.convs).token}`;
    case 10: return `bearer ${good}`;
    case 11: return `Bearer ..${'.'.repeat(r.int(0, 5))}`;
    default: return `Bearer ${good}`;
  }
}

const ODD_IDS = [
  '..', '..%2F..%2Fetc%2Fpasswd', '%2e%2e%2f%2e%2e%2fetc%2fpasswd', '%00', 'abc%00def', '%E0%A4%A', '%', '%zz', 'a'.repeat(65), 'a'.repeat(5000),
  '%D8%A7%D9%84%D8%B9%D8%B1%D8%A8%D9%8A%D8%A9', '%F0%9F%98%80', '%E2%80%AE', 'CON', 'nul', '.git', '~root', '*', '%2A', 'undefined', 'null', '__proto__', 'constructor',
];

/** Every case of the main run, in a fixed order for a given seed. */
export function generateCases(r: Rng, t: Target): { cases: Case[]; selfLoops: number } {
  const cases: Case[] = [];
  const selfUrl = `http://127.0.0.1:${t.port}/selfloop/`;
  let selfLoops = 0;
  const conv = () => r.pick(t.convs);

  // 1. Direct Line activities with broken fields (1000).
  for (let i = 0; i < 1000; i++) {
    const c = conv();
    cases.push({ kind: 'dl.activity', method: 'POST', path: `/v3/directline/conversations/${c.id}/activities`, headers: { ...JSON_HEADERS, Authorization: `Bearer ${c.token}` }, body: JSON.stringify(dlActivity(r)) });
  }
  // 2. Bodies that are not (valid) JSON (800).
  for (let i = 0; i < 800; i++) {
    const c = conv();
    const good = JSON.stringify({ type: 'message', text: hostileText(r, 30) });
    const k = r.int(0, 9);
    const body: string | Uint8Array =
      k === 0 ? good.slice(0, r.int(0, good.length - 1))
      : k === 1 ? hostileText(r, 200)
      : k === 2 ? r.pick(['null', 'true', '0', '"message"', '[]', '{}', '', ' ', '\u0000', '{"type":"message",}', "{'type':'message'}", '{"type":"message","text":"\\ud800"}', '{"type":"message","text":"\\u0000"}', 'NaN', '{"a":1e999}'])
      : k === 3 ? deepJson(r.int(1000, 15_000))
      : k === 4 ? `{"type":"message","value":${deepJson(r.int(1000, 12_000), '{"a":', '}').replace(/\{"a":\}/, '{"a":1}')}}`
      : k === 5 ? Buffer.concat([Buffer.from('{"type":"message","text":"'), Buffer.from(Array.from({ length: r.int(1, 40) }, () => r.int(0x80, 0xff))), Buffer.from('"}')])
      : k === 6 ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(good)])
      : k === 7 ? good.replace(/"$/, '') + '\u0000'.repeat(r.int(1, 100))
      : k === 8 ? `{"type":"message","text":"${'\\u0000'.repeat(r.int(1, 500))}"}`
      : `${good}${good}`;
    cases.push({ kind: 'dl.badjson', method: 'POST', path: `/v3/directline/conversations/${c.id}/activities`, headers: { ...JSON_HEADERS, Authorization: `Bearer ${c.token}` }, body, expect: k === 6 ? [200, 400] : undefined });
  }
  // 3. Odd content types and authorization headers on a good-looking activity (400).
  for (let i = 0; i < 400; i++) {
    const c = conv();
    const headers: Record<string, string> = {};
    const ct = r.pick(CONTENT_TYPES);
    if (ct) headers['Content-Type'] = ct;
    const auth = authHeader(r, c.token, t);
    if (auth !== undefined) headers.Authorization = auth;
    if (r.chance(0.2)) headers.Accept = r.pick(['text/html', '*/*', 'application/xml', '']);
    if (r.chance(0.1)) headers['X-Forwarded-For'] = r.pick(['1.2.3.4', 'garbage', '::1, 10.0.0.1', '']);
    if (r.chance(0.1)) headers['Accept-Language'] = r.pick(['ar-SA', '*', 'zz;q=0.x', '']);
    const body = ct.includes('form') ? 'type=message&text=hallo' : JSON.stringify({ type: 'message', text: hostileText(r, 30) });
    cases.push({ kind: 'dl.headers', method: 'POST', path: `/v3/directline/conversations/${c.id}/activities`, headers, body });
  }
  // 4. Starting conversations with odd bodies and tokens (300).
  for (let i = 0; i < 300; i++) {
    const headers: Record<string, string> = { ...JSON_HEADERS };
    if (r.chance(0.3)) {
      const auth = authHeader(r, t.startToken, t);
      if (auth !== undefined) headers.Authorization = auth;
    }
    const body = r.chance(0.8)
      ? JSON.stringify(r.pick([{ user: { id: hostileText(r, 30) }, locale: r.pick(LOCALES) }, { user: wrongValue(r) }, { locale: wrongValue(r) }, {}, { user: { id: 'x'.repeat(101) } }, wrongValue(r)]))
      : r.pick(['', '{', 'null', '[]', hostileText(r, 50)]);
    cases.push({ kind: 'dl.start', method: 'POST', path: '/v3/directline/conversations', headers, body });
  }
  // 5. Polling with bad watermarks (900).
  const WATERMARKS = ['abc', '-1', '1e308', '99999999999999999999', '999999999999999999999', '', '0', '١٢٣', '１２３', '0x10', '1.5', ' 1', '%00', '%FF', '1&watermark=2', 'Infinity', 'NaN', '%E2%80%AE1', '1%0D%0ASet-Cookie:x=1'];
  for (let i = 0; i < 900; i++) {
    const c = conv();
    const w = r.chance(0.7) ? r.pick(WATERMARKS) : encodeURIComponent(hostileText(r, 20).replace(/[\uD800-\uDFFF]/g, '?'));
    const key = r.pick(['watermark', 'watermark[]', 'watermark[a]', 'Watermark', 'watermark.x']);
    cases.push({ kind: 'dl.watermark', method: 'GET', path: `/v3/directline/conversations/${c.id}/activities?${key}=${w}`, headers: { Authorization: (r.chance(0.8) ? `Bearer ${c.token}` : authHeader(r, c.token, t)) ?? '' } });
  }
  // 6. Odd conversation ids on every Direct Line route (600).
  for (let i = 0; i < 600; i++) {
    const c = conv();
    const id = r.chance(0.8) ? r.pick(ODD_IDS) : r.chance(0.5) ? t.convs.find((x) => x !== c)?.id ?? c.id : encodeURIComponent(hostileText(r, 30).replace(/[\uD800-\uDFFF]/g, '?'));
    const route = r.int(0, 3);
    const headers = { ...JSON_HEADERS, Authorization: `Bearer ${c.token}` };
    if (route === 0) cases.push({ kind: 'dl.ids', method: 'GET', path: `/v3/directline/conversations/${id}`, headers });
    else if (route === 1) cases.push({ kind: 'dl.ids', method: 'GET', path: `/v3/directline/conversations/${id}/activities`, headers });
    else if (route === 2) cases.push({ kind: 'dl.ids', method: 'POST', path: `/v3/directline/conversations/${id}/activities`, headers, body: JSON.stringify({ type: 'message', text: 'hallo' }) });
    else cases.push({ kind: 'dl.ids', method: 'POST', path: `/v3/directline/tokens/refresh${r.chance(0.3) ? `/${id}` : ''}`, headers: { Authorization: authHeader(r, c.token, t) ?? '' } });
  }
  // 7. /api/messages (800).
  const API_AUTH = ['Bearer nonsense', 'Basic dXNlcjpwYXNz', 'Bearer', 'Bearer a.b.c', 'Bearer e30.e30.', 'Negotiate xyz'];
  for (let i = 0; i < 800; i++) {
    const k = r.int(0, 19);
    const headers: Record<string, string> = { ...JSON_HEADERS };
    // Only tokens no validator can take for a real JWT: a real-looking one would make botbuilder fetch signing keys from the internet.
    if (k === 0) headers.Authorization = r.pick(API_AUTH);
    if (k === 1) headers['Content-Type'] = r.pick(CONTENT_TYPES);
    let body: string;
    if (k === 2) body = r.pick(['{', '[]', '"text"', 'null', '', hostileText(r, 60), deepJson(r.int(100, 15_000))]);
    else {
      const a = apiActivity(r, selfUrl);
      if (a.selfLoop) selfLoops++;
      body = JSON.stringify(a.body);
    }
    cases.push({ kind: 'api.messages', method: 'POST', path: '/api/messages', headers, body });
  }
  // 8. Other paths and methods: traversal, the page's ?lang=, static files (400).
  const PATHS = [
    '/static/../server.ts', '/static/%2e%2e/server.ts', '/static/..%2fserver.ts', '/static/%2e%2e%2f%2e%2e%2fpackage.json', '/static/chat.js%00.png', '/static/', '/static/.%2e/.%2e/etc/passwd',
    '/v3/directline/../../package.json', '/v3/directline/conversations/%2e%2e', '/api/messages/../../etc/passwd', '/api/token', '/readyz', '/healthz', '/favicon.ico',
    '/?lang=ar', '/?lang=%3Cscript%3E', '/?lang=a&lang=b', '/?lang[]=x', '/?lang=' + 'x'.repeat(3000), '/%ff', '/%', '/' + 'a/'.repeat(500), '//etc/passwd', '/v3/directline/conversations',
  ];
  for (let i = 0; i < 400; i++) {
    const method = r.pick(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'GET']);
    const path = r.chance(0.8) ? r.pick(PATHS) : `/${encodeURIComponent(hostileText(r, 30).replace(/[\uD800-\uDFFF]/g, '?'))}`;
    const withBody = method !== 'GET' && method !== 'HEAD';
    cases.push({ kind: 'paths', method, path, headers: withBody ? JSON_HEADERS : {}, body: withBody ? JSON.stringify({ type: 'message', text: 'x' }) : undefined });
  }
  // 9. Malformed HTTP on a raw socket (60): bad lengths, bad chunking, huge headers, cut-off bodies.
  const c0 = t.convs[0];
  const dlPath = `/v3/directline/conversations/${c0.id}/activities`;
  const auth = `Authorization: Bearer ${c0.token}\r\n`;
  const gzBomb = gzipSync(Buffer.from(JSON.stringify({ type: 'message', text: ' '.repeat(1_000_000) })));
  const RAW: (() => Buffer)[] = [
    () => Buffer.from(`POST ${dlPath} HTTP/1.1\r\nHost: x\r\n${auth}Content-Type: application/json\r\nContent-Length: 50\r\n\r\n{"type":"message"`),
    () => Buffer.from(`POST ${dlPath} HTTP/1.1\r\nHost: x\r\n${auth}Content-Type: application/json\r\nContent-Length: -1\r\n\r\n{}`),
    () => Buffer.from(`POST ${dlPath} HTTP/1.1\r\nHost: x\r\n${auth}Content-Type: application/json\r\nContent-Length: abc\r\n\r\n{}`),
    () => Buffer.from(`POST ${dlPath} HTTP/1.1\r\nHost: x\r\n${auth}Content-Type: application/json\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n{}`),
    () => Buffer.from(`POST ${dlPath} HTTP/1.1\r\nHost: x\r\n${auth}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`),
    () => Buffer.from(`POST ${dlPath} HTTP/1.1\r\nHost: x\r\n${auth}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n`),
    () => Buffer.from(`POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: 12\r\n\r\nnot gzipped!`),
    () => Buffer.concat([Buffer.from(`POST ${dlPath} HTTP/1.1\r\nHost: x\r\n${auth}Content-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: ${gzBomb.length}\r\n\r\n`), gzBomb]),
    () => Buffer.from(`POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Encoding: br\r\nContent-Length: 2\r\n\r\n{}`),
    () => Buffer.from(`POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Encoding: x-unknown\r\nContent-Length: 2\r\n\r\n{}`),
    () => Buffer.from(`GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`),
    () => Buffer.from(`GET / HTTP/1.1\r\nHost: x\r\nX-Nul: a\u0000b\r\n\r\n`, 'latin1'),
    () => Buffer.from('GARBAGE\r\n\r\n'),
    () => Buffer.from('GET / HTTP/9.9\r\n\r\n'),
    () => Buffer.from('GET /healthz HTTP/1.0\r\n\r\n'),
    () => Buffer.from(`GET ${dlPath}?watermark=1 HTTP/1.1\r\nHost: x\r\n${auth}Authorization: Bearer other\r\n\r\n`),
    () => Buffer.from(`POST ${dlPath} HTTP/1.1\r\nHost: x\r\n${auth}Content-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n{}`),
    () => Buffer.from(`POST ${dlPath} HTTP/1.1\r\nHost: x\r\n${auth}Content-Type: application/json\r\nContent-Length: 40000\r\n\r\n{"type":"message","text":"`),
    () => Buffer.from(`GET /../../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n`),
    () => Buffer.from(`GET /static/../../package.json HTTP/1.1\r\nHost: x\r\n\r\n`),
    () => Buffer.from(`GET /v3/directline/conversations/../../../package.json HTTP/1.1\r\nHost: x\r\n\r\n`),
    () => Buffer.from(`GET http://evil.example/ HTTP/1.1\r\nHost: evil.example\r\n\r\n`),
    () => Buffer.from(`GET * HTTP/1.1\r\nHost: x\r\n\r\n`),
    () => Buffer.from(`POST ${dlPath} HTTP/1.1\r\nHost: x\r\n${auth}Content-Type: application/json\r\nContent-Length: 27\r\n\r\n{"type":"message","text":"\xff\xfe"}`, 'latin1'),
  ];
  for (let i = 0; i < 60; i++) cases.push({ kind: 'raw', method: 'RAW', path: '', raw: RAW[i % RAW.length](), mayDrop: true });
  return { cases, selfLoops };
}

/** 1–5 MB bodies (12): with and without Content-Length, as JSON and as other types. */
export function hugeCases(r: Rng, t: Target): Case[] {
  const out: Case[] = [];
  for (let i = 0; i < 12; i++) {
    const size = r.int(1_000_000, 5_000_000);
    const c = r.pick(t.convs);
    const target = i % 3 === 0 ? '/api/messages' : i % 3 === 1 ? `/v3/directline/conversations/${c.id}/activities` : '/v3/directline/conversations';
    const headers: Record<string, string> = { 'Content-Type': i % 4 === 3 ? 'text/plain' : 'application/json', Authorization: `Bearer ${c.token}` };
    const body = i % 2 === 0 ? JSON.stringify({ type: 'message', text: 'x'.repeat(size) }) : 'x'.repeat(size);
    // A conversation token opens its conversation again (200) whatever the body, when it is not parsed as JSON.
    out.push({ kind: 'huge', method: 'POST', path: target, headers, body, mayDrop: true, expect: headers['Content-Type'] === 'text/plain' ? [200, 400, 401, 403] : [400, 401, 403, 413] });
  }
  // Chunked, without a Content-Length: the server only finds out while reading.
  for (const path of ['/api/messages', `/v3/directline/conversations/${t.convs[0].id}/activities`]) {
    const json = Buffer.from(JSON.stringify({ type: 'message', text: 'y'.repeat(r.int(1_000_000, 2_000_000)) }));
    const head = `POST ${path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${t.convs[0].token}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`;
    const raw = Buffer.concat([Buffer.from(head), Buffer.from(`${json.length.toString(16)}\r\n`), json, Buffer.from('\r\n0\r\n\r\n')]);
    out.push({ kind: 'huge', method: 'RAW', path: '', raw, mayDrop: true, expect: [413] });
  }
  return out;
}
