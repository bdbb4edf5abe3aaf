// Issue 12, round 1 (seed 000 §四 第一轮通讯评审; seed 000 §二.4 the applicant's avoidance list): staff
// create a round with its score sheet, the solver assigns conflict-free experts with the reasons of
// every exclusion, a manual change that breaks a rule is refused naming it, the experts see only their
// own tasks and a blind copy, score before the deadline, decline with a declared conflict and are
// replaced, and the round's results rank the applications per direction.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { loginAs } from '../../testing/factories.js';
import { findDirection } from '../calls/index.js';
import { REDACTED } from '../applications/index.js';
import {
  approve,
  fillApplication,
  makeApplicant,
  programmeSuite,
  uploadPdf,
  type Applicant,
} from '../applications/programme.testkit.js';
import { fullEntry, makePoolExperts, SHEET, type MadeExpert } from './review.testkit.js';
import { DEFAULT_SCORE_SHEET } from './score-sheet.data.js';

const s = programmeSuite('review-round-');
const DEADLINE = '2023-11-20T17:00:00+08:00';

async function submitted(
  a: Applicant,
  direction: string,
  excluded: Array<{ name: string; employer: string }> = [],
) {
  const id = await fillApplication(s.env, s.call, s.callId, a, direction);
  if (excluded.length) {
    const got = (await s.http(a.lead.cookie, 'GET', `/api/applications/${id}`)).json();
    const r = await s.http(a.lead.cookie, 'PATCH', `/api/applications/${id}/draft`, {
      content: { ...got.content, excludedExperts: excluded.map((e) => ({ ...e, reason: '存在竞争关系' })) },
    });
    expect(r.statusCode, r.body).toBe(200);
    // seed 000 §二.4: the avoidance list comes with the organisation's letter
    const letter = await uploadPdf(s.env, a.lead.cookie, '回避专家公函.pdf');
    const at = await s.http(a.lead.cookie, 'POST', `/api/applications/${id}/attachments`, {
      type: 'avoidanceLetter',
      fileId: letter.id,
    });
    expect(at.statusCode, at.body).toBe(201);
  }
  await approve(s.env, id, a);
  const sub = await s.http(a.admin.cookie, 'POST', `/api/applications/${id}/submit`);
  expect(sub.statusCode, sub.body).toBe(201);
  return id;
}

const orgName = async (id: string) =>
  (
    await s.env.platform.ctx.db
      .selectFrom('orgs')
      .select('name')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
  ).name;
const audits = (action: string) =>
  s.env.platform.ctx.db
    .selectFrom('audit_log')
    .select(['object_id', 'detail'])
    .where('action', '=', action)
    .execute();

