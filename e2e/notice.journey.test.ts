import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { seedDemo } from '../server/src/modules/demo/index.js';
import { demoPassword } from '../server/src/modules/demo/demo.data.js';
import { totpCode } from '../server/src/modules/identity/index.js';
import { pdf } from '../server/src/platform/files/fixtures.js';
import { startSmtpSink, type SmtpSink } from '../server/src/platform/mail/smtp-sink.js';
import { launchBrowser, screenshot, type BrowserSession } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

/**
 * The public notice (公示, issue 12) on the demo data: a member of the public opens the 2022 call's
 * notice from the home page, reads the list and its period in Beijing dates, lodges an objection — told
 * first which fields are wrong, then accepted with a receipt. After the period the commission's staff
 * open the notice, uphold that objection with a finding (the project leaves the award list), reject the
 * demo's own, and decide the award; the public page then shows the decision.
 */
let srv: RunningServer;
let browser: BrowserSession;
let sink: SmtpSink;
let noticeId = '';

beforeAll(async () => {
  sink = await startSmtpSink();
  srv = await startServer({ smtpPort: sink.port });
  noticeId = (await seedDemo(srv.env.platform.ctx)).notice!.noticeId;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await srv?.close();
  await sink?.close();
});

afterEach(() => {
  expect(browser.takeProblems()).toEqual([]);
});

/** Signs a demo staff user in, enrolling the authenticator, with codes at the server's clock. */
async function signInStaff(page: Page, username: string, password: string, now: Date) {
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
  await page.getByTestId('totp-code').fill(totpCode(secret, now));
  await page.getByTestId('totp-submit').click();
  await page.waitForURL('**/dashboard');
}

const OUR_STATEMENT = '该项目申报材料中的合作协议签署日期晚于申报截止时间，与申报书所述不符，请核实。';

