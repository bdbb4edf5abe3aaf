import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { authenticator } from 'otplib';
import type { Page } from 'playwright-core';
import type { Role } from '../server/src/platform/roles.js';
import {
  createOrg,
  createUser,
  FACTORY_PASSWORD,
  randomUscc,
  type CreatedUser,
  type OrgRow,
} from '../server/src/testing/factories.js';
import { chooseLanguage, launchBrowser, screenshot, type BrowserSession } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

/**
 * The web client end to end: a staff member signs in and enrols an authenticator, opens the admin
 * pages, switches to English and signs out; then one user per role opens their workspace.
 */
let srv: RunningServer;
let browser: BrowserSession;
const orgs: Record<string, OrgRow> = {};
const people: Partial<Record<Role, CreatedUser>> = {};

const PEOPLE: Array<{ role: Role; name: string; org: string; nav: string }> = [
  { role: 'programmeOfficeStaff', name: '李文静', org: 'commission', nav: '形式审查' },
  { role: 'finance', name: '王建国', org: 'finance', nav: '经费拨付' },
  { role: 'districtOfficer', name: '赵晓东', org: 'district', nav: '立项公示' },
  { role: 'orgAdmin', name: '陈思远', org: 'university', nav: '用户管理' },
  { role: 'projectLead', name: '刘明哲', org: 'university', nav: '项目申报' },
  { role: 'expert', name: '孙立群', org: 'institute', nav: '我的评审任务' },
  { role: 'enterpriseUser', name: '周海燕', org: 'enterprise', nav: '企业需求' },
  { role: 'techManager', name: '吴志强', org: 'transfer', nav: '供需对接' },
  { role: 'auditor', name: '郑丽华', org: 'audit', nav: '审计日志' },
  { role: 'systemAdmin', name: '钱伟', org: 'commission', nav: '机构管理' },
];

const USERNAMES: Partial<Record<Role, string>> = {
  programmeOfficeStaff: 'li.wenjing',
  finance: 'wang.jianguo',
  districtOfficer: 'zhao.xiaodong',
  orgAdmin: 'chen.siyuan',
  projectLead: 'liu.mingzhe',
  expert: 'sun.liqun',
  enterpriseUser: 'zhou.haiyan',
  techManager: 'wu.zhiqiang',
  auditor: 'zheng.lihua',
  systemAdmin: 'qian.wei',
};

async function signIn(page: Page, username: string, password = FACTORY_PASSWORD) {
  await page.goto(`${srv.baseUrl}/login`);
  await page.getByPlaceholder('请输入账号').fill(username);
  await page.getByPlaceholder('请输入密码').fill(password);
  await page.getByTestId('login-submit').click();
}

/** Clicks a navigation item, opening its group in the sider first when it is folded. */
async function openNav(page: Page, key: string, group: string) {
  const item = page.getByTestId(`nav-${key}`);
  if (!(await item.isVisible()))
    await page.locator('.ant-layout-sider').getByText(group, { exact: true }).click();
  await item.click();
}

async function enterTotp(page: Page, secret: string) {
  await page.getByTestId('totp-code').fill(authenticator.generate(secret));
  await page.getByTestId('totp-submit').click();
}

