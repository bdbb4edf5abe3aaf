import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { seedDemo } from '../server/src/modules/demo/index.js';
import { demoPassword } from '../server/src/modules/demo/demo.data.js';
import { totpCode } from '../server/src/modules/identity/index.js';
import { createUser, FACTORY_PASSWORD } from '../server/src/testing/factories.js';
import { launchBrowser, screenshot, type BrowserSession } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

/**
 * Programme III (issue 13) on the demo data: programme staff draft the agreement (任务书) of a 2022
 * project awarded in its record, the organisation's admin confirms it, the commission signs it; the
 * programme office requests the first tranche (the final one is held until the acceptance, and the
 * page says so), finance approves it and records the payment; the ledger shows it paid.
 */
let srv: RunningServer;
let browser: BrowserSession;
let callId = '';
let agreementUrl = '';
let orgAdmin = '';

beforeAll(async () => {
  srv = await startServer();
  callId = (await seedDemo(srv.env.platform.ctx)).historical!.callId;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await srv?.close();
});

afterEach(() => {
  expect(browser.takeProblems()).toEqual([]);
});

/** Waits for what an action shows, allowing for a loaded machine (vitest's default is one second). */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000 });

async function signIn(page: Page, username: string, password: string, mfa = true) {
  await page.goto(`${srv.baseUrl}/login`);
  await page.getByPlaceholder('请输入账号').fill(username);
  await page.getByPlaceholder('请输入密码').fill(password);
  await page.getByTestId('login-submit').click();
  if (!mfa) return page.waitForURL('**/dashboard');
  await page.waitForURL('**/mfa');
  await page.getByTestId('totp-qr').waitFor();
  await poll(async () => (await page.getByTestId('totp-secret').textContent())?.trim()).toMatch(
    /^[A-Z2-7]{16,}$/,
  );
  const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
  await page.getByTestId('totp-code').fill(totpCode(secret, new Date()));
  await page.getByTestId('totp-submit').click();
  await page.waitForURL('**/dashboard');
}

