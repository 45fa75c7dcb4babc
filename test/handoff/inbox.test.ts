// The staff inbox over real HTTP: login, CSRF, handling and deleting, audit trail, retention.
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { hashPassword } from '../../bot/handoff/inbox.ts';
import { RequestStore, type NewRequest } from '../../bot/handoff/store.ts';
import { Browser, csrfOf, removeDir, startInbox, tempDir, type Running } from './helpers.ts';

const USER = 'medewerker.anna';
const PASSWORD = 'Juist-Wachtwoord-2026';
const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.parse('2026-03-02T09:00:00Z');

const fatima: NewRequest = {
  reference: 'MW-7K3Q9P',
  language: 'ar',
  name: 'Fatima El Amrani',
  phone: '06 12345678',
  email: 'fatima@example.org',
  contactPerson: 'Mevrouw De Vries',
  callTime: 'dinsdagochtend',
  summary: 'Mevrouw vroeg of zij een gift van haar broer moet melden.\nAntwoord: ja, binnen een week.\nBedrag: €300.',
};
const piet: NewRequest = { reference: 'MW-ABCDEF', language: 'nl', name: 'Piet Zwart', summary: 'Vraag over een tweede baan.' };
const evil: NewRequest = { reference: 'MW-HJKLMN', language: 'en', name: '<script>alert("x")</script> & Co', summary: '<b>vet</b>' };

let dir: string;
let store: RequestStore;
let staff: Map<string, string>;
let clock = T0;
const logs: string[] = [];
const log = pino(
  { level: 'debug' },
  new Writable({
    write(chunk, _enc, cb) {
      logs.push(String(chunk));
      cb();
    },
  }),
);
let inbox: Running;
const ids: Record<string, number> = {};

beforeAll(async () => {
  dir = tempDir();
  store = new RequestStore(join(dir, 'requests.sqlite'), undefined, () => clock);
  staff = new Map([[USER, await hashPassword(PASSWORD)]]);
  inbox = await startInbox({ store, staff, secure: false, now: () => clock, log, loginLimit: { windowMs: 60_000, limit: 1000 } });
  ids.fatima = store.add(fatima).id;
  ids.piet = store.add(piet).id;
  ids.evil = store.add(evil).id;
});

afterAll(async () => {
  await inbox?.close();
  store?.close();
  removeDir(dir);
});

async function loggedIn(): Promise<Browser> {
  const b = new Browser(inbox.url);
  const r = await b.login(USER, PASSWORD);
  expect(r.status).toBe(303);
  return b;
}

const noRequestData = (html: string) => {
  for (const r of [fatima, piet]) {
    expect(html).not.toContain(r.name);
    expect(html).not.toContain(r.reference);
    expect(html).not.toContain(r.summary.slice(0, 20));
  }
  expect(html).not.toContain('06 12345678');
};

