/**
 * Reviews and failing findings, and district review without a district office (issue 8 §6).
 * Guide 2023 §一 方向3: "区已投入资金或承诺投入的资金不低于市级支持额度" — a district that commits less
 * than the municipal grant fails funding.districtMatching; 方向1: "单位自筹经费与申请资助经费的比例不低于2:1".
 * A reviewer who approves anyway must give a reason; it is audited with the failing findings.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestEnv } from '../../testing/harness.js';
import type { Call } from '../calls/index.js';
import { passingContent, WAN } from './programme.fixtures.js';
import {
  approve,
  fillApplication,
  makeApplicant,
  makeDistrictOfficer,
  programmeSuite,
  type Http,
} from './programme.testkit.js';

const suite = programmeSuite('review-');
let env: TestEnv;
let http: Http;
let staff: string;
let call: Call;
let callId: string;
beforeAll(() => {
  ({ env, http, staff, call, callId } = suite);
});

const auditOf = (id: string, action: string) =>
  env.platform.ctx.db
    .selectFrom('audit_log')
    .select(['detail'])
    .where('object_id', '=', id)
    .where('action', '=', action)
    .execute();

describe('approving with failing findings', () => {
  it('the organisation must give a reason to approve an application whose checklist fails', async () => {
    const a = await makeApplicant(env, 'university');
    const id = await fillApplication(env, call, callId, a, '1');
    const content = passingContent(call, '1', 'university', '概念验证中心');
    // 1:1 instead of the guide's 2:1
    (content.budget as Record<string, number>).selfFundingFen = 400 * WAN;
    await http(a.lead.cookie, 'PATCH', `/api/applications/${id}/draft`, { content });
    expect((await http(a.lead.cookie, 'POST', `/api/applications/${id}/send-for-review`)).statusCode).toBe(
      200,
    );

    const bare = await http(a.admin.cookie, 'POST', `/api/applications/${id}/org-review`, {
      decision: 'approve',
    });
    expect(bare.statusCode).toBe(422);
    expect(bare.json().code).toBe('failing_findings');
    expect(bare.json().message).toMatch(/未通过.*理由/);
    expect(bare.json().messageEn).toMatch(/fail.*reason/i);
    const listed = bare.json().errors as {
      field: string;
      code: string;
      message: string;
      messageEn: string;
    }[];
    expect(listed.map((e) => e.code)).toContain('funding.coFundingRatio');
    expect(listed.find((e) => e.code === 'funding.coFundingRatio')!.message).toMatch(/2:1/);
    expect(listed.every((e) => e.messageEn.length > 0)).toBe(true);
    const still = (await http(a.admin.cookie, 'GET', `/api/applications/${id}`)).json();
    expect(still.status).toBe('orgReview');

    const ok = await http(a.admin.cookie, 'POST', `/api/applications/${id}/org-review`, {
      decision: 'approve',
      overrideReason: '自筹资金另有银行授信证明，报送后由项目办核实',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().status).toBe('approved');
    const review = ok.json().reviews.find((r: { stage: string }) => r.stage === 'org');
    expect(review.overrideReason).toMatch(/银行授信/);
    expect(review.overriddenFindings.map((f: { ruleId: string }) => f.ruleId)).toContain(
      'funding.coFundingRatio',
    );
    const audit = await auditOf(id, 'application.orgApprove');
    expect(audit).toHaveLength(1);
    const detail = audit[0].detail as { overrideReason: string; failingFindings: { ruleId: string }[] };
    expect(detail.overrideReason).toMatch(/银行授信/);
    expect(detail.failingFindings.map((f) => f.ruleId)).toContain('funding.coFundingRatio');
  });

  it('a passing application is approved without a reason', async () => {
    const a = await makeApplicant(env, 'university');
    const id = await fillApplication(env, call, callId, a, '1');
    await approve(env, id, a);
    const audit = await auditOf(id, 'application.orgApprove');
    expect((audit[0].detail as Record<string, unknown>).overrideReason).toBeUndefined();
  });

  it('the district must give a reason to commit less than the municipal grant it must match', async () => {
    const plat = await makeApplicant(env, 'enterprise', '上海市杨浦区');
    const yangpu = await makeDistrictOfficer(env, '上海市杨浦区');
    const id = await fillApplication(env, call, callId, plat, '3');
    expect((await http(plat.lead.cookie, 'POST', `/api/applications/${id}/send-for-review`)).statusCode).toBe(
      200,
    );
    const toDistrict = await http(plat.admin.cookie, 'POST', `/api/applications/${id}/org-review`, {
      decision: 'approve',
    });
    expect(toDistrict.json().status).toBe('districtReview');
    // the municipal grant requested is 400 万元; the district commits 100 万元
    const low = await http(yangpu.cookie, 'POST', `/api/applications/${id}/district-review`, {
      decision: 'approve',
      commitmentFen: 100 * WAN,
      opinion: '区级配套100万元',
    });
    expect(low.statusCode).toBe(422);
    expect(low.json().code).toBe('failing_findings');
    const listed = low.json().errors as { code: string; message: string }[];
    expect(listed.map((e) => e.code)).toEqual(['funding.districtMatching']);
    expect(listed[0].message).toMatch(/不低于市级支持额度/);
    expect((await http(yangpu.cookie, 'GET', `/api/applications/${id}`)).json().status).toBe(
      'districtReview',
    );

    const ok = await http(yangpu.cookie, 'POST', `/api/applications/${id}/district-review`, {
      decision: 'approve',
      commitmentFen: 100 * WAN,
      opinion: '区级配套100万元',
      overrideReason: '区财政年度预算所限，其余配套资金明年追加',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().status).toBe('approved');
    const audit = await auditOf(id, 'application.districtApprove');
    const detail = audit[0].detail as { overrideReason: string; failingFindings: { ruleId: string }[] };
    expect(detail.overrideReason).toMatch(/明年追加/);
    expect(detail.failingFindings.map((f) => f.ruleId)).toEqual(['funding.districtMatching']);
  });
});

describe('district review without a district office in the platform', () => {
  it('routes an organisation registered outside Shanghai to the programme office, with the reason', async () => {
    const outside = await makeApplicant(env, 'enterprise', '江苏省苏州市工业园区');
    const id = await fillApplication(env, call, callId, outside, '3');
    await http(outside.lead.cookie, 'POST', `/api/applications/${id}/send-for-review`);
    // registered outside Shanghai also fails 注册在本市 (guide 2023 §二.1): the organisation must say why
    const bare = await http(outside.admin.cookie, 'POST', `/api/applications/${id}/org-review`, {
      decision: 'approve',
    });
    expect(bare.statusCode).toBe(422);
    expect(bare.json().errors.map((e: { code: string }) => e.code)).toContain('common.registeredInShanghai');
    const sent = await http(outside.admin.cookie, 'POST', `/api/applications/${id}/org-review`, {
      decision: 'approve',
      overrideReason: '本单位已在浦东新区设立分公司，营业执照变更中',
    });
    expect(sent.statusCode).toBe(200);
    const d = sent.json();
    expect(d.status).toBe('districtReview');
    expect(d.districtRoute).toMatchObject({ to: 'programmeOffice', code: 'outsideShanghai' });
    expect(d.districtRoute.reason.zh).toMatch(/不在本市.*项目管理机构/);
    expect(d.districtRoute.reason.en).toMatch(/programme office/);

    // commission staff see it and act as the recommending department
    const seen = await http(staff, 'GET', `/api/applications/${id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().districtRoute.code).toBe('outsideShanghai');
    expect(seen.json().actions.find((x: { action: string }) => x.action === 'districtApprove').allowed).toBe(
      true,
    );
    const listed = (await http(staff, 'GET', `/api/applications?status=districtReview`)).json();
    expect(listed.items.map((i: { id: string }) => i.id)).toContain(id);
    const ok = await http(staff, 'POST', `/api/applications/${id}/district-review`, {
      decision: 'approve',
      commitmentFen: 400 * WAN,
      opinion: '经项目办核实，区级配套资金已落实',
      overrideReason: '注册地变更材料已提交，由形式审查复核',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().status).toBe('approved');
    const audit = await auditOf(id, 'application.districtApprove');
    expect(audit).toHaveLength(1);
    expect((audit[0].detail as { routedTo: string }).routedTo).toBe('programmeOffice');
  });

  it('routes a Shanghai district with no district officer to the programme office; a district with one stays', async () => {
    const jinshan = await makeApplicant(env, 'enterprise', '上海市金山区');
    const id = await fillApplication(env, call, callId, jinshan, '3');
    await http(jinshan.lead.cookie, 'POST', `/api/applications/${id}/send-for-review`);
    const sent = (
      await http(jinshan.admin.cookie, 'POST', `/api/applications/${id}/org-review`, { decision: 'approve' })
    ).json();
    expect(sent.districtRoute).toMatchObject({ to: 'programmeOffice', code: 'noDistrictOffice' });
    expect(sent.districtRoute.reason.zh).toMatch(/金山区/);
    // the applicant sees the reason too
    const own = (await http(jinshan.admin.cookie, 'GET', `/api/applications/${id}`)).json();
    expect(own.districtRoute.reason.zh).toMatch(/项目管理机构/);
    // a district officer of another district still may not act on it
    const xuhui = await makeDistrictOfficer(env, '上海市徐汇区');
    const wrong = await http(xuhui.cookie, 'POST', `/api/applications/${id}/district-review`, {
      decision: 'approve',
      commitmentFen: 400 * WAN,
    });
    expect(wrong.statusCode).toBe(403);

    // with a district officer in the platform, staff cannot act on that district's review
    const yp = await makeApplicant(env, 'enterprise', '上海市徐汇区');
    const id2 = await fillApplication(env, call, callId, yp, '3');
    await http(yp.lead.cookie, 'POST', `/api/applications/${id2}/send-for-review`);
    const sent2 = (
      await http(yp.admin.cookie, 'POST', `/api/applications/${id2}/org-review`, { decision: 'approve' })
    ).json();
    expect(sent2.districtRoute).toBeNull();
    const staffTry = await http(staff, 'POST', `/api/applications/${id2}/district-review`, {
      decision: 'approve',
      commitmentFen: 400 * WAN,
    });
    expect(staffTry.statusCode).toBe(403);
  });
});
