// Issue 12, the funding plan (资助计划; seed 003 §一.6(3): "根据专家评审意见并结合年度重点工作，经市财政科技投入
// 统筹联动平台会商，确定拟立项项目清单") on a one-round call (2021 and 2022 had the remote round only, seed 003
// table 1-8): drafted from the final ranking within the guide's limits (seed 000 §一: direction 1
// "拟支持不超过 3 个项目，每项资助额度不超过 500 万元 … 立项当年支持额度不超过 300 万"), every breach refused
// on its field with nothing saved, consulted (会商), reopened with a reason, exported to Word.
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { loginAs } from '../../testing/factories.js';
import {
  approve,
  fillApplication,
  makeApplicant,
  programmeSuite,
  uploadPdf,
  type Applicant,
} from '../applications/programme.testkit.js';
import { makePoolExperts, scoreRound, SHEET, stepRound } from './review.testkit.js';

const s = programmeSuite('funding-plan-', (c) => {
  c.reviewMode = 'oneRound';
});
const db = () => s.env.platform.ctx.db;
const WAN = 1_000_000;
const codes = (res: { json: () => any }) =>
  (res.json().errors as Array<{ field: string; code: string }>).map((e) => `${e.field}:${e.code}`);

async function submitted(a: Applicant, direction: string) {
  const id = await fillApplication(s.env, s.call, s.callId, a, direction);
  await approve(s.env, id, a);
  const sub = await s.http(a.admin.cookie, 'POST', `/api/applications/${id}/submit`);
  expect(sub.statusCode, sub.body).toBe(201);
  return id;
}

