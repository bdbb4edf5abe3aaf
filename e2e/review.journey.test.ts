import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { authenticator } from 'otplib';
import type { Page } from 'playwright-core';
import { seedDemo } from '../server/src/modules/demo/index.js';
import { demoPassword } from '../server/src/modules/demo/demo.data.js';
import { launchBrowser, screenshot, type BrowserSession } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

/**
 * Expert review (issue 12) on the demo data: the demo expert 周专家 signs in, enrols an
 * authenticator, opens 我的评审任务, accepts a task of the 2022 remote round, fills the score sheet,
 * is told what is missing next to the fields, and submits; the commission's staff open the round and
 * see the assignment table (matched terms, exclusion reasons — the applicant's avoidance list among
 * them), are refused when they put an avoided expert on an application, and see the ranking per direction.
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

/** Signs a demo user in and enrols their authenticator on first sign-in (the MFA page shows the secret). */
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

/** The role's navigation has the item (attached under its group in the sider); the page is opened by its address. */
async function openNav(page: Page, key: string, path: string) {
  await page.getByTestId(`nav-${key}`).waitFor({ state: 'attached' });
  await page.goto(`${srv.baseUrl}${path}`);
}

describe('expert review', () => {
  it('the demo expert accepts a task, is told what the sheet misses, and submits it', async () => {
    const { page, context } = await browser.newPage();
    await signInDemo(page, 'demo.expert', demoPassword('expert'));
    await openNav(page, 'reviewTasks', '/review/tasks');
    await page.waitForURL('**/review/tasks');
    await page.getByTestId('review-tasks').getByText('我的评审任务').first().waitFor();
    await page.getByTestId('task-link').first().waitFor();
    expect(await page.getByTestId('task-status-assigned').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('review-tasks').textContent()).toContain('北京时间');
    await screenshot(page, 'review-tasks');

    // the first task still awaiting the expert
    const row = page.locator('tr', { has: page.getByTestId('task-status-assigned') }).first();
    await row.getByTestId('task-link').click();
    await page.waitForURL(/\/review\/tasks\/[^/]+$/);
    await page.getByTestId('task-document').waitFor();
    await page.getByText('匿名评审：已隐去申报单位与人员信息').waitFor();
    await page.getByText('请先接受任务，再开始评分').waitFor();
    await page.getByTestId('task-accept').click();
    await page.getByTestId('task-submit').waitFor();
    expect(await page.getByTestId('task-status').textContent()).toBe('评审中');

    // a low score without its comment, no recommendation, no overall opinion
    await page.getByTestId('criterion-basis').locator('input').first().fill('10');
    await page.getByTestId('criterion-plan').locator('input').first().fill('20');
    await page.getByTestId('criterion-targets').locator('input').first().fill('26');
    await page.getByTestId('criterion-budget').locator('input').first().fill('16');
    await page.getByTestId('criterion-basis').getByText('该项得分较低，请填写评语').waitFor();
    browser.expectRefusals(400);
    await page.getByTestId('task-submit').click();
    await page.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
    await page.getByTestId('sheet-error').waitFor();
    const basisError = page.getByTestId('criterion-basis').locator('.ant-form-item-explain-error');
    await basisError.first().waitFor();
    expect((await basisError.allTextContents()).join(' ')).toMatch(/低于满分.*须填写理由/);
    const recError = page
      .locator('.ant-form-item', { has: page.getByTestId('recommendation') })
      .locator('.ant-form-item-explain-error');
    await recError.first().waitFor();
    await screenshot(page, 'review-task-errors');

    // the missing fields filled, the sheet goes in
    await page.getByTestId('comment-basis').fill('建设基础较弱，服务团队尚在组建。');
    await page.getByTestId('recommendation-maybe').click();
    await page.getByTestId('overall-comment').fill('方案基本可行，绩效目标需进一步细化，建议补充运营机制。');
    await page.getByTestId('task-save').click();
    await page.getByText('草稿已保存').first().waitFor();
    await page.getByTestId('task-submit').click();
    await page.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
    await page.getByTestId('task-submitted').waitFor();
    // the answered messages are gone from the fields
    expect(await page.getByTestId('score-sheet').locator('.ant-form-item-explain-error').count()).toBe(0);
    expect(await page.getByTestId('task-status').textContent()).toContain('已提交');
    await screenshot(page, 'review-task-submitted');
    await context.close();
  });

  it('commission staff see the assignment table with matched terms and exclusions, and the results', async () => {
    const { page, context } = await browser.newPage();
    await signInDemo(page, 'demo.commission', demoPassword('commissionStaff'));
    await openNav(page, 'reviews', '/review/rounds');
    await page.waitForURL('**/review/rounds**');
    // the 2022 call has the demo's round; pick it in the call list
    await page.getByTestId('rounds-call').click();
    await page.locator('.ant-select-item-option', { hasText: '2022' }).first().click();
    // a new round's form starts with the score sheet the server owns (GET /api/review/score-sheets/default)
    await page.getByTestId('round-new').click();
    const sheetLabel = page.locator('.ant-modal #sheet_criteria_0_label');
    await expect
      .poll(async () => (await sheetLabel.count()) && sheetLabel.inputValue())
      .toBe('建设基础与服务能力');
    await page.locator('.ant-modal-footer .ant-btn:not(.ant-btn-primary)').click();
    await page.locator('.ant-modal').waitFor({ state: 'hidden' });
    await page.getByTestId('round-link').first().click();
    await page.waitForURL(/\/review\/rounds\/[^/?]+$/);
    await page.getByTestId('assignment-table').waitFor();
    await page.getByTestId('assigned-expert').first().waitFor();
    expect(await page.getByTestId('round-status').textContent()).toBe('评审中');
    expect(await page.getByTestId('matched-terms').count()).toBeGreaterThan(0);
    // every exclusion the server keeps is on the page with its reason (the demo pool may have none)
    const roundId = page.url().split('/').pop()!;
    const reasons = await page.evaluate(async (id) => {
      const r = await (await fetch(`/api/review/rounds/${id}`)).json();
      return r.items.reduce(
        (n: number, it: { excluded: Array<{ conflicts: unknown[] }> }) =>
          n + it.excluded.reduce((m, x) => m + x.conflicts.length, 0),
        0,
      ) as number;
    }, roundId);
    expect(await page.getByTestId('exclusion-reason').count()).toBe(reasons);
    expect(reasons).toBeGreaterThan(0);
    // seed 000 §二.4: applicant 01 asked, with its letter, that 陆建华 not review it; the table says so
    const row = page
      .getByTestId('assignment-table')
      .locator('tbody tr', { hasText: '示例申报单位（2022）01技术转移示范机构建设项目' });
    expect(await row.getByTestId('exclusion-reason').allTextContents()).toContain(
      '申报单位申请回避：陆建华（演示）（上海交通大学）',
    );
    // and staff who try to put him on it anyway are refused with the rule named
    await row.getByTestId('expert-change').first().click();
    await page.getByTestId('expert-select').click();
    await page.keyboard.type('陆建华');
    await page.locator('.ant-select-item-option', { hasText: '陆建华（演示）' }).first().click();
    await page.getByTestId('expert-reason').fill('原专家出差，改由陆建华评审');
    browser.expectRefusals(400);
    await page.getByTestId('expert-dialog-ok').click();
    await expect
      .poll(async () => (await page.locator('.ant-modal').textContent()) ?? '')
      .toContain('回避规则：申报单位申请回避：陆建华（演示）（上海交通大学）');
    await screenshot(page, 'review-change-refused');
    await page.locator('.ant-modal-footer .ant-btn:not(.ant-btn-primary)').click();
    await page.locator('.ant-modal').waitFor({ state: 'hidden' });
    await page.getByTestId('round-close').waitFor();
    await screenshot(page, 'review-round');

    await page.getByTestId('tab-results').click();
    await page.getByTestId('results-progress').waitFor();
    expect(await page.getByTestId('results-progress').textContent()).toMatch(/已提交 \d+ \/ \d+ 份评分表/);
    await page.locator('[data-testid^="results-direction-"]').first().waitFor();
    await screenshot(page, 'review-results');
    // the ranking downloads as Excel for the decision meeting
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('results-export').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^review-round1-.*\.xlsx$/);
    await context.close();
  });
});
