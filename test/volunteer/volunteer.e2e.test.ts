// The volunteer view end to end in Chromium: the real pages, the real Web Chat bundle, the local
// Direct Line and the real bot. Debian's chromium via playwright-core (never `playwright install`);
// axe-core is evaluated through DevTools (the pages' CSP blocks injected scripts); nothing may
// leave localhost.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useServer } from '../channels/helpers.ts';
import { axe, cspViolations as csp, openPage, outsideLocalhost, typeInChat as type, useChromium } from '../support/browser.ts';

type Kinds = { answer: { kind: Record<string, string> } };
const chat = (lang: 'nl' | 'en' | 'ar') => JSON.parse(readFileSync(`locales/${lang}/chat.json`, 'utf8')) as Kinds;

const run = useServer();
const browser = useChromium();
const requests: string[] = [];

/** A fresh context (its own profile) that records every request and every CSP violation. */
const open = (path: string, viewport = { width: 1280, height: 1000 }) => openPage(browser(), `${run.url}${path}`, { viewport, requests });

/** Text content with no-break spaces (Intl writes "€\u00a01.200") and bidi isolates made plain. */
const plain = (s: string | null) => (s ?? '').replace(/\u00a0/g, ' ').replace(/[\u2066-\u2069]/g, '');

/** The last bot message whose volunteer-side text contains `text`: its pair (bubble + aside). */
async function pairWith(p: Page, text: string) {
  const pair = p.locator('.mw-pair', { has: p.locator('.mw-second', { hasText: text }) }).last();
  await pair.waitFor({ timeout: 15_000 });
  return pair;
}

let printUrl = '';

