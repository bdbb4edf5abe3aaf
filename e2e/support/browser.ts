import fs from 'node:fs';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../../screenshots');

export interface BrowserSession {
  /**
   * The console errors and uncaught page errors of every page so far, and forgets them: each journey
   * asserts after each test that there were none (issue 11: the journeys fail on any console error).
   */
  takeProblems(): string[];
  /**
   * A step that provokes a refusal on purpose (a wrong password, a bad form) declares it: the
   * browser's own "Failed to load resource: … status of 401" lines for these statuses are then not
   * counted until the next takeProblems(). Any other console error still fails the journey.
   */
  expectRefusals(...statuses: number[]): void;
  /** A fresh context (no cookies, no localStorage): one per signed-in user. */
  newPage(): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

/** Debian's Chromium, headless, with a throw-away profile. */
export async function launchBrowser(): Promise<BrowserSession> {
  // Playwright gives the browser a fresh temporary profile (user-data-dir) of its own and removes it on close.
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  const problems: string[] = [];
  const expected = new Set<number>();
  const isExpected = (p: string) =>
    [...expected].some((st) =>
      p.includes(`Failed to load resource: the server responded with a status of ${st}`),
    );
  return {
    takeProblems: () => {
      const out = problems.splice(0).filter((p) => !isExpected(p));
      expected.clear();
      return out;
    },
    expectRefusals: (...statuses: number[]) => {
      for (const st of statuses) expected.add(st);
    },
    newPage: async () => {
      const context = await browser.newContext({
        viewport: { width: 1440, height: 900 },
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
      });
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(`console: ${m.text()} (${page.url()})`);
      });
      page.on('pageerror', (e) => problems.push(`pageerror: ${e.message} (${page.url()})`));
      return { context, page };
    },
    close: async () => {
      await browser.close();
    },
  };
}

export async function screenshot(page: Page, name: string, opts: { fullPage?: boolean } = {}): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // let charts finish their entry animation
  await page.waitForTimeout(900);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: opts.fullPage ?? true });
}

/**
 * Picks a language in the 中文 / English menu and waits until the switch shows it. Under load a click
 * can land while the menu is still opening and be lost; the menu is then opened and clicked again.
 */
export async function chooseLanguage(page: Page, code: 'zh-CN' | 'en'): Promise<void> {
  const label = code === 'en' ? 'English' : '中文';
  const button = page.getByTestId('lang-switch');
  for (let attempt = 0; attempt < 5; attempt++) {
    const item = page.getByTestId(`lang-${code}`);
    if (!(await item.isVisible())) await button.click();
    await item.waitFor({ state: 'visible', timeout: 5000 }).catch(() => undefined);
    if (await item.isVisible()) await item.click({ timeout: 5000 }).catch(() => undefined);
    const shown = await button
      .filter({ hasText: label })
      .waitFor({ timeout: 3000 })
      .then(() => true)
      .catch(() => false);
    if (shown) return;
  }
  throw new Error(`the language switch did not change to ${label}`);
}