describe('without a login', () => {
  test('every page answers 401 with the login form and no request data', async () => {
    const b = new Browser(inbox.url);
    for (const path of ['/medewerkers', '/medewerkers/', `/medewerkers/verzoek/${ids.fatima}`, '/medewerkers/logboek']) {
      const r = await b.get(path);
      expect(r.status, path).toBe(401);
      expect(r.html).toContain('<h1>Inloggen</h1>');
      expect(r.html).toMatch(/<label for="wachtwoord">Wachtwoord<\/label>/);
      expect(r.headers.get('cache-control')).toBe('no-store');
      noRequestData(r.html);
    }
  });

  test('posts change nothing', async () => {
    const b = new Browser(inbox.url);
    const r1 = await b.post(`/medewerkers/verzoek/${ids.piet}/afgehandeld`, { csrf: 'x' });
    const r2 = await b.post(`/medewerkers/verzoek/${ids.piet}/verwijderen`, { csrf: 'x', bevestig: 'ja' });
    expect([r1.status, r2.status]).toEqual([401, 401]);
    noRequestData(r1.html + r2.html);
    expect(store.get(ids.piet)?.handledAt).toBeNull();
  });

  test('the stylesheet is served without a login; pages have no inline script or style', async () => {
    const b = new Browser(inbox.url);
    const css = await b.get('/medewerkers/stijl.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    const page = await b.get('/medewerkers');
    expect(page.html).toContain('<html lang="nl">');
    expect(page.html).toContain('<link rel="stylesheet" href="/medewerkers/stijl.css">');
    expect(page.html).not.toMatch(/<script|<style|\sstyle=|\son[a-z]+=/i);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'none'");
  });
});

describe('login', () => {
  test('a wrong password is refused kindly and no session is made', async () => {
    const b = new Browser(inbox.url);
    const r = await b.login(USER, 'fout-wachtwoord');
    expect(r.status).toBe(401);
    expect(r.html).toContain('De gebruikersnaam of het wachtwoord klopt niet');
    expect(r.html).not.toContain('fout-wachtwoord');
    expect(b.cookies.has('mw_staff')).toBe(false);
    expect((await b.get('/medewerkers')).status).toBe(401);
  });

  test('an unknown user gets the same answer', async () => {
    const b = new Browser(inbox.url);
    const r = await b.login('niemand', PASSWORD);
    expect(r.status).toBe(401);
    expect(r.html).toContain('De gebruikersnaam of het wachtwoord klopt niet');
  });

  test('after 5 failed attempts from one address: 429, even with the right password', async () => {
    const limited = await startInbox({ store, staff, secure: false });
    try {
      const b = new Browser(limited.url);
      const csrf = csrfOf((await b.get('/medewerkers/login')).html);
      for (let i = 0; i < 5; i++) {
        const r = await b.post('/medewerkers/login', { csrf, gebruikersnaam: USER, wachtwoord: `fout-${i}` });
        expect(r.status, `attempt ${i + 1}`).toBe(401);
      }
      const sixth = await b.post('/medewerkers/login', { csrf, gebruikersnaam: USER, wachtwoord: PASSWORD });
      expect(sixth.status).toBe(429);
      expect(sixth.html).toContain('U heeft te vaak geprobeerd in te loggen. Wacht 15 minuten');
      expect(b.cookies.has('mw_staff')).toBe(false);
    } finally {
      await limited.close();
    }
  });

  test('successful logins do not use up the limit', async () => {
    const limited = await startInbox({ store, staff, secure: false, loginLimit: { windowMs: 60_000, limit: 2 } });
    try {
      for (let i = 0; i < 4; i++) expect((await new Browser(limited.url).login(USER, PASSWORD)).status).toBe(303);
    } finally {
      await limited.close();
    }
  });

  test('the right password opens the inbox; usernames are case-insensitive', async () => {
    const b = new Browser(inbox.url);
    const r = await b.login('Medewerker.Anna', PASSWORD);
    expect(r.status).toBe(303);
    expect(r.location).toBe('/medewerkers/');
    const list = await b.get('/medewerkers');
    expect(list.status).toBe(200);
    expect(list.html).toContain('<h1>Verzoeken</h1>');
    expect(list.html).toContain(`(${USER})`);
  });

  test('the session cookie is HttpOnly, SameSite=Strict, Path=/medewerkers; Secure only when secure', async () => {
    const b = new Browser(inbox.url);
    const r = await b.login(USER, PASSWORD);
    const cookie = r.setCookies.find((c) => c.startsWith('mw_staff='))!;
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Strict/i);
    expect(cookie).toMatch(/;\s*Path=\/medewerkers(;|$)/);
    expect(cookie).not.toMatch(/;\s*Secure/i);
    const pre = (await new Browser(inbox.url).get('/medewerkers/login')).setCookies.find((c) => c.startsWith('mw_pre='))!;
    expect(pre).toMatch(/HttpOnly/i);
    expect(pre).toMatch(/SameSite=Strict/i);

    const production = await startInbox({ store, staff, secure: true });
    try {
      const p = new Browser(production.url);
      const page = await p.get('/medewerkers/login');
      expect(page.setCookies.find((c) => c.startsWith('mw_pre='))).toMatch(/;\s*Secure/i);
      const ok = await p.post('/medewerkers/login', { csrf: csrfOf(page.html), gebruikersnaam: USER, wachtwoord: PASSWORD });
      const secureCookie = ok.setCookies.find((c) => c.startsWith('mw_staff='))!;
      expect(secureCookie).toMatch(/;\s*Secure/i);
      expect(secureCookie).toMatch(/;\s*HttpOnly/i);
      expect(secureCookie).toMatch(/;\s*SameSite=Strict/i);
    } finally {
      await production.close();
    }
  });

  test('the login form itself needs its CSRF token', async () => {
    const b = new Browser(inbox.url);
    await b.get('/medewerkers/login');
    const none = await b.post('/medewerkers/login', { gebruikersnaam: USER, wachtwoord: PASSWORD });
    expect(none.status).toBe(403);
    const forged = await b.post('/medewerkers/login', { csrf: 'A'.repeat(43), gebruikersnaam: USER, wachtwoord: PASSWORD });
    expect(forged.status).toBe(403);
    // A token is bound to its own pre-session cookie: another browser's token does not fit.
    const other = csrfOf((await new Browser(inbox.url).get('/medewerkers/login')).html);
    expect((await b.post('/medewerkers/login', { csrf: other, gebruikersnaam: USER, wachtwoord: PASSWORD })).status).toBe(403);
    expect(b.cookies.has('mw_staff')).toBe(false);
  });

  test('after login the browser goes back to the page it asked for (inbox pages only)', async () => {
    const b = new Browser(inbox.url);
    const asked = await b.get(`/medewerkers/verzoek/${ids.piet}`);
    expect(asked.status).toBe(401);
    expect(asked.html).toContain(`name="naar" value="/verzoek/${ids.piet}"`);
    const r = await b.post('/medewerkers/login', { csrf: csrfOf(asked.html), naar: `/verzoek/${ids.piet}`, gebruikersnaam: USER, wachtwoord: PASSWORD });
    expect(r.location).toBe(`/medewerkers/verzoek/${ids.piet}`);
    const c = new Browser(inbox.url);
    const page = await c.get('/medewerkers/login');
    const evilNext = await c.post('/medewerkers/login', { csrf: csrfOf(page.html), naar: '//evil.example/', gebruikersnaam: USER, wachtwoord: PASSWORD });
    expect(evilNext.status).toBe(400);
    expect(c.cookies.has('mw_staff')).toBe(false);
  });

  test('a session ends after 8 hours', async () => {
    const b = await loggedIn();
    clock += 8 * 60 * 60 * 1000 - 1000;
    expect((await b.get('/medewerkers')).status).toBe(200);
    clock += 2000;
    const r = await b.get('/medewerkers');
    expect(r.status).toBe(401);
    noRequestData(r.html);
    clock = T0;
  });

  test('logging out ends the session', async () => {
    const b = await loggedIn();
    const list = await b.get('/medewerkers');
    const sid = b.cookies.get('mw_staff')!;
    const out = await b.post('/medewerkers/uitloggen', { csrf: csrfOf(list.html) });
    expect(out.status).toBe(303);
    expect(b.cookies.has('mw_staff')).toBe(false);
    const after = await b.get(out.location!);
    expect(after.status).toBe(401);
    expect(after.html).toContain('U bent uitgelogd.');
    // The old id is worthless even if someone kept it.
    b.cookies.set('mw_staff', sid);
    expect((await b.get('/medewerkers')).status).toBe(401);
  });
});