beforeAll(async () => {
  srv = await startServer();
  const env = srv.env;
  orgs.commission = await createOrg(env, {
    name: '上海市科学技术委员会',
    type: 'commission',
    region: '上海市徐汇区',
  });
  orgs.finance = await createOrg(env, {
    name: '上海市财政局',
    type: 'financeBureau',
    region: '上海市黄浦区',
  });
  orgs.district = await createOrg(env, {
    name: '上海市徐汇区科学技术委员会',
    type: 'districtOffice',
    region: '上海市徐汇区',
  });
  orgs.university = await createOrg(env, {
    name: '上海理工科技大学',
    type: 'university',
    region: '上海市杨浦区',
    address: '上海市杨浦区军工路 516 号',
  });
  orgs.institute = await createOrg(env, {
    name: '上海先进材料研究院',
    type: 'researchInstitute',
    region: '上海市嘉定区',
  });
  orgs.hospital = await createOrg(env, {
    name: '上海市第九临床医学中心',
    type: 'hospital',
    region: '上海市黄浦区',
  });
  orgs.enterprise = await createOrg(env, {
    name: '上海智联精密仪器有限公司',
    type: 'enterprise',
    region: '上海市闵行区',
  });
  orgs.transfer = await createOrg(env, {
    name: '上海技术转移服务中心',
    type: 'transferInstitution',
    region: '上海市浦东新区',
  });
  orgs.audit = await createOrg(env, { name: '上海市审计服务中心', type: 'other', region: '上海市静安区' });
  // one user per role, made up front so the admin pages and charts have them
  for (const [i, p] of PEOPLE.entries()) {
    people[p.role] = await createUser(env, {
      roles: [p.role],
      username: USERNAMES[p.role],
      name: p.name,
      orgId: orgs[p.org].id,
      phone: `139${String(10000000 + i * 1234567).slice(0, 8)}`,
    });
  }
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

describe('web journey', () => {
  it('staff member: sign in, enrol 2FA, admin pages, English, sign out', async () => {
    await createUser(srv.env, {
      roles: ['commissionStaff'],
      username: 'zhang.wei',
      name: '张伟',
      orgId: orgs.commission.id,
      phone: '13812345678',
      totp: false,
    });
    const { page, context } = await browser.newPage();

    // a wrong password shows the server's Chinese message and keeps the user on the page
    browser.expectRefusals(400, 401);
    await signIn(page, 'zhang.wei', 'wrong-password-1');
    await expect.poll(() => page.getByTestId('login-error').textContent()).toContain('账号或密码错误');

    await signIn(page, 'zhang.wei');
    await page.waitForURL('**/mfa');
    await page.getByText('绑定身份验证器').first().waitFor();
    await page.getByTestId('totp-qr').waitFor();
    await expect
      .poll(async () => (await page.getByTestId('totp-secret').textContent())?.trim())
      .toMatch(/^[A-Z2-7]{16,}$/);
    const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
    await screenshot(page, 'mfa-enrol');

    // a wrong code is refused with the field message, then the right one gets in
    await page.getByTestId('totp-code').fill('000000');
    await page.getByTestId('totp-submit').click();
    await page.getByTestId('mfa-error').waitFor();
    await enterTotp(page, secret);
    await page.waitForURL('**/dashboard');
    await page.getByTestId('dashboard').waitFor();
    expect(await page.getByTestId('org-name').textContent()).toContain('上海市科学技术委员会');
    expect(await page.getByTestId('current-role').textContent()).toBe('市科委工作人员');
    await page.getByTestId('chart-audit-by-day').waitFor();
    await page.getByTestId('chart-orgs-by-type').waitFor();
    // the stat cards show the API's totals, not invented numbers
    await expect
      .poll(() => page.getByTestId('stat-orgs').textContent())
      .toMatch(new RegExp(`入驻机构\\s*${Object.keys(orgs).length}$`));
    await screenshot(page, 'workspace-commissionStaff');

    // organisations: list, filter by type, create with a bad USCC (field error), then a good one
    browser.expectRefusals(400);
    await openNav(page, 'orgs', '系统管理');
    await page.getByTestId('page-orgs').waitFor();
    await page.getByRole('cell', { name: '上海理工科技大学' }).first().waitFor();
    await screenshot(page, 'admin-orgs');
    await page.getByTestId('org-create').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('机构名称').fill('上海浦江生物医药研究所');
    await dialog.locator('.ant-select:has(#org_type)').click();
    await page.getByTitle('科研院所').click();
    await dialog.getByLabel('统一社会信用代码').fill('91310104ABCDEFGHIJ');
    await dialog.getByLabel('所在区').fill('上海市浦东新区');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.getByTestId('org-form-error').waitFor();
    await expect
      .poll(() => dialog.locator('#uscc_help, .ant-form-item-explain-error').first().textContent())
      .toBeTruthy();
    await screenshot(page, 'admin-orgs-field-error', { fullPage: false });
    await dialog.getByLabel('统一社会信用代码').fill(randomUscc());
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('cell', { name: '上海浦江生物医药研究所' }).first().waitFor();

    // users: the staff member's masked phone, never the full number
    await openNav(page, 'users', '系统管理');
    await page.getByTestId('page-users').waitFor();
    await page.getByRole('cell', { name: /张伟/ }).first().waitFor();
    const usersText = await page.getByTestId('page-users').textContent();
    expect(usersText).toContain('138****5678');
    expect(usersText).not.toContain('13812345678');
    await page.getByRole('cell', { name: /钱伟/ }).first().waitFor();
    await page.locator('.ant-message-notice').first().waitFor({ state: 'detached' });
    await screenshot(page, 'admin-users');

    // audit: the sign-ins and the new organisation are on record
    await openNav(page, 'audit', '系统管理');
    await page.getByTestId('page-audit').waitFor();
    // in words, not codes (issue 11): 登录, 新建单位, by name; the keyword search matches the label
    await page.getByText('登录', { exact: true }).first().waitFor();
    await page.getByText('新建单位', { exact: true }).first().waitFor();
    expect(await page.getByText(/^auth\.login|^org\.create/).count()).toBe(0);
    await page.getByTestId('audit-keyword').fill('新建');
    await page.getByTestId('audit-keyword').press('Enter');
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid^="audit-action-"]')].every((e) =>
        e.textContent?.includes('新建'),
      ),
    );
    await screenshot(page, 'admin-audit');

    // 专家评审 is live: the rounds page opens from the navigation
    await openNav(page, 'reviews', '项目管理');
    await page.waitForURL('**/review/rounds');
    await page.getByTestId('review-rounds').waitFor();

    // coming-soon pages say so and show no data
    await openNav(page, 'reports', '项目管理');
    await page.getByTestId('coming-soon').waitFor();
    expect(await page.getByTestId('coming-soon').textContent()).toContain('建设中');
    await screenshot(page, 'coming-soon-reports');

    // English: the interface switches and the choice is saved on the account
    await openNav(page, 'audit', '系统管理');
    await chooseLanguage(page, 'en');
    await page.getByTestId('page-audit').getByText('Audit log').first().waitFor();
    await page.getByTestId('page-audit').getByText('Period').first().waitFor();
    await page.getByText('Administration').first().waitFor();
    await expect
      .poll(() =>
        page.evaluate(() =>
          fetch('/api/auth/me')
            .then((r) => r.json())
            .then((m: { locale: string }) => m.locale),
        ),
      )
      .toBe('en');
    await page.goto(`${srv.baseUrl}/dashboard`);
    await page.getByText('Audit events, last 14 days').waitFor();
    await screenshot(page, 'workspace-commissionStaff-en');

    await page.getByTestId('user-menu').click();
    await page.getByTestId('logout').click();
    await page.waitForURL(/\/login(\?|$)/);
    await page.getByText('Sign in').first().waitFor();
    // back to Chinese on the sign-in page
    await chooseLanguage(page, 'zh-CN');
    await page.getByRole('heading', { name: '账号登录' }).waitFor();
    await screenshot(page, 'login');
    // signed out: the workspace sends the browser back to sign-in
    await page.goto(`${srv.baseUrl}/admin/users`);
    await page.waitForURL('**/login');
    await context.close();
  });

  it('forgotten password: a pause says until when, 忘记密码 mails a link, the new password signs in', async () => {
    const made = await createUser(srv.env, {
      roles: ['projectLead'],
      username: 'gao.forgot',
      name: '高忘记',
      email: 'gao.forgot@example.cn',
      orgId: orgs.university.id,
    });
    const { page, context } = await browser.newPage();
    // three wrong passwords pause this name from this address; even the right one is told so, with the time
    browser.expectRefusals(401, 429);
    for (let i = 0; i < 3; i++) await signIn(page, made.user.username, `wrong-password-${i}`);
    await expect.poll(() => page.getByTestId('login-paused').textContent()).toContain('北京时间');
    await signIn(page, made.user.username);
    await expect
      .poll(() => page.getByTestId('login-paused').textContent())
      .toMatch(/登录已暂停，请于 .*（北京时间）后再试/);
    await screenshot(page, 'login-paused');

    await page.getByTestId('forgot-password').click();
    await page.waitForURL('**/forgot-password');
    await page.getByRole('heading', { name: '忘记密码' }).waitFor();
    await page.getByPlaceholder('请输入账号或邮箱').fill('gao.forgot@example.cn');
    await page.getByTestId('reset-request-submit').click();
    await expect.poll(() => page.getByTestId('reset-sent').textContent()).toContain('30分钟内有效');
    await screenshot(page, 'forgot-password');

    // no SMTP in the journey: the message waits in the outbox
    const mail = await srv.env.platform.ctx.db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('to_address', '=', 'gao.forgot@example.cn')
      .executeTakeFirstOrThrow();
    const link = /(http\S+\/reset-password#token=[A-Za-z0-9_-]+)/.exec(mail.text_body)![1];
    await page.goto(link.replace(/^https?:\/\/[^/]+/, srv.baseUrl));
    await page.getByRole('heading', { name: '设置新密码' }).waitFor();
    await page.getByTestId('reset-new').fill('Gao-new-password-2030');
    await page.getByTestId('reset-confirm').fill('Gao-new-password-2030');
    await screenshot(page, 'reset-password');
    await page.getByTestId('reset-submit').click();
    await page.getByTestId('reset-done').waitFor();
    // the link works once
    browser.expectRefusals(400);
    await page.reload();
    await page.getByTestId('reset-new').fill('Gao-other-password-2031');
    await page.getByTestId('reset-confirm').fill('Gao-other-password-2031');
    await page.getByTestId('reset-submit').click();
    await expect.poll(() => page.getByTestId('reset-error').textContent()).toContain('只能使用一次');

    await signIn(page, made.user.username, 'Gao-new-password-2030');
    await page.waitForURL('**/dashboard');
    await context.close();
  });

  for (const p of PEOPLE) {
    it(`${p.role}: opens the workspace with its navigation`, async () => {
      const made = people[p.role]!;
      const { page, context } = await browser.newPage();
      await signIn(page, made.user.username);
      if (made.totpSecret) {
        await page.waitForURL('**/mfa');
        await page.getByText('两步验证').first().waitFor();
        await enterTotp(page, made.totpSecret);
      }
      await page.waitForURL('**/dashboard');
      const dash = page.getByTestId('dashboard');
      await dash.waitFor();
      expect(await dash.getAttribute('data-role')).toBe(p.role);
      expect(await page.getByTestId('org-name').textContent()).toContain(orgs[p.org].name);
      await page.locator('.ant-layout-sider').getByText(p.nav).first().waitFor();
      await page
        .locator('.ant-card-loading')
        .first()
        .waitFor({ state: 'detached' })
        .catch(() => undefined);
      await screenshot(page, `workspace-${p.role}`);
      // pages the role has no permission for answer 403 in the page, not a crash
      if (p.role === 'systemAdmin') await createUserThroughUi(page);
      if (p.role === 'expert') {
        await page.goto(`${srv.baseUrl}/admin/audit`);
        await page.getByTestId('forbidden').waitFor();
      }
      await context.close();
    });
  }
});

