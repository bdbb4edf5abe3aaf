import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createUser, type CreatedUser } from '../server/src/testing/factories.js';
import { launchBrowser, screenshot, type BrowserSession } from './support/browser.js';
import { seedMarket, type MarketCast } from './support/market.js';
import {
  IN_WINDOW,
  makeApplicantOrg,
  publishSecondCall,
  setServerClock,
  type ApplicantOrg,
} from './support/programme.js';
import { startServer, type RunningServer } from './support/server.js';

/**
 * The way in (issue 11): the public home at / lists the open call with its window in Beijing time and
 * the latest notices, searches the achievement library, and has no 一网通办 button on an installation
 * without it; 登录后申报 on the call's page signs an organisation admin in and lands on that call's
 * application; a project lead is told who can start one; the public pages fit a 390 px phone.
 */
let srv: RunningServer;
let browser: BrowserSession;
let uni: ApplicantOrg;
let market: MarketCast;
let callId = '';
const CALL_NUMBER = '沪科指南〔2023〕21号';

beforeAll(async () => {
  srv = await startServer();
  const env = srv.env;
  setServerClock(env, IN_WINDOW);
  market = await seedMarket(env);
  uni = await makeApplicantOrg(env, {
    type: 'university',
    name: '上海海洋工程大学',
    region: '上海市浦东新区',
    admin: ['gu.hang', '顾航'],
    lead: ['tang.rui', '唐睿'],
  });
  const staff: CreatedUser = await createUser(env, {
    roles: ['programmeOfficeStaff'],
    username: 'li.wenjing',
    name: '李文静',
  });
  callId = await publishSecondCall(env, staff, CALL_NUMBER);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await srv?.close();
});

async function signInHere(page: Page, who: CreatedUser) {
  await page.getByPlaceholder('请输入账号').fill(who.user.username);
  await page.getByPlaceholder('请输入密码').fill(who.password);
  await page.getByTestId('login-submit').click();
}

/** No sideways scroll at this width: the page is no wider than the window. */
async function expectNoSidewaysScroll(page: Page, width: number) {
  const scrollWidth = await page.evaluate(() => document.scrollingElement!.scrollWidth);
  // on failure, name the elements that stick out past the right edge
  const wide =
    scrollWidth > width
      ? await page.evaluate(
          (w) =>
            [...document.querySelectorAll('body *')]
              .filter((e) => e.getBoundingClientRect().right > w + 1)
              .slice(0, 8)
              .map(
                (e) =>
                  `${e.tagName}.${String(e.className).slice(0, 60)} → ${e.getBoundingClientRect().right}`,
              ),
          width,
        )
      : [];
  expect(scrollWidth, `${page.url()}\n${wide.join('\n')}`).toBeLessThanOrEqual(width);
}

/** The header's site name stays on one line (it wrapped one character per line at 390 px). */
async function expectHeaderOnOneLine(page: Page) {
  const box = await page.locator('.to-pub-brand-name').boundingBox();
  expect(box!.height).toBeLessThan(30);
  const signIn = await page.getByTestId('header-sign-in').boundingBox();
  expect(signIn!.height).toBeLessThan(40);
}

describe('the public home and the way in', () => {
  it('home → the call → 登录后申报 → sign in → that call’s application', async () => {
    const { page, context } = await browser.newPage();
    await page.goto(`${srv.baseUrl}/`);
    await page.getByTestId('home').waitFor();
    const item = page.getByTestId(`home-call-${callId}`);
    await item.waitFor();
    expect(await page.getByTestId(`home-call-state-${callId}`).textContent()).toBe('征集中');
    // the window as Beijing dates and times, whatever the browser's zone
    expect(await page.getByTestId(`home-call-window-${callId}`).textContent()).toMatch(
      /2023-10-11 09:00 — 2023-10-30 16:30（北京时间）/,
    );
    // the latest notices: the call just published
    await page.getByTestId('home-notice').first().waitFor();
    expect(await page.getByTestId('home-notices').textContent()).toContain('第二批');
    // no 一网通办 on an installation without it
    await page.getByTestId('home-sign-in').waitFor();
    expect(await page.getByTestId('ywtb-login').count()).toBe(0);
    await screenshot(page, 'home');

    // the search box leads to the achievement library's search
    await page.getByPlaceholder('搜索科技成果：如 锂电池、人形机器人、医疗器械').fill('晶圆');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/open\/achievements\?q=/);
    expect(decodeURIComponent(new URL(page.url()).search)).toBe('?q=晶圆');

    await page.goto(`${srv.baseUrl}/`);
    await page.getByTestId(`home-call-link-${callId}`).click();
    await page.waitForURL(`**/public/calls/${callId}`);
    await page.getByTestId('public-call').waitFor({ timeout: 60_000 });
    await page.getByTestId('public-apply').click();
    await page.waitForURL(/\/login\?next=/);
    expect(await page.getByTestId('ywtb-login').count()).toBe(0);
    await signInHere(page, uni.admin);
    // not the dashboard: the call's start dialog, then the new application
    await page.waitForURL(`**/programme/calls?apply=${callId}`);
    const dialog = page.getByRole('dialog');
    await dialog.getByText(CALL_NUMBER).waitFor();
    await dialog.locator('.ant-select:has(#start_directionCode)').click();
    await page.locator('.ant-select-item-option').first().click();
    await dialog.getByRole('button', { name: '发起申报' }).click();
    await page.waitForURL(/\/programme\/applications\/[^/]+$/);
    await page.getByTestId('page-application').waitFor();
    await context.close();
  });

  it('a project lead is told who starts an application and how to get there', async () => {
    const { page, context } = await browser.newPage();
    await page.goto(`${srv.baseUrl}/public/calls/${callId}`);
    await page.getByTestId('public-apply').click({ timeout: 60_000 });
    await signInHere(page, uni.lead);
    await page.waitForURL(`**/programme/calls?apply=${callId}`);
    const who = page.getByTestId('who-may-apply');
    await who.waitFor();
    const text = await who.textContent();
    expect(text).toContain('单位管理员');
    expect(text).toContain('指定您为项目负责人');
    expect(await page.getByRole('dialog').count()).toBe(0);
    await page.getByTestId('who-may-apply-mine').click();
    await page.waitForURL('**/programme/applications');
    await context.close();
  });

  it('a sign-in link whose next is another site goes to the dashboard instead', async () => {
    const { page, context } = await browser.newPage();
    await page.goto(`${srv.baseUrl}/login?next=${encodeURIComponent('//evil.example/x')}`);
    await signInHere(page, uni.admin);
    await page.waitForURL('**/dashboard');
    await context.close();
  });

  it('the public pages fit a 390 px phone: no sideways scroll, the header on one line', async () => {
    const { page, context } = await browser.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    const pages: Array<[string, string]> = [
      ['/', 'home'],
      [`/public/calls/${callId}`, 'public-call'],
      ['/open/achievements', 'public-header'],
      [`/open/achievements/${market.achievements.wafer}`, 'public-header'],
    ];
    for (const [url, testId] of pages) {
      await page.goto(`${srv.baseUrl}${url}`);
      // the call's page takes its time on a loaded machine (the whole guide with every rule described)
      await page.getByTestId(testId).waitFor({ timeout: 60_000 });
      await page.waitForLoadState('networkidle');
      await expectHeaderOnOneLine(page);
      await expectNoSidewaysScroll(page, 390);
      if (url === '/') await screenshot(page, 'home-390');
      if (url.startsWith('/public/calls')) await screenshot(page, 'public-call-390', { fullPage: false });
    }
    await context.close();
  });
});
