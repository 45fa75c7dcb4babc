// End to end in Chromium: the real page, the real Web Chat bundle, the local Direct Line.
// Debian's chromium via playwright-core (never `playwright install`); nothing may leave localhost.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axe, cspViolations, openPage, outsideLocalhost, typeInChat as type, useChromium } from '../support/browser.ts';
import { useServer } from './helpers.ts';

const arText = JSON.parse(readFileSync('locales/ar/chat.json', 'utf8')) as { answer: { kind: Record<string, string> } };
const nlText = JSON.parse(readFileSync('locales/nl/chat.json', 'utf8')) as { answer: { kind: Record<string, string> } };
const page = (lang: 'nl' | 'ar') => JSON.parse(readFileSync(`locales/${lang}/page.json`, 'utf8')) as Record<string, string>;

const run = useServer();
const browser = useChromium();
const requests: string[] = [];

/** A fake local voice per language (runs in the page), so read-aloud can be checked offline. */
function fakeVoices() {
  const spoken: { text: string; lang: string; voice?: string }[] = [];
  (window as unknown as { __spoken: typeof spoken }).__spoken = spoken;
  const voices = ['nl-NL', 'en-GB', 'ar-SA'].map((lang) => ({ name: `local ${lang}`, lang, localService: true, default: false, voiceURI: lang }));
  class Utterance {
    lang = '';
    rate = 1;
    voice: { name: string } | null = null;
    constructor(readonly text: string) {}
  }
  Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: Utterance, configurable: true });
  Object.defineProperty(window, 'speechSynthesis', {
    configurable: true,
    value: {
      speaking: false,
      pending: false,
      getVoices: () => voices,
      speak: (u: Utterance) => spoken.push({ text: u.text, lang: u.lang, voice: u.voice?.name }),
      cancel: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
    },
  });
}

/** A fresh context (its own profile) with a fake local voice, recording requests and CSP violations. */
const open = (query: string, viewport = { width: 1024, height: 900 }) => openPage(browser(), `${run.url}/${query}`, { viewport, requests, initScript: fakeVoices });

/** A suggested-action button (Web Chat also lists them, hidden, in its live region). */
const suggested = (p: Page, name: string) => p.getByRole('toolbar').getByRole('button', { name });

/** Waits until the transcript shows `text` in a bot message. */
async function botSays(p: Page, text: string) {
  await p.locator('.webchat__bubble:not(.webchat__bubble--from-user)', { hasText: text }).last().waitFor({ timeout: 15_000 });
}

describe('Web Chat on the municipal page', () => {
  it('Dutch: welcome, gift questions by typing and tapping, the answer, read aloud, no axe violations', async () => {
    const { context, page: p } = await open('');
    try {
      expect(await p.getAttribute('html', 'lang')).toBe('nl');
      expect(await p.getAttribute('html', 'dir')).toBe('ltr');
      await botSays(p, 'Hallo, ik ben Meldwijzer');
      await expect(p.getByText(page('nl').privacy)).toBeTruthy();
      expect(await p.locator('p.privacy').textContent()).toBe('U hoeft geen naam te geven.');

      await type(p, 'mijn moeder betaalt mijn boodschappen');
      await botSays(p, 'Wat voor hulp kreeg u?');
      await suggested(p, 'Iemand betaalt iets voor mij').click();
      await botSays(p, 'Hoeveel is het, in euro?');
      await type(p, '200');
      await botSays(p, 'Hoeveel kreeg uw huishouden eerder dit jaar al?');
      await type(p, '1000');
      await botSays(p, nlText.answer.kind.no_report);
      expect(nlText.answer.kind.no_report).toBe('Nee, dit hoeft u niet te melden.');

      // Read aloud: the last bot message, in Dutch, with a voice on this device.
      const read = p.getByRole('button', { name: page('nl').readAloud });
      expect(await read.count()).toBeGreaterThanOrEqual(5);
      await read.last().click();
      const spoken = (await p.evaluate(() => (window as unknown as { __spoken: { text: string; lang: string; voice?: string }[] }).__spoken)).at(-1)!;
      expect(spoken.lang).toBe('nl-NL');
      expect(spoken.voice).toBe('local nl-NL');
      expect(spoken.text).toContain('Nee, dit hoeft u niet te melden.');
      expect(spoken.text).toContain('U kunt kiezen:');

      // Suggested actions are big buttons.
      const box = await suggested(p, 'Ander onderwerp').boundingBox();
      expect(box!.height).toBeGreaterThanOrEqual(44);

      expect(await axe(p)).toEqual([]);
      expect(await cspViolations(p)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Arabic: right to left, the same questions in Arabic, the Arabic answer, no axe violations', async () => {
    const { context, page: p } = await open('?lang=ar', { width: 390, height: 844 });
    try {
      expect(await p.getAttribute('html', 'dir')).toBe('rtl');
      expect(await p.getAttribute('html', 'lang')).toBe('ar');
      await botSays(p, 'مرحبًا، أنا Meldwijzer');
      // Web Chat itself is right-to-left (locale ar-SA).
      expect(await p.locator('#webchat [dir="rtl"]').count()).toBeGreaterThan(0);
      expect(await p.locator('#webchat [dir="ltr"]').count()).toBe(0);

      await type(p, 'أمي تدفع مشترياتي');
      await botSays(p, 'ما نوع المساعدة التي حصلت عليها؟');
      await suggested(p, 'شخص يدفع شيئًا عني').click();
      await botSays(p, 'كم المبلغ باليورو؟');
      await type(p, '٢٠٠');
      await botSays(p, 'كم حصلت أسرتك عليه');
      await type(p, '١٠٠٠');
      await botSays(p, arText.answer.kind.no_report);

      await p.getByRole('button', { name: page('ar').readAloud }).last().click();
      const spoken = (await p.evaluate(() => (window as unknown as { __spoken: { text: string; lang: string }[] }).__spoken)).at(-1)!;
      expect(spoken.lang).toBe('ar-SA');
      expect(spoken.text).toContain(arText.answer.kind.no_report);

      expect(await axe(p)).toEqual([]);
      expect(await cspViolations(p)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('the language links switch the page language', async () => {
    const { context, page: p } = await open('?lang=en');
    try {
      await botSays(p, 'Meldwijzer');
      await p.getByRole('link', { name: 'Nederlands' }).click();
      await p.waitForURL(/lang=nl/);
      expect(await p.getAttribute('html', 'lang')).toBe('nl');
      await botSays(p, 'Hallo, ik ben Meldwijzer');
    } finally {
      await context.close();
    }
  });

  it('nothing was requested from outside this server', () => {
    expect(requests.length).toBeGreaterThan(10);
    expect(outsideLocalhost(requests)).toEqual([]);
  });
});
