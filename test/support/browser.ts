// Chromium for the end-to-end tests: Debian's /usr/bin/chromium via playwright-core (never
// `playwright install`). Each test opens fresh contexts (their own profile) that record every
// request, so a test can assert that nothing left localhost, and every CSP violation on the page.
// axe-core is evaluated through DevTools: the pages' CSP (rightly) blocks injected scripts.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Headless, and quiet: no background traffic of Chromium's own to any outside service. */
function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** Chromium for the tests of one file: launched before them, closed after them. Call the result for the browser. */
export function useChromium(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('Chromium starts in beforeAll');
    return browser;
  };
}

export type Viewport = { width: number; height: number };

/** A fresh context that pushes the URL of every request onto `requests` and collects the page's CSP violations (see `cspViolations`). */
export async function newContext(browser: Browser, viewport: Viewport, requests: string[]): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport });
  context.on('request', (r) => requests.push(r.url()));
  await context.addInitScript(() => {
    const csp: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = csp;
    document.addEventListener('securitypolicyviolation', (e) => csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return context;
}

/** `newContext`, then one page at `url`; `initScript` runs in every document before the page's own scripts. */
export async function openPage(
  browser: Browser,
  url: string,
  options: { viewport: Viewport; requests: string[]; initScript?: () => void },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser, options.viewport, options.requests);
  if (options.initScript) await context.addInitScript(options.initScript);
  const page = await context.newPage();
  await page.goto(url);
  return { context, page };
}

/** The CSP violations of the current document, as "directive blocked-URI". */
export const cspViolations = (p: Page) => p.evaluate(() => (window as unknown as { __csp: string[] }).__csp);

/** The requests that went anywhere but this machine (data: URLs stay in the page; a blob: URL counts by its origin). */
export function outsideLocalhost(requests: string[]): string[] {
  return requests.filter((u) => {
    if (u.startsWith('data:')) return false;
    const url = new URL(u.startsWith('blob:') ? u.slice(5) : u);
    return !['127.0.0.1', 'localhost'].includes(url.hostname);
  });
}

/** Types `text` into Web Chat's send box and sends it (Enter), as a user would. */
export async function typeInChat(p: Page, text: string) {
  const sendBox = p.locator('[data-id="webchat-sendbox-input"]');
  await sendBox.fill(text);
  await sendBox.press('Enter');
}

interface AxeResult {
  passes: unknown[];
  violations: { id: string; impact: string; help: string; nodes: { target: string[]; failureSummary: string }[] }[];
}

/** axe-core with the WCAG 2.0/2.1 A and AA rules: the violations found (rules passed must be many). */
export async function axe(p: Page) {
  await p.evaluate(AXE);
  const r = await p.evaluate(async () => {
    const a = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<AxeResult> } }).axe;
    const res = await a.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return {
      passes: res.passes.length,
      violations: res.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')}: ${n.failureSummary}`) })),
    };
  });
  expect(r.passes).toBeGreaterThan(10);
  return r.violations;
}
