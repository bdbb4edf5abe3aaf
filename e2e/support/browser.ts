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
  return {
    takeProblems: () => problems.splice(0),
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