/** systemAdmin creates a project lead (a wrong phone first), who signs in with the initial password and changes it. */
async function createUserThroughUi(page: Page) {
  await openNav(page, 'users', '系统管理');
  await page.getByTestId('page-users').waitFor();
  await page.getByTestId('user-create').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('账号', { exact: true }).fill('he.jing');
  await dialog.getByLabel('姓名').fill('何静');
  await dialog.getByLabel('电子邮箱').fill('he.jing@example.cn');
  browser.expectRefusals(400); // the wrong phone first, on purpose
  await dialog.getByLabel('手机号').fill('12345');
  await dialog.locator('.ant-select:has(#user_orgId)').click();
  await page.keyboard.type('上海理工');
  await page.locator('.ant-select-item-option[title="上海理工科技大学"]').click();
  await dialog.locator('.ant-select:has(#user_roles)').click();
  await page.locator('.ant-select-item-option[title="项目负责人"]').click();
  await dialog.getByText('新建用户').click();
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  // the server's field message lands under the phone field
  await dialog.getByText('手机或电话号码格式不正确').first().waitFor();
  await dialog.getByLabel('手机号').fill('13900001111');
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  const initial = (await page.getByTestId('initial-password').textContent())!.trim();
  expect(initial.length).toBeGreaterThanOrEqual(8);
  await screenshot(page, 'admin-user-initial-password', { fullPage: false });

  const { page: p2, context } = await browser.newPage();
  await signIn(p2, 'he.jing', initial);
  // every page leads to the password form until the initial password is changed
  await p2.waitForURL('**/account');
  await p2.getByTestId('must-change-password').waitFor();
  await p2.goto(`${srv.baseUrl}/dashboard`);
  await p2.waitForURL('**/account');
  await p2.getByLabel('当前密码', { exact: true }).fill(initial);
  await p2.getByLabel('新密码', { exact: true }).fill('Pujiang-Lab-2026!');
  await p2.getByLabel('确认新密码', { exact: true }).fill('Pujiang-Lab-2026!');
  await p2.getByRole('button', { name: /保\s*存/ }).click();
  await p2.getByText('密码已修改').waitFor();
  await p2.goto(`${srv.baseUrl}/dashboard`);
  await p2.getByTestId('dashboard').waitFor();
  expect(await p2.getByTestId('must-change-password').count()).toBe(0);
  await context.close();
}
