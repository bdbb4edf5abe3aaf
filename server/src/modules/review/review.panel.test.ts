// Issue 12, round 2 (seed 000 §四 第二轮见面会评审; seed 003 table 1-8: 2023 had two rounds): round 1's
// best per direction go to the panel; staff schedule a session on a working day with a slot for each
// shortlisted application, the applicants are told their slot by mail, the panel scores, the minutes
// (a file and a decision per application, a reason for any but 建议立项) are recorded, and the call's
// final ranking is the panel's, without the application that did not attend.
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
import { makePoolExperts, scoreRound, SHEET, stepRound, type MadeExpert } from './review.testkit.js';

const s = programmeSuite('review-panel-');
const db = () => s.env.platform.ctx.db;

async function submitted(a: Applicant, direction: string) {
  const id = await fillApplication(s.env, s.call, s.callId, a, direction);
  await approve(s.env, id, a);
  const sub = await s.http(a.admin.cookie, 'POST', `/api/applications/${id}/submit`);
  expect(sub.statusCode, sub.body).toBe(201);
  return id;
}

interface Item {
  applicationId: string;
}
const scoreAll = (roundId: string, cookies: ReadonlyMap<string, string>, pct: (id: string) => number) =>
  scoreRound(s, roundId, cookies, pct);
const step = (roundId: string, action: 'open' | 'close') => stepRound(s, roundId, action);

