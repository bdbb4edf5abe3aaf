import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser, type BrowserSession } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

/**
 * Issue 10 §7: the Content-Security-Policy must not break what it protects. The built web client and
 * the Swagger UI at /api/docs are loaded in Chromium; every CSP violation the page reports is collected.
 */
let srv: RunningServer;
let browser: BrowserSession;

beforeAll(async () => {
  srv = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await srv?.close();
});

async function violationsOf(page: Page): Promise<string[]> {
  const seen: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) seen.push(m.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return seen;
}

describe('the CSP lets the pages work', () => {
  it('the web client renders its sign-in page with no CSP violation', async () => {
    const { context, page } = await browser.newPage();
    const seen = await violationsOf(page);
    const res = await page.goto(`${srv.baseUrl}/`);
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.getByText('科转通').first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(seen).toEqual([]);
    await context.close();
  });

  it('the API docs render the operations with no CSP violation', async () => {
    const { context, page } = await browser.newPage();
    const seen = await violationsOf(page);
    const res = await page.goto(`${srv.baseUrl}/api/docs/`);
    expect(res?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await page.locator('.opblock').first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(seen).toEqual([]);
    await context.close();
  });
});
