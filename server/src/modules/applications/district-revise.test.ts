/**
 * The district revises its own recommendation (issue 11: "The district dialog accepts an amount below
 * the guide's ratio without a word, and afterwards the applicant's only way out is to withdraw and
 * repeat every review: warn in the dialog, and let the district revise its own recommendation").
 * Guide 2023 §一 方向3: "区已投入资金或承诺投入的资金不低于市级支持额度" (district : municipal ≥ 1:1).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestEnv } from '../../testing/harness.js';
import type { Call } from '../calls/index.js';
import { WAN } from './programme.fixtures.js';
import {
  DURING,
  fillApplication,
  makeApplicant,
  makeDistrictOfficer,
  programmeSuite,
  type Http,
} from './programme.testkit.js';

const suite = programmeSuite('revise-');
let env: TestEnv;
let http: Http;
let call: Call;
let callId: string;
beforeAll(() => {
  ({ env, http, call, callId } = suite);
});

const auditOf = (id: string, action: string) =>
  env.platform.ctx.db
    .selectFrom('audit_log')
    .select(['detail', 'before', 'after'])
    .where('object_id', '=', id)
    .where('action', '=', action)
    .execute();
const later = (minutes: number) => env.setNow(new Date(DURING.getTime() + minutes * 60_000));

/** A direction-3 platform in 杨浦区, recommended by its district with 100 万元 against 400 万元 requested (overridden). */
async function recommendedBelowRatio() {
  env.setNow(DURING);
  const plat = await makeApplicant(env, 'enterprise', '上海市杨浦区');
  const yangpu = await makeDistrictOfficer(env, '上海市杨浦区');
  const id = await fillApplication(env, call, callId, plat, '3');
  await http(plat.lead.cookie, 'POST', `/api/applications/${id}/send-for-review`);
  await http(plat.admin.cookie, 'POST', `/api/applications/${id}/org-review`, { decision: 'approve' });
  const low = await http(yangpu.cookie, 'POST', `/api/applications/${id}/district-review`, {
    decision: 'approve',
    commitmentFen: 100 * WAN,
    overrideReason: '区财政年度预算所限',
  });
  expect(low.json().status).toBe('approved');
  return { plat, yangpu, id };
}

describe('the district revises its own recommendation before submission', () => {
  it('a recommendation below the ratio blocks 正式提交; the district revises it to 400 万元, audited, the applicant submits, and no revision follows', async () => {
    const { plat, yangpu, id } = await recommendedBelowRatio();
    const blocked = await http(plat.admin.cookie, 'POST', `/api/applications/${id}/submit`);
    expect(blocked.statusCode).toBe(422);
    const detail = (await http(yangpu.cookie, 'GET', `/api/applications/${id}`)).json();
    expect(detail.actions.find((a: { action: string }) => a.action === 'districtRevise')).toMatchObject({
      allowed: true,
      label: '修改推荐意见',
    });

    later(1);
    const revised = await http(yangpu.cookie, 'POST', `/api/applications/${id}/district-review`, {
      decision: 'revise',
      commitmentFen: 400 * WAN,
      opinion: '区级配套400万元已列入预算',
    });
    expect(revised.statusCode).toBe(200);
    expect(revised.json().status).toBe('approved');
    const audit = await auditOf(id, 'application.districtRevise');
    expect(audit).toHaveLength(1);
    expect(audit[0].detail).toMatchObject({
      commitmentFen: 400 * WAN,
      revises: { commitmentFen: 100 * WAN, opinion: null },
    });
    expect(audit[0].before).toEqual({ status: 'approved' });
    const told = (await http(plat.lead.cookie, 'GET', '/api/notifications?limit=50')).json().items as {
      kind: string;
      body: string;
    }[];
    expect(told.filter((n) => n.kind === 'application.recommended').map((n) => n.body)).toEqual(
      expect.arrayContaining([expect.stringContaining('400.00 万元')]),
    );

    later(2);
    expect((await http(plat.admin.cookie, 'POST', `/api/applications/${id}/submit`)).statusCode).toBe(201);
    const tooLate = await http(yangpu.cookie, 'POST', `/api/applications/${id}/district-review`, {
      decision: 'revise',
      commitmentFen: 500 * WAN,
    });
    expect(tooLate.statusCode).toBe(409);
    expect(tooLate.json().message).toMatch(/正式提交前修改推荐意见/);
  });

  it('a revision below the ratio is refused with the guide’s rule in Chinese and English, and changes nothing', async () => {
    const { yangpu, id } = await recommendedBelowRatio();
    later(1);
    const low = await http(yangpu.cookie, 'POST', `/api/applications/${id}/district-review`, {
      decision: 'revise',
      commitmentFen: 200 * WAN,
    });
    expect(low.statusCode).toBe(422);
    expect(low.json().code).toBe('failing_findings');
    const [finding] = low.json().errors as { code: string; message: string; messageEn: string }[];
    expect(finding.code).toBe('funding.districtMatching');
    expect(finding.message).toMatch(/不低于市级支持额度/);
    expect(finding.messageEn.length).toBeGreaterThan(10);
    expect(await auditOf(id, 'application.districtRevise')).toHaveLength(0);
  });

  it('only the applicant’s own district revises it; the organisation cannot', async () => {
    const { plat, id } = await recommendedBelowRatio();
    const xuhui = await makeDistrictOfficer(env, '上海市徐汇区');
    const other = await http(xuhui.cookie, 'POST', `/api/applications/${id}/district-review`, {
      decision: 'revise',
      commitmentFen: 400 * WAN,
    });
    expect([403, 404]).toContain(other.statusCode);
    const byAdmin = await http(plat.admin.cookie, 'POST', `/api/applications/${id}/district-review`, {
      decision: 'revise',
      commitmentFen: 400 * WAN,
    });
    expect(byAdmin.statusCode).toBe(403);
    const denied = await auditOf(id, 'permission.denied');
    expect(denied.length).toBeGreaterThan(0);
  });
});
