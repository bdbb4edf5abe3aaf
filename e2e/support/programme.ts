/**
 * Programme I browser journey helpers: the server clock, the 2023 guide, applicant organisations with
 * their admin and project lead, sign-in through the real login (and TOTP at the server's clock).
 */
import type { Page } from 'playwright-core';
import type { OrgType } from '../../server/src/modules/identity/org.rules.js';
import {
  createOrg,
  createUser,
  loginAs,
  nextTotpCode,
  type CreatedUser,
  type OrgRow,
} from '../../server/src/testing/factories.js';
import type { TestEnv } from '../../server/src/testing/harness.js';
import { guide2023 } from '../../server/src/modules/applications/programme.fixtures.js';
import type { Applicant } from '../../server/src/modules/applications/programme.testkit.js';

/** Inside the 2023 window (opens 2023-10-11 09:00, closes 2023-10-30 16:30, Beijing time). */
export const IN_WINDOW = new Date('2023-10-20T10:00:00+08:00');
export const LAST_SECOND = new Date('2023-10-30T16:29:59+08:00');
export const AT_CLOSE = new Date('2023-10-30T16:30:00+08:00');

/** Moves the server clock (deadlines, sessions and TOTP all follow it). */
export function setServerClock(env: TestEnv, at: Date) {
  env.setNow(at);
}

/** The whole 2023 guide as a JSON file a staff member imports (as a draft). */
export function guideFile(): { name: string; mimeType: string; buffer: Buffer } {
  const call = guide2023();
  call.status = 'draft';
  return {
    name: 'guide-2023.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(call, null, 2), 'utf8'),
  };
}

/**
 * A second call of 2023 published through the API beside the first (the commission runs several
 * programmes a year): the same guide and window under its own number. Returns its id.
 */
export async function publishSecondCall(env: TestEnv, staff: CreatedUser, number: string): Promise<string> {
  const cookie = await loginAs(env, staff);
  const call = { ...guide2023(), status: 'draft' as const, number };
  call.title = `${call.title}（第二批）`;
  const headers = { cookie };
  const imp = await env.app.inject({ method: 'POST', url: '/api/calls/import', payload: call, headers });
  if (imp.statusCode !== 201) throw new Error(`import: ${imp.statusCode} ${imp.body}`);
  const id = imp.json().id as string;
  const pub = await env.app.inject({ method: 'POST', url: `/api/calls/${id}/publish`, headers });
  if (pub.statusCode !== 200) throw new Error(`publish: ${pub.statusCode} ${pub.body}`);
  return id;
}

export interface ApplicantOrg {
  org: OrgRow;
  admin: CreatedUser;
  lead: CreatedUser;
  /** The same organisation in the shape the server's programme test kit takes (cookies signed in now). */
  kit(): Promise<Applicant>;
}

export async function makeApplicantOrg(
  env: TestEnv,
  o: { type: OrgType; name: string; region: string; admin: [string, string]; lead: [string, string] },
): Promise<ApplicantOrg> {
  const org = await createOrg(env, { type: o.type, name: o.name, region: o.region });
  const admin = await createUser(env, {
    roles: ['orgAdmin'],
    orgId: org.id,
    username: o.admin[0],
    name: o.admin[1],
  });
  const lead = await createUser(env, {
    roles: ['projectLead'],
    orgId: org.id,
    username: o.lead[0],
    name: o.lead[1],
  });
  return {
    org,
    admin,
    lead,
    kit: async () => ({
      orgId: org.id,
      orgType: o.type,
      admin: { id: admin.user.id, cookie: await loginAs(env, admin) },
      lead: { id: lead.user.id, cookie: await loginAs(env, lead) },
    }),
  };
}

/** Signs in through the login page; enters the TOTP code at the server's clock when asked. */
export async function signInAs(page: Page, baseUrl: string, env: TestEnv, who: CreatedUser): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByPlaceholder('请输入账号').fill(who.user.username);
  await page.getByPlaceholder('请输入密码').fill(who.password);
  await page.getByTestId('login-submit').click();
  if (who.totpSecret) {
    await page.waitForURL('**/mfa');
    await page.getByTestId('totp-code').fill(await nextTotpCode(env, who.user.id, who.totpSecret));
    await page.getByTestId('totp-submit').click();
  }
  await page.waitForURL('**/dashboard');
}

/** Waits until the live checklist shows `ruleId` with the verdict (true / false / unknown). */
export async function expectFinding(page: Page, ruleId: string, passed: 'true' | 'false' | 'unknown') {
  await page.locator(`[data-testid="check-${ruleId}"][data-passed="${passed}"]`).waitFor();
}