describe('review round 2: panel sessions, minutes and the final ranking', () => {
  let apps: string[];
  let applicants: Applicant[];
  let experts: MadeExpert[];
  let panelId: string;
  let sessionId: string;

  it('shortlists round 1’s best per direction for the panel', async () => {
    const office = s.staff;
    applicants = [
      await makeApplicant(s.env, 'university'),
      await makeApplicant(s.env, 'university'),
      await makeApplicant(s.env, 'university'),
      await makeApplicant(s.env, 'enterprise'),
    ];
    const other = await makeApplicant(s.env, 'university');
    experts = await makePoolExperts(
      s.env,
      office,
      ['顾明', '钱岚', '孙毅', '吴静'].map((name) => ({
        name,
        orgId: other.orgId,
        orgName: '上海某研究院',
        fields: '概念验证；技术转移；成果评估',
        keywords: '概念验证',
      })),
    );
    apps = [
      await submitted(applicants[0]!, '1'),
      await submitted(applicants[1]!, '1'),
      await submitted(applicants[2]!, '1'),
      await submitted(applicants[3]!, '2'),
    ];
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
    await step(r1.json().id, 'open');
    // round 1: apps[0] 90, apps[1] 80, apps[2] 70 (direction 1), apps[3] 85 (direction 2)
    const r1Pct = new Map([
      [apps[0]!, 90],
      [apps[1]!, 80],
      [apps[2]!, 70],
      [apps[3]!, 85],
    ]);
    await scoreAll(r1.json().id, new Map(experts.map((e) => [e.id, e.cookie])), (id) => r1Pct.get(id)!);
    await step(r1.json().id, 'close');
    // a month on: sessions do not outlive it, everyone signs in again
    s.env.setNow(new Date('2023-11-21T09:00:00+08:00'));

    const r2 = await s.http(await loginAs(s.env, ['commissionStaff']), 'POST', '/api/review/rounds', {
      callId: s.callId,
      roundNo: 2,
      expertsPerApplication: 2,
      blind: false,
      scoreSheet: SHEET,
      deadlineAt: '2023-11-30T17:00:00+08:00',
      shortlistQuota: { '1': 2, '2': 1 },
    });
    expect(r2.statusCode, r2.body).toBe(200);
    panelId = r2.json().id;
    expect(
      r2
        .json()
        .items.map((i: Item) => i.applicationId)
        .sort(),
    ).toEqual([apps[0], apps[1], apps[3]].sort());
  });

  it('schedules a session on a working day for shortlisted applications only, naming each wrong field', async () => {
    const office = await loginAs(s.env, ['commissionStaff']);
    expect((await s.http(office, 'POST', `/api/review/rounds/${panelId}/assign`)).statusCode).toBe(200);
    const bad = await s.http(office, 'POST', `/api/review/rounds/${panelId}/sessions`, {
      title: '见面会第一场',
      venue: '上海市科委 3 楼会议室',
      startsAt: '2023-11-25T09:00:00+08:00', // a Saturday
      slotMinutes: 20,
      applicationIds: [apps[0], apps[2], apps[0]],
    });
    expect(bad.statusCode).toBe(400);
    const fields = bad.json().errors.map((f: { field: string; code: string }) => `${f.field}:${f.code}`);
    expect(fields).toEqual(
      expect.arrayContaining([
        'startsAt:not_working_day',
        'applicationIds.1:not_shortlisted',
        'applicationIds.2:duplicate',
      ]),
    );
    expect(bad.body).toContain('2023-11-25 不是工作日');
    const past = await s.http(office, 'POST', `/api/review/rounds/${panelId}/sessions`, {
      title: '见面会第一场',
      venue: '上海市科委 3 楼会议室',
      startsAt: '2023-11-20T09:00:00+08:00',
      slotMinutes: 20,
      applicationIds: [apps[0]],
    });
    expect(past.json().errors.map((f: { code: string }) => f.code)).toContain('in_past');

    const ok = await s.http(office, 'POST', `/api/review/rounds/${panelId}/sessions`, {
      title: '见面会第一场',
      venue: '上海市科委 3 楼会议室',
      startsAt: '2023-11-28T09:00:00+08:00',
      slotMinutes: 20,
      applicationIds: [apps[1], apps[0], apps[3]],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    sessionId = ok.json().id;
    expect(ok.json()).toMatchObject({ status: 'scheduled', actions: ['notify'] });
    expect(
      ok.json().slots.map((x: { applicationId: string; startsAt: string }) => [x.applicationId, x.startsAt]),
    ).toEqual([
      [apps[1], '2023-11-28T01:00:00.000Z'],
      [apps[0], '2023-11-28T01:20:00.000Z'],
      [apps[3], '2023-11-28T01:40:00.000Z'],
    ]);
    // the panel: the experts the round assigned to the session's applications, conflict-free
    expect(ok.json().members.length).toBeGreaterThanOrEqual(2);
    const again = await s.http(office, 'POST', `/api/review/rounds/${panelId}/sessions`, {
      title: '见面会第二场',
      venue: '线上会议',
      startsAt: '2023-11-29T09:00:00+08:00',
      slotMinutes: 20,
      applicationIds: [apps[0]],
    });
    expect(again.json().errors.map((f: { code: string }) => f.code)).toEqual(['already_slotted']);
    const list = (await s.http(office, 'GET', `/api/review/rounds/${panelId}/sessions`)).json();
    expect(list.sessions).toHaveLength(1);
    expect(list.unscheduled).toEqual([]);
    // not for applicants, not for experts
    const lead = await loginAs(s.env, ['projectLead']);
    expect((await s.http(lead, 'GET', `/api/review/rounds/${panelId}/sessions`)).statusCode).toBe(403);
    const audit = await db()
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'review.panel.schedule')
      .execute();
    expect(audit.map((a) => a.object_id)).toEqual([sessionId]);
  });

  it('tells each applicant its slot by mail and in-app', async () => {
    const office = await loginAs(s.env, ['commissionStaff']);
    const cur = (await s.http(office, 'GET', `/api/review/sessions/${sessionId}`)).json();
    const res = await s.http(office, 'POST', `/api/review/sessions/${sessionId}/notify`, {
      version: cur.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'notified' });
    const addrs = (
      await db()
        .selectFrom('users')
        .select('email')
        .where('id', 'in', [applicants[0]!.lead.id, applicants[0]!.admin.id])
        .execute()
    ).map((u) => u.email);
    const mails = (
      await db().selectFrom('mail_outbox').select(['to_address', 'subject', 'text_body']).execute()
    ).filter((m) => addrs.includes(m.to_address) && m.subject.includes('见面会'));
    expect(mails.length).toBeGreaterThanOrEqual(1);
    expect(mails[0]!.subject).toContain('2023-11-28 09:20');
    expect(mails[0]!.text_body).toContain('上海市科委 3 楼会议室');
    expect(mails[0]!.text_body).toContain('09:20—09:40');
    // the fourth applicant, not shortlisted, is told nothing
    const out = (
      await db().selectFrom('users').select('email').where('id', '=', applicants[2]!.lead.id).execute()
    ).map((u) => u.email);
    expect(
      (await db().selectFrom('mail_outbox').select(['to_address', 'subject']).execute()).filter(
        (m) => out.includes(m.to_address) && m.subject.includes('见面会'),
      ),
    ).toEqual([]);
  });

  it('records the minutes with a decision each, then ranks by the panel without the absent one', async () => {
    await step(panelId, 'open');
    // the panel: apps[1] 95, apps[0] 75, apps[3] 88
    const r2Pct = new Map([
      [apps[0]!, 75],
      [apps[1]!, 95],
      [apps[3]!, 88],
    ]);
    const cookies = new Map<string, string>();
    for (const e of experts) cookies.set(e.id, await loginAs(s.env, e.user));
    await scoreAll(panelId, cookies, (id) => r2Pct.get(id)!);
    s.env.setNow(new Date('2023-11-28T12:00:00+08:00'));
    const office = await loginAs(s.env, ['commissionStaff']);
    const file = await uploadPdf(s.env, office, '见面会纪要.pdf');
    const cur = (await s.http(office, 'GET', `/api/review/sessions/${sessionId}`)).json();
    const incomplete = await s.http(office, 'POST', `/api/review/sessions/${sessionId}/minutes`, {
      version: cur.version,
      fileId: file.id,
      decisions: [
        { applicationId: apps[1], decision: 'recommended' },
        { applicationId: apps[0], decision: 'absent' },
      ],
    });
    expect(incomplete.statusCode).toBe(400);
    expect(
      incomplete.json().errors.map((f: { field: string; code: string }) => `${f.field}:${f.code}`),
    ).toEqual(['decisions.1.note:required', 'decisions:missing']);
    const noFile = await s.http(office, 'POST', `/api/review/sessions/${sessionId}/minutes`, {
      version: cur.version,
      fileId: applicants[0]!.lead.id,
      decisions: [],
    });
    expect(noFile.json().errors.map((f: { field: string }) => f.field)).toEqual(['fileId']);
    const ok = await s.http(office, 'POST', `/api/review/sessions/${sessionId}/minutes`, {
      version: cur.version,
      fileId: file.id,
      note: '专家组 5 人到会，全程录像。',
      decisions: [
        { applicationId: apps[1], decision: 'recommended' },
        { applicationId: apps[0], decision: 'absent', note: '项目负责人未按时到场答辩' },
        { applicationId: apps[3], decision: 'recommended' },
      ],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'minuted', minutesFileId: file.id, actions: [] });
    expect(ok.json().slots[1]).toMatchObject({
      decision: 'absent',
      decisionLabel: { zh: '未到场答辩' },
      decisionNote: '项目负责人未按时到场答辩',
    });
    const audit = await db()
      .selectFrom('audit_log')
      .select(['after'])
      .where('action', '=', 'review.panel.minutes')
      .executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ fileId: file.id, sha256: file.sha256 });

    await step(panelId, 'close');
    const rank = await s.http(office, 'GET', `/api/review/calls/${s.callId}/final-ranking`);
    expect(rank.statusCode, rank.body).toBe(200);
    expect(rank.json()).toMatchObject({ reviewMode: 'twoRounds', complete: true });
    const items = rank.json().items as Array<{ applicationId: string; rank: number; round1Rank: number }>;
    // direction 1: apps[1] alone (apps[0] did not attend; apps[2] was not shortlisted); direction 2: apps[3]
    expect(items.map((i) => [i.applicationId, i.rank, i.round1Rank])).toEqual([
      [apps[1], 1, 2],
      [apps[3], 1, 1],
    ]);
    const auditor = await loginAs(s.env, ['auditor']);
    expect((await s.http(auditor, 'GET', `/api/review/calls/${s.callId}/final-ranking`)).statusCode).toBe(
      200,
    );
    const expert = await loginAs(s.env, experts[0]!.user);
    expect((await s.http(expert, 'GET', `/api/review/calls/${s.callId}/final-ranking`)).statusCode).toBe(403);

    // the expert opinion form (专家评审意见表) in Word: scores by criterion, experts numbered, not named
    const form = (id: string) => `/api/review/rounds/${panelId}/applications/${id}/opinion.docx`;
    const docx = await s.http(office, 'GET', form(apps[1]!));
    expect(docx.statusCode, docx.body).toBe(200);
    expect(docx.headers['content-disposition']).toContain(encodeURIComponent('专家评审意见表'));
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('专家评审意见表（第2轮见面会评审）');
    expect(text).toContain('专家1');
    expect(text).toContain('专家2');
    expect(text).toContain('技术先进性与创新性');
    expect(text).toContain('项目基础扎实，建议按计划推进。');
    expect(text).toContain('在本方向排名第 1 位');
    for (const e of experts) expect(text).not.toContain(e.name);
    expect((await s.http(auditor, 'GET', form(apps[2]!))).statusCode).toBe(404);
    expect((await s.http(expert, 'GET', form(apps[1]!))).statusCode).toBe(403);
  });
});