describe('logged in', () => {
  test('the list shows open requests with reference, date, language, name and contact person', async () => {
    const b = await loggedIn();
    const r = await b.get('/medewerkers');
    expect(r.status).toBe(200);
    const open = r.html.slice(r.html.indexOf('<h2 id="open">'), r.html.indexOf('<h2 id="afgehandeld">'));
    expect(open).toContain(`<a class="kenmerk" href="/medewerkers/verzoek/${ids.fatima}">MW-7K3Q9P</a>`);
    expect(r.html).toContain("30 dagen na het afhandelen automatisch verwijderd, open verzoeken 90 dagen na ontvangst");
    expect(open).toContain('Fatima El Amrani');
    expect(open).toContain('Arabisch');
    expect(open).toContain('Mevrouw De Vries');
    expect(open).toContain('2 maart 2026 om 10:00');
    expect(open).toContain('Piet Zwart');
    // The summary is only on the request's own page.
    expect(r.html).not.toContain('gift van haar broer');
  });

  test("a request's page shows everything, with the Dutch summary pre-wrapped, and is logged as opened", async () => {
    const b = await loggedIn();
    const r = await b.get(`/medewerkers/verzoek/${ids.fatima}`);
    expect(r.status).toBe(200);
    expect(r.html).toContain('<h1>Verzoek MW-7K3Q9P</h1>');
    expect(r.html).toContain('<dt>Taal van de inwoner</dt><dd>Arabisch</dd>');
    expect(r.html).toContain('<dt>Naam</dt><dd>Fatima El Amrani</dd>');
    expect(r.html).toContain('<a href="tel:0612345678">06 12345678</a>');
    expect(r.html).toContain('<a href="mailto:fatima@example.org">fatima@example.org</a>');
    expect(r.html).toContain('<dt>Contactpersoon</dt><dd>Mevrouw De Vries</dd>');
    expect(r.html).toContain('<dt>Goede tijd om te bellen</dt><dd>dinsdagochtend</dd>');
    expect(r.html).toContain(`<pre class="samenvatting">${fatima.summary}</pre>`);
    expect(r.html).toContain('Regel zo nodig een tolk');
    expect(store.auditTrail()).toContainEqual({ at: T0, staff: USER, action: 'geopend', reference: 'MW-7K3Q9P' });
  });

  test('values from clients are escaped', async () => {
    const b = await loggedIn();
    const list = await b.get('/medewerkers');
    const page = await b.get(`/medewerkers/verzoek/${ids.evil}`);
    for (const html of [list.html, page.html]) {
      expect(html).not.toContain('<script>');
      expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
    }
    expect(page.html).toContain('&lt;b&gt;vet&lt;/b&gt;');
    expect(page.html).toContain('<dd>Engels</dd>');
  });

  test('a POST without a valid CSRF token is refused with 403 and changes nothing', async () => {
    const b = await loggedIn();
    const page = await b.get(`/medewerkers/verzoek/${ids.piet}`);
    const csrf = csrfOf(page.html);
    const attempts = [
      await b.post(`/medewerkers/verzoek/${ids.piet}/afgehandeld`, {}),
      await b.post(`/medewerkers/verzoek/${ids.piet}/afgehandeld`, { csrf: 'A'.repeat(43) }),
      await b.post(`/medewerkers/verzoek/${ids.piet}/afgehandeld`, `csrf=${csrf}&csrf=${csrf}`),
      await b.request('POST', `/medewerkers/verzoek/${ids.piet}/afgehandeld`, JSON.stringify({ csrf }), { 'content-type': 'application/json' }),
      await b.post(`/medewerkers/verzoek/${ids.piet}/verwijderen`, { bevestig: 'ja' }),
      await b.post('/medewerkers/uitloggen', {}),
      // A real token, but the form came from another site.
      await b.post(`/medewerkers/verzoek/${ids.piet}/afgehandeld`, { csrf }, { 'sec-fetch-site': 'cross-site' }),
    ];
    expect(attempts.map((a) => a.status)).toEqual([403, 403, 403, 403, 403, 403, 403]);
    expect(attempts[0].html).toContain('Er is niets veranderd');
    expect(store.get(ids.piet)?.handledAt).toBeNull();
    // Another session's token does not fit either.
    const other = await loggedIn();
    const otherCsrf = csrfOf((await other.get('/medewerkers')).html);
    expect((await b.post(`/medewerkers/verzoek/${ids.piet}/afgehandeld`, { csrf: otherCsrf })).status).toBe(403);
    expect(store.get(ids.piet)?.handledAt).toBeNull();
    expect((await b.get('/medewerkers')).status).toBe(200);
  });

  test('marking handled with the token: handled, by whom, and shown under handled', async () => {
    const b = await loggedIn();
    const page = await b.get(`/medewerkers/verzoek/${ids.piet}`);
    const r = await b.post(`/medewerkers/verzoek/${ids.piet}/afgehandeld`, { csrf: csrfOf(page.html) });
    expect(r.status).toBe(303);
    expect(r.location).toBe('/medewerkers/?melding=afgehandeld');
    const stored = store.get(ids.piet)!;
    expect(stored.handledAt).toBe(T0);
    expect(stored.handledBy).toBe(USER);
    const list = await b.get(r.location!);
    expect(list.html).toContain('Het verzoek is gemarkeerd als afgehandeld.');
    const handled = list.html.slice(list.html.indexOf('<h2 id="afgehandeld">'));
    expect(handled).toContain('Piet Zwart');
    expect(handled).toContain(`door ${USER}`);
    const again = await b.post(`/medewerkers/verzoek/${ids.piet}/afgehandeld`, { csrf: csrfOf(page.html) });
    expect(again.location).toBe(`/medewerkers/verzoek/${ids.piet}?melding=al-afgehandeld`);
  });

  test('deleting needs the confirmation box; then the request is gone', async () => {
    const b = await loggedIn();
    const page = await b.get(`/medewerkers/verzoek/${ids.evil}`);
    const csrf = csrfOf(page.html);
    const unconfirmed = await b.post(`/medewerkers/verzoek/${ids.evil}/verwijderen`, { csrf });
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.html).toContain('Vink eerst aan');
    expect(store.get(ids.evil)).toBeDefined();
    const r = await b.post(`/medewerkers/verzoek/${ids.evil}/verwijderen`, { csrf, bevestig: 'ja' });
    expect(r.status).toBe(303);
    expect(store.get(ids.evil)).toBeUndefined();
    const list = await b.get(r.location!);
    expect(list.html).toContain('Het verzoek is verwijderd.');
    expect(list.html).not.toContain('MW-HJKLMN');
    expect((await b.get(`/medewerkers/verzoek/${ids.evil}`)).status).toBe(404);
  });

  test('the audit trail records login, opened, handled and deleted, and is shown on /logboek', async () => {
    const actions = store.auditTrail().map((a) => `${a.staff} ${a.action} ${a.reference ?? ''}`.trim());
    expect(actions).toContain(`${USER} ingelogd`);
    expect(actions).toContain(`${USER} geopend MW-7K3Q9P`);
    expect(actions).toContain(`${USER} afgehandeld MW-ABCDEF`);
    expect(actions).toContain(`${USER} verwijderd MW-HJKLMN`);
    expect(actions).toContain(`${USER} uitgelogd`);
    const b = await loggedIn();
    const r = await b.get('/medewerkers/logboek');
    expect(r.status).toBe(200);
    expect(r.html).toContain('<h1>Logboek</h1>');
    for (const label of ['Ingelogd', 'Verzoek geopend', 'Verzoek afgehandeld', 'Verzoek verwijderd'])
      expect(r.html).toContain(`<td>${label}</td>`);
    expect(r.html).toContain('<td>MW-HJKLMN</td>');
    // The trail names references, never clients.
    expect(r.html).not.toContain('Fatima');
  });

  test('malformed input is answered with 4xx, never 500', async () => {
    const b = await loggedIn();
    const csrf = csrfOf((await b.get('/medewerkers')).html);
    const cases: [string, Promise<{ status: number }>, number][] = [
      ['id not a number', b.get('/medewerkers/verzoek/abc'), 400],
      ['id with a sign', b.get('/medewerkers/verzoek/-1'), 400],
      ['id too long', b.get('/medewerkers/verzoek/123456789012345'), 400],
      ['id unknown', b.get('/medewerkers/verzoek/99999'), 404],
      ['bad escape in the path', b.get('/medewerkers/verzoek/%E0%A4%A'), 400],
      ['unknown page', b.get('/medewerkers/geheim'), 404],
      ['post to a bad id', b.post('/medewerkers/verzoek/abc/afgehandeld', { csrf }), 400],
      ['body too large', b.post(`/medewerkers/verzoek/${ids.fatima}/afgehandeld`, { csrf, x: 'y'.repeat(10_000) }), 413],
      ['too many fields', b.post(`/medewerkers/verzoek/${ids.fatima}/afgehandeld`, Array.from({ length: 50 }, (_, i) => `f${i}=1`).join('&')), 413],
      ['bad escape in the body', b.post(`/medewerkers/verzoek/${ids.fatima}/verwijderen`, `csrf=${csrf}&bevestig=%E0%A4%A`), 400],
      [
        'unsupported charset',
        b.request('POST', `/medewerkers/verzoek/${ids.fatima}/afgehandeld`, `csrf=${csrf}`, { 'content-type': 'application/x-www-form-urlencoded; charset=koi8-r' }),
        415,
      ],
      ['login with bad fields', new Browser(inbox.url).post('/medewerkers/login', 'gebruikersnaam[]=x&wachtwoord=%'), 403],
    ];
    for (const [name, answer, status] of cases) expect((await answer).status, name).toBe(status);
    expect(store.get(ids.fatima)?.handledAt).toBeNull();
  });

  test('a login with missing fields is a 400 with a kind message', async () => {
    const b = new Browser(inbox.url);
    const csrf = csrfOf((await b.get('/medewerkers/login')).html);
    const r = await b.post('/medewerkers/login', { csrf, gebruikersnaam: USER });
    expect(r.status).toBe(400);
    expect(r.html).toContain('Vul uw gebruikersnaam en uw wachtwoord in.');
    expect(r.html).toContain(`value="${USER}"`);
  });
});

