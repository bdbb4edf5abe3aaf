import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestEnv, type TestEnv } from '../../testing/harness.js';
import { createUser, loginAs } from '../../testing/factories.js';
import { canonicalJson, sha256Hex } from '../../platform/canonical.js';
import type { Call } from '../calls/index.js';
import { passingContent, WAN, YI } from './programme.fixtures.js';
import {
  approve,
  CLOSES,
  DURING,
  fillApplication,
  httpOf,
  makeApplicant,
  makeDistrictOfficer,
  publishGuide,
  type Http,
} from './programme.testkit.js';

let env: TestEnv;
let http: Http;
let staff: string;
let call: Call;
let callId: string;
let filesDir: string;

beforeAll(async () => {
  filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'programme-'));
  env = await createTestEnv({ filesDir });
  env.setNow(DURING);
  http = httpOf(env);
  staff = await loginAs(env, ['commissionStaff']);
  ({ id: callId, call } = await publishGuide(env, staff));
});
afterAll(async () => {
  await env?.close();
  fs.rmSync(filesDir, { recursive: true, force: true });
});

describe('calls', () => {
  it('shows the published guide publicly with its four directions and explained rules', async () => {
    const open = await http(null, 'GET', '/api/calls/open');
    expect(open.statusCode).toBe(200);
    expect(open.json().items.map((c: { id: string }) => c.id)).toContain(callId);
    const pub = await http(null, 'GET', `/api/calls/${callId}/public`);
    expect(pub.statusCode).toBe(200);
    const body = pub.json();
    expect(body.status).toBe('published');
    expect(body.closesAt).toBe('2023-10-30T16:30:00+08:00');
    expect(body.deadline).toBe('open');
    expect(body.directions.map((d: { code: string }) => d.code)).toEqual(['1', '2', '3', '4']);
    const d2 = body.directions.find((d: { code: string }) => d.code === '2');
    expect(d2.rules.find((r: { id: string }) => r.id === 'd2.prevYearRevenue').description.zh).toMatch(
      /2亿元/,
    );
    expect(body.directions.find((d: { code: string }) => d.code === '3').needsDistrictRecommendation).toBe(
      true,
    );
  });

  it('keeps drafts private, refuses to publish an incomplete draft naming each missing field, and exports canonical JSON', async () => {
    const draft = await http(staff, 'POST', '/api/calls', {
      content: { year: 2024, number: '沪科指南〔2024〕草稿', title: '草稿' },
    });
    expect(draft.statusCode).toBe(201);
    const d = draft.json();
    expect(d.status).toBe('draft');
    expect(d.problems.map((p: { path: string }) => p.path)).toEqual(
      expect.arrayContaining(['window', 'topics']),
    );
    expect((await http(null, 'GET', `/api/calls/${d.id}/public`)).statusCode).toBe(404);
    const pub = await http(staff, 'POST', `/api/calls/${d.id}/publish`);
    expect(pub.statusCode).toBe(400);
    expect(pub.json().code).toBe('call_incomplete');
    expect(pub.json().errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['window', 'topics', 'reviewMode']),
    );
    // edit the draft with optimistic locking
    const stale = await http(staff, 'PUT', `/api/calls/${d.id}`, {
      content: { year: 2024, title: 'x' },
      baseVersion: 99,
    });
    expect(stale.statusCode).toBe(409);
    const ok = await http(staff, 'PUT', `/api/calls/${d.id}`, {
      content: { year: 2024, title: '修改后' },
      baseVersion: d.version,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().title).toBe('修改后');
    // export: the published guide, canonical and equal to the fixture apart from status
    const exp = await http(staff, 'GET', `/api/calls/${callId}/export`);
    expect(exp.statusCode).toBe(200);
    expect(exp.headers['content-disposition']).toMatch(/attachment/);
    expect(JSON.parse(exp.body)).toEqual({ ...call, status: 'published' });
    // a published call cannot be edited; closing follows the workflow table
    const edit = await http(staff, 'PUT', `/api/calls/${callId}`, { content: {} });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().message).toMatch(/不能再修改/);
  });

  it('lists every wrong field of a bad import and refuses non-staff', async () => {
    const bad = await http(staff, 'POST', '/api/calls/import', {
      ...call,
      year: 'x',
      window: { opensAt: '2023-10-11 09:00' },
    });
    expect(bad.statusCode).toBe(400);
    const fields = bad.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['year', 'window.opensAt', 'window.closesAt']));
    const lead = await loginAs(env, ['projectLead']);
    const denied = await http(lead, 'POST', '/api/calls/import', call);
    expect(denied.statusCode).toBe(403);
    expect(denied.json().message).toMatch(/编写、导入和结束申报指南/);
  });
});