describe('the funding plan', () => {
  let apps: string[];
  let office: string;
  let planId: string;
  let version: number;
  let unscreened: string;

  it('is drafted from the final ranking: direction 1 up to its 3 projects, each at the request, first year capped', async () => {
    office = s.staff;
    const applicants = [
      ...(await Promise.all([1, 2, 3, 4].map(() => makeApplicant(s.env, 'university')))),
      await makeApplicant(s.env, 'enterprise'),
    ];
    const other = await makeApplicant(s.env, 'university');
    const experts = await makePoolExperts(
      s.env,
      office,
      ['顾明', '钱岚'].map((name) => ({
        name,
        orgId: other.orgId,
        orgName: '上海某研究院',
        fields: '概念验证；技术转移',
        keywords: '概念验证',
      })),
    );
    apps = [];
    for (const [i, a] of applicants.entries()) apps.push(await submitted(a, i < 4 ? '1' : '2'));
    // a draft that never passed screening: it cannot be in the plan
    unscreened = await fillApplication(
      s.env,
      s.call,
      s.callId,
      await makeApplicant(s.env, 'university'),
      '1',
    );
    const r1 = await s.http(office, 'POST', '/api/review/rounds', {
      callId: s.callId,
      roundNo: 1,
      expertsPerApplication: 2,
      blind: true,
      scoreSheet: SHEET,
      deadlineAt: '2023-11-20T17:00:00+08:00',
    });
    expect(r1.statusCode, r1.body).toBe(200);
    expect((await s.http(office, 'POST', `/api/review/rounds/${r1.json().id}/assign`)).statusCode).toBe(200);
    await stepRound(s, r1.json().id, 'open');
    const pct = new Map(apps.map((id, i) => [id, [90, 80, 70, 60, 85][i]!]));
    await scoreRound(s, r1.json().id, new Map(experts.map((e) => [e.id, e.cookie])), (id) => pct.get(id)!);
    await stepRound(s, r1.json().id, 'close');
    s.env.setNow(new Date('2023-11-22T10:00:00+08:00'));
    office = await loginAs(s.env, ['commissionStaff']);

    const res = await s.http(office, 'POST', '/api/review/funding-plans', {
      callId: s.callId,
      title: '2023年度资助计划',
      budgetFen: 2140 * WAN, // seed 003 §二(1): 2023 年安排预算 2140 万元
    });
    expect(res.statusCode, res.body).toBe(201);
    const plan = res.json();
    ({ id: planId, version } = plan);
    expect(plan).toMatchObject({ status: 'draft', rankingComplete: true, budgetFen: 2140 * WAN });
    // apps[3] (60) is the fourth of direction 1, which funds 3 projects
    expect(
      plan.lines.map((l: { applicationId: string; finalRank: number }) => [l.applicationId, l.finalRank]),
    ).toEqual([
      [apps[0], 1],
      [apps[1], 2],
      [apps[2], 3],
      [apps[4], 1],
    ]);
    expect(plan.lines[0]).toMatchObject({
      requestedFen: 400 * WAN,
      grantFen: 400 * WAN,
      firstYearFen: 300 * WAN,
      reason: null,
    });
    expect(plan.totalGrantFen).toBe(
      plan.lines.reduce((n: number, l: { grantFen: number }) => n + l.grantFen, 0),
    );
    expect(plan.directions[0]).toMatchObject({
      code: '1',
      projectCount: 3,
      lines: 3,
      capPerProjectFen: 500 * WAN,
    });
    expect(plan.actions).toEqual(['revise', 'consult']);
    const again = await s.http(office, 'POST', '/api/review/funding-plans', {
      callId: s.callId,
      title: '第二份计划',
    });
    expect(again.statusCode).toBe(409);
    const audit = await db()
      .selectFrom('audit_log')
      .select(['action'])
      .where('object_id', '=', planId)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['review.fundingPlan.draft']);
  });

  it('refuses a plan that breaks a limit, naming each rule on its line, and keeps what was saved', async () => {
    const line = (i: number, grant: number, first = Math.min(grant, 300), reason?: string) => ({
      applicationId: apps[i],
      grantFen: grant * WAN,
      firstYearFen: first * WAN,
      ...(reason ? { reason } : {}),
    });
    const listing = await s.http(office, 'PATCH', `/api/review/funding-plans/${planId}`, {
      version,
      lines: [line(0, 400), { ...line(1, 400), applicationId: unscreened }, line(0, 400)],
    });
    expect(listing.statusCode).toBe(400);
    expect(codes(listing)).toEqual([
      'lines.1.applicationId:not_candidate',
      'lines.2.applicationId:duplicate',
    ]);
    const limits = await s.http(office, 'PATCH', `/api/review/funding-plans/${planId}`, {
      version,
      budgetFen: 1000 * WAN,
      lines: [line(0, 501), line(1, 350), line(2, 400, 301), line(3, 400), line(4, 400)],
    });
    expect(limits.statusCode).toBe(400);
    expect(codes(limits)).toEqual([
      'lines.0.grantFen:plan.capPerProject',
      'lines.0.grantFen:plan.overRequest',
      'lines.1.reason:plan.reasonRequired',
      'lines.2.firstYearFen:plan.firstYearCap',
      'directions.1:plan.projectCount',
      'budgetFen:plan.totalBudget',
    ]);
    expect(limits.body).toContain('每项最高500万元');
    expect(limits.body).toContain('拟支持不超过3个项目');
    const kept = (await s.http(office, 'GET', `/api/review/calls/${s.callId}/funding-plan`)).json();
    expect([kept.version, kept.lines.length, kept.budgetFen]).toEqual([version, 4, 2140 * WAN]);

    const ok = await s.http(office, 'PATCH', `/api/review/funding-plans/${planId}`, {
      version,
      lines: [line(0, 400), line(4, 400), line(1, 350, 300, '结合年度重点工作核减50万元')],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(
      ok.json().lines.map((l: { applicationId: string; rank: number }) => [l.rank, l.applicationId]),
    ).toEqual([
      [1, apps[0]],
      [2, apps[4]],
      [3, apps[1]],
    ]);
    expect(ok.json().totalGrantFen).toBe(1150 * WAN);
    version = ok.json().version;
    const stale = await s.http(office, 'PATCH', `/api/review/funding-plans/${planId}`, {
      version: 1,
      lines: [],
    });
    expect(stale.statusCode).toBe(409);
  });

  it('records the consultation (会商) with its file, then refuses changes until reopened with a reason', async () => {
    const url = `/api/review/funding-plans/${planId}`;
    const missing = await s.http(office, 'POST', `${url}/consult`, {
      version,
      consultedOn: '2023-11-31',
      note: '',
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('consultedOn');
    expect(missing.body).toContain('note');
    const file = await uploadPdf(s.env, office, '会商纪要.pdf');
    const ok = await s.http(office, 'POST', `${url}/consult`, {
      version,
      consultedOn: '2023-11-24',
      note: '同意资助计划，按程序公示',
      fileId: file.id,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      status: 'consulted',
      consultation: { on: '2023-11-24', body: '市财政科技投入统筹联动平台', fileId: file.id },
      actions: ['reopen', 'notice'],
    });
    version = ok.json().version;
    const locked = await s.http(office, 'PATCH', url, { version, lines: [] });
    expect(locked.statusCode).toBe(409);
    expect(locked.body).toContain('资助计划已会商');
    expect((await s.http(office, 'POST', `${url}/reopen`, { version, reason: '' })).statusCode).toBe(400);
    const reopened = await s.http(office, 'POST', `${url}/reopen`, { version, reason: '会商意见要求核减' });
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect(reopened.json()).toMatchObject({ status: 'draft', reopenReason: '会商意见要求核减' });
    const audit = await db()
      .selectFrom('audit_log')
      .select(['action', 'after'])
      .where('object_id', '=', planId)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'review.fundingPlan.draft',
      'review.fundingPlan.revise',
      'review.fundingPlan.consult',
      'permission.denied',
      'review.fundingPlan.reopen',
    ]);
    expect(audit[2]!.after).toMatchObject({ fileId: file.id, sha256: file.sha256 });
  });

  it('exports to Word for the file; auditors read it, experts and applicants do not, only staff change it', async () => {
    const docx = await s.http(office, 'GET', `/api/review/funding-plans/${planId}/plan.docx`);
    expect(docx.statusCode, docx.body).toBe(200);
    expect(docx.headers['content-disposition']).toContain(encodeURIComponent('资助计划'));
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    for (const t of [
      '2023年度资助计划',
      '年度预算安排（万元）',
      '2140',
      '1150',
      '结合年度重点工作核减50万元',
      '合计',
      '会商意见',
    ])
      expect(text).toContain(t);
    const auditor = await loginAs(s.env, ['auditor']);
    expect((await s.http(auditor, 'GET', `/api/review/funding-plans/${planId}`)).statusCode).toBe(200);
    expect(
      (await s.http(auditor, 'PATCH', `/api/review/funding-plans/${planId}`, { version: 9, lines: [] }))
        .statusCode,
    ).toBe(403);
    const expert = await loginAs(s.env, ['expert']);
    expect((await s.http(expert, 'GET', `/api/review/funding-plans/${planId}`)).statusCode).toBe(403);
    const applicant = await makeApplicant(s.env, 'university');
    expect(
      (await s.http(applicant.admin.cookie, 'GET', `/api/review/calls/${s.callId}/funding-plan`)).statusCode,
    ).toBe(403);
  });
});