test('logs carry events only: no names, texts, contact details, usernames or passwords', () => {
  const all = logs.join('');
  expect(all).toContain('"event":"inbox.login"');
  expect(all).toContain('"event":"inbox.handled"');
  for (const secret of [fatima.name, 'Piet', 'gift van haar broer', '06 12345678', 'fatima@example.org', 'De Vries', PASSWORD, 'fout-wachtwoord', USER, 'MW-7K3Q9P'])
    expect(all, secret).not.toContain(secret);
});

describe('retention', () => {
  test('handled requests go after 30 days, open ones after 90, fresh ones stay', async () => {
    const rdir = tempDir();
    let now = T0;
    const s = new RequestStore(join(rdir, 'retention.sqlite'), undefined, () => now);
    try {
      const handled = s.add({ ...piet, reference: 'MW-HANDLD' }).id;
      s.markHandled(handled, USER);
      const open = s.add({ ...piet, reference: 'MW-OPENNN' }).id;

      now = T0 + 29 * DAY;
      expect(s.purge()).toBe(0);

      now = T0 + 31 * DAY;
      const fresh = s.add({ ...piet, reference: 'MW-FRESHH' }).id;
      expect(s.purge()).toBe(1);
      expect(s.get(handled)).toBeUndefined();
      expect(s.get(open)).toBeDefined();
      expect(s.get(fresh)).toBeDefined();

      now = T0 + 91 * DAY;
      const fresher = s.add({ ...piet, reference: 'MW-FRSHR2' }).id;
      expect(s.purge()).toBe(1);
      expect(s.get(open)).toBeUndefined();
      expect(s.get(fresh)).toBeDefined();
      expect(s.get(fresher)).toBeDefined();

      // And the inbox no longer shows what was purged.
      const staffMap = new Map([[USER, staff.get(USER)!]]);
      const running = await startInbox({ store: s, staff: staffMap, secure: false, now: () => now });
      try {
        const b = new Browser(running.url);
        expect((await b.login(USER, PASSWORD)).status).toBe(303);
        const list = await b.get('/medewerkers');
        expect(list.html).toContain('MW-FRESHH');
        expect(list.html).not.toContain('MW-HANDLD');
        expect(list.html).not.toContain('MW-OPENNN');
      } finally {
        await running.close();
      }
    } finally {
      s.close();
      removeDir(rdir);
    }
  });
});