describe('the public notice', () => {
  it('the public reads the notice from the home page and lodges an objection, told first what is wrong', async () => {
    const { page, context } = await browser.newPage();
    await page.goto(`${srv.baseUrl}/`);
    await page.getByTestId('home-award-notice').first().getByRole('link').click();
    await page.waitForURL(`**/notices/${noticeId}`);
    await page.getByTestId('public-notice').waitFor();
    expect(await page.getByTestId('public-notice-title').textContent()).toBe('拟立项项目公示（演示）');
    // the period as Beijing dates, five working days
    expect(await page.getByTestId('public-notice-period').textContent()).toMatch(
      /^\d{4}-\d{2}-\d{2} 至 \d{4}-\d{2}-\d{2}（5 个工作日）$/,
    );
    const rows = page.getByTestId('notice-entries').locator('tbody tr.ant-table-row');
    expect(await rows.count()).toBe(6);
    expect(await rows.first().textContent()).toMatch(/示例申报单位（2022）.*万元/);
    expect(await page.getByTestId('public-decision').textContent()).toContain('公示期满后');
    await screenshot(page, 'notice-public');

    // the third project; a phone number that is not one, a statement too short
    await page.getByTestId('objection-project').click();
    await page.locator('.ant-select-item-option').nth(2).click();
    await page.getByTestId('objection-name').fill('王晓（演示）');
    await page.getByTestId('objection-phone').fill('12345');
    await page.getByTestId('objection-statement').fill('有问题');
    browser.expectRefusals(400);
    await page.getByTestId('objection-submit').click();
    await page.getByTestId('objection-error').waitFor();
    const fieldError = (testId: string) =>
      page
        .locator('.ant-form-item', { has: page.getByTestId(testId) })
        .locator('.ant-form-item-explain-error');
    await fieldError('objection-phone').first().waitFor();
    expect(await fieldError('objection-phone').textContent()).toContain('联系电话');
    expect(await fieldError('objection-statement').textContent()).toContain('至少 10 个字');
    expect(await fieldError('objection-name').count()).toBe(0);
    await screenshot(page, 'notice-objection-errors');

    await page.getByTestId('objection-phone').fill('13912345678');
    await page.getByTestId('objection-email').fill('wang.xiao@example.cn');
    await page.getByTestId('objection-statement').fill(OUR_STATEMENT);
    // a changed field's message is gone
    await expect.poll(() => fieldError('objection-phone').count()).toBe(0);
    // with a piece of evidence, checked by the server as every upload is
    await page
      .locator('.ant-upload input[type=file]')
      .setInputFiles({ name: '合作协议.pdf', mimeType: 'application/pdf', buffer: pdf('合作协议签署页') });
    await page.locator('.ant-upload-list-item', { hasText: '合作协议.pdf' }).waitFor();
    await page.getByTestId('objection-submit').click();
    await page.getByTestId('objection-receipt').waitFor();
    expect(await page.getByTestId('objection-receipt').textContent()).toMatch(/异议已受理.*核实后联系您/);
    await screenshot(page, 'notice-objection-received');
    await context.close();
  });

  it('after the period staff uphold it with a finding, the project leaves the list, and the award is decided', async () => {
    const notice = await srv.env.platform.ctx.db
      .selectFrom('review_notices')
      .select(['closes_at'])
      .where('id', '=', noticeId)
      .executeTakeFirstOrThrow();
    // the morning after the last day of the period (Beijing time)
    const after = new Date(new Date(notice.closes_at).getTime() + 10 * 3_600_000);
    srv.env.setNow(after);
    const { page, context } = await browser.newPage();
    await signInStaff(page, 'demo.commission', demoPassword('commissionStaff'), after);
    await page.getByTestId('nav-notices').waitFor({ state: 'attached' });
    await page.goto(`${srv.baseUrl}/review/notices`);
    await page.getByTestId('notice-link').first().waitFor();
    expect(await page.getByTestId('notice-objections').first().textContent()).toBe('2 件（待核实 2 件）');
    // read after the period: closed on the first read
    expect(await page.getByTestId('notice-status').first().textContent()).toBe('公示期满');
    await screenshot(page, 'notice-staff-list');

    // the notice was drafted from the call's consulted funding plan (资助计划): six lines, the 会商 outcome
    await page.getByTestId('notices-call').click();
    await page.locator('.ant-select-item-option', { hasText: '2022' }).first().click();
    await page.getByTestId('notice-new').click();
    await page.getByTestId('plan-summary').waitFor();
    expect(await page.getByTestId('plan-status').textContent()).toBe('已公示');
    expect(await page.getByTestId('plan-lines').locator('tbody tr').count()).toBe(6);
    expect(await page.getByTestId('plan-consultation').textContent()).toContain('市财政科技投入统筹联动平台');
    expect(await page.getByTestId('plan-word').getAttribute('href')).toMatch(/plan\.docx$/);
    await screenshot(page, 'funding-plan-noticed');
    await page.goBack();
    await page.getByTestId('notice-link').first().click();
    await page.waitForURL(`**/review/notices/${noticeId}`);
    await page.getByTestId('objections').waitFor();
    expect(await page.getByTestId('award-list-summary').textContent()).toContain('尚有 2 件异议待核实');
    expect(await page.getByTestId('notice-award').isDisabled()).toBe(true);

    const ours = page.locator('[data-testid^="objection-"].to-objection', { hasText: OUR_STATEMENT });
    await ours.getByTestId('objection-decide').waitFor();
    // the contact is in clear for the commission's staff, and the evidence is theirs to open
    expect(await ours.textContent()).toContain('13912345678');
    expect(await ours.getByTestId('objection-evidence').textContent()).toContain('合作协议.pdf');
    await ours.getByTestId('finding-upheld').click();
    await ours
      .getByTestId('finding-reason')
      .fill('经核实，合作协议签署于申报截止之后，申报材料不实，异议成立。');
    await ours.getByTestId('objection-decide').click();
    await ours.getByTestId('objection-finding').waitFor();
    expect(await ours.getByTestId('objection-status').textContent()).toBe('异议成立');

    const demo = page.locator('[data-testid^="objection-"].to-objection', { hasText: '李明（演示）' });
    await demo.getByTestId('finding-rejected').click();
    await demo.getByTestId('finding-reason').fill('经核实，该项目核心技术为申报单位自有专利，异议不成立。');
    await demo.getByTestId('objection-decide').click();
    await demo.getByTestId('objection-finding').waitFor();

    // the upheld project is struck from the list: five to be awarded, one removed
    await expect
      .poll(() => page.getByTestId('award-list-summary').textContent())
      .toBe('核实后拟立项 5 项，不予立项 1 项');
    const removed = page.getByTestId('notice-entries').locator('tbody tr', { hasText: '异议成立，不予立项' });
    expect(await removed.count()).toBe(1);
    expect(await removed.locator('del').count()).toBe(1);
    await screenshot(page, 'notice-staff-findings');

    await page.getByTestId('notice-award').click();
    await page.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
    await expect.poll(() => page.getByTestId('notice-status').textContent()).toBe('已立项');
    expect(await page.getByTestId('notice-entries').locator('tbody tr', { hasText: '已立项' }).count()).toBe(
      5,
    );
    await screenshot(page, 'notice-staff-awarded');

    // the applicants are told, in the mail sink and in-app: the demo's imported 2022 records have no
    // applicant accounts, except the organisation's contact of the last line (demo.org2022), awarded
    const db = srv.env.platform.ctx.db;
    await srv.env.platform.ctx.mail!.flush();
    const mails = sink.messages.filter((m) => m.to.includes('demo.org2022@demo.transferone.cn'));
    expect(mails.length).toBe(1);
    expect(mails[0]!.subject).toMatch(/立项/);
    expect(mails[0]!.text).toContain('示例申报单位（2022）');
    const told = await db
      .selectFrom('notifications as n')
      .innerJoin('users as u', 'u.id', 'n.user_id')
      .select(['n.kind', 'u.username'])
      .where('n.kind', 'in', ['application.awarded', 'application.notAwarded'])
      .execute();
    expect(told).toEqual([{ kind: 'application.awarded', username: 'demo.org2022' }]);

    // the public page shows the decision with the finding
    await page.goto(`${srv.baseUrl}/notices/${noticeId}`);
    await page.getByTestId('public-decision').waitFor();
    expect(await page.getByTestId('public-decision').textContent()).toMatch(
      /5 项予以立项，1 项不予立项.*申报材料不实/,
    );
    expect(await page.getByTestId('objection-card').textContent()).toContain('不再受理异议');
    await screenshot(page, 'notice-public-decision');
    await context.close();
  });

  it('staff draft the two-round call’s funding plan from its ranking; a grant over the cap is named on its line', async () => {
    // the programme office's staff (their first sign-in: they enrol an authenticator)
    const now = new Date(srv.env.platform.ctx.now().getTime() + 60_000);
    srv.env.setNow(now);
    const { page, context } = await browser.newPage();
    await signInStaff(page, 'demo.office', demoPassword('programmeOfficeStaff'), now);
    await page.goto(`${srv.baseUrl}/review/notices`);
    await page.getByTestId('notices-call').click();
    await page.locator('.ant-select-item-option', { hasText: '两轮评审演示' }).first().click();
    // no plan yet: the call's plan answers 404, and the page offers to draft one
    browser.expectRefusals(404);
    await page.getByTestId('notice-new').click();
    await page.getByTestId('plan-draft').click();
    await page.getByTestId('plan-lines-form').waitFor();
    expect(await page.getByTestId('plan-status').textContent()).toBe('编制中');
    const lines = await page.locator('[data-testid^="plan-line-"]').count();
    expect(lines).toBeGreaterThan(0);
    // seed 000 §一: 每项资助额度不超过 500 万元
    await page.getByTestId('plan-grant-0').fill('600');
    browser.expectRefusals(400);
    await page.getByTestId('plan-save').click();
    await page.getByTestId('plan-error').waitFor();
    const lineError = page.getByTestId('plan-line-0').locator('.ant-form-item-explain-error');
    await lineError.first().waitFor();
    expect((await lineError.allTextContents()).join(' ')).toContain('每项最高500万元');
    await screenshot(page, 'funding-plan-errors', { fullPage: false });
    await page.getByTestId('plan-grant-0').fill('300');
    await page.getByTestId('plan-reason-0').fill('结合年度重点工作核减');
    await page.getByTestId('plan-save').click();
    await expect.poll(() => page.getByTestId('plan-error').count()).toBe(0);
    await page.getByTestId('plan-consult').waitFor();
    expect(await page.locator('[data-testid^="plan-line-"]').count()).toBe(lines);
    await screenshot(page, 'funding-plan-draft');
    await context.close();
  });
});
