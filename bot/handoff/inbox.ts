// The staff inbox: contact persons log in, read the requests clients left for them, mark them handled
// or delete them. Mounted by the server at /medewerkers. Plain server-rendered HTML in Dutch, no scripts.
//
// Security in short: scrypt-hashed staff passwords (MELDWIJZER_STAFF), a rate-limited login, random
// in-memory sessions in an HttpOnly SameSite=Strict cookie, a CSRF token in every form (before login a
// token bound to a pre-session cookie by HMAC), every value HTML-escaped, an audit trail of who opened,
// handled or deleted what. Logs carry event names and numbers only: no names, texts or usernames.
import { escapeHtml } from '../html.ts';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import express, { type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { pino, type Logger } from 'pino';
import { z } from 'zod';
import type { RequestStore, Retention, StoredRequest } from './store.ts';
import { dummyHash, MAX_PASSWORD_LENGTH, normalizeUsername, verifyPassword, type StaffAccounts } from './staff.ts';

export { hashPassword, verifyPassword, parseStaff, staffFromEnv, type ParsedStaff, type StaffAccounts } from './staff.ts';

export const SESSION_COOKIE = 'mw_staff';
export const PRE_SESSION_COOKIE = 'mw_pre';
export const DEFAULT_SESSION_TTL_MS = 8 * 60 * 60 * 1000;
export const DEFAULT_LOGIN_LIMIT = { windowMs: 15 * 60 * 1000, limit: 5 };
const BODY_LIMIT = '8kb';
const MAX_SESSIONS = 5_000;
const AUDIT_SHOWN = 1_000;

export interface InboxOptions {
  store: RequestStore;
  /** Who may log in: username (lower case) → `scrypt$<saltHex>$<hashHex>`; see parseStaff / staffFromEnv. */
  staff: StaffAccounts;
  /** Production: cookies get `Secure` (served over HTTPS only). */
  secure: boolean;
  /** Clock for session expiry (tests move it). Default Date.now. */
  now?: () => number;
  /** Session lifetime from login. Default 8 hours. */
  sessionTtlMs?: number;
  /** Failed login attempts per IP per window. Default 5 per 15 minutes; then 429. */
  loginLimit?: { windowMs: number; limit: number };
  /** Events only (no personal data). Default silent. */
  log?: Logger;
}

interface Session {
  user: string;
  csrf: string;
  expires: number;
}

// ---------------------------------------------------------------- helpers


const LANGUAGE_NAMES: Record<string, string> = { nl: 'Nederlands', en: 'Engels', ar: 'Arabisch' };
/** The client's language written out in Dutch: "ar" → "Arabisch". */
export function languageInDutch(code: string): string {
  if (LANGUAGE_NAMES[code]) return LANGUAGE_NAMES[code];
  try {
    const name = new Intl.DisplayNames(['nl'], { type: 'language', fallback: 'none' }).of(code);
    if (name) return name.charAt(0).toUpperCase() + name.slice(1);
  } catch {
    // not a language code
  }
  return code;
}

const DATE_TIME = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Amsterdam' });
function when(ms: number): string {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return '';
  return `<time datetime="${d.toISOString()}">${escapeHtml(DATE_TIME.format(d))}</time>`;
}

function token(): string {
  return randomBytes(32).toString('base64url');
}
const TOKEN_FORM = /^[A-Za-z0-9_-]{43}$/;

function same(a: unknown, b: string): boolean {
  if (typeof a !== 'string') return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function readCookies(req: Request): Map<string, string> {
  const out = new Map<string, string>();
  const header = req.headers.cookie;
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    try {
      value = decodeURIComponent(value);
    } catch {
      continue;
    }
    if (!out.has(name)) out.set(name, value);
  }
  return out;
}

/** The form body, or {} when the POST is not a urlencoded form (JSON bodies parsed elsewhere are ignored). */
function formBody(req: Request): Record<string, unknown> {
  if (!req.is('application/x-www-form-urlencoded')) return {};
  const b: unknown = req.body;
  return b && typeof b === 'object' ? (b as Record<string, unknown>) : {};
}

const idParam = z.string().regex(/^[1-9][0-9]{0,9}$/).transform(Number);
/** Where to go after login: only pages of the inbox itself (no open redirect). */
const nextPage = z.string().regex(/^\/(?:verzoek\/[1-9][0-9]{0,9}|logboek)?$/);
const loginForm = z.object({
  gebruikersnaam: z.string().trim().min(1).max(64),
  wachtwoord: z.string().min(1).max(MAX_PASSWORD_LENGTH),
  naar: z.union([nextPage, z.literal('')]).optional(),
});
const deleteForm = z.object({ bevestig: z.literal('ja') });
const notices = {
  afgehandeld: 'Het verzoek is gemarkeerd als afgehandeld.',
  'al-afgehandeld': 'Dit verzoek was al afgehandeld.',
  verwijderd: 'Het verzoek is verwijderd.',
  uitgelogd: 'U bent uitgelogd.',
} as const;
const notice = z.enum(Object.keys(notices) as [keyof typeof notices, ...(keyof typeof notices)[]]);

const STYLESHEET = readFileSync(new URL('./inbox.css', import.meta.url), 'utf8');

const SECURITY_HEADERS: Record<string, string> = {
  // Stricter than the chat page: no scripts at all, styles from our own file, never in a frame.
  'Content-Security-Policy':
    "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Robots-Tag': 'noindex, nofollow',
};

// ---------------------------------------------------------------- pages

interface View {
  base: string;
  session?: Session;
  current?: 'verzoeken' | 'logboek';
}

function layout(v: View, title: string, body: string): string {
  const nav = v.session
    ? `<nav aria-label="Hoofdmenu"><ul>
  <li><a href="${escapeHtml(v.base)}/"${v.current === 'verzoeken' ? ' aria-current="page"' : ''}>Verzoeken</a></li>
  <li><a href="${escapeHtml(v.base)}/logboek"${v.current === 'logboek' ? ' aria-current="page"' : ''}>Logboek</a></li>
  <li><form method="post" action="${escapeHtml(v.base)}/uitloggen">${csrfField(v.session.csrf)}<button type="submit" class="als-link">Uitloggen <span class="gebruiker">(${escapeHtml(v.session.user)})</span></button></form></li>
</ul></nav>`
    : '';
  return `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${escapeHtml(title)} – Meldwijzer voor medewerkers</title>
<link rel="stylesheet" href="${escapeHtml(v.base)}/stijl.css">
</head>
<body>
<a class="skip" href="#inhoud">Direct naar de inhoud</a>
<header class="kop"><div class="wrap">
<p class="merk">Meldwijzer <span>– verzoeken van inwoners</span></p>
${nav}
</div></header>
<main id="inhoud" class="wrap" tabindex="-1">
${body}
</main>
</body>
</html>
`;
}

function csrfField(value: string): string {
  return `<input type="hidden" name="csrf" value="${escapeHtml(value)}">`;
}

function message(kind: 'fout' | 'ok' | 'info', text: string, heading?: string): string {
  const role = kind === 'fout' ? 'alert' : 'status';
  const cls = kind === 'info' ? 'melding' : `melding ${kind}`;
  return `<div class="${cls}" role="${role}">${heading ? `<p class="melding-kop">${escapeHtml(heading)}</p>` : ''}<p>${escapeHtml(text)}</p></div>`;
}

function loginPage(v: View, o: { csrf: string; error?: string; info?: string; username?: string; next?: string; noStaff?: boolean }): string {
  const body = `<h1>Inloggen</h1>
<p>Hier leest u de verzoeken die inwoners via Meldwijzer voor hun contactpersoon achterlaten. Log in met uw medewerkersaccount.</p>
${o.noStaff ? message('info', 'Er zijn nog geen medewerkers ingesteld. Vraag de functioneel beheerder om uw account.') : ''}
${o.info ? message('info', o.info) : ''}
${o.error ? message('fout', o.error, 'Inloggen is niet gelukt') : ''}
<form method="post" action="${escapeHtml(v.base)}/login" class="formulier">
${csrfField(o.csrf)}
<input type="hidden" name="naar" value="${escapeHtml(o.next ?? '')}">
<div class="veld">
<label for="gebruikersnaam">Gebruikersnaam</label>
<input type="text" id="gebruikersnaam" name="gebruikersnaam" autocomplete="username" autocapitalize="none" spellcheck="false" maxlength="64" required value="${escapeHtml(o.username ?? '')}">
</div>
<div class="veld">
<label for="wachtwoord">Wachtwoord</label>
<input type="password" id="wachtwoord" name="wachtwoord" autocomplete="current-password" maxlength="${MAX_PASSWORD_LENGTH}" required>
</div>
<button type="submit">Inloggen</button>
</form>`;
  return layout(v, 'Inloggen', body);
}

function listPage(v: View, requests: StoredRequest[], retention: Retention, note?: string): string {
  const open = requests.filter((r) => r.handledAt === null);
  const handled = requests.filter((r) => r.handledAt !== null);
  const link = (r: StoredRequest) => `<a class="kenmerk" href="${escapeHtml(v.base)}/verzoek/${r.id}">${escapeHtml(r.reference)}</a>`;
  const optional = (s: string | undefined) => (s ? escapeHtml(s) : '<span class="leeg">Niet opgegeven</span>');
  const openTable = open.length
    ? `<div class="tabel" role="region" aria-label="Tabel open verzoeken" tabindex="0"><table>
<caption>${open.length === 1 ? '1 open verzoek' : `${open.length} open verzoeken`}, oudste eerst</caption>
<thead><tr><th scope="col">Kenmerk</th><th scope="col">Ontvangen</th><th scope="col">Taal</th><th scope="col">Naam</th><th scope="col">Contactpersoon</th></tr></thead>
<tbody>
${open.map((r) => `<tr><td>${link(r)}</td><td>${when(r.createdAt)}</td><td>${escapeHtml(languageInDutch(r.language))}</td><td>${escapeHtml(r.name)}</td><td>${optional(r.contactPerson)}</td></tr>`).join('\n')}
</tbody></table></div>`
    : '<p class="leeg">Er zijn geen open verzoeken.</p>';
  const handledTable = handled.length
    ? `<div class="tabel" role="region" aria-label="Tabel afgehandelde verzoeken" tabindex="0"><table>
<caption>${handled.length === 1 ? '1 afgehandeld verzoek' : `${handled.length} afgehandelde verzoeken`}, laatst afgehandeld eerst</caption>
<thead><tr><th scope="col">Kenmerk</th><th scope="col">Ontvangen</th><th scope="col">Taal</th><th scope="col">Naam</th><th scope="col">Contactpersoon</th><th scope="col">Afgehandeld</th></tr></thead>
<tbody>
${handled.map((r) => `<tr><td>${link(r)}</td><td>${when(r.createdAt)}</td><td>${escapeHtml(languageInDutch(r.language))}</td><td>${escapeHtml(r.name)}</td><td>${optional(r.contactPerson)}</td><td>${when(r.handledAt!)}${r.handledBy ? ` door ${escapeHtml(r.handledBy)}` : ''}</td></tr>`).join('\n')}
</tbody></table></div>`
    : '<p class="leeg">Er zijn (nog) geen afgehandelde verzoeken.</p>';
  const body = `<h1>Verzoeken</h1>
${note ? message('ok', note) : ''}
<h2 id="open">Open verzoeken</h2>
${openTable}
<h2 id="afgehandeld">Afgehandeld</h2>
${handledTable}
<p>Afgehandelde verzoeken worden ${retention.handledDays} dagen na het afhandelen automatisch verwijderd, open verzoeken ${retention.openDays} dagen na ontvangst.</p>`;
  return layout({ ...v, current: 'verzoeken' }, 'Verzoeken', body);
}

function detailPage(v: View, r: StoredRequest, o: { note?: string; error?: string } = {}): string {
  const csrf = v.session!.csrf;
  const notGiven = '<span class="leeg">Niet opgegeven</span>';
  const phoneDigits = r.phone?.replace(/[^0-9+]/g, '') ?? '';
  const phone = r.phone ? (phoneDigits.length >= 6 ? `<a href="tel:${escapeHtml(phoneDigits)}">${escapeHtml(r.phone)}</a>` : escapeHtml(r.phone)) : notGiven;
  const email = r.email
    ? /^[^\s@<>"']+@[^\s@<>"']+\.[^\s@<>"']+$/.test(r.email)
      ? `<a href="mailto:${escapeHtml(r.email)}">${escapeHtml(r.email)}</a>`
      : escapeHtml(r.email)
    : notGiven;
  const language = languageInDutch(r.language);
  const status =
    r.handledAt === null
      ? '<p class="status">Status: open</p>'
      : `<p class="status">Status: afgehandeld op ${when(r.handledAt)}${r.handledBy ? ` door ${escapeHtml(r.handledBy)}` : ''}</p>`;
  const interpreter = r.language !== 'nl' ? message('info', `De inwoner gebruikte Meldwijzer in het ${language}. Regel zo nodig een tolk voordat u belt.`) : '';
  const handleForm =
    r.handledAt === null
      ? `<form method="post" action="${escapeHtml(v.base)}/verzoek/${r.id}/afgehandeld">
${csrfField(csrf)}
<h3>Afgehandeld?</h3>
<p>Heeft u contact gehad met de inwoner en is het verzoek klaar?</p>
<button type="submit">Markeer als afgehandeld</button>
</form>`
      : '';
  const body = `<p><a href="${escapeHtml(v.base)}/">Terug naar alle verzoeken</a></p>
<h1>Verzoek ${escapeHtml(r.reference)}</h1>
${o.note ? message('ok', o.note) : ''}
${o.error ? message('fout', o.error) : ''}
${status}
${interpreter}
<dl class="gegevens">
<dt>Ontvangen</dt><dd>${when(r.createdAt)}</dd>
<dt>Taal van de inwoner</dt><dd>${escapeHtml(language)}</dd>
<dt>Naam</dt><dd>${escapeHtml(r.name)}</dd>
<dt>Telefoon</dt><dd>${phone}</dd>
<dt>E-mail</dt><dd>${email}</dd>
<dt>Contactpersoon</dt><dd>${r.contactPerson ? escapeHtml(r.contactPerson) : notGiven}</dd>
<dt>Goede tijd om te bellen</dt><dd>${r.callTime ? escapeHtml(r.callTime) : notGiven}</dd>
</dl>
<h2>Samenvatting</h2>
<pre class="samenvatting">${escapeHtml(r.summary)}</pre>
<h2>Wat wilt u doen?</h2>
<div class="acties">
${handleForm}
<form method="post" action="${escapeHtml(v.base)}/verzoek/${r.id}/verwijderen">
${csrfField(csrf)}
<h3>Verwijderen</h3>
<div class="vink"><input type="checkbox" id="bevestig" name="bevestig" value="ja" required><label for="bevestig">Ja, verwijder dit verzoek definitief. Dit kan niet ongedaan worden gemaakt.</label></div>
<button type="submit" class="gevaar">Verzoek verwijderen</button>
</form>
</div>`;
  return layout({ ...v, current: 'verzoeken' }, `Verzoek ${r.reference}`, body);
}

const ACTIONS: Record<string, string> = {
  ingelogd: 'Ingelogd',
  uitgelogd: 'Uitgelogd',
  geopend: 'Verzoek geopend',
  afgehandeld: 'Verzoek afgehandeld',
  verwijderd: 'Verzoek verwijderd',
};

function auditPage(v: View, trail: ReturnType<RequestStore['auditTrail']>): string {
  const rows = trail.slice(-AUDIT_SHOWN).reverse();
  const table = rows.length
    ? `<div class="tabel" role="region" aria-label="Tabel logboek" tabindex="0"><table>
<caption>${trail.length > AUDIT_SHOWN ? `De laatste ${AUDIT_SHOWN} van ${trail.length} regels` : `${trail.length} ${trail.length === 1 ? 'regel' : 'regels'}`}, nieuwste eerst</caption>
<thead><tr><th scope="col">Wanneer</th><th scope="col">Medewerker</th><th scope="col">Actie</th><th scope="col">Kenmerk</th></tr></thead>
<tbody>
${rows.map((a) => `<tr><td>${when(a.at)}</td><td>${escapeHtml(a.staff)}</td><td>${escapeHtml(ACTIONS[a.action] ?? a.action)}</td><td>${a.reference ? escapeHtml(a.reference) : '<span class="leeg">Geen</span>'}</td></tr>`).join('\n')}
</tbody></table></div>`
    : '<p class="leeg">Het logboek is nog leeg.</p>';
  const body = `<h1>Logboek</h1>
<p>Wie heeft wanneer ingelogd, welk verzoek geopend, afgehandeld of verwijderd.</p>
${table}`;
  return layout({ ...v, current: 'logboek' }, 'Logboek', body);
}

function simplePage(v: View, title: string, text: string): string {
  return layout(v, title, `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(text)}</p>\n<p><a href="${escapeHtml(v.base)}/">Naar de verzoeken</a></p>`);
}

// ---------------------------------------------------------------- router

/** The staff inbox. Mount it with `app.use('/medewerkers', createInbox({ store, staff, secure }))`. */
export function createInbox(options: InboxOptions): express.Router {
  const { store, staff, secure } = options;
  const now = options.now ?? Date.now;
  const ttl = options.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS;
  const log = options.log ?? pino({ level: 'silent' });
  const loginLimit = { ...DEFAULT_LOGIN_LIMIT, ...options.loginLimit };
  const sessions = new Map<string, Session>();
  /** Binds the login form's token to the pre-session cookie; lives as long as the process. */
  const preKey = randomBytes(32);
  const loginToken = (pre: string) => createHmac('sha256', preKey).update(`login:${pre}`).digest('base64url');

  const router = express.Router();
  const base = (req: Request) => req.baseUrl;
  const home = (req: Request) => `${req.baseUrl}/`;
  const cookiePath = (req: Request) => req.baseUrl || '/';
  const cookieOptions = (req: Request) => ({ httpOnly: true, sameSite: 'strict' as const, secure, path: cookiePath(req) });

  const sweep = () => {
    const t = now();
    for (const [id, s] of sessions) if (s.expires <= t) sessions.delete(id);
    // Far more sessions than staff: drop the oldest (Map keeps insertion order).
    while (sessions.size > MAX_SESSIONS) sessions.delete(sessions.keys().next().value!);
  };

  const sessionOf = (req: Request): { id: string; session: Session } | undefined => {
    const id = readCookies(req).get(SESSION_COOKIE);
    if (!id || !TOKEN_FORM.test(id)) return undefined;
    const session = sessions.get(id);
    if (!session) return undefined;
    if (session.expires <= now()) {
      sessions.delete(id);
      return undefined;
    }
    return { id, session };
  };

  /** The pre-session cookie (kept when valid, else new) and the login form token bound to it. */
  const loginCsrf = (req: Request, res: Response): string => {
    let pre = readCookies(req).get(PRE_SESSION_COOKIE);
    if (!pre || !TOKEN_FORM.test(pre)) {
      pre = token();
      res.cookie(PRE_SESSION_COOKIE, pre, { ...cookieOptions(req), maxAge: 2 * 60 * 60 * 1000 });
    }
    return loginToken(pre);
  };

  const sendLogin = (req: Request, res: Response, status: number, o: { error?: string; info?: string; username?: string; next?: string } = {}) => {
    res
      .status(status)
      .type('html')
      .send(loginPage({ base: base(req) }, { ...o, csrf: loginCsrf(req, res), noStaff: staff.size === 0 }));
  };

  const sendSimple = (req: Request, res: Response, status: number, title: string, text: string) => {
    res.status(status).type('html').send(simplePage({ base: base(req), session: sessionOf(req)?.session }, title, text));
  };

  // Headers on everything the inbox sends.
  router.use((_req, res, next) => {
    res.set(SECURITY_HEADERS);
    res.set('Cache-Control', 'no-store');
    next();
  });

  router.get('/stijl.css', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=600').type('text/css').send(STYLESHEET);
  });

  const parseForm = express.urlencoded({ extended: false, limit: BODY_LIMIT, parameterLimit: 20 });

  // Forms from another site are refused outright (the cookie is SameSite=Strict as well).
  const sameOrigin: RequestHandler = (req, res, next) => {
    const site = req.get('sec-fetch-site');
    if (site === 'cross-site' || site === 'same-site') {
      log.warn({ event: 'inbox.csrf', reason: 'cross-site' }, 'form from another site refused');
      return sendSimple(req, res, 403, 'Niet toegestaan', 'Dit formulier kwam niet van deze website. Er is niets veranderd.');
    }
    next();
  };

  // ---- Login and logout.
  const limiter = rateLimit({
    windowMs: loginLimit.windowMs,
    limit: loginLimit.limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    // Only failed attempts count: colleagues behind one address can always log in with the right password.
    skipSuccessfulRequests: true,
    handler: (req, res) => {
      log.warn({ event: 'inbox.login', outcome: 'limited' }, 'too many login attempts');
      const minutes = Math.max(1, Math.ceil(loginLimit.windowMs / 60_000));
      sendLogin(req, res, 429, {
        error: `U heeft te vaak geprobeerd in te loggen. Wacht ${minutes} minuten en probeer het dan opnieuw. Lukt het daarna nog steeds niet? Neem contact op met de functioneel beheerder.`,
      });
    },
  });

  router.get('/login', (req, res) => {
    if (sessionOf(req)) return res.redirect(303, home(req));
    sendLogin(req, res, 200);
  });

  router.post('/login', limiter, sameOrigin, parseForm, async (req, res) => {
    const body = formBody(req);
    const pre = readCookies(req).get(PRE_SESSION_COOKIE);
    if (!pre || !TOKEN_FORM.test(pre) || !same(body.csrf, loginToken(pre))) {
      log.warn({ event: 'inbox.csrf', form: 'login' }, 'login form without a valid token');
      return sendLogin(req, res, 403, { error: 'Het formulier was verlopen. Vul uw gegevens nog een keer in.' });
    }
    const parsed = loginForm.safeParse(body);
    if (!parsed.success) {
      return sendLogin(req, res, 400, {
        error: 'Vul uw gebruikersnaam en uw wachtwoord in.',
        username: typeof body.gebruikersnaam === 'string' ? body.gebruikersnaam.slice(0, 64) : undefined,
      });
    }
    const { gebruikersnaam, wachtwoord, naar } = parsed.data;
    const user = normalizeUsername(gebruikersnaam);
    const stored = staff.get(user);
    // Unknown users cost the same time as known ones.
    const ok = (await verifyPassword(wachtwoord, stored ?? (await dummyHash()))) && stored !== undefined;
    if (!ok) {
      log.info({ event: 'inbox.login', outcome: 'refused' }, 'login refused');
      return sendLogin(req, res, 401, {
        error: 'De gebruikersnaam of het wachtwoord klopt niet. Controleer ze en probeer het opnieuw. Let op hoofdletters in het wachtwoord.',
        username: gebruikersnaam,
        next: naar,
      });
    }
    // A fresh session id at every login (no fixation); an older session of this browser ends.
    const old = sessionOf(req);
    if (old) sessions.delete(old.id);
    sweep();
    const id = token();
    sessions.set(id, { user, csrf: token(), expires: now() + ttl });
    res.cookie(SESSION_COOKIE, id, { ...cookieOptions(req), maxAge: ttl });
    res.clearCookie(PRE_SESSION_COOKIE, cookieOptions(req));
    store.audit(user, 'ingelogd');
    log.info({ event: 'inbox.login', outcome: 'ok' }, 'staff logged in');
    res.redirect(303, `${base(req)}${naar || '/'}`);
  });

  // ---- Everything below needs a session.
  const needSession: RequestHandler = (req, res, next) => {
    const found = sessionOf(req);
    if (found) {
      res.locals.session = found.session;
      return next();
    }
    if (req.method === 'GET' || req.method === 'HEAD') {
      const wanted = nextPage.safeParse(req.path);
      const n = notice.safeParse(req.query.melding);
      return sendLogin(req, res, 401, {
        next: wanted.success && wanted.data !== '/' ? wanted.data : undefined,
        info: n.success && n.data === 'uitgelogd' ? notices.uitgelogd : wanted.success && wanted.data !== '/' ? 'Log in om deze pagina te bekijken.' : undefined,
      });
    }
    return sendLogin(req, res, 401, { info: 'U bent niet (meer) ingelogd. Log opnieuw in; er is niets veranderd.' });
  };

  /** Every POST after login: the session's token must come with the form, or nothing happens. */
  const needCsrf: RequestHandler = (req, res, next) => {
    const session = res.locals.session as Session;
    if (!same(formBody(req).csrf, session.csrf)) {
      log.warn({ event: 'inbox.csrf', form: req.path.split('/').pop() }, 'form without a valid token');
      return res
        .status(403)
        .type('html')
        .send(simplePage({ base: base(req), session }, 'Niet toegestaan', 'Dit formulier was verlopen of ongeldig. Er is niets veranderd. Open de pagina opnieuw en probeer het nog eens.'));
    }
    next();
  };

  const view = (req: Request, res: Response): View => ({ base: base(req), session: res.locals.session as Session });
  const session = (res: Response) => res.locals.session as Session;

  /** The request named by :id, or an answer (400 for a malformed id, 404 when it is gone). */
  const findRequest = (req: Request, res: Response): StoredRequest | undefined => {
    const id = idParam.safeParse(req.params.id);
    if (!id.success) {
      res.status(400).type('html').send(simplePage(view(req, res), 'Ongeldig adres', 'Dit is geen geldig verzoeknummer.'));
      return undefined;
    }
    const r = store.get(id.data);
    if (!r) {
      res.status(404).type('html').send(simplePage(view(req, res), 'Verzoek niet gevonden', 'Dit verzoek bestaat niet (meer). Misschien is het al verwijderd.'));
      return undefined;
    }
    return r;
  };

  router.post('/uitloggen', needSession, sameOrigin, parseForm, needCsrf, (req, res) => {
    const found = sessionOf(req);
    if (found) sessions.delete(found.id);
    res.clearCookie(SESSION_COOKIE, cookieOptions(req));
    store.audit(session(res).user, 'uitgelogd');
    log.info({ event: 'inbox.logout' }, 'staff logged out');
    res.redirect(303, `${home(req)}?melding=uitgelogd`);
  });

  router.get('/', needSession, (req, res) => {
    const n = notice.safeParse(req.query.melding);
    res.type('html').send(listPage(view(req, res), store.list(), store.retention, n.success && n.data !== 'uitgelogd' ? notices[n.data] : undefined));
  });

  router.get('/logboek', needSession, (req, res) => {
    res.type('html').send(auditPage(view(req, res), store.auditTrail()));
  });

  router.get('/verzoek/:id', needSession, (req, res) => {
    const r = findRequest(req, res);
    if (!r) return;
    store.audit(session(res).user, 'geopend', r.reference);
    log.info({ event: 'inbox.open', id: r.id }, 'request opened');
    const n = notice.safeParse(req.query.melding);
    res.type('html').send(detailPage(view(req, res), r, { note: n.success && n.data !== 'uitgelogd' ? notices[n.data] : undefined }));
  });

  router.post('/verzoek/:id/afgehandeld', needSession, sameOrigin, parseForm, needCsrf, (req, res) => {
    const r = findRequest(req, res);
    if (!r) return;
    const user = session(res).user;
    if (!store.markHandled(r.id, user)) return res.redirect(303, `${base(req)}/verzoek/${r.id}?melding=al-afgehandeld`);
    store.audit(user, 'afgehandeld', r.reference);
    log.info({ event: 'inbox.handled', id: r.id }, 'request handled');
    res.redirect(303, `${home(req)}?melding=afgehandeld`);
  });

  router.post('/verzoek/:id/verwijderen', needSession, sameOrigin, parseForm, needCsrf, (req, res) => {
    const r = findRequest(req, res);
    if (!r) return;
    if (!deleteForm.safeParse(formBody(req)).success) {
      return res
        .status(400)
        .type('html')
        .send(detailPage(view(req, res), r, { error: 'Vink eerst aan dat u dit verzoek definitief wilt verwijderen. Er is niets verwijderd.' }));
    }
    const user = session(res).user;
    if (store.delete(r.id)) {
      store.audit(user, 'verwijderd', r.reference);
      log.info({ event: 'inbox.deleted', id: r.id }, 'request deleted');
    }
    res.redirect(303, `${home(req)}?melding=verwijderd`);
  });

  // Anything else under the inbox: a plain 404 (no data either way).
  router.use((req, res) => {
    sendSimple(req, res, 404, 'Pagina niet gevonden', 'Deze pagina bestaat niet.');
  });

  // Malformed input (too large, bad encoding, bad URL) is the sender's problem: 4xx, never 500.
  const onError: ErrorRequestHandler = (err, req, res, next) => {
    if (res.headersSent) return next(err);
    const e = err as { type?: string; status?: number; statusCode?: number; name?: string; code?: string };
    const status = e.status ?? e.statusCode;
    if (e.type === 'entity.too.large' || e.type === 'parameters.too.many')
      return sendSimple(req, res, 413, 'Te veel gegevens', 'Het formulier bevatte te veel gegevens. Er is niets veranderd.');
    if (typeof status === 'number' && status >= 400 && status < 500) {
      log.info({ event: 'inbox.bad-request', status, type: e.type }, 'bad request');
      return sendSimple(req, res, status, 'Ongeldig verzoek', 'Dit verzoek konden we niet lezen. Er is niets veranderd.');
    }
    // Never the error object itself: it may carry form input.
    log.error({ event: 'inbox.error', name: e.name, code: e.code }, 'inbox request failed');
    sendSimple(req, res, 500, 'Er ging iets mis', 'Er ging aan onze kant iets mis. Probeer het later opnieuw.');
  };
  router.use(onError);

  return router;
}