describe('review round 1: assignment, scoring and results', () => {
  let office: string;
  let apps: string[];
  let experts: MadeExpert[];
  let uniA: Applicant;
  let roundId: string;

  it('assigns conflict-free experts and says why each other one was excluded', async () => {
    office = s.staff;
    uniA = await makeApplicant(s.env, 'university');
    const uniB = await makeApplicant(s.env, 'university');
    const ent = await makeApplicant(s.env, 'enterprise');
    const d1 = findDirection(s.call, '1')!.direction.title;
    const d2 = findDirection(s.call, '2')!.direction.title;
    const other = await makeApplicant(s.env, 'university');
    const otherName = await orgName(other.orgId);
    experts = await makePoolExperts(s.env, office, [
      {
        name: '王立群',
        orgId: other.orgId,
        orgName: otherName,
        fields: `${d1}；概念验证`,
        keywords: '概念验证',
      },
      { name: '陆建华', orgId: uniA.orgId, orgName: await orgName(uniA.orgId), fields: `${d1}；概念验证` },
      {
        name: '沈文静',
        orgId: other.orgId,
        orgName: otherName,
        fields: `${d1}；技术转移`,
        keywords: '概念验证',
      },
      { name: '李明', orgId: other.orgId, orgName: otherName, fields: `${d2}；概念验证` },
      {
        name: '周海',
        orgId: other.orgId,
        orgName: otherName,
        fields: `${d2}；成果评估`,
        keywords: '概念验证',
      },
      { name: '陈默', orgId: other.orgId, orgName: otherName, fields: '概念验证；技术经纪' },
    ]);
    apps = [
      await submitted(uniA, '1', [{ name: '王立群', employer: otherName }]),
      await submitted(uniB, '1'),
      await submitted(ent, '2'),
    ];

    const created = await s.http(office, 'POST', '/api/review/rounds', {
      callId: s.callId,
      roundNo: 1,
      expertsPerApplication: 3,
      blind: true,
      scoreSheet: SHEET,
      deadlineAt: DEADLINE,
    });
    expect(created.statusCode, created.body).toBe(200);
    roundId = created.json().id;
    expect(created.json()).toMatchObject({ status: 'preparing', kind: 'remoteReview', applications: 3 });
    expect(created.json().actions).toContain('assign');

    const res = await s.http(office, 'POST', `/api/review/rounds/${roundId}/assign`);
    expect(res.statusCode, res.body).toBe(200);
    const round = res.json();
    for (const item of round.items) {
      expect(item.experts).toHaveLength(3);
      expect(item.shortfall).toBeNull();
      expect(new Set(item.experts.map((e: { expertUserId: string }) => e.expertUserId)).size).toBe(3);
    }
    const first = round.items.find((i: { applicationId: string }) => i.applicationId === apps[0]);
    const names = first.experts.map((e: { expertName: string }) => e.expertName);
    // 王立群 is on the applicant's avoidance list, 陆建华 works for the applicant
    expect(names).not.toContain('王立群');
    expect(names).not.toContain('陆建华');
    const why = Object.fromEntries(
      first.excluded.map((x: { expertName: string; conflicts: Array<{ code: string }> }) => [
        x.expertName,
        x.conflicts.map((c) => c.code),
      ]),
    );
    expect(why).toEqual({ 王立群: ['avoidanceList'], 陆建华: ['sameOrganisation'] });
    expect(
      first.excluded.find((x: { expertName: string }) => x.expertName === '王立群').conflicts[0].zh,
    ).toContain('申报单位申请回避');
    // the matched terms say why an expert fits
    expect(first.experts.some((e: { matchedTerms: string[] }) => e.matchedTerms.length > 0)).toBe(true);
    expect(round.report.totalAffinity).toBeLessThanOrEqual(round.report.affinityBound + 1e-9);
    for (const l of round.loads) expect(l.load).toBeLessThanOrEqual(l.capacity);
    expect(await audits('review.round.assign')).toHaveLength(1);
  });

  it('answers the default score sheet a new round starts with to staff, and refuses an expert', async () => {
    const res = await s.http(office, 'GET', '/api/review/score-sheets/default');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual(DEFAULT_SCORE_SHEET);
    expect((await s.http(experts[0]!.cookie, 'GET', '/api/review/score-sheets/default')).statusCode).toBe(
      403,
    );
  });

  it('refuses a manual change that breaks a conflict rule, naming the rule; accepts one with a reason', async () => {
    const round = (await s.http(office, 'GET', `/api/review/rounds/${roundId}`)).json();
    const first = round.items.find((i: { applicationId: string }) => i.applicationId === apps[0]);
    const a = first.experts[0];
    const wang = experts.find((e) => e.name === '王立群')!;
    const bad = await s.http(office, 'POST', `/api/review/assignments/${a.assignmentId}/change`, {
      expertUserId: wang.id,
      reason: '专业更对口',
      version: a.version,
    });
    expect(bad.statusCode).toBe(400);
    const fields = bad.json().errors ?? bad.json().fields;
    expect(JSON.stringify(fields)).toContain('conflict_avoidanceList');
    expect(JSON.stringify(bad.json())).toContain('回避规则');

    const noReason = await s.http(office, 'POST', `/api/review/assignments/${a.assignmentId}/change`, {
      expertUserId: experts[5]!.id,
      reason: '',
      version: a.version,
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('reason');

    const free = experts.find(
      (e) =>
        !first.experts.some((x: { expertUserId: string }) => x.expertUserId === e.id) &&
        !first.excluded.some((x: { expertUserId: string }) => x.expertUserId === e.id),
    )!;
    const ok = await s.http(office, 'POST', `/api/review/assignments/${a.assignmentId}/change`, {
      expertUserId: free.id,
      reason: '原专家出差，改由同领域专家评审',
      version: a.version,
    });
    expect(ok.statusCode, ok.body).toBe(204);
    const after = (await s.http(office, 'GET', `/api/review/rounds/${roundId}`)).json();
    const row = after.items.find((i: { applicationId: string }) => i.applicationId === apps[0]);
    expect(row.experts.find((e: { assignmentId: string }) => e.assignmentId === a.assignmentId).status).toBe(
      'replaced',
    );
    expect(
      row.experts.find((e: { expertUserId: string; status: string }) => e.expertUserId === free.id),
    ).toMatchObject({ source: 'staff', changeReason: '原专家出差，改由同领域专家评审', status: 'assigned' });
    expect(await audits('review.assignment.change')).toHaveLength(1);
  });

  it('opens the round and tells each expert; an expert sees only their own tasks, blind', async () => {
    const round = (await s.http(office, 'GET', `/api/review/rounds/${roundId}`)).json();
    const opened = await s.http(office, 'POST', `/api/review/rounds/${roundId}/open`, {
      version: round.version,
    });
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.json().status).toBe('open');
    const notes = await s.env.platform.ctx.db
      .selectFrom('notifications')
      .select(['user_id', 'kind'])
      .where('kind', '=', 'review.round.opened')
      .execute();
    const assigned = new Set<string>(
      opened
        .json()
        .items.flatMap((i: { experts: Array<{ expertUserId: string; status: string }> }) =>
          i.experts.filter((e) => e.status === 'assigned').map((e) => e.expertUserId),
        ),
    );
    expect(new Set(notes.map((n) => n.user_id))).toEqual(assigned);

    const chen = experts.find((e) => assigned.has(e.id))!;
    const tasks = (await s.http(chen.cookie, 'GET', '/api/review/tasks')).json();
    const mine = opened
      .json()
      .items.flatMap(
        (i: { experts: Array<{ expertUserId: string; assignmentId: string; status: string }> }) =>
          i.experts
            .filter((e) => e.expertUserId === chen.id && e.status === 'assigned')
            .map((e) => e.assignmentId),
      );
    expect(tasks.map((t: { assignmentId: string }) => t.assignmentId).sort()).toEqual(mine.sort());
    // someone else's task answers as if it did not exist
    const others = opened
      .json()
      .items.flatMap((i: { experts: Array<{ expertUserId: string; assignmentId: string }> }) =>
        i.experts.filter((e) => e.expertUserId !== chen.id).map((e) => e.assignmentId),
      );
    expect((await s.http(chen.cookie, 'GET', `/api/review/tasks/${others[0]}`)).statusCode).toBe(404);
    // staff routes are not for experts
    expect((await s.http(chen.cookie, 'GET', `/api/review/rounds/${roundId}`)).statusCode).toBe(403);

    const detail = await s.http(chen.cookie, 'GET', `/api/review/tasks/${tasks[0].assignmentId}`);
    expect(detail.statusCode, detail.body).toBe(200);
    const body = detail.body;
    for (const id of apps) {
      const org = await orgName(
        (
          await s.env.platform.ctx.db
            .selectFrom('applications')
            .select('org_id')
            .where('id', '=', id)
            .executeTakeFirstOrThrow()
        ).org_id,
      );
      expect(body).not.toContain(org);
    }
    expect(body).not.toContain('张三'); // the lead of every fixture application
    expect(body).not.toContain('13912345678');
    expect(detail.json().document.project.title).toBeTruthy();
    expect(detail.json().scoreSheet.criteria).toHaveLength(4);
    void REDACTED;
  });

  it('an expert accepts, saves a draft, is told every missing field, submits once', async () => {
    const round = (await s.http(office, 'GET', `/api/review/rounds/${roundId}`)).json();
    const live = round.items.flatMap(
      (i: {
        experts: Array<{ expertUserId: string; assignmentId: string; status: string; version: number }>;
      }) => i.experts.filter((e) => e.status === 'assigned'),
    );
    const t = live[0];
    const ex = experts.find((e) => e.id === t.expertUserId)!;
    const early = await s.http(ex.cookie, 'POST', `/api/review/tasks/${t.assignmentId}/scores`, {
      ...fullEntry(80),
      version: t.version,
    });
    expect(early.statusCode).toBe(409); // accept first
    const acc = await s.http(ex.cookie, 'POST', `/api/review/tasks/${t.assignmentId}/accept`, {
      version: t.version,
    });
    expect(acc.statusCode, acc.body).toBe(200);
    const draft = await s.http(ex.cookie, 'POST', `/api/review/tasks/${t.assignmentId}/scores`, {
      scores: { innovation: 25 },
      comments: {},
      recommendation: null,
      overallComment: '',
      version: acc.json().version,
    });
    expect(draft.statusCode, draft.body).toBe(200);
    expect(draft.json().entry.scores).toEqual({ innovation: 25 });
    const incomplete = await s.http(ex.cookie, 'POST', `/api/review/tasks/${t.assignmentId}/submit`, {
      scores: { innovation: 25 },
      comments: {},
      recommendation: null,
      overallComment: '',
      version: draft.json().version,
    });
    expect(incomplete.statusCode).toBe(400);
    for (const f of ['market', 'team', 'plan', 'recommendation', 'overallComment'])
      expect(incomplete.body).toContain(f);
    const sub = await s.http(ex.cookie, 'POST', `/api/review/tasks/${t.assignmentId}/submit`, {
      ...fullEntry(90),
      version: draft.json().version,
    });
    expect(sub.statusCode, sub.body).toBe(200);
    expect(sub.json()).toMatchObject({ status: 'submitted', total: 90 });
    const again = await s.http(ex.cookie, 'POST', `/api/review/tasks/${t.assignmentId}/scores`, {
      ...fullEntry(50),
      version: sub.json().version,
    });
    expect(again.statusCode).toBe(409);
  });

  it('a declared conflict replaces the expert with a conflict-free one, and bars them from the application', async () => {
    const round = (await s.http(office, 'GET', `/api/review/rounds/${roundId}`)).json();
    const item = round.items.find((i: { applicationId: string }) => i.applicationId === apps[1]);
    const t = item.experts.find((e: { status: string }) => e.status === 'assigned');
    const ex = experts.find((e) => e.id === t.expertUserId)!;
    const res = await s.http(ex.cookie, 'POST', `/api/review/tasks/${t.assignmentId}/decline`, {
      conflict: true,
      reason: '本人曾与该项目团队合作',
      version: t.version,
    });
    expect(res.statusCode, res.body).toBe(204);
    const after = (await s.http(office, 'GET', `/api/review/rounds/${roundId}`)).json();
    const row = after.items.find((i: { applicationId: string }) => i.applicationId === apps[1]);
    expect(
      row.experts.find((e: { assignmentId: string }) => e.assignmentId === t.assignmentId),
    ).toMatchObject({
      status: 'replaced',
      declaredConflict: true,
      declineReason: '本人曾与该项目团队合作',
    });
    const live = row.experts.filter((e: { status: string }) =>
      ['assigned', 'accepted', 'submitted'].includes(e.status),
    );
    expect(live).toHaveLength(3);
    expect(live.map((e: { expertUserId: string }) => e.expertUserId)).not.toContain(ex.id);
    expect(row.experts.find((e: { source: string }) => e.source === 'replacement')).toBeTruthy();
    // staff cannot put them back on it
    const back = await s.http(office, 'POST', `/api/review/assignments/${live[0].assignmentId}/change`, {
      expertUserId: ex.id,
      reason: '重新安排',
      version: live[0].version,
    });
    expect(back.statusCode).toBe(400);
    expect(back.body).toContain('conflict_declared');
    expect(await audits('review.assignment.replace')).toHaveLength(1);
  });

  it('refuses a late score and an early close; after the deadline closes and ranks per direction', async () => {
    const round = (await s.http(office, 'GET', `/api/review/rounds/${roundId}`)).json();
    const early = await s.http(office, 'POST', `/api/review/rounds/${roundId}/close`, {
      version: round.version,
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().detail ?? early.body).toContain('未提交');
    // every other live assignment scores before the deadline
    const scores = [70, 75, 80, 85, 60, 65, 88, 72, 66];
    let k = 0;
    let left: { ex: MadeExpert; id: string; version: number } | undefined;
    for (const item of round.items)
      for (const e of item.experts.filter((x: { status: string }) =>
        ['assigned', 'accepted'].includes(x.status),
      )) {
        const ex = experts.find((x) => x.id === e.expertUserId)!;
        let v = e.version;
        if (e.status === 'assigned') {
          const acc = await s.http(ex.cookie, 'POST', `/api/review/tasks/${e.assignmentId}/accept`, {
            version: v,
          });
          expect(acc.statusCode, acc.body).toBe(200);
          v = acc.json().version;
        }
        if (k === 0) {
          // one is left unsubmitted until the deadline
          k++;
          left = { ex, id: e.assignmentId, version: v };
          continue;
        }
        const sub = await s.http(ex.cookie, 'POST', `/api/review/tasks/${e.assignmentId}/submit`, {
          ...fullEntry(scores[k++ % scores.length]!, k % 2 ? 'fund' : 'maybe'),
          version: v,
        });
        expect(sub.statusCode, sub.body).toBe(200);
      }
    // at the deadline instant a score is refused (sessions do not outlive a month: sign in again)
    s.env.setNow(new Date('2023-11-20T17:00:00+08:00'));
    const late = await s.http(
      await loginAs(s.env, left!.ex.user),
      'POST',
      `/api/review/tasks/${left!.id}/submit`,
      {
        ...fullEntry(70),
        version: left!.version,
      },
    );
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain('2023-11-20 17:00:00');
    s.env.setNow(new Date('2023-11-21T09:00:00+08:00'));
    office = await loginAs(s.env, ['commissionStaff']);
    const cur = (await s.http(office, 'GET', `/api/review/rounds/${roundId}`)).json();
    const closed = await s.http(office, 'POST', `/api/review/rounds/${roundId}/close`, {
      version: cur.version,
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().status).toBe('closed');

    const res = await s.http(office, 'GET', `/api/review/rounds/${roundId}/results`);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.items).toHaveLength(3);
    const d1 = r.items.filter((i: { directionCode: string }) => i.directionCode === '1');
    expect(d1.map((i: { rank: number }) => i.rank)).toEqual([1, 2]);
    expect(d1[0].trimmedMean).toBeGreaterThanOrEqual(d1[1].trimmedMean);
    expect(r.items.find((i: { directionCode: string }) => i.directionCode === '2').rank).toBe(1);
    expect(r.submitted).toBe(r.expected - 1);
    // the Excel export: the ranking, and every sheet by criterion with experts numbered, not named
    const xlsx = await s.http(office, 'GET', `/api/review/rounds/${roundId}/results/export`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const [ranking, detail] = wb.worksheets;
    expect(ranking!.getRow(1).getCell(8).text).toBe('截尾均值');
    expect(ranking!.getRow(2).getCell(8).value).toBe(r.items[0].trimmedMean);
    expect(detail!.actualRowCount - 1).toBe(r.submitted);
    const cells: string[] = [];
    detail!.eachRow((row) => row.eachCell((c) => cells.push(c.text)));
    for (const e of experts) expect(cells.join('\n')).not.toContain(e.name);
    expect(cells).toContain('专家1');
    const auditor = await loginAs(s.env, ['auditor']);
    expect((await s.http(auditor, 'GET', `/api/review/rounds/${roundId}/results`)).statusCode).toBe(200);
    const lead = await loginAs(s.env, ['projectLead']);
    expect((await s.http(lead, 'GET', `/api/review/rounds/${roundId}/results`)).statusCode).toBe(403);
  });

  it("round 2 (见面会评审) takes round 1's best per direction and, when asked, other experts", async () => {
    const res = await s.http(office, 'POST', '/api/review/rounds', {
      callId: s.callId,
      roundNo: 2,
      expertsPerApplication: 1,
      blind: false,
      excludeEarlierReviewers: true,
      scoreSheet: SHEET,
      deadlineAt: '2023-12-05T17:00:00+08:00',
      shortlistQuota: { '1': 1, '2': 1 },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ kind: 'panelReview', applications: 2 });
    const ranked = (await s.http(office, 'GET', `/api/review/rounds/${roundId}/results`)).json().items;
    const best = ranked
      .filter((i: { rank: number }) => i.rank === 1)
      .map((i: { applicationId: string }) => i.applicationId);
    expect(
      res
        .json()
        .items.map((i: { applicationId: string }) => i.applicationId)
        .sort(),
    ).toEqual(best.sort());
    // before its experts are assigned it cannot open: each application is named with its 0/1 experts
    const unready = await s.http(office, 'POST', `/api/review/rounds/${res.json().id}/open`, {
      version: res.json().version,
    });
    expect(unready.statusCode).toBe(409);
    expect(unready.json().detail ?? unready.body).toContain('评审专家不足 1 位');
    expect(unready.json().detail ?? unready.body).toContain('（0/1）');
    const assigned = (await s.http(office, 'POST', `/api/review/rounds/${res.json().id}/assign`)).json();
    const first = (await s.http(office, 'GET', `/api/review/rounds/${roundId}`)).json();
    for (const item of assigned.items) {
      const earlier = first.items
        .find((i: { applicationId: string }) => i.applicationId === item.applicationId)
        .experts.filter((e: { status: string }) => e.status === 'submitted' || e.status === 'accepted')
        .map((e: { expertUserId: string }) => e.expertUserId);
      for (const e of item.experts) expect(earlier).not.toContain(e.expertUserId);
      const codes = item.excluded.flatMap((x: { conflicts: Array<{ code: string }> }) =>
        x.conflicts.map((c) => c.code),
      );
      expect(codes).toContain('earlierRound');
    }
    // a call has one round of each number
    const again = await s.http(office, 'POST', '/api/review/rounds', {
      callId: s.callId,
      roundNo: 2,
      expertsPerApplication: 1,
      blind: false,
      scoreSheet: SHEET,
      deadlineAt: '2023-12-05T17:00:00+08:00',
    });
    expect(again.statusCode).toBe(409);
  });
});
