import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { authenticator } from 'otplib';
import type { Page } from 'playwright-core';
import { seedDemo } from '../server/src/modules/demo/index.js';
import { demoPassword } from '../server/src/modules/demo/demo.data.js';
import { pdf } from '../server/src/platform/files/fixtures.js';
import { chooseLanguage, launchBrowser, screenshot, type BrowserSession } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

/**
 * The panel round (见面会评审, issue 12) on the demo's two-round 2023 call (seed 003 table 1-8): the
 * commission's staff open the call's round 2, see the notified session and its slots, record the
 * minutes with one decision missing and one reason missing, are told both next to the slots, fix them,
 * see the decisions on the slots, and open the call's final ranking (round-1 rank, panel score, decision).
 */
let srv: RunningServer;
let browser: BrowserSession;

beforeAll(async () => {
  srv = await startServer();
  await seedDemo(srv.env.platform.ctx);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await srv?.close();
});

afterEach(() => {
  expect(browser.takeProblems()).toEqual([]);
});

async function signInDemo(page: Page, username: string, password: string) {
  await page.goto(`${srv.baseUrl}/login`);
  await page.getByPlaceholder('请输入账号').fill(username);
  await page.getByPlaceholder('请输入密码').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL('**/mfa');
  await page.getByTestId('totp-qr').waitFor();
  await expect
    .poll(async () => (await page.getByTestId('totp-secret').textContent())?.trim())
    .toMatch(/^[A-Z2-7]{16,}$/);
  const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
  await page.getByTestId('totp-code').fill(authenticator.generate(secret));
  await page.getByTestId('totp-submit').click();
  await page.waitForURL('**/dashboard');
}

/** The Saturday after `day` (YYYY-MM-DD). */
function nextSaturday(day: string) {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + ((6 - d.getUTCDay() + 7) % 7 || 7));
  return d.toISOString().slice(0, 10);
}

/** Back to the top, so a full-page screenshot does not catch the sticky header mid-page. */
const top = (page: Page) => page.evaluate(() => window.scrollTo(0, 0));

/**
 * Picks the option titled `text` in a Select: in the one dropdown that is visible (a closed one may stay
 * in the page, hidden or still animating, on a loaded machine), then waits for the choice to show and
 * for no dropdown to be visible.
 */
async function pick(page: Page, select: string, text: string) {
  const visible = page.locator('.ant-select-dropdown:visible');
  await page.getByTestId(select).click();
  await visible.locator(`.ant-select-item-option[title="${text}"]`).first().click();
  await expect.poll(() => page.getByTestId(select).textContent()).toContain(text);
  await expect.poll(() => visible.count(), { timeout: 15_000 }).toBe(0);
}