describe('the volunteer view', () => {
  it('client Arabic, volunteer Dutch: the Dutch text next to the Arabic bubble, with the source and the amounts with their dates', async () => {
    const { context, page: p } = await open('/vrijwilligers?lang=nl&client=ar');
    try {
      expect(await p.getAttribute('html', 'lang')).toBe('nl');
      expect(await p.getAttribute('#webchat', 'lang')).toBe('ar');
      expect(await p.getAttribute('#webchat', 'dir')).toBe('rtl');
      // The language pickers have labels and start on the chosen languages.
      expect(await p.getByLabel('Taal van de cliënt').inputValue()).toBe('ar');
      expect(await p.getByLabel('Uw taal').inputValue()).toBe('nl');

      // The welcome, in both languages.
      const welcome = await pairWith(p, 'Hallo, ik ben Meldwijzer');
      expect(await welcome.locator('.mw-pair__client').textContent()).toContain('مرحبًا، أنا Meldwijzer');

      await type(p, 'أمي تعطيني مال');
      await pairWith(p, 'Wat voor hulp kreeg u?');
      await type(p, 'مال أو أغراض');
      await pairWith(p, 'Hoeveel is het, in euro?');
      await type(p, '300');
      await pairWith(p, 'eerder dit jaar');
      await type(p, '1000');

      const answer = await pairWith(p, 'Ja, dit moet u melden.');
      const bubble = answer.locator('.mw-pair__client');
      const aside = answer.locator('.mw-second');
      expect(await bubble.textContent()).toContain(chat('ar').answer.kind.report_may_change);
      expect(await aside.getAttribute('lang')).toBe('nl');
      expect(await aside.getAttribute('dir')).toBe('ltr');
      expect(await bubble.getAttribute('dir')).toBe('rtl');
      const text = plain(await aside.textContent());
      expect(text).toContain(chat('nl').answer.kind.report_may_change);
      // The rule's legal basis, the amount with the date from which it is valid, and its source.
      expect(text).toContain('Participatiewet art. 31 lid 2 onder m');
      expect(text).toContain('Vrije giften per jaar');
      expect(text).toContain('€ 1.200');
      expect(text).toContain('1 januari 2026');
      expect(text).not.toContain('niet bevestigd');
      expect(await aside.getByRole('heading', { name: 'Waar komt dit antwoord vandaan?' }).count()).toBe(1);
      expect(await aside.getByRole('table', { name: 'Bedragen in dit antwoord' }).count()).toBe(1);

      // Side by side: the same height on screen, the Dutch left of the right-to-left Arabic bubble.
      const b = (await bubble.locator('.webchat__bubble').first().boundingBox())!;
      const a = (await aside.boundingBox())!;
      expect(a.x + a.width).toBeLessThanOrEqual(b.x + 1);
      expect(a.y).toBeLessThan(b.y + b.height);
      expect(b.y).toBeLessThan(a.y + a.height);

      // The page asked for the volunteer view with every message; the contract is unchanged.
      const link = aside.getByRole('link', { name: 'Print voor de cliënt' });
      printUrl = (await link.getAttribute('href'))!;
      expect(printUrl).toMatch(/^\/vrijwilligers\/print\?lang=ar&v=nl&topic=giften&outcome=melden&/);
      expect(printUrl).toContain('f.bedrag=300');
      expect(printUrl).toContain('f.eerder=1000');

      expect(await axe(p)).toEqual([]);
      expect(await csp(p)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('an unconfirmed amount is clearly marked "niet bevestigd" (client English, volunteer Dutch)', async () => {
    const { context, page: p } = await open('/vrijwilligers?lang=nl&client=en');
    try {
      await pairWith(p, 'Hallo, ik ben Meldwijzer');
      await type(p, 'volunteer work');
      await pairWith(p, 'Krijgt u geld voor dit vrijwilligerswerk?');
      for (const [say, next] of [
        ['yes', 'Hoe oud bent u?'],
        ['30', 'Hoeveel krijgt u per maand, in euro?'],
        ['100', 'Hoeveel vrijwilligersvergoeding kreeg u eerder dit jaar al?'],
      ] as const) {
        await type(p, say);
        await pairWith(p, next);
      }
      await type(p, '200');
      const answer = await pairWith(p, 'Waar komt dit antwoord vandaan?');
      const details = answer.locator('.mw-details');
      await expect(details.locator('.mw-unverified').first().textContent()).resolves.toBe('niet bevestigd');
      expect(await details.textContent()).toContain('Let op: iets in dit antwoord is niet bevestigd.');
      // The bubble is English, the side Dutch.
      expect(await answer.locator('.mw-pair__client').getAttribute('lang')).toBe('en');
      expect(await answer.locator('.mw-second').getAttribute('lang')).toBe('nl');
      expect(await axe(p)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('the other way round: the volunteer reads Arabic while the client reads Dutch', async () => {
    const { context, page: p } = await open('/vrijwilligers?lang=ar&client=nl');
    try {
      expect(await p.getAttribute('html', 'dir')).toBe('rtl');
      const welcome = await pairWith(p, 'مرحبًا، أنا Meldwijzer');
      expect(await welcome.locator('.mw-second').getAttribute('dir')).toBe('rtl');
      expect(await welcome.locator('.mw-pair__client').textContent()).toContain('Hallo, ik ben Meldwijzer');
      expect(await axe(p)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('the topic browser', () => {
  it('searching "auto" finds the car topic, with questions, answers, sources and dated amounts', async () => {
    const { context, page: p } = await open('/vrijwilligers/onderwerpen?lang=nl');
    try {
      expect(await p.locator('article.vw-topic').count()).toBeGreaterThanOrEqual(19);
      await p.getByLabel('Zoek een onderwerp').fill('auto');
      await p.getByRole('button', { name: 'Zoeken' }).click();
      await p.waitForURL(/q=auto/);
      const first = p.locator('article.vw-topic').first();
      expect(await first.getByRole('heading', { level: 2 }).textContent()).toBe('Auto');
      const text = plain(await first.textContent());
      expect(text).toContain('Wat is er met de auto gebeurd?');
      expect(text).toContain('Ja, dit moet u melden.');
      expect(text).toContain('De vermogensgrens voor uw huishouden is …');
      expect(text).toContain('Participatiewet art. 34');
      expect(text).toContain('1 januari 2026');
      expect(text).toContain('€ 8.000');
      expect(text).toContain('niet bevestigd');
      expect(await axe(p)).toEqual([]);
      expect(await csp(p)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('a typo ("vakansie") still finds the holiday topic', async () => {
    const { context, page: p } = await open('/vrijwilligers/onderwerpen?lang=nl&q=vakansie');
    try {
      expect(await p.locator('article.vw-topic h2').first().textContent()).toBe('Vakantie en reizen');
      expect(await p.locator('.vw-found').textContent()).toContain('vakansie');
    } finally {
      await context.close();
    }
  });

  it('in Arabic: right to left, an Arabic search, no axe violations', async () => {
    const { context, page: p } = await open(`/vrijwilligers/onderwerpen?lang=ar&q=${encodeURIComponent('سيارة')}`);
    try {
      expect(await p.getAttribute('html', 'dir')).toBe('rtl');
      expect(await p.locator('article.vw-topic').first().getAttribute('id')).toBe('onderwerp-auto');
      expect(await axe(p)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('the answer sheet for the client', () => {
  it('is in the client language (Arabic, right to left), without any chat chrome, and prints only the sheet', async () => {
    expect(printUrl).not.toBe('');
    const { context, page: p } = await open(printUrl);
    try {
      const sheet = p.locator('.vw-sheet');
      expect(await sheet.getAttribute('lang')).toBe('ar');
      expect(await sheet.getAttribute('dir')).toBe('rtl');
      expect(await p.getAttribute('html', 'lang')).toBe('ar');
      // No chat: no Web Chat element, no Web Chat script, no send box.
      expect(await p.locator('#webchat, .webchat, [data-id="webchat-sendbox-input"]').count()).toBe(0);
      expect(await p.locator('script[src*="webchat"]').count()).toBe(0);
      const text = plain(await sheet.textContent());
      expect(text).toContain(chat('ar').answer.kind.report_may_change);
      expect(text).toContain('14 0513');
      expect(text).toContain('mutatieformulier');
      expect(text).toContain('14');
      expect(text).toContain('2026');
      // The screen shows the volunteer's toolbar (in Dutch) with a working print button.
      const toolbar = p.locator('.vw-toolbar');
      expect(await toolbar.isVisible()).toBe(true);
      expect(await toolbar.getAttribute('lang')).toBe('nl');
      expect(await p.getByRole('button', { name: 'Print dit blad' }).isVisible()).toBe(true);
      expect(await axe(p)).toEqual([]);
      expect(await csp(p)).toEqual([]);

      // Printed: only the sheet.
      await p.emulateMedia({ media: 'print' });
      expect(await toolbar.isVisible()).toBe(false);
      expect(await sheet.isVisible()).toBe(true);
      const visible = await p.evaluate(() =>
        [...document.body.querySelectorAll('*')]
          .filter((e) => !e.closest('.vw-sheet') && !e.querySelector('.vw-sheet') && (e as HTMLElement).offsetParent !== null)
          .map((e) => e.tagName),
      );
      expect(visible).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('a Dutch sheet for a client who does not need to report', async () => {
    const { context, page: p } = await open('/vrijwilligers/print?lang=nl&topic=giften&outcome=vrij&f.soort=geld&f.bedrag=200&f.eerder=700');
    try {
      expect(await p.getAttribute('.vw-sheet', 'dir')).toBe('ltr');
      const text = plain(await p.locator('.vw-sheet').textContent());
      expect(text).toContain('Nee, dit hoeft u niet te melden.');
      expect(text).toContain('€ 300');
      expect(text).toContain('Vrije giften per jaar: € 1.200 (geldt vanaf 1 januari 2026)');
      expect(await axe(p)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('what changed', () => {
  for (const [lang, date, dir] of [
    ['nl', '1 januari 2026', 'ltr'],
    ['en', '1 January 2026', 'ltr'],
    ['ar', '2026', 'rtl'],
  ] as const)
    it(`lists the dated changes in ${lang}, with no axe violations`, async () => {
      const { context, page: p } = await open(`/vrijwilligers/veranderingen?lang=${lang}`);
      try {
        expect(await p.getAttribute('html', 'lang')).toBe(lang);
        expect(await p.getAttribute('html', 'dir')).toBe(dir);
        expect(await p.locator('h2').first().textContent()).toContain(date);
        expect(await p.locator('table.vw-table').count()).toBeGreaterThan(0);
        expect(await axe(p)).toEqual([]);
      } finally {
        await context.close();
      }
    });
});

describe('privacy', () => {
  it('nothing was requested from outside this server', () => {
    expect(requests.length).toBeGreaterThan(10);
    expect(outsideLocalhost(requests)).toEqual([]);
  });
});
