// Issue 13, agreements and money on the real database: the 2022 call imported with its record (seed 003
// 表 1-8: 11 awarded; 2022-12-01 → 2024-11-30, two years) — staff draft an agreement from an awarded
// application, the organisation and then the commission confirm it, the first tranche (50 %) is
// requested, approved by finance and paid; the final one waits for the acceptance (seed 003 §一.3 (3)).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../testing/harness.js';
import { createUser, loginAs } from '../../testing/factories.js';
import { seedHistoricalDemo } from '../applications/index.js';

let env: TestEnv;
let callId = '';
let target: { applicationId: string; grantFen: number; orgId: string; title: string };
const cookies: Record<'staff' | 'office' | 'finance' | 'orgAdmin' | 'otherAdmin' | 'auditor', string> = {
  staff: '',
  office: '',
  finance: '',
  orgAdmin: '',
  otherAdmin: '',
  auditor: '',
};
let agreementId = '';

const http = (cookie: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
  env.app.inject({
    method,
    url,
    headers: { cookie },
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
const audits = (action: string) =>
  env.platform.ctx.db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', action)
    .orderBy('seq')
    .execute();

beforeAll(async () => {
  env = await createTestEnv();
  env.setNow(new Date('2026-12-02T02:00:00Z'));
  const now = env.platform.ctx.now();
  const seeded = await seedHistoricalDemo(env.platform.ctx, {
    userId: 'system:test',
    orgId: '',
    name: 'test',
    roles: ['commissionStaff', 'systemAdmin'],
    sessionId: 'test',
    mfaVerified: true,
    authenticatedAt: now,
  });
  callId = seeded.callId;
  cookies.staff = await loginAs(env, ['commissionStaff']);
  cookies.office = await loginAs(env, ['programmeOfficeStaff']);
  cookies.finance = await loginAs(env, ['finance']);
  cookies.auditor = await loginAs(env, ['auditor']);
  const awaiting = (await http(cookies.staff, 'GET', `/api/projects/awaiting?callId=${callId}`)).json();
  const first = awaiting.items[0];
  const app = await env.platform.ctx.db
    .selectFrom('applications')
    .select(['org_id'])
    .where('id', '=', first.applicationId)
    .executeTakeFirstOrThrow();
  target = {
    applicationId: first.applicationId,
    grantFen: first.grantFen,
    orgId: app.org_id,
    title: first.projectTitle,
  };
  cookies.orgAdmin = await loginAs(env, await createUser(env, { roles: ['orgAdmin'], orgId: app.org_id }));
  cookies.otherAdmin = await loginAs(env, ['orgAdmin']);
});

afterAll(async () => {
  await env?.close();
});

describe('agreements from the award', () => {
  it("lists the call's 11 awarded applications, each with the grant its record states", async () => {
    const res = await http(cookies.staff, 'GET', `/api/projects/awaiting?callId=${callId}`);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as Array<{ grantFen: number; grantSource: string }>;
    expect(items).toHaveLength(11);
    expect(items.every((i) => i.grantSource === 'record' && i.grantFen > 0)).toBe(true);
    // organisations do not see the programme's worklist
    expect((await http(cookies.orgAdmin, 'GET', `/api/projects/awaiting?callId=${callId}`)).statusCode).toBe(
      403,
    );
  });

  it('drafts the agreement: the two-year schedule 50/50 of the grant, the direction KPIs, the milestones, audited', async () => {
    const res = await http(cookies.staff, 'POST', '/api/projects/agreements', {
      callId,
      applicationId: target.applicationId,
    });
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json();
    agreementId = a.id;
    expect(a).toMatchObject({ status: 'draft', years: 2, startDate: '2022-12-01', endDate: '2024-11-30' });
    expect(a.grantFen).toBe(target.grantFen);
    expect(a.tranches.map((t: { trigger: string; percent: number }) => [t.trigger, t.percent])).toEqual([
      ['award', 50],
      ['acceptance', 50],
    ]);
    expect(a.tranches.reduce((n: number, t: { amountFen: number }) => n + t.amountFen, 0)).toBe(
      target.grantFen,
    );
    expect(a.firstYearFen).toBe(a.tranches[0].amountFen);
    expect(a.milestones.map((m: { key: string }) => m.key)).toEqual([
      'midterm',
      'end',
      'materialsDue',
      'acceptanceDue',
    ]);
    expect(a.actions).toEqual(['edit']);
    const audit = await audits('projects.agreement.create');
    expect(audit).toHaveLength(1);
    expect(audit[0]!.object_id).toBe(agreementId);
    // one agreement per application
    const again = await http(cookies.staff, 'POST', '/api/projects/agreements', {
      callId,
      applicationId: target.applicationId,
    });
    expect(again.statusCode).toBe(409);
  });

  it('refuses an application that was not awarded, naming the field', async () => {
    const notAwarded = await env.platform.ctx.db
      .selectFrom('application_outcomes')
      .select('application_id')
      .where('awarded', '=', false)
      .executeTakeFirstOrThrow();
    const res = await http(cookies.staff, 'POST', '/api/projects/agreements', {
      callId,
      applicationId: notAwarded.application_id,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([
      ['applicationId', 'not_awarded'],
    ]);
  });

  it("shows the agreement to its organisation and the programme's auditors, and to no other organisation", async () => {
    expect((await http(cookies.orgAdmin, 'GET', `/api/projects/agreements/${agreementId}`)).statusCode).toBe(
      200,
    );
    expect((await http(cookies.auditor, 'GET', `/api/projects/agreements/${agreementId}`)).statusCode).toBe(
      200,
    );
    expect(
      (await http(cookies.otherAdmin, 'GET', `/api/projects/agreements/${agreementId}`)).statusCode,
    ).toBe(404);
    const mine = (await http(cookies.otherAdmin, 'GET', '/api/projects/agreements')).json();
    expect(mine.total).toBe(0);
  });

  it('refuses a budget edit that changes the grant’s total and keeps what was saved', async () => {
    const before = (await http(cookies.staff, 'GET', `/api/projects/agreements/${agreementId}`)).json();
    const budget = before.budget.map((y: { municipalFen: number }, i: number) => ({
      ...y,
      municipalFen: y.municipalFen + (i === 0 ? 100 : 0),
    }));
    const res = await http(cookies.staff, 'PATCH', `/api/projects/agreements/${agreementId}`, {
      version: before.version,
      budget,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(['budget.municipalFen']);
    const after = (await http(cookies.staff, 'GET', `/api/projects/agreements/${agreementId}`)).json();
    expect(after.budget).toEqual(before.budget);
    expect(after.version).toBe(before.version);
  });

  it('moves money between years when each total is kept', async () => {
    const before = (await http(cookies.staff, 'GET', `/api/projects/agreements/${agreementId}`)).json();
    const [y1, y2] = before.budget;
    const res = await http(cookies.staff, 'PATCH', `/api/projects/agreements/${agreementId}`, {
      version: before.version,
      budget: [
        { ...y1, selfFundingFen: y1.selfFundingFen + 100 },
        { ...y2, selfFundingFen: y2.selfFundingFen - 100 },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await audits('projects.agreement.edit')).length).toBe(1);
  });

  it('needs the organisation first; then the commission signs it', async () => {
    const early = await http(cookies.staff, 'POST', `/api/projects/agreements/${agreementId}/confirm`, {});
    expect(early.statusCode).toBe(409);
    expect(early.json().detail ?? early.json().title).toContain('须先由承担单位确认');
    const other = await http(
      cookies.otherAdmin,
      'POST',
      `/api/projects/agreements/${agreementId}/confirm-org`,
      {},
    );
    expect(other.statusCode).toBe(404);
    const org = await http(
      cookies.orgAdmin,
      'POST',
      `/api/projects/agreements/${agreementId}/confirm-org`,
      {},
    );
    expect(org.statusCode, org.body).toBe(200);
    expect(org.json().status).toBe('orgConfirmed');
    const signed = await http(cookies.staff, 'POST', `/api/projects/agreements/${agreementId}/confirm`, {});
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json()).toMatchObject({ status: 'confirmed' });
    expect(signed.json().confirmed.at).toBe('2026-12-02T02:00:00.000Z');
    expect((await audits('projects.agreement.confirmOrg')).length).toBe(1);
    expect((await audits('projects.agreement.confirm')).length).toBe(1);
  });
});

describe('tranches', () => {
  const tranche = async (seq: number) =>
    (await http(cookies.staff, 'GET', `/api/projects/agreements/${agreementId}`))
      .json()
      .tranches.find((t: { seq: number }) => t.seq === seq);

  it('holds the final tranche until the acceptance, saying why', async () => {
    const last = await tranche(2);
    const res = await http(cookies.office, 'POST', `/api/projects/tranches/${last.id}/request`, {});
    expect(res.statusCode).toBe(409);
    expect(JSON.stringify(res.json())).toContain('尚未通过验收');
    expect((await audits('permission.denied')).some((a) => a.object_id === last.id)).toBe(true);
  });

  it('requests the first, finance approves it and records the payment; a future date is refused by name', async () => {
    const first = await tranche(1);
    const req = await http(cookies.office, 'POST', `/api/projects/tranches/${first.id}/request`, {
      note: '任务书已签订，申请拨付第一年资金',
    });
    expect(req.statusCode, req.body).toBe(200);
    expect((await tranche(1)).status).toBe('requested');
    expect(
      (await http(cookies.office, 'POST', `/api/projects/tranches/${first.id}/approve`, {})).statusCode,
    ).toBe(403);
    const ok = await http(cookies.finance, 'POST', `/api/projects/tranches/${first.id}/approve`, {});
    expect(ok.statusCode, ok.body).toBe(200);
    const future = await http(cookies.finance, 'POST', `/api/projects/tranches/${first.id}/pay`, {
      paidOn: '2026-12-03',
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().errors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([
      ['paidOn', 'future'],
      ['paymentRef', 'required'],
    ]);
    const paid = await http(cookies.finance, 'POST', `/api/projects/tranches/${first.id}/pay`, {
      paidOn: '2026-12-02',
      paymentRef: '沪财科拨〔2026〕101号',
    });
    expect(paid.statusCode, paid.body).toBe(200);
    expect(paid.json().paidFen).toBe(first.amountFen);
    for (const a of ['request', 'approve', 'pay'])
      expect((await audits(`projects.tranche.${a}`)).length).toBe(1);
  });

  it("sums the call's ledger by state from the tranches", async () => {
    const res = await http(cookies.auditor, 'GET', `/api/projects/ledger?callId=${callId}`);
    expect(res.statusCode, res.body).toBe(200);
    const l = res.json();
    expect(l.agreements).toBe(1);
    expect(l.grantFen).toBe(target.grantFen);
    expect(l.byStatus.paid + l.byStatus.scheduled).toBe(target.grantFen);
    expect(l.rows[0].tranches[0]).toMatchObject({
      status: 'paid',
      paidOn: '2026-12-02',
      paymentRef: '沪财科拨〔2026〕101号',
    });
  });

  it('exports the agreement as Word', async () => {
    const res = await http(cookies.orgAdmin, 'GET', `/api/projects/agreements/${agreementId}/agreement.docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain(
      `任务书-${target.title}.docx`,
    );
  });
});

describe('change requests', () => {
  it('the organisation files an extension; staff approve it with a reason; the dates move and the old version is kept', async () => {
    // another organisation cannot file on it, and staff do not file for the organisation
    const stranger = await http(
      cookies.otherAdmin,
      'POST',
      `/api/projects/agreements/${agreementId}/changes`,
      {
        kind: 'extension',
        reason: '搬迁',
        newEndDate: '2025-05-31',
      },
    );
    expect(stranger.statusCode).toBe(404);
    const early = await http(cookies.orgAdmin, 'POST', `/api/projects/agreements/${agreementId}/changes`, {
      kind: 'extension',
      reason: '因跨区搬迁，场地落实滞后，交易案例完成进度落后，申请延期',
      newEndDate: '2024-10-31',
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().errors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([
      ['newEndDate', 'not_later'],
    ]);
    const filed = await http(cookies.orgAdmin, 'POST', `/api/projects/agreements/${agreementId}/changes`, {
      kind: 'extension',
      reason: '因跨区搬迁，场地落实滞后，交易案例完成进度落后，申请延期',
      newEndDate: '2025-05-31',
    });
    expect(filed.statusCode, filed.body).toBe(200);
    const change = filed.json().changes[0];
    expect(change).toMatchObject({ kind: 'extension', status: 'submitted' });
    expect(change.summary.zh).toBe('执行期结束日期延至 2025-05-31');
    // the organisation does not decide its own request
    expect(
      (await http(cookies.orgAdmin, 'POST', `/api/projects/changes/${change.id}/approve`, { reason: '同意' }))
        .statusCode,
    ).toBe(403);
    const noReason = await http(cookies.staff, 'POST', `/api/projects/changes/${change.id}/approve`, {});
    expect(noReason.statusCode).toBe(400);
    const ok = await http(cookies.staff, 'POST', `/api/projects/changes/${change.id}/approve`, {
      reason: '经核实搬迁属实，同意延期至 2025-05-31',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const a = ok.json();
    expect(a).toMatchObject({ endDate: '2025-05-31', extendedTo: '2025-05-31' });
    expect(a.changes[0]).toMatchObject({
      status: 'approved',
      decisionReason: '经核实搬迁属实，同意延期至 2025-05-31',
    });
    expect(a.milestones.find((m: { key: string }) => m.key === 'acceptanceDue').dueDate).toBe('2025-11-30');
    // the history keeps the agreement as it was: the draft's budget edit, then the extension
    expect(a.history.map((h: { cause: { zh: string }; endDate: string }) => [h.cause.zh, h.endDate])).toEqual(
      [
        ['修改任务书草稿', '2024-11-30'],
        ['批准变更：项目延期', '2024-11-30'],
      ],
    );
    for (const x of ['file', 'approve']) expect((await audits(`projects.change.${x}`)).length).toBe(1);
  });

  it('holds the final tranche of the extended project until the acceptance (seed 003 §二 C31)', async () => {
    const a = (await http(cookies.staff, 'GET', `/api/projects/agreements/${agreementId}`)).json();
    const last = a.tranches.find((t: { seq: number }) => t.seq === 2);
    expect(last.denials.find((d: { action: string }) => d.action === 'request').zh).toBe(
      '项目已延期，尾款于项目验收通过后拨付',
    );
  });
});
