// The staff inbox in Chromium: the forms work by mouse and keyboard without any script, the
// stylesheet loads under the CSP, and axe finds no WCAG 2.1 A/AA violations on any page.
// Debian's chromium via playwright-core (never `playwright install`); nothing leaves localhost.
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { hashPassword } from '../../bot/handoff/inbox.ts';
import { RequestStore } from '../../bot/handoff/store.ts';
import { axe, newContext, useChromium } from '../support/browser.ts';
import { removeDir, startInbox, tempDir, type Running } from './helpers.ts';

const USER = 'anna';
const PASSWORD = 'Juist-Wachtwoord-2026';

let dir: string;
let store: RequestStore;
let inbox: Running;
const browser = useChromium();

beforeAll(async () => {
  dir = tempDir();
  store = new RequestStore(join(dir, 'requests.sqlite'));
  store.add({
    reference: 'MW-7K3Q9P',
    language: 'ar',
    name: 'Fatima El Amrani',
    phone: '06 12345678',
    contactPerson: 'Mevrouw De Vries',
    callTime: 'dinsdagochtend',
    summary: 'Mevrouw vroeg of zij een gift van haar broer moet melden.\nAntwoord: ja, binnen een week.',
  });
  store.add({ reference: 'MW-ABCDEF', language: 'nl', name: 'Piet Zwart', summary: 'Vraag over een tweede baan.' });
  inbox = await startInbox({ store, staff: new Map([[USER, await hashPassword(PASSWORD)]]), secure: false });
});

afterAll(async () => {
  await inbox?.close();
  store?.close();
  if (dir) removeDir(dir);
});

test('log in, open, handle and delete by keyboard and mouse; every page passes axe', async () => {
  for (const viewport of [
    { width: 1280, height: 900 },
    { width: 360, height: 740 },
  ]) {
    const requests: string[] = [];
    const context = await newContext(browser(), viewport, requests);
    const p = await context.newPage();
    const messages: string[] = [];
    p.on('console', (m) => messages.push(m.text()));
    try {
      const first = await p.goto(`${inbox.url}/medewerkers`);
      expect(first?.status()).toBe(401);
      expect(await p.getByRole('heading', { level: 1 }).textContent()).toBe('Inloggen');
      // The stylesheet loaded (the CSP allows it): 18px body text.
      expect(await p.evaluate(() => getComputedStyle(document.body).fontSize)).toBe('18px');
      expect(await axe(p)).toEqual([]);

      // A wrong password first, by keyboard.
      await p.getByLabel('Gebruikersnaam').fill(USER);
      await p.getByLabel('Wachtwoord').fill('fout');
      await p.getByLabel('Wachtwoord').press('Enter');
      await p.getByRole('alert').waitFor();
      expect(await p.getByRole('alert').textContent()).toContain('klopt niet');
      expect(await p.getByLabel('Gebruikersnaam').inputValue()).toBe(USER);
      expect(await axe(p)).toEqual([]);

      await p.getByLabel('Wachtwoord').fill(PASSWORD);
      await p.getByRole('button', { name: 'Inloggen' }).click();
      await p.getByRole('heading', { name: 'Verzoeken', level: 1 }).waitFor();
      expect(await axe(p)).toEqual([]);

      await p.getByRole('link', { name: 'MW-7K3Q9P' }).click();
      await p.getByRole('heading', { name: 'Verzoek MW-7K3Q9P' }).waitFor();
      expect(await p.locator('pre.samenvatting').evaluate((e) => getComputedStyle(e).whiteSpace)).toBe('pre-wrap');
      expect(await axe(p)).toEqual([]);

      if (viewport.width > 1000) {
        await p.getByRole('button', { name: 'Markeer als afgehandeld' }).click();
        await p.getByRole('status').filter({ hasText: 'afgehandeld' }).waitFor();
        expect(await axe(p)).toEqual([]);

        await p.getByRole('link', { name: 'MW-ABCDEF' }).click();
        // The browser itself refuses to send the delete form until the box is ticked.
        await p.getByRole('button', { name: 'Verzoek verwijderen' }).click();
        expect(await p.getByRole('heading', { level: 1 }).textContent()).toBe('Verzoek MW-ABCDEF');
        await p.getByLabel(/Ja, verwijder dit verzoek definitief/).check();
        await p.getByRole('button', { name: 'Verzoek verwijderen' }).click();
        await p.getByRole('status').filter({ hasText: 'verwijderd' }).waitFor();
        expect(await p.content()).not.toContain('MW-ABCDEF');
      }

      await p.getByRole('link', { name: 'Logboek' }).click();
      await p.getByRole('heading', { name: 'Logboek', level: 1 }).waitFor();
      expect(await axe(p)).toEqual([]);

      await p.getByRole('button', { name: /Uitloggen/ }).click();
      await p.getByText('U bent uitgelogd.').waitFor();
      expect(await axe(p)).toEqual([]);

      expect(messages.filter((m) => /Content Security Policy|Refused/.test(m))).toEqual([]);
      const external = requests.filter((u) => !u.startsWith(inbox.url));
      expect(external).toEqual([]);
    } finally {
      await context.close();
    }
  }
  expect(store.list().map((r) => [r.reference, r.handledBy])).toEqual([['MW-7K3Q9P', USER]]);
});
