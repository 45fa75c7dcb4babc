// The staff inbox in Chromium: the forms work by mouse and keyboard without any script, the
// stylesheet loads under the CSP, and axe finds no WCAG 2.1 A/AA violations on any page.
// Debian's chromium via playwright-core (never `playwright install`); nothing leaves localhost.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { hashPassword } from '../../bot/handoff/inbox.ts';
import { RequestStore } from '../../bot/handoff/store.ts';
import { removeDir, startInbox, tempDir, type Running } from './helpers.ts';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const USER = 'anna';
const PASSWORD = 'Juist-Wachtwoord-2026';

let dir: string;
let store: RequestStore;
let inbox: Running;
let browser: Browser;

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
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
});

afterAll(async () => {
  await browser?.close();
  await inbox?.close();
  store?.close();
  if (dir) removeDir(dir);
});

async function axe(p: Page) {
  // Evaluated through DevTools: the inbox's CSP blocks every script the page itself would load.
  await p.evaluate(AXE);
  const r = await p.evaluate(async () => {
    type Result = { passes: unknown[]; violations: { id: string; nodes: { target: string[]; failureSummary: string }[] }[] };
    const a = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<Result> } }).axe;
    const res = await a.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return { passes: res.passes.length, violations: res.violations.map((v) => ({ id: v.id, nodes: v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')}: ${n.failureSummary}`) })) };
  });
  expect(r.passes).toBeGreaterThan(10);
  return r.violations;
}

test('log in, open, handle and delete by keyboard and mouse; every page passes axe', async () => {
  for (const viewport of [
    { width: 1280, height: 900 },
    { width: 360, height: 740 },
  ]) {
    const context = await browser.newContext({ viewport });
    const external: string[] = [];
    context.on('request', (r) => {
      if (!r.url().startsWith(inbox.url)) external.push(r.url());
    });
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
      expect(external).toEqual([]);
    } finally {
      await context.close();
    }
  }
  expect(store.list().map((r) => [r.reference, r.handledBy])).toEqual([['MW-7K3Q9P', USER]]);
});
