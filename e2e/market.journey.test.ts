import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page, Response } from 'playwright-core';
import { FACTORY_PASSWORD } from '../server/src/testing/factories.js';
import { launchBrowser, screenshot, type BrowserSession } from './support/browser.js';
import {
  openMarketPage,
  seedMarket,
  snapshotWeb,
  type MarketCast,
  type WebSnapshot,
} from './support/market.js';
import { startServer, type RunningServer } from './support/server.js';

/**
 * Issue 4 in the browser: the public library and search; an enterprise publishes a need (live quality
 * check), sees matched achievements with their matched terms; a researcher answers; the enterprise
 * shortlists, introduces, negotiates and signs with an amount; the public funnel counts the signing.
 */
let srv: RunningServer;
let browser: BrowserSession;
let cast: MarketCast;
let web: WebSnapshot;
/** expect.poll's default (1 s) is too short on a loaded 2-core machine. */
const POLL = { timeout: 60_000, interval: 100 };

const SOLUTION_TITLE = '晶圆缺陷在线检测整体方案';
const newPage = () => openMarketPage(browser, srv.baseUrl, web);

/**
 * The response to one exact API call (method and path, query ignored). Start waiting BEFORE the action
 * that sends it, then await it after; a failed call fails the test with the server's problem text.
 */
function apiCall(page: Page, method: string, pathname: string | RegExp): Promise<Response> {
  const matches = (p: string) => (typeof pathname === 'string' ? p === pathname : pathname.test(p));
  return page.waitForResponse((r) => r.request().method() === method && matches(new URL(r.url()).pathname));
}
async function ok(res: Promise<Response>): Promise<Response> {
  const r = await res;
  if (r.status() >= 300)
    throw new Error(`${r.request().method()} ${r.url()} → ${r.status()} ${await r.text()}`);
  return r;
}

async function signIn(page: Page, username: string) {
  await page.goto(`${srv.baseUrl}/login`);
  await page.getByPlaceholder('请输入账号').fill(username);
  await page.getByPlaceholder('请输入密码').fill(FACTORY_PASSWORD);
  const login = apiCall(page, 'POST', '/api/auth/login');
  await page.getByTestId('login-submit').click();
  await ok(login);
  await page.waitForURL('**/dashboard');
}

/** Opens a need's page and waits until its solutions (and, for the owner, its funnel) have arrived. */
async function openNeed(page: Page, id: string, owner: boolean) {
  const solutions = apiCall(page, 'GET', `/api/market/needs/${id}/solutions`);
  const funnel = owner ? apiCall(page, 'GET', `/api/market/needs/${id}/funnel`) : null;
  await page.goto(`${srv.baseUrl}/market/needs/${id}`);
  await ok(solutions);
  if (funnel) await ok(funnel);
  await page.getByTestId('page-need-detail').waitFor();
  await page.getByTestId('need-solutions').waitFor();
}

async function publicFunnel(): Promise<{ signed: number; signedAmountFen: number }> {
  const r = await fetch(`${srv.baseUrl}/api/market/funnel`);
  return (await r.json()).needs;
}

/**
 * Clicks a solution workflow button in the row, fills the modal, and waits for the server's answer,
 * for the modal to leave the DOM, for the funnel refetch the change triggers and for the new status.
 */
async function act(page: Page, action: string, status: string, fill?: (dialog: Locator) => Promise<void>) {
  const table = page.getByTestId('need-solutions');
  await table.getByTestId(`action-${action}`).click();
  // the modal's title names the action and the solution: exactly one dialog matches
  const dialog = page.getByRole('dialog', { name: new RegExp(`· ${SOLUTION_TITLE}$`) });
  await dialog.getByTestId('solution-action-ok').waitFor();
  if (fill) await fill(dialog);
  const done = apiCall(page, 'POST', new RegExp(`^/api/market/solutions/[^/]+/${action}$`));
  const refetch = apiCall(page, 'GET', new RegExp(`^/api/market/needs/[^/]+/funnel$`));
  await dialog.getByTestId('solution-action-ok').click();
  await ok(done);
  await dialog.waitFor({ state: 'detached' });
  await ok(refetch);
  await table.getByTestId(`status-${status}`).waitFor();
}

beforeAll(async () => {
  srv = await startServer();
  cast = await seedMarket(srv.env);
  web = await snapshotWeb();
  browser = await launchBrowser();
});
// no console error and no uncaught page error in any test (support/browser.ts)
afterEach(() => {
  if (browser) expect(browser.takeProblems()).toEqual([]);
});
afterAll(async () => {
  await browser?.close();
  await srv?.close();
});

