// End to end in Chromium: the real page, the real Web Chat bundle, the local Direct Line.
// Debian's chromium via playwright-core (never `playwright install`); nothing may leave localhost.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, startServer, type Running } from './helpers.ts';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const arText = JSON.parse(readFileSync('locales/ar/chat.json', 'utf8')) as { answer: { kind: Record<string, string> } };
const nlText = JSON.parse(readFileSync('locales/nl/chat.json', 'utf8')) as { answer: { kind: Record<string, string> } };
const page = (lang: 'nl' | 'ar') => JSON.parse(readFileSync(`locales/${lang}/page.json`, 'utf8')) as Record<string, string>;

let run: Running;
let browser: Browser;
const requests: string[] = [];

beforeAll(async () => {
  run = await startServer();
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
});

afterAll(async () => {
  await browser?.close();
  await run?.stop();
  if (run) removeDir(run.dir);
});

/** A fresh context (its own profile) with a fake local voice, so read-aloud can be checked offline. */
async function open(query: string, viewport = { width: 1024, height: 900 }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport });
  context.on('request', (r) => requests.push(r.url()));
  await context.addInitScript(() => {
    const w = window as unknown as Record<string, unknown>;
    const spoken: { text: string; lang: string; voice?: string }[] = [];
    const csp: string[] = [];
    w.__spoken = spoken;
    w.__csp = csp;
    document.addEventListener('securitypolicyviolation', (e) => csp.push(`${e.violatedDirective} ${e.blockedURI}`));
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
  });
  const p = await context.newPage();
  await p.goto(`${run.url}/${query}`);
  return { context, page: p };
}

const sendBox = (p: Page) => p.locator('[data-id="webchat-sendbox-input"]');

/** A suggested-action button (Web Chat also lists them, hidden, in its live region). */
const suggested = (p: Page, name: string) => p.getByRole('toolbar').getByRole('button', { name });

async function type(p: Page, text: string) {
  await sendBox(p).fill(text);
  await sendBox(p).press('Enter');
}

/** Waits until the transcript shows `text` in a bot message. */
async function botSays(p: Page, text: string) {
  await p.locator('.webchat__bubble:not(.webchat__bubble--from-user)', { hasText: text }).last().waitFor({ timeout: 15_000 });
}

interface AxeResult {
  passes: unknown[];
  violations: { id: string; impact: string; help: string; nodes: { target: string[]; failureSummary: string }[] }[];
}

/** axe-core with the WCAG 2.0/2.1 A and AA rules: the violations found (rules passed must be many). */
async function axe(p: Page) {
  // page.addScriptTag would write an inline <script>, which this page's CSP (rightly) blocks:
  // evaluate the axe source through the DevTools protocol instead, then run it.
  await p.evaluate(AXE);
  const r = await p.evaluate(async () => {
    const a = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<AxeResult> } }).axe;
    const res = await a.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return { passes: res.passes.length, violations: res.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')}: ${n.failureSummary}`) })) };
  });
  expect(r.passes).toBeGreaterThan(10);
  return r.violations;
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
      expect(await p.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
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
      expect(await p.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
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
    const outside = requests.filter((u) => {
      if (u.startsWith('data:')) return false;
      const url = new URL(u.startsWith('blob:') ? u.slice(5) : u);
      return !['127.0.0.1', 'localhost'].includes(url.hostname);
    });
    expect(outside).toEqual([]);
  });
});
