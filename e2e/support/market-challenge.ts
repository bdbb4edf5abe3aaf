import type { Page } from 'playwright-core';
import { createOrg, createUser, loginAs, type CreatedUser } from '../../server/src/testing/factories.js';
import type { TestEnv } from '../../server/src/testing/harness.js';
import { totpCode } from '../../server/src/modules/identity/totp.rules.js';

/** The challenge journey's cast: staff who run it in the browser, an expert, a need with two solutions. */
export interface ChallengeCast {
  staff: CreatedUser;
  expert: CreatedUser;
  challengeId: string;
  needTitle: string;
  solutions: { dexterous: string; harmonic: string };
}

async function call(env: TestEnv, cookie: string, method: 'GET' | 'POST', url: string, payload?: object) {
  const res = await env.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  if (res.statusCode >= 300) throw new Error(`${method} ${url} → ${res.statusCode} ${res.body}`);
  return res.json();
}

/**
 * Made through the real server: a published need in a challenge that is open now, two solutions to it.
 * The staff member and the expert who use the browser have not signed in yet (so their first TOTP code
 * is unused).
 */
export async function seedChallenge(env: TestEnv): Promise<ChallengeCast> {
  const commission = await createOrg(env, {
    type: 'commission',
    name: '上海市科学技术委员会',
    region: '上海市',
  });
  const uni = await createOrg(env, { type: 'university', name: '上海交通科技大学', region: '上海市闵行区' });
  const ent = await createOrg(env, {
    type: 'enterprise',
    name: '上海灵动机器人有限公司',
    region: '上海市嘉定区',
  });
  const ent2 = await createOrg(env, {
    type: 'enterprise',
    name: '上海精驱传动有限公司',
    region: '上海市松江区',
  });
  const seeder = await createUser(env, { roles: ['programmeOfficeStaff'], orgId: commission.id });
  const staff = await createUser(env, {
    roles: ['commissionStaff'],
    orgId: commission.id,
    username: 'chen.jing',
    name: '陈静',
  });
  const expert = await createUser(env, {
    roles: ['expert'],
    orgId: uni.id,
    username: 'wang.lei',
    name: '王磊',
  });
  const enterprise = await createUser(env, { roles: ['enterpriseUser'], orgId: ent.id, name: '赵敏' });
  const researcher = await createUser(env, { roles: ['projectLead'], orgId: uni.id, name: '孙立' });
  const other = await createUser(env, { roles: ['enterpriseUser'], orgId: ent2.id, name: '钱峰' });
  const [s, e, r, o] = await Promise.all([seeder, enterprise, researcher, other].map((u) => loginAs(env, u)));

  const needTitle = '人形机器人灵巧手高精度力控';
  const need = await call(env, e, 'POST', '/api/market/needs', {
    title: needTitle,
    problem:
      '人形机器人灵巧手在抓取易碎物体时力控精度不足，需要高带宽力矩传感与柔顺控制算法，整手重量不超过1公斤，可连续工作8小时。',
    indicators: ['指尖力控精度≤0.1N', '整手重量≤1kg'],
    keywords: ['人形机器人', '灵巧手', '力控'],
    field: '高端装备',
    budgetMinFen: 100_000_000,
    budgetMaxFen: 400_000_000,
    deadline: '2027-12-31',
  });
  await call(env, e, 'POST', `/api/market/needs/${need.id}/publish`, {});
  const now = Date.now();
  const challenge = await call(env, s, 'POST', '/api/market/challenges', {
    title: '2026长三角创新挑战赛（机器人专场）',
    description:
      '面向人形机器人与智能装备企业的真实技术需求公开征集解决方案，经专家初筛与企业评议确定获胜方案。',
    kind: 'challenge',
    opensAt: new Date(now - 86_400_000).toISOString(),
    closesAt: new Date(now + 30 * 86_400_000).toISOString(),
    rounds: 1,
    needIds: [need.id],
  });
  await call(env, s, 'POST', `/api/market/challenges/${challenge.id}/open`, {});
  const dexterous = await call(env, r, 'POST', `/api/market/needs/${need.id}/solutions`, {
    title: '基于柔性触觉传感的灵巧手方案',
    summary: '采用柔性触觉阵列与阻抗控制，指尖力控精度0.05N，整手重量0.9公斤，已完成样机验证。',
  });
  const harmonic = await call(env, o, 'POST', `/api/market/needs/${need.id}/solutions`, {
    title: '谐波减速器驱动的灵巧手',
    summary: '以微型谐波减速器驱动手指关节，配合电流环力估计，力控精度0.2N，成本较低。',
  });
  return {
    staff,
    expert,
    challengeId: challenge.id,
    needTitle,
    solutions: { dexterous: dexterous.id, harmonic: harmonic.id },
  };
}

/** Signs in through the login page, with the TOTP step when the user has an authenticator. */
export async function signInWithTotp(page: Page, baseUrl: string, who: CreatedUser): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByPlaceholder('请输入账号').fill(who.user.username);
  await page.getByPlaceholder('请输入密码').fill(who.password);
  await page.getByTestId('login-submit').click();
  if (who.totpSecret) {
    await page.waitForURL('**/mfa');
    await page.getByTestId('totp-code').fill(totpCode(who.totpSecret, new Date()));
    await page.getByTestId('totp-submit').click();
  }
  await page.waitForURL('**/dashboard');
}
