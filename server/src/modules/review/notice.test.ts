/**
 * The public notice (公示), objections (异议) and award (立项) through the real routes and database
 * (issue 12). Seed 000 §五: "向社会公示拟立项项目清单，接受公众异议"; seed 003 表 1-8: the 2023 notice
 * ran 11-28 → 12-04 (5 working days); seed 003 §二 B22 ④: "对公示期间有异议、且经核实异议成立的项目，
 * 不予立项".
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createUser, loginAs, type CreatedUser } from '../../testing/factories.js';
import {
  approve,
  fillApplication,
  makeApplicant,
  programmeSuite,
  type Applicant,
} from '../applications/programme.testkit.js';
import { pdf } from '../applications/programme.fixtures.js';
import { consultedPlan } from './funding-plan.testkit.js';

const s = programmeSuite('notice-');
let staffUser: CreatedUser;
let staff = '';
const applicants: Applicant[] = [];
const ids: string[] = [];
let noticeId = '';
let objectionId = '';

const at = (iso: string) => new Date(iso);
/** Moves the clock and signs staff in again (a session does not survive weeks). */
async function moveTo(iso: string) {
  s.env.setNow(at(iso));
  staff = await loginAs(s.env, staffUser);
}
const db = () => s.env.platform.ctx.db;
const objection = (applicationId: string, more: Record<string, unknown> = {}) => ({
  applicationId,
  name: '王小明',
  organisation: '上海某科技有限公司',
  phone: '13912345678',
  email: 'objector@example.cn',
  statement: '该项目的研究团队成员与申报书所填不一致，请予以核实。',
  ...more,
});

beforeAll(async () => {
  staffUser = await createUser(s.env, { roles: ['programmeOfficeStaff'] });
  staff = await loginAs(s.env, staffUser);
  for (let i = 0; i < 3; i++) {
    const a = await makeApplicant(s.env, 'university');
    const id = await fillApplication(s.env, s.call, s.callId, a, '1');
    await approve(s.env, id, a);
    const sub = await s.http(a.admin.cookie, 'POST', `/api/applications/${id}/submit`);
    if (sub.statusCode !== 201) throw new Error(`submit: ${sub.statusCode} ${sub.body}`);
    applicants.push(a);
    ids.push(id);
  }
}, 240_000);

