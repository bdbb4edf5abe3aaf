import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page, Response } from 'playwright-core';
import { launchBrowser, screenshot, type BrowserSession } from './support/browser.js';
import { openMarketPage, snapshotWeb, type WebSnapshot } from './support/market.js';
import { seedChallenge, signInWithTotp, type ChallengeCast } from './support/market-challenge.js';
import { startServer, type RunningServer } from './support/server.js';

/**
 * Challenges (揭榜挂帅 / 创新挑战赛) in the browser: staff assign an expert and start pre-screening; the
 * expert scores each solution (0-100 with a comment) and sees the mean; staff close judging, name the
 * winners with rank and award and publish; the public result page shows the winners.
 */
let srv: RunningServer;
let browser: BrowserSession;
let web: WebSnapshot;
let cast: ChallengeCast;
const POLL = { timeout: 60_000, interval: 100 };

const newPage = () => openMarketPage(browser, srv.baseUrl, web);
const challengeUrl = (base: '/market' | '/open') => `${srv.baseUrl}${base}/challenges/${cast.challengeId}`;

function apiCall(page: Page, method: string, pathname: string): Promise<Response> {
  return page.waitForResponse(
    (r) => r.request().method() === method && new URL(r.url()).pathname === pathname,
  );
}
async function ok(res: Promise<Response>): Promise<Response> {
  const r = await res;
  if (r.status() >= 300)
    throw new Error(`${r.request().method()} ${r.url()} → ${r.status()} ${await r.text()}`);
  return r;
}
const api = (tail = '') => `/api/market/challenges/${cast.challengeId}${tail}`;

/**
 * Picks the option with `text` in an antd Select inside `dialog`, then closes the dropdown (a multiple
 * select keeps it open) by clicking the dialog's title, so it cannot cover the OK button.
 */
async function pick(page: Page, dialog: Locator, select: Locator, text: string) {
  await select.click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).click();
  await dialog.locator('.ant-modal-title').click();
  await expect.poll(() => page.locator('.ant-select-dropdown:visible').count(), POLL).toBe(0);
}

/** Clicks a lifecycle button, confirms, and waits for the server and for the new status tag. */
async function step(page: Page, action: string, status: string) {
  await page.getByTestId(`challenge-${action}`).click();
  const done = apiCall(page, 'POST', api(`/${action}`));
  await page.getByTestId('challenge-confirm').click();
  await ok(done);
  await page.getByTestId('challenge-confirm').waitFor({ state: 'detached' });
  await page.getByTestId('page-challenge-detail').getByTestId(`status-${status}`).first().waitFor();
}