describe('a university applies to direction 1', () => {
  it('fills, checks, goes through org review and submits with a receipt', async () => {
    const uni = await makeApplicant(env, 'university');
    const id = await fillApplication(env, call, callId, uni, '1');
    const cl = await http(uni.lead.cookie, 'GET', `/api/applications/${id}/checklist`);
    expect(cl.statusCode).toBe(200);
    expect(cl.json().overall).toBe('pass');
    expect(cl.json().canSubmit).toBe(true);
    // submitting before the organisation approved it is refused by the workflow
    const early = await http(uni.admin.cookie, 'POST', `/api/applications/${id}/submit`);
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toMatch(/填报中/);
    await approve(env, id, uni);
    const sub = await http(uni.admin.cookie, 'POST', `/api/applications/${id}/submit`);
    expect(sub.statusCode).toBe(201);
    const receipt = sub.json();
    expect(receipt.number).toMatch(/^SQ-2023-\d{6}$/);
    expect(receipt.submittedAt).toBe('2023-10-20T10:00:00+08:00');
    // the hash is the SHA-256 of the canonical JSON of the stored package
    const row = await env.platform.ctx.db
      .selectFrom('application_receipts')
      .selectAll()
      .where('application_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(sha256Hex(canonicalJson(row.package))).toBe(receipt.sha256);
    expect((row.package as { attachments: unknown[] }).attachments).toHaveLength(1);
    // twice: the same receipt
    const again = await http(uni.admin.cookie, 'POST', `/api/applications/${id}/submit`);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(receipt);
    // the receipt went to the admin and the lead (in-app, e-mail through the outbox)
    const notes = await env.platform.ctx.db
      .selectFrom('notifications')
      .select(['user_id', 'title_zh'])
      .where('kind', '=', 'application.receipt')
      .execute();
    expect(
      notes
        .filter((n) => n.title_zh.includes(receipt.number))
        .map((n) => n.user_id)
        .sort(),
    ).toEqual([uni.admin.id, uni.lead.id].sort());
    // staff see it now; the audit trail has the submit
    const seen = await http(staff, 'GET', `/api/applications/${id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().content.lead.idNumber).toBe('110101********1233');
    // nothing can be edited after submission
    const edit = await http(uni.lead.cookie, 'PATCH', `/api/applications/${id}/draft`, {
      content: { project: { title: 'x' } },
    });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().message).toMatch(/不能修改/);
    const audit = await env.platform.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('object_id', '=', id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'application.create',
        'application.save',
        'application.attach',
        'application.sendForReview',
        'application.orgApprove',
        'application.submit',
      ]),
    );
  });
});

describe('an enterprise applies to direction 2', () => {
  it('sees failing rules explained, keeps what was typed on errors, and fixes them', async () => {
    const ent = await makeApplicant(env, 'enterprise', '上海市浦东新区');
    const s = await http(ent.admin.cookie, 'POST', '/api/applications', {
      callId,
      directionCode: '2',
      leadUserId: ent.lead.id,
    });
    expect(s.statusCode).toBe(201);
    const id = s.json().id;
    const content = passingContent(call, '2', 'enterprise');
    (content.applicant as Record<string, unknown>).prevYearRevenueFen = 1 * YI;
    content.budget = {
      selfFundingFen: 1000 * WAN,
      requestedGrantFen: 600 * WAN,
      firstYearRequestFen: 300 * WAN,
    };
    const saved = await http(ent.lead.cookie, 'PATCH', `/api/applications/${id}/draft`, {
      baseVersion: 1,
      content,
    });
    expect(saved.statusCode).toBe(200);
    const cl = (await http(ent.lead.cookie, 'GET', `/api/applications/${id}/checklist`)).json();
    expect(cl.overall).toBe('fail');
    expect(cl.canSubmit).toBe(false);
    const failed = Object.fromEntries(
      cl.screening.findings
        .filter((f: { passed: unknown }) => f.passed === false)
        .map((f: { ruleId: string; reason: { zh: string } }) => [f.ruleId, f.reason.zh]),
    );
    expect(Object.keys(failed).sort()).toEqual(
      [
        'attachment.feasibilityPlan',
        'd2.prevYearRevenue',
        'funding.capPerProject',
        'funding.coFundingRatio',
      ].sort(),
    );
    expect(failed['d2.prevYearRevenue']).toMatch(/不低于2亿元.*1亿元/);
    expect(failed['funding.capPerProject']).toMatch(/500万元.*600万元/);
    // a wrongly typed value is stored as typed and reported beside the save
    const typo = await http(ent.lead.cookie, 'PATCH', `/api/applications/${id}/draft`, {
      baseVersion: 2,
      content: { budget: { selfFundingFen: 'abc', requestedGrantFen: 300 * WAN } },
    });
    expect(typo.statusCode).toBe(200);
    expect(typo.json().saved).toBe(true);
    expect(typo.json().fieldErrors.map((e: { field: string }) => e.field)).toContain('budget.selfFundingFen');
    expect(typo.json().application.content.budget.selfFundingFen).toBe('abc');
    // a stale save is refused, the newer version kept
    const stale = await http(ent.lead.cookie, 'PATCH', `/api/applications/${id}/draft`, {
      baseVersion: 2,
      content: { project: { title: 'x' } },
    });
    expect(stale.statusCode).toBe(409);
    const versions = (await http(ent.lead.cookie, 'GET', `/api/applications/${id}/versions`)).json().items;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([3, 2, 1]);
    expect(versions[0].findingCount).toBe(1);
    const leadName = (await http(ent.lead.cookie, 'GET', '/api/auth/me')).json().name as string;
    expect(leadName).toBeTruthy();
    expect(versions[0].savedByName).toBe(leadName); // a name on screen, not an id fragment (issue 11)
    const v2 = (await http(ent.lead.cookie, 'GET', `/api/applications/${id}/versions/2`)).json();
    expect(v2.content.budget.requestedGrantFen).toBe(600 * WAN);
    // one application per organisation per year is a screening rule (call data), judged on submitted
    // applications: a second draft may be started (eligibility.test.ts has the rule itself)
    const second = await http(ent.admin.cookie, 'POST', '/api/applications', { callId, directionCode: '1' });
    expect(second.statusCode).toBe(201);
    expect((await http(ent.admin.cookie, 'DELETE', `/api/applications/${second.json().id}`)).statusCode).toBe(
      204,
    );
    // fix everything and submit
    const fixed = passingContent(call, '2', 'enterprise');
    const ok = await http(ent.lead.cookie, 'PATCH', `/api/applications/${id}/draft`, {
      baseVersion: 3,
      content: fixed,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().fieldErrors).toEqual([]);
    const { uploadPdf } = await import('./programme.testkit.js');
    const f = await uploadPdf(env, ent.lead.cookie, '可行性方案.pdf');
    const badType = await http(ent.lead.cookie, 'POST', `/api/applications/${id}/attachments`, {
      type: 'districtRecommendationLetter',
      fileId: f.id,
    });
    expect(badType.statusCode).toBe(400);
    expect(
      (
        await http(ent.lead.cookie, 'POST', `/api/applications/${id}/attachments`, {
          type: 'feasibilityPlan',
          fileId: f.id,
        })
      ).statusCode,
    ).toBe(201);
    expect((await http(ent.lead.cookie, 'GET', `/api/applications/${id}/checklist`)).json().overall).toBe(
      'pass',
    );
    await approve(env, id, ent);
    const sub = await http(ent.admin.cookie, 'POST', `/api/applications/${id}/submit`);
    expect(sub.statusCode).toBe(201);
  });
});

describe('a district-recommended platform applies to direction 3', () => {
  it('is returned with reasons by the organisation and the district, then recommended with funding', async () => {
    const plat = await makeApplicant(env, 'enterprise', '上海市徐汇区');
    const xuhui = await makeDistrictOfficer(env, '上海市徐汇区');
    const minhang = await makeDistrictOfficer(env, '上海市闵行区');
    const id = await fillApplication(env, call, callId, plat, '3');
    // the district cannot see it before the organisation sends it on
    expect((await http(xuhui.cookie, 'GET', `/api/applications/${id}`)).statusCode).toBe(403);
    expect((await http(plat.lead.cookie, 'POST', `/api/applications/${id}/send-for-review`)).statusCode).toBe(
      200,
    );
    const noReason = await http(plat.admin.cookie, 'POST', `/api/applications/${id}/org-review`, {
      decision: 'return',
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].field).toBe('reason');
    const back = await http(plat.admin.cookie, 'POST', `/api/applications/${id}/org-review`, {
      decision: 'return',
      reason: '预算说明不充分',
    });
    expect(back.statusCode).toBe(200);
    expect(back.json()).toMatchObject({
      status: 'returned',
      returnReason: '预算说明不充分',
      returnedByStage: 'org',
    });
    // returned: editable again
    expect(
      (
        await http(plat.lead.cookie, 'PATCH', `/api/applications/${id}/draft`, {
          content: { project: { title: '区域平台（修改）' } },
        })
      ).statusCode,
    ).toBe(200);
    expect((await http(plat.lead.cookie, 'POST', `/api/applications/${id}/send-for-review`)).statusCode).toBe(
      200,
    );
    const toDistrict = await http(plat.admin.cookie, 'POST', `/api/applications/${id}/org-review`, {
      decision: 'approve',
    });
    expect(toDistrict.json().status).toBe('districtReview');
    // only the matching district's officer may recommend
    const wrong = await http(minhang.cookie, 'POST', `/api/applications/${id}/district-review`, {
      decision: 'approve',
      commitmentFen: 1,
    });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().message).toMatch(/本区/);
    const dReturn = await http(xuhui.cookie, 'POST', `/api/applications/${id}/district-review`, {
      decision: 'return',
      reason: '请补充区级配套说明',
    });
    expect(dReturn.json()).toMatchObject({ status: 'returned', returnedByStage: 'district' });
    await approve(env, id, plat, xuhui);
    const detail = (await http(plat.admin.cookie, 'GET', `/api/applications/${id}`)).json();
    expect(detail.status).toBe('approved');
    expect(
      detail.reviews.find(
        (r: { stage: string; decision: string }) => r.stage === 'district' && r.decision === 'approve',
      ).commitmentFen,
    ).toBe(400 * WAN);
    // both hand-offs told the lead, in both languages (issue 11)
    const told = (await http(plat.lead.cookie, 'GET', '/api/notifications?limit=50')).json().items as Array<{
      kind: string;
      titleZh: string;
      body: string;
      bodyEn: string | null;
    }>;
    const returned = told.find((n) => n.kind === 'application.returned')!;
    expect(returned).toMatchObject({
      titleZh: '项目申报被推荐部门退回修改',
      body: '退回理由：请补充区级配套说明',
    });
    expect(returned.bodyEn).toBe('Reason given: 请补充区级配套说明');
    const recommended = told.find((n) => n.kind === 'application.recommended')!;
    expect(recommended.titleZh).toMatch(/推荐部门推荐/);
    expect(recommended.body).toContain('400.00 万元');
    expect(recommended.bodyEn).toContain('400.00');
    // the district officer may read the attachments through the files module's check
    const fileId = detail.attachments[0].fileId;
    expect((await http(xuhui.cookie, 'GET', `/api/files/${fileId}`)).statusCode).toBe(200);
    expect((await http(minhang.cookie, 'GET', `/api/files/${fileId}`)).statusCode).toBe(403);
    const sub = await http(plat.admin.cookie, 'POST', `/api/applications/${id}/submit`);
    expect(sub.statusCode).toBe(201);
  });
});

describe('permissions and ownership', () => {
  it('refuses with reasons', async () => {
    const a = await makeApplicant(env, 'researchInstitute');
    const b = await makeApplicant(env, 'university');
    const id = await fillApplication(env, call, callId, a, '1');
    const other = await http(b.admin.cookie, 'GET', `/api/applications/${id}`);
    expect(other.statusCode).toBe(403);
    expect(other.json().message).toMatch(/本单位/);
    expect(
      (await http(b.admin.cookie, 'PATCH', `/api/applications/${id}/draft`, { content: {} })).statusCode,
    ).toBe(403);
    const staffDraft = await http(staff, 'GET', `/api/applications/${id}`);
    expect(staffDraft.statusCode).toBe(403);
    expect(staffDraft.json().message).toMatch(/尚未正式提交/);
    const otherLead = await createUser(env, { roles: ['projectLead'], orgId: a.orgId });
    const ol = await loginAs(env, otherLead);
    const notLead = await http(ol, 'PATCH', `/api/applications/${id}/draft`, { content: {} });
    expect(notLead.statusCode).toBe(403);
    expect(notLead.json().message).toMatch(/负责人/);
    // the lead may not approve as the organisation (no permission), nor submit
    const leadReview = await http(a.lead.cookie, 'POST', `/api/applications/${id}/org-review`, {
      decision: 'approve',
    });
    expect(leadReview.statusCode).toBe(403);
    expect((await http(a.lead.cookie, 'POST', `/api/applications/${id}/submit`)).statusCode).toBe(403);
    // another organisation's admin may not review it
    await http(a.lead.cookie, 'POST', `/api/applications/${id}/send-for-review`);
    const foreign = await http(b.admin.cookie, 'POST', `/api/applications/${id}/org-review`, {
      decision: 'approve',
    });
    expect(foreign.statusCode).toBe(403);
    const ent = await loginAs(env, ['enterpriseUser']);
    expect((await http(ent, 'POST', '/api/applications', { callId, directionCode: '1' })).statusCode).toBe(
      403,
    );
    expect((await http(null, 'GET', `/api/applications/${id}`)).statusCode).toBe(401);
    const denied = await env.platform.ctx.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'permission.denied')
      .where('object_id', '=', id)
      .execute();
    expect(denied.length).toBeGreaterThanOrEqual(4);
  });
});

describe('deadline and double submission', () => {
  const T = Date.parse(CLOSES);
  it('accepts at T−1s and refuses at T and T+1s with the closing time in zh and en', async () => {
    const [a, b, c] = [
      await makeApplicant(env, 'transferInstitution'),
      await makeApplicant(env, 'university'),
      await makeApplicant(env, 'hospital'),
    ];
    const ids = [
      await fillApplication(env, call, callId, a, '4'),
      await fillApplication(env, call, callId, b, '4'),
      await fillApplication(env, call, callId, c, '1'),
    ];
    await approve(env, ids[0], a);
    await approve(env, ids[1], b);
    await approve(env, ids[2], c);
    env.setNow(new Date(T - 60_000));
    const cookies = [
      await loginAs(
        env,
        await env.platform.ctx.db
          .selectFrom('users')
          .selectAll()
          .where('id', '=', a.admin.id)
          .executeTakeFirstOrThrow(),
      ),
      '',
      '',
    ];
    for (const [i, who] of [
      [1, b],
      [2, c],
    ] as const)
      cookies[i] = await loginAs(
        env,
        await env.platform.ctx.db
          .selectFrom('users')
          .selectAll()
          .where('id', '=', who.admin.id)
          .executeTakeFirstOrThrow(),
      );
    env.setNow(new Date(T - 1000));
    const ok = await http(cookies[0], 'POST', `/api/applications/${ids[0]}/submit`);
    expect(ok.statusCode).toBe(201);
    expect(ok.json().submittedAt).toBe('2023-10-30T16:29:59+08:00');
    env.setNow(new Date(T));
    const atT = await http(cookies[1], 'POST', `/api/applications/${ids[1]}/submit`);
    expect(atT.statusCode).toBe(409);
    expect(atT.json().code).toBe('deadline_passed');
    expect(atT.json().message).toMatch(/2023-10-30 16:30:00/);
    expect(atT.json().messageEn).toMatch(/closed at 2023-10-30 16:30:00/);
    env.setNow(new Date(T + 1000));
    const after = await http(cookies[2], 'POST', `/api/applications/${ids[2]}/submit`);
    expect(after.statusCode).toBe(409);
    expect(after.json().code).toBe('deadline_passed');
    // the one accepted before the close still gets its receipt back after the close
    const again = await http(cookies[0], 'POST', `/api/applications/${ids[0]}/submit`);
    expect(again.statusCode).toBe(200);
    expect(again.json().number).toBe(ok.json().number);
    expect((await http(cookies[1], 'GET', `/api/applications/${ids[1]}`)).json().status).toBe('approved');
    env.setNow(DURING);
  });

  it('gives one receipt to concurrent submits and replays an Idempotency-Key', async () => {
    env.setNow(DURING);
    const a = await makeApplicant(env, 'university', '上海市杨浦区');
    const id = await fillApplication(env, call, callId, a, '1');
    await approve(env, id, a);
    const res = await Promise.all(
      [1, 2, 3].map(() => http(a.admin.cookie, 'POST', `/api/applications/${id}/submit`)),
    );
    expect(res.map((r) => r.statusCode).sort()).toEqual([200, 200, 201]);
    expect(new Set(res.map((r) => r.json().number)).size).toBe(1);
    const rows = await env.platform.ctx.db
      .selectFrom('application_receipts')
      .select('number')
      .where('application_id', '=', id)
      .execute();
    expect(rows).toHaveLength(1);
    const key = { 'idempotency-key': 'submit-key-0001' };
    const first = await http(a.admin.cookie, 'POST', `/api/applications/${id}/submit`, undefined, key);
    const replay = await http(a.admin.cookie, 'POST', `/api/applications/${id}/submit`, undefined, key);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(first.json());
    const all = await env.platform.ctx.db
      .selectFrom('application_receipts')
      .select(['number', 'seq'])
      .where('call_id', '=', callId)
      .execute();
    expect(new Set(all.map((r) => r.number)).size).toBe(all.length);
    expect(all.map((r) => r.seq).sort((x, y) => x - y)).toEqual(all.map((_, i) => i + 1));
  });
});