describe('technology market journey', () => {
  let needId = '';

  it('anyone searches the public library: highlighted hits, matched terms, filters, detail via the technology manager', async () => {
    const { page, context } = await newPage();
    await page.goto(`${srv.baseUrl}/open/achievements`);
    await page.getByTestId('page-achievement-library').waitFor();
    await expect.poll(() => page.getByTestId('library-hit').count(), POLL).toBe(3);
    await page
      .locator('[data-testid=library-q] input, input[data-testid=library-q]')
      .first()
      .fill('晶圆缺陷检测');
    await page.keyboard.press('Enter');
    await page.locator('.to-hit mark').first().waitFor();
    const first = page.getByTestId('library-hit').first();
    expect(await first.locator('.to-hit-title').textContent()).toBe('基于深度学习的晶圆表面缺陷检测系统');
    expect(await first.innerHTML()).toContain('<mark>');
    expect(await first.locator('.to-hit-title').getAttribute('href')).toBe(
      `/open/achievements/${cast.achievements.wafer}`,
    );
    expect(await first.textContent()).toContain('缺陷');
    // the drug patent does not match a wafer query
    expect(await page.getByTestId('library-hit').allTextContents()).not.toContain(
      expect.stringContaining('抗体偶联'),
    );
    await screenshot(page, 'market-library');
    await first.locator('.to-hit-title').click();
    await page.getByTestId('page-achievement-detail').waitFor();
    const contact = await page.getByTestId('achievement-contact').textContent();
    expect(contact).toContain('吴志强');
    expect(contact).not.toContain('13812345678');
    await screenshot(page, 'market-achievement-detail');
    await context.close();
  });

  it('an enterprise publishes a need with the live quality check and sees matched achievements', async () => {
    const { page, context } = await newPage();
    await signIn(page, 'zhou.haiyan');
    await page.goto(`${srv.baseUrl}/market/needs/new`);
    await page.getByTestId('page-need-form').waitFor();
    await page.locator('#title').fill('晶圆表面缺陷自动检测设备');
    // a vague first draft: the check names the vague words and the missing parts
    await page.locator('#problem').fill('希望引入相关技术，提升若干环节的检测能力等。');
    await page.getByTestId('quality-issue-vagueWords').waitFor();
    await page.getByTestId('quality-vague-text').locator('.to-quality-vague').first().waitFor();
    const vagueScore = Number(await page.getByTestId('quality-score').textContent());
    expect(vagueScore).toBeLessThan(60);
    await screenshot(page, 'market-need-quality-vague', { fullPage: false });
    await page
      .locator('#problem')
      .fill(
        '我司12英寸晶圆产线的表面缺陷检测依赖人工目检，每片耗时约6分钟，漏检率约3%。希望引入基于机器视觉和深度学习的缺陷检测设备，接入现有MES系统，在洁净室环境下连续运行。',
      );
    await page.locator('#indicators').fill('检出率≥99.5%\n单片检测时间≤30秒');
    await page.locator('#field').fill('集成电路');
    await page.locator('#keywords').fill('缺陷检测,');
    await page.locator('#keywords').fill('机器视觉,');
    await page.locator('#budgetMin').fill('200');
    await page.locator('#budgetMax').fill('500');
    await page.locator('#deadline').click();
    await page.locator('#deadline').fill('2027-06-30');
    await page.keyboard.press('Enter');
    await expect
      .poll(async () => Number(await page.getByTestId('quality-score').textContent()), POLL)
      .toBeGreaterThan(vagueScore);
    await expect.poll(() => page.getByTestId('quality-issue-vagueWords').count(), POLL).toBe(0);
    await screenshot(page, 'market-need-form');
    await page.getByTestId('need-publish').click();
    await page.getByTestId('page-need-detail').waitFor();
    needId = page.url().split('/').pop()!;
    await page.getByTestId('status-published').first().waitFor();

    // recommendations with their explanation
    await page.getByRole('tab', { name: '智能推荐' }).click();
    await page.getByTestId('match-achievement').first().waitFor();
    const top = page.getByTestId('match-achievement').first();
    expect(await top.textContent()).toContain('晶圆表面缺陷检测系统');
    const terms = await top.getByTestId('match-terms').textContent();
    expect(terms).toMatch(/缺陷|检测|晶圆|机器视觉/);
    // meaningful terms and a level in words, no raw score (issue 11)
    expect(await top.getByTestId('match-relevance').textContent()).toBe('高相关');
    expect(await top.textContent()).not.toMatch(/BM25|相关度 \d/);
    await screenshot(page, 'market-need-matches');
    await context.close();
  });

  it('a researcher answers; the enterprise shortlists, introduces, negotiates and signs; the funnel counts it', async () => {
    const before = await publicFunnel();

    // the researcher answers; the page has its (empty) list of the researcher's solutions first
    const r = await newPage();
    await signIn(r.page, 'liu.mingzhe');
    await openNeed(r.page, needId, false);
    await r.page.getByTestId('need-answer').click();
    const form = r.page.getByRole('dialog', { name: /晶圆表面缺陷自动检测设备/ });
    // an empty submit says what is missing under each field, with no uncaught error (issue 11)
    await form.getByTestId('solution-submit').click();
    const messages = form.locator('.ant-form-item-explain-error');
    await messages.nth(1).waitFor();
    expect(await messages.allTextContents()).toEqual([
      expect.stringContaining('方案名称'),
      expect.stringContaining('方案摘要'),
    ]);
    await screenshot(r.page, 'market-solution-empty-submit');
    await form.locator('#title').fill(SOLUTION_TITLE);
    await form
      .locator('#summary')
      .fill(
        '基于本校已公开的深度学习缺陷检测成果，提供12英寸晶圆在线检测设备与MES接口，检出率99.6%，单片20秒。',
      );
    await form.locator('#quote').fill('300');
    const answered = apiCall(r.page, 'POST', `/api/market/needs/${needId}/solutions`);
    const relisted = apiCall(r.page, 'GET', `/api/market/needs/${needId}/solutions`);
    await form.getByTestId('solution-submit').click();
    expect((await ok(answered)).status()).toBe(201);
    await form.waitFor({ state: 'detached' });
    await ok(relisted);
    await r.page.getByTestId('need-solutions').getByTestId('status-submitted').waitFor();

    // the enterprise judges it and takes it to a signed contract
    const e = await newPage();
    await signIn(e.page, 'zhou.haiyan');
    await openNeed(e.page, needId, true);
    await e.page.getByTestId('need-solutions').getByText(SOLUTION_TITLE).waitFor();
    await act(e.page, 'shortlist', 'shortlisted', async (d) => {
      await d.locator('#feedback').fill('技术路线清晰，指标满足要求，进入对接。');
    });
    await act(e.page, 'introduce', 'introduced');
    await act(e.page, 'negotiate', 'negotiating');
    await act(e.page, 'sign', 'contractSigned', async (d) => {
      await d.locator('#amount').fill('280.5');
    });
    await e.page.getByRole('tab', { name: '本需求对接进展' }).click();
    await expect.poll(() => e.page.getByTestId('funnel-signed').textContent(), POLL).toBe('1');
    await e.page.getByRole('tab', { name: /收到的方案/ }).click();
    await e.page.getByTestId('need-solutions').locator('.ant-table-row-expand-icon').first().click();
    await e.page.getByTestId('need-solutions').getByTestId('solution-feedback-text').waitFor();
    await screenshot(e.page, 'market-need-solutions');

    // the solver sees the feedback and the timeline
    const mineLoaded = apiCall(r.page, 'GET', '/api/market/solutions/mine');
    await r.page.goto(`${srv.baseUrl}/market/matching?tab=mine`);
    await ok(mineLoaded);
    const mine = r.page.getByTestId('solutions-mine');
    await mine.getByTestId('status-contractSigned').waitFor();
    await mine.locator('.ant-table-row-expand-icon').first().click();
    expect(await mine.getByTestId('solution-feedback-text').textContent()).toBe(
      '技术路线清晰，指标满足要求，进入对接。',
    );

    // the public funnel: signed +1, and the amount, with the match-rate definition beside the number
    const after = await publicFunnel();
    expect(after.signed).toBe(before.signed + 1);
    expect(after.signedAmountFen - before.signedAmountFen).toBe(280_500_000);
    const p = await newPage();
    const funnelLoaded = apiCall(p.page, 'GET', '/api/market/funnel');
    await p.page.goto(`${srv.baseUrl}/open/funnel`);
    await ok(funnelLoaded);
    await p.page.getByTestId('funnel-chart').waitFor();
    await expect
      .poll(() => p.page.getByTestId('funnel-signed').textContent(), POLL)
      .toBe(String(after.signed));
    expect(await p.page.getByTestId('match-rate-definition').textContent()).toBeTruthy();
    await screenshot(p.page, 'market-funnel');
    await Promise.all([r.context.close(), e.context.close(), p.context.close()]);
  });
});