describe('agreements and disbursements', () => {
  it('staff draft the agreement of an awarded project: KPIs, budget by year, the 50/50 schedule, Word', async () => {
    const { page, context } = await browser.newPage();
    await signIn(page, 'demo.commission', demoPassword('commissionStaff'));
    await page.getByTestId('nav-agreements').waitFor({ state: 'attached' });
    await page.goto(`${srv.baseUrl}/programme/agreements?callId=${callId}`);
    await poll(() => page.getByTestId('awaiting-title').textContent()).toBe('已立项、待生成任务书（7 项）');
    // the demo's four agreements, one at each stage
    expect(await page.getByTestId('agreement-list').locator('tbody tr').count()).toBe(4);
    await screenshot(page, 'agreements-list');
    const row = page.getByTestId('awaiting').locator('tbody tr').first();
    const title = (await row.locator('td').first().textContent())!;
    await row.getByTestId('agreement-create').click();
    await page.waitForURL(/\/programme\/agreements\/[^/?]+$/);
    agreementUrl = page.url();
    await page.getByTestId('agreement').waitFor();
    expect(await page.locator('h3, h4, h2').filter({ hasText: title }).count()).toBeGreaterThan(0);
    expect(await page.getByTestId('agreement-status').textContent()).toBe('起草中');
    // the 2022 call's two-year period: 50 % in the first year, 50 % after the acceptance
    const tranches = page.getByTestId('tranches').locator('tbody tr');
    expect(await tranches.count()).toBe(2);
    expect(await tranches.nth(0).textContent()).toContain('50%');
    expect(await page.getByTestId('agreement-milestones').textContent()).toContain(
      '提交验收材料（执行期结束后 3 个月内）',
    );
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('agreement-word').click(),
    ]);
    expect(download.suggestedFilename()).toBe(`任务书-${title}.docx`);
    await screenshot(page, 'agreement-draft');
    // the organisation's admin (an account of the project's organisation, made for this journey)
    const app = await srv.env.platform.ctx.db
      .selectFrom('projects_agreements')
      .select('org_id')
      .where('id', '=', agreementUrl.split('/').pop()!)
      .executeTakeFirstOrThrow();
    orgAdmin = (
      await createUser(srv.env, { roles: ['orgAdmin'], orgId: app.org_id, name: '承担单位管理员（测试）' })
    ).user.username;
    await context.close();
  });

  it('the organisation confirms, then the commission signs it', async () => {
    const org = await browser.newPage();
    await signIn(org.page, orgAdmin, FACTORY_PASSWORD, false);
    await org.page.goto(agreementUrl);
    await org.page.getByTestId('agreement-confirm-org').click();
    await org.page.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
    await poll(() => org.page.getByTestId('agreement-status').textContent()).toBe('承担单位已确认');
    expect(await org.page.getByTestId('agreement-confirm').count()).toBe(0);
    await org.context.close();

    const staff = await browser.newPage();
    // a second sign-in of demo.commission would ask for its enrolled code: the commission's side is
    // taken by a second commission account
    const signer = await createUser(srv.env, {
      roles: ['commissionStaff'],
      name: '签订人（测试）',
      totp: false,
    });
    await signIn(staff.page, signer.user.username, FACTORY_PASSWORD);
    await staff.page.goto(agreementUrl);
    await staff.page.getByTestId('agreement-confirm').click();
    await staff.page.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
    await poll(() => staff.page.getByTestId('agreement-status').textContent()).toBe('已签订');
    expect(await staff.page.getByTestId('agreement-confirmed').textContent()).toContain('签订人（测试）');
    await screenshot(staff.page, 'agreement-signed');
    await staff.context.close();
  });

  it('the office requests the first tranche, the final one is held; finance approves and pays; the ledger shows it', async () => {
    const office = await browser.newPage();
    await signIn(office.page, 'demo.office', demoPassword('programmeOfficeStaff'));
    await office.page.goto(agreementUrl);
    await office.page.getByTestId('tranches').waitFor();
    // seed 003 §一.3 (3): the final 50 % after the acceptance — the button is off and says why
    expect(await office.page.getByTestId('tranche-held').first().textContent()).toContain('尚未通过验收');
    await office.page.getByTestId('tranche-request').first().click();
    await office.page.getByTestId('tranche-note').fill('任务书已签订，申请拨付第一年资金');
    await office.page.getByTestId('tranche-dialog-ok').click();
    await poll(() => office.page.getByTestId('tranche-status').first().textContent()).toBe('已请款待审批');
    await office.context.close();

    const fin = await browser.newPage();
    await signIn(fin.page, 'demo.finance', demoPassword('finance'));
    await fin.page.goto(agreementUrl);
    await fin.page.getByTestId('tranche-approve').click();
    await poll(() => fin.page.getByTestId('tranche-status').first().textContent()).toBe('已审批待拨付');
    await fin.page.getByTestId('tranche-pay').click();
    // nothing filled: both fields named
    browser.expectRefusals(400);
    await fin.page.getByTestId('tranche-dialog-ok').click();
    await poll(() => fin.page.locator('.ant-modal').textContent()).toContain('请填写拨付凭证号');
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
    await fin.page.locator('.ant-modal .ant-picker input').fill(today);
    await fin.page.keyboard.press('Enter');
    await fin.page.getByTestId('tranche-ref').fill('沪财科拨〔2026〕102号');
    await fin.page.getByTestId('tranche-dialog-ok').click();
    await poll(() => fin.page.getByTestId('tranche-status').first().textContent()).toBe('已拨付');
    expect(await fin.page.getByTestId('tranche-paid').textContent()).toContain('沪财科拨〔2026〕102号');
    await screenshot(fin.page, 'agreement-paid');

    await fin.page.getByTestId('nav-disbursements').waitFor({ state: 'attached' });
    await fin.page.goto(`${srv.baseUrl}/programme/disbursements?callId=${callId}`);
    await fin.page.getByTestId('ledger-summary').waitFor();
    expect(await fin.page.getByTestId('ledger-rows').locator('tbody tr').count()).toBe(5);
    await screenshot(fin.page, 'ledger');
    await fin.context.close();
  });

  it('the organisation files an extension; the office approves it; the dates move, the old version is kept, the final tranche waits', async () => {
    const org = await browser.newPage();
    await signIn(org.page, orgAdmin, FACTORY_PASSWORD, false);
    await org.page.goto(agreementUrl);
    await org.page.getByTestId('change-new').click();
    await org.page.locator('.ant-modal .ant-picker input').fill('2025-05-31');
    await org.page.keyboard.press('Enter');
    await org.page
      .getByTestId('change-reason')
      .fill('因跨区搬迁，场地落实滞后，交易案例完成进度落后，申请延期');
    await org.page.getByTestId('change-ok').click();
    await poll(() => org.page.getByTestId('change-status').first().textContent()).toBe('已提交待审核');
    expect(await org.page.getByTestId('changes').textContent()).toContain('执行期结束日期延至 2025-05-31');
    await org.context.close();

    const office = await browser.newPage();
    const approver = await createUser(srv.env, {
      roles: ['programmeOfficeStaff'],
      name: '审核人（测试）',
      totp: false,
    });
    await signIn(office.page, approver.user.username, FACTORY_PASSWORD);
    await office.page.goto(agreementUrl);
    await office.page.getByTestId('change-approve').click();
    await office.page.getByTestId('change-decision-reason').fill('经核实搬迁属实，同意延期');
    await office.page.getByTestId('change-decide-ok').click();
    await poll(() => office.page.getByTestId('change-status').first().textContent()).toBe('已批准');
    expect(await office.page.getByTestId('agreement-milestones').textContent()).toContain('2025-11-30');
    expect(await office.page.getByTestId('agreement-history').textContent()).toContain('批准变更：项目延期');
    expect(await office.page.getByTestId('tranche-held').first().textContent()).toContain('项目已延期');
    await screenshot(office.page, 'agreement-extended');
    await office.context.close();
  });
});