describe('panel review', () => {
  it('staff see the session and its slots, are told what the minutes miss, record them and see the final ranking', async () => {
    const { page, context } = await browser.newPage();
    await signInDemo(page, 'demo.commission', demoPassword('commissionStaff'));
    await page.getByTestId('nav-reviews').waitFor({ state: 'attached' });
    await page.goto(`${srv.baseUrl}/review/rounds`);
    await page.getByTestId('rounds-call').click();
    await page.locator('.ant-select-item-option', { hasText: '两轮评审演示' }).first().click();
    await page.getByTestId('round-link').filter({ hasText: '见面会评审' }).click();
    await page.waitForURL(/\/review\/rounds\/[^/?]+$/);
    expect(await page.getByTestId('round-status').textContent()).toBe('评审中');

    // the session: notified, on a working day from 09:00, 13 slots of 20 minutes (topic 1's shortlist)
    await page.getByTestId('tab-panel').click();
    const session = page.getByTestId('panel-session').first();
    await session.waitFor();
    expect(await session.getByTestId('panel-session-status').textContent()).toBe('已通知申报单位');
    expect(await session.getByTestId('panel-session-when').textContent()).toMatch(
      /\d{4}-\d{2}-\d{2} 09:00 · 每项 20 分钟/,
    );
    expect(await page.getByTestId('panel-unscheduled').textContent()).toContain('24 项');
    const slots = session.locator('.ant-table-tbody tr.ant-table-row');
    await expect.poll(() => slots.count()).toBe(13);
    expect(await slots.first().textContent()).toContain('09:00—09:20');
    await top(page);
    await screenshot(page, 'panel-sessions');

    // the minutes: the file, then every decision but the first; the second is 不建议立项 without a reason
    // topic 2's 24 shortlisted: a Saturday is refused on the start field; the session's own day at 14:00 is taken
    const day = /(\d{4}-\d{2}-\d{2}) 09:00/.exec(
      (await session.getByTestId('panel-session-when').textContent())!,
    )![1]!;
    await page.getByTestId('panel-new').click();
    await page.getByTestId('schedule-venue').fill('上海市科学技术委员会 5 楼会议室（演示）');
    const starts = page.getByTestId('schedule-starts');
    await starts.click();
    await starts.fill(`${nextSaturday(day)} 09:00`);
    await starts.press('Enter');
    browser.expectRefusals(400);
    await page.getByTestId('schedule-ok').click();
    const startsError = page
      .locator('.ant-modal .ant-form-item', { has: starts })
      .locator('.ant-form-item-explain-error');
    await startsError.first().waitFor();
    expect(await startsError.first().textContent()).toMatch(/不是工作日|节假日安排尚未录入/);
    await top(page);
    await screenshot(page, 'panel-schedule-error', { fullPage: false });
    await starts.click();
    await starts.fill(`${day} 14:00`);
    await starts.press('Enter');
    await page.getByTestId('schedule-minutes').fill('10');
    await page.getByTestId('schedule-ok').click();
    await page.locator('.ant-modal').waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId('panel-session').count()).toBe(2);
    expect(await page.getByTestId('panel-unscheduled').textContent()).toContain('均已安排');
    expect(await page.getByTestId('panel-session').nth(1).textContent()).toContain('14:00—14:10');

    await session.getByTestId('panel-minutes').click();
    await page.getByTestId('minutes-slots').waitFor();
    await page.locator('.ant-modal input[type=file]').setInputFiles({
      name: '见面会纪要.pdf',
      mimeType: 'application/pdf',
      buffer: pdf('见面会纪要（演示）'),
    });
    await page.getByTestId('minutes-file').waitFor();
    await pick(page, 'minutes-decision-1', '不建议立项');
    for (let i = 2; i < 13; i++) await pick(page, `minutes-decision-${i}`, '建议立项');
    browser.expectRefusals(400);
    await page.getByTestId('minutes-ok').click();
    await page.getByTestId('minutes-error').waitFor();
    expect(await page.getByTestId('minutes-error').textContent()).toMatch(/缺少 .+ 的会议结论/);
    const rowOf = (i: number) => page.locator('.ant-modal .ant-table-tbody tr.ant-table-row').nth(i);
    await rowOf(0)
      .getByText(/缺少 .+ 的会议结论/)
      .waitFor();
    await rowOf(1).getByText('结论为“不建议立项”时须写明理由').waitFor();
    await rowOf(0).scrollIntoViewIfNeeded();
    await screenshot(page, 'panel-minutes-errors', { fullPage: false });

    // fixed: the first did not attend, the second says why
    await pick(page, 'minutes-decision-0', '未到场答辩');
    await page.getByTestId('minutes-note-0').fill('项目负责人未按时到场答辩');
    await page.getByTestId('minutes-note-1').fill('实施方案与绩效目标不够具体');
    await page.getByTestId('minutes-ok').click();
    await page.locator('.ant-modal').waitFor({ state: 'hidden' });
    await expect.poll(() => session.getByTestId('panel-session-status').textContent()).toBe('已录入会议纪要');
    await expect.poll(() => session.getByTestId('panel-slot-decision').count()).toBe(13);
    expect(await slots.first().textContent()).toContain('项目负责人未按时到场答辩');
    await top(page);
    await screenshot(page, 'panel-minuted');

    // the call's final ranking: the panel's order, without the one that did not attend
    await page.getByTestId('round-final-ranking').click();
    await page.waitForURL(/\/review\/rounds\/final-ranking\/[^/]+$/);
    await page.getByTestId('final-direction-1').waitFor();
    const rows = page.getByTestId('final-ranking').locator('.ant-table-tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(12);
    const table = (await rows.allTextContents()).join(' ');
    expect(table).toContain('不建议立项');
    expect(table).not.toContain('未到场答辩');
    expect(await page.getByTestId('final-complete').textContent()).toContain('评审尚未全部结束');
    await top(page);
    await screenshot(page, 'panel-final-ranking');
    // English second: the same page in the other language
    await chooseLanguage(page, 'en');
    await page.getByTestId('final-ranking').getByText('Panel decision').first().waitFor();
    expect((await rows.allTextContents()).join(' ')).toContain('Not recommended');
    await top(page);
    await screenshot(page, 'panel-final-ranking-en');
    await context.close();
  });
});