describe('the public notice, objections and the award', () => {
  it('drafts a notice from the consulted funding plan; its period is 5 working days of the calendar (2023-11-28 → 12-04, seed 003 表 1-8)', async () => {
    const planId = await consultedPlan(
      s.http,
      staff,
      s.callId,
      ids.map((applicationId, i) => ({
        applicationId,
        grantFen: (300 - i * 50) * 1_000_000,
        reason: '按评审排名与年度预算核定',
      })),
    );
    const res = await s.http(staff, 'POST', '/api/review/notices', {
      planId,
      title: '2023年度科技成果转化项目拟立项公示',
      startDate: '2023-11-28',
    });
    expect(res.statusCode, res.body).toBe(201);
    const n = res.json();
    noticeId = n.id;
    expect(n.status).toBe('draft');
    expect(n.period).toMatchObject({
      startDate: '2023-11-28',
      endDate: '2023-12-04',
      workingDays: 5,
      opensAt: '2023-11-27T16:00:00.000Z',
      closesAt: '2023-12-04T15:59:59.999Z',
    });
    expect(n.entries.map((e: { rank: number; applicationId: string }) => [e.rank, e.applicationId])).toEqual(
      ids.map((id, i) => [i + 1, id]),
    );
    expect(n.entries[0]).toMatchObject({ proposedGrantFen: 300_000_000, directionCode: '1', outcome: null });
    expect(n.actions).toEqual(['publish']);
    // a draft is not public
    expect((await s.http(null, 'GET', `/api/public/notices/${noticeId}`)).statusCode).toBe(404);
    const audit = await db()
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('object_id', '=', noticeId)
      .execute();
    expect(audit).toEqual([{ action: 'review.notice.create', actor_id: staffUser.user.id }]);
    // the plan went on notice with it, and cannot go on notice twice
    const plan = (await s.http(staff, 'GET', `/api/review/funding-plans/${planId}`)).json();
    expect([plan.status, plan.noticeId]).toEqual(['noticed', noticeId]);
    const again = await s.http(staff, 'POST', '/api/review/notices', {
      planId,
      title: '重复公示',
      startDate: '2023-11-28',
    });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('只能公示一次');
  });

  it('publishes it (audited); the public list shows the entries and no objector contact', async () => {
    const res = await s.http(staff, 'POST', `/api/review/notices/${noticeId}/publish`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'published', state: 'notOpen' });
    const list = await s.http(null, 'GET', '/api/public/notices');
    expect(list.statusCode).toBe(200);
    const pub = list.json().items.find((x: { id: string }) => x.id === noticeId);
    expect(pub.entries).toHaveLength(3);
    expect(pub.entries[0]).toMatchObject({
      rank: 1,
      orgName: expect.any(String),
      proposedGrantFen: 300_000_000,
    });
    expect(pub.period.text).toEqual({ zh: '2023-11-28 至 2023-12-04', en: '2023-11-28 to 2023-12-04' });
    const audit = await db()
      .selectFrom('audit_log')
      .select('action')
      .where('object_id', '=', noticeId)
      .where('action', '=', 'review.notice.publish')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('refuses an objection before the period, naming the notice field (zh and en)', async () => {
    const res = await s.http(null, 'POST', `/api/public/notices/${noticeId}/objections`, objection(ids[2]!));
    expect(res.statusCode).toBe(400);
    const p = res.json();
    expect(p.errors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([
      ['notice', 'notice_not_open'],
    ]);
    expect(p.message).toContain('公示尚未开始');
    expect(p.messageEn).toContain('has not begun');
  });

  it('accepts an objection inside the period (anonymous public, 2023-12-01); names every wrong field of a bad one', async () => {
    await moveTo('2023-12-01T10:00:00+08:00');
    const bad = await s.http(null, 'POST', `/api/public/notices/${noticeId}/objections`, {
      applicationId: 'not-on-the-notice',
      name: ' ',
      phone: '12',
      statement: '太短',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'applicationId',
      'name',
      'phone',
      'statement',
    ]);
    // evidence is checked as every upload is: a script named .pdf is refused on its place, nothing kept
    const evidence = (name: string, content: Buffer) => ({
      filename: name,
      contentBase64: content.toString('base64'),
    });
    const before = await db().selectFrom('review_objections').select('id').execute();
    const script = await s.http(
      null,
      'POST',
      `/api/public/notices/${noticeId}/objections`,
      objection(ids[2]!, {
        evidence: [
          evidence('合作协议.pdf', pdf('合作协议扫描件')),
          evidence('证据.pdf', Buffer.from('<script>alert(1)</script>')),
        ],
      }),
    );
    expect(script.statusCode).toBe(400);
    expect(script.json().errors.map((e: { field: string }) => e.field)).toEqual(['evidence.1']);
    expect(await db().selectFrom('review_objections').select('id').execute()).toEqual(before);
    const res = await s.http(
      null,
      'POST',
      `/api/public/notices/${noticeId}/objections`,
      objection(ids[2]!, { evidence: [evidence('合作协议.pdf', pdf('合作协议扫描件'))] }),
    );
    expect(res.statusCode, res.body).toBe(201);
    objectionId = res.json().id;
    expect(res.json()).toMatchObject({ status: 'received', applicationId: ids[2] });
    expect(res.body).not.toContain('13912345678');
    // the public answers never carry the objector's contact; staff read it in clear
    for (const url of ['/api/public/notices', `/api/public/notices/${noticeId}`]) {
      const body = (await s.http(null, 'GET', url)).body;
      expect(body).not.toContain('13912345678');
      expect(body).not.toContain('objector@example.cn');
      expect(body).not.toContain('王小明');
    }
    const staffView = (await s.http(staff, 'GET', `/api/review/notices/${noticeId}`)).json();
    expect(staffView.objections[0]).toMatchObject({
      id: objectionId,
      objectorName: '王小明',
      contactPhone: '13912345678',
      contactEmail: 'objector@example.cn',
      status: 'received',
      signedIn: false,
      evidence: [{ name: '合作协议.pdf' }],
      actions: ['uphold', 'reject'],
    });
    // staff read the evidence; the public and applicants do not
    const fileUrl = `/api/files/${staffView.objections[0].evidence[0].fileId}`;
    const file = await s.http(staff, 'GET', fileUrl);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await s.http(null, 'GET', fileUrl)).statusCode).toBe(401);
    const outsider = await makeApplicant(s.env, 'university');
    expect((await s.http(outsider.admin.cookie, 'GET', fileUrl)).statusCode).toBe(403);
    const audit = await db()
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'after'])
      .where('object_id', '=', objectionId)
      .execute();
    expect(audit.map((a) => [a.action, a.actor_id])).toEqual([['review.objection.lodge', null]]);
    expect(audit[0]!.after).toMatchObject({ evidence: [{ name: '合作协议.pdf' }] });
    expect(JSON.stringify(audit)).not.toContain('13912345678');
  });

  it('refuses the award while the period runs', async () => {
    const res = await s.http(staff, 'POST', `/api/review/notices/${noticeId}/award`);
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('公示期结束后');
  });

  it('refuses an objection after the period (2023-12-05) and closes the notice on that read', async () => {
    await moveTo('2023-12-05T09:00:00+08:00');
    const res = await s.http(null, 'POST', `/api/public/notices/${noticeId}/objections`, objection(ids[1]!));
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { code: string }) => e.code)).toEqual(['notice_closed']);
    expect(res.json().messageEn).toContain('has ended');
    const pub = (await s.http(null, 'GET', `/api/public/notices/${noticeId}`)).json();
    expect(pub).toMatchObject({ status: 'closed', state: 'closed' });
    const close = await db()
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('object_id', '=', noticeId)
      .where('action', '=', 'review.notice.close')
      .execute();
    expect(close).toHaveLength(1);
    expect(close[0]!.detail).toMatchObject({ automatic: true });
  });

  it('refuses the award while an objection awaits its finding (audited refusal, nothing changes)', async () => {
    const res = await s.http(staff, 'POST', `/api/review/notices/${noticeId}/award`);
    expect(res.statusCode).toBe(409);
    expect(res.json().params.reason).toBe('objections_undecided');
    const denied = await db()
      .selectFrom('audit_log')
      .select('detail')
      .where('object_id', '=', noticeId)
      .where('action', '=', 'permission.denied')
      .execute();
    expect(denied.at(-1)!.detail).toMatchObject({
      attempted: 'review.notice.award',
      reason: 'objections_undecided',
    });
    const apps = await db().selectFrom('applications').select('status').where('id', 'in', ids).execute();
    expect(apps.every((a) => a.status === 'submitted')).toBe(true);
  });

  it('records the finding: a reason is required, then upheld (audited)', async () => {
    const none = await s.http(staff, 'POST', `/api/review/objections/${objectionId}/decide`, {
      finding: 'upheld',
      reason: '  ',
    });
    expect(none.statusCode).toBe(400);
    expect(none.json().errors.map((e: { field: string }) => e.field)).toEqual(['reason']);
    const res = await s.http(staff, 'POST', `/api/review/objections/${objectionId}/decide`, {
      finding: 'upheld',
      reason: '经核实，申报书所列团队成员与实际不符，异议成立。',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().objections[0]).toMatchObject({ status: 'upheld', actions: [] });
    expect(res.json().awardList).toEqual({
      awarded: [ids[0], ids[1]],
      removed: [{ applicationId: ids[2], objectionIds: [objectionId] }],
      pending: [],
      final: true,
    });
    const again = await s.http(staff, 'POST', `/api/review/objections/${objectionId}/decide`, {
      finding: 'rejected',
      reason: '改判',
    });
    expect(again.statusCode).toBe(409);
    const audit = await db()
      .selectFrom('audit_log')
      .select(['action', 'after'])
      .where('object_id', '=', objectionId)
      .where('action', '=', 'review.objection.decide')
      .execute();
    expect(audit[0]!.after).toMatchObject({ status: 'upheld' });
  });

  it('awards the others (awarded, audited, mailed in zh and en); the upheld one is not awarded and is told why', async () => {
    const res = await s.http(staff, 'POST', `/api/review/notices/${noticeId}/award`);
    expect(res.statusCode, res.body).toBe(200);
    const n = res.json();
    expect(n.status).toBe('awarded');
    expect(n.entries.map((e: { outcome: string }) => e.outcome)).toEqual(['awarded', 'awarded', 'removed']);
    const apps = new Map(
      (await db().selectFrom('applications').select(['id', 'status']).where('id', 'in', ids).execute()).map(
        (a) => [a.id, a.status],
      ),
    );
    expect([apps.get(ids[0]!), apps.get(ids[1]!), apps.get(ids[2]!)]).toEqual([
      'awarded',
      'awarded',
      'submitted',
    ]);

    const audit = await db()
      .selectFrom('audit_log')
      .select(['action', 'object_id', 'before', 'after'])
      .where('action', 'in', ['review.notice.award', 'application.award', 'review.application.remove'])
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => [a.action, a.object_id])).toEqual([
      ['review.notice.award', noticeId],
      ['application.award', ids[0]],
      ['application.award', ids[1]],
      ['review.application.remove', ids[2]],
    ]);
    expect(audit[1]).toMatchObject({ before: { status: 'submitted' }, after: { status: 'awarded' } });

    const emails = async (a: Applicant) =>
      (
        await db().selectFrom('users').select('email').where('id', 'in', [a.admin.id, a.lead.id]).execute()
      ).map((u) => u.email);
    const mails = await db()
      .selectFrom('mail_outbox')
      .select(['to_address', 'subject', 'text_body'])
      .execute();
    const to = async (a: Applicant) => {
      const addrs = await emails(a);
      return mails.filter((m) => addrs.includes(m.to_address) && /立项/.test(m.subject));
    };
    const won = await to(applicants[0]!);
    expect(won).toHaveLength(2); // the organisation admin and the project lead
    expect(won[0]!.subject).toContain('项目已立项');
    expect(won[0]!.subject).toContain('Your project is awarded');
    expect(won[0]!.text_body).toContain('拟资助金额：300 万元');
    const lost = await to(applicants[2]!);
    expect(lost).toHaveLength(2);
    expect(lost[0]!.subject).toContain('未予立项');
    expect(lost[0]!.text_body).toContain('经核实，申报书所列团队成员与实际不符，异议成立。');
    expect(lost[0]!.text_body).toContain('was upheld');

    // the decision is published with the finding; the public still sees no contact
    const pub = await s.http(null, 'GET', `/api/public/notices/${noticeId}`);
    expect(pub.json().entries[2]).toMatchObject({
      outcome: 'removed',
      findings: ['经核实，申报书所列团队成员与实际不符，异议成立。'],
    });
    expect(pub.body).not.toContain('13912345678');
    // and a second award is refused: nothing leaves awarded
    expect((await s.http(staff, 'POST', `/api/review/notices/${noticeId}/award`)).statusCode).toBe(409);
  });
});