beforeAll(async () => {
  srv = await startServer();
  cast = await seedChallenge(srv.env);
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

describe('challenge journey', () => {
  it('staff assign an expert and start screening; the expert scores; staff name winners and publish; the public sees them', async () => {
    // staff: assign the expert, start pre-screening
    const s = await newPage();
    await signInWithTotp(s.page, srv.baseUrl, cast.staff);
    const loaded = apiCall(s.page, 'GET', api());
    await s.page.goto(challengeUrl('/market'));
    await ok(loaded);
    await s.page.getByTestId('page-challenge-detail').getByTestId('status-open').first().waitFor();
    expect(await s.page.getByTestId('challenge-needs').textContent()).toContain(cast.needTitle);

    const expertList = apiCall(s.page, 'GET', '/api/users');
    await s.page.getByTestId('challenge-assign-experts').click();
    const experts = s.page.getByRole('dialog', { name: '初筛专家' });
    await experts.waitFor();
    await ok(expertList);
    await pick(s.page, experts, experts.getByRole('combobox'), '王磊');
    const assigned = apiCall(s.page, 'POST', api('/experts'));
    await experts.getByTestId('assign-experts-ok').click();
    await ok(assigned);
    await experts.waitFor({ state: 'detached' });
    await step(s.page, 'startScreening', 'screening');

    // the expert scores both solutions
    const x = await newPage();
    await signInWithTotp(x.page, srv.baseUrl, cast.expert);
    const head = apiCall(x.page, 'GET', api());
    await x.page.goto(challengeUrl('/market'));
    await ok(head);
    // the sheet loads when its tab is first shown
    const sheet = apiCall(x.page, 'GET', api('/screening'));
    await x.page.getByRole('tab', { name: '专家初筛' }).click();
    await ok(sheet);
    const table = x.page.getByTestId('challenge-screening');
    for (const [title, score, comment] of [
      ['基于柔性触觉传感的灵巧手方案', '88', '力控精度满足指标，样机已验证。'],
      ['谐波减速器驱动的灵巧手', '61', '成本有优势，但力控精度未达到0.1N。'],
    ] as const) {
      await table
        .getByRole('row', { name: new RegExp(title) })
        .getByTestId('score-button')
        .click();
      const dialog = x.page.getByRole('dialog', { name: `为方案评分 · ${title}` });
      await dialog.getByTestId('score-value').fill(score);
      await dialog.getByTestId('score-comment').fill(comment);
      const saved = apiCall(x.page, 'POST', api('/scores'));
      await dialog.getByTestId('score-ok').click();
      await ok(saved);
      await dialog.waitFor({ state: 'detached' });
      await table
        .getByRole('row', { name: new RegExp(title) })
        .getByText(score, { exact: true })
        .first()
        .waitFor();
    }
    // ranked by mean score, best first
    await expect
      .poll(() => table.getByTestId('screening-mean').allTextContents(), POLL)
      .toEqual(['88.0', '61.0']);
    await screenshot(x.page, 'market-challenge-screening');

    // staff: close judging, name the winner, publish with a note
    const reloaded = apiCall(s.page, 'GET', api());
    await s.page.reload();
    await ok(reloaded);
    await step(s.page, 'close', 'closed');
    await s.page.getByTestId('challenge-set-winners').click();
    const winners = s.page.getByRole('dialog', { name: '确定获奖名单' });
    await winners.getByTestId('winner-add').click();
    await pick(s.page, winners, winners.getByRole('combobox'), '基于柔性触觉传感的灵巧手方案');
    await winners.getByTestId('winner-award-0').fill('一等奖');
    const named = apiCall(s.page, 'POST', api('/winners'));
    await winners.getByTestId('winners-ok').click();
    await ok(named);
    await winners.waitFor({ state: 'detached' });
    // staff see the winners (not yet public) before publishing
    await s.page.getByRole('tab', { name: '获奖方案' }).click();
    await s.page.getByTestId('challenge-winners').getByText('一等奖').waitFor();
    await screenshot(s.page, 'market-challenge-manage');
    await s.page.getByTestId('challenge-publishResults').click();
    const publish = s.page.getByRole('dialog', { name: '公布结果' });
    await publish.getByTestId('result-note-input').fill('经专家初筛与企业评议，现将获奖方案公示如下。');
    const published = apiCall(s.page, 'POST', api('/publishResults'));
    await publish.getByTestId('publish-results-ok').click();
    await ok(published);
    await publish.waitFor({ state: 'detached' });
    await s.page
      .getByTestId('page-challenge-detail')
      .getByTestId('status-resultsPublished')
      .first()
      .waitFor();

    // the public result page (no sign-in)
    const p = await newPage();
    const publicLoad = apiCall(p.page, 'GET', api());
    await p.page.goto(challengeUrl('/open'));
    await ok(publicLoad);
    await p.page.getByTestId('page-challenge-detail').waitFor();
    const row = p.page
      .getByTestId('challenge-winners')
      .getByRole('row', { name: /基于柔性触觉传感的灵巧手方案/ });
    expect(await row.textContent()).toContain('一等奖');
    expect(await p.page.getByTestId('result-note').textContent()).toContain('获奖方案公示');
    expect(await p.page.getByTestId('challenge-winners').textContent()).not.toContain('谐波减速器');
    await screenshot(p.page, 'market-challenge-public');
    await Promise.all([s.context.close(), x.context.close(), p.context.close()]);
  });
});
