/**
 * A call's review rounds as staff run them (issue 12; seed 000 §四: 第一轮通讯评审, 第二轮见面会评审):
 * create a round with its score sheet and deadline, see the assignment table with every exclusion's
 * reason, open it (the experts are told) and close it. Assigning is assign.service.ts; an expert's
 * side is score.service.ts; changes of one assignment are assignment.service.ts.
 */
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import { appendAudit } from '../../platform/audit.js';
import { auditActor, type Caller } from '../../platform/caller.js';
import { enforce, transaction } from '../../platform/enforce.js';
import { DomainError, fieldError, validationError } from '../../platform/errors.js';
import { formatShanghai, loadCall } from '../calls/index.js';
import { reviewCandidates } from '../applications/index.js';
import { expertCards, reviewPool } from '../experts/index.js';
import { reportOf, type AssignmentReport } from './assign.service.js';
import {
  assignmentsOfRound,
  findRound,
  insertRound,
  roundsOfCall,
  updateRound,
  type RoundRow,
} from './review.repo.js';
import { assignedExpertDto, countByStatus, roundSummaryDto } from './round.dto.js';
import { canClose, canOpen } from './round.rules.js';
import type { CreateRoundBody, VersionBody } from './review.schema.js';
import { ASSIGNMENT, ROUND } from './review.workflow.js';
import { roundRanking } from './results.service.js';
import { shortlist } from './shortlist.rules.js';

const LIVE_STATES = [
  ASSIGNMENT.state.assigned,
  ASSIGNMENT.state.accepted,
  ASSIGNMENT.state.submitted,
] as string[];

export async function createRound(ctx: AppContext, caller: Caller, body: CreateRoundBody) {
  const { call } = await loadCall(ctx, body.callId);
  const errors = [];
  if (new Date(body.deadlineAt).getTime() <= caller.now.getTime())
    errors.push(
      fieldError('deadlineAt', 'in_past', '评审截止时间应晚于当前时间', 'The deadline must lie ahead'),
    );
  const existing = await roundsOfCall(ctx.db, body.callId);
  if (existing.some((r) => r.round_no === body.roundNo))
    throw new DomainError('conflict', {
      zh: `该指南已有第 ${body.roundNo} 轮评审`,
      en: `The call already has review round ${body.roundNo}`,
    });
  let scope: string[] | undefined;
  if (body.roundNo === 2) {
    const first = existing.find((r) => r.round_no === 1);
    if (call.reviewMode !== 'twoRounds')
      errors.push(
        fieldError(
          'roundNo',
          'one_round_call',
          '本指南只有一轮（通讯评审）',
          'This call has one review round only',
        ),
      );
    else if (!first || first.status !== ROUND.state.closed)
      errors.push(
        fieldError(
          'roundNo',
          'round1_open',
          '第一轮评审结束后才能组织见面会评审',
          'Close round 1 before the panel round',
        ),
      );
    else
      scope = shortlist((await roundRanking(ctx, first, false)).ranked, body.shortlistQuota).map(
        (s) => s.applicationId,
      );
  } else if ((await reviewCandidates(ctx, body.callId)).length === 0)
    errors.push(
      fieldError(
        'callId',
        'nothing_to_review',
        '该指南没有通过形式审查的申报',
        'No application of this call passed screening',
      ),
    );
  if (scope && scope.length === 0)
    errors.push(
      fieldError('shortlistQuota', 'empty', '入围见面会的项目为空', 'The shortlist for the panel is empty'),
    );
  if (errors.length) throw validationError(errors);
  const id = randomUUID();
  await transaction(ctx, async (trx) => {
    const report: AssignmentReport = scope ? { scope } : {};
    await insertRound(trx, {
      id,
      call_id: body.callId,
      round_no: body.roundNo,
      kind: body.roundNo === 1 ? 'remoteReview' : 'panelReview',
      experts_per_application: body.expertsPerApplication,
      blind: body.blind,
      exclude_earlier_reviewers: body.excludeEarlierReviewers,
      score_sheet: JSON.stringify(body.scoreSheet),
      deadline_at: body.deadlineAt,
      assignment_report: JSON.stringify(report),
      created_by: caller.actor.userId,
      created_at: caller.now,
      updated_at: caller.now,
    });
    await appendAudit(trx, {
      actor: auditActor(caller),
      action: 'review.round.create',
      objectType: 'review.round',
      objectId: id,
      after: { ...body, shortlist: scope },
    });
  });
  return getRound(ctx, caller, id);
}

export async function listRounds(ctx: AppContext, caller: Caller, callId: string) {
  const rounds = await roundsOfCall(ctx.db, callId);
  return Promise.all(
    rounds.map(async (r) => {
      const rows = (await assignmentsOfRound(ctx.db, r.id)).filter((a) => LIVE_STATES.includes(a.status));
      return roundSummaryDto(
        r,
        { applications: new Set(rows.map((a) => a.application_id)).size, assignments: countByStatus(rows) },
        caller.actor,
      );
    }),
  );
}

const NO_ROUND = { zh: '评审轮次不存在', en: 'No such review round' };

async function loadRound(ctx: AppContext, id: string): Promise<RoundRow> {
  const r = await findRound(ctx.db, id);
  if (!r) throw new DomainError('not_found', NO_ROUND);
  return r;
}

/** The applications a round reviews: those of its call that passed screening, within its shortlist if any. */
async function applicationsOfRound(ctx: AppContext, r: RoundRow) {
  const { scope } = reportOf(r);
  const all = await reviewCandidates(ctx, r.call_id);
  return scope ? all.filter((a) => scope.includes(a.applicationId)) : all;
}

/** The round with its assignment table: per application the experts, the excluded ones and why. */
export async function getRound(ctx: AppContext, caller: Caller, id: string) {
  const r = await loadRound(ctx, id);
  const report = reportOf(r);
  const apps = await applicationsOfRound(ctx, r);
  const rows = await assignmentsOfRound(ctx.db, id);
  const cards = new Map(
    (await expertCards(ctx.db, [...new Set(rows.map((a) => a.expert_user_id))])).map((c) => [c.id, c]),
  );
  const expertOf = (uid: string) => {
    const c = cards.get(uid);
    return c ? { name: c.name, orgName: c.org_name } : undefined;
  };
  const pool = await reviewPool(ctx.db);
  const maxLoad = new Map(pool.map((e) => [e.userId, e.maxLoadPerRound]));
  const live = rows.filter((a) => LIVE_STATES.includes(a.status));
  // every active expert of the pool is a choice when staff change or add one, at load 0 if unassigned
  const loads = new Map<string, number>(pool.map((e) => [e.userId, 0]));
  const poolName = new Map(pool.map((e) => [e.userId, e.name]));
  for (const a of live) loads.set(a.expert_user_id, (loads.get(a.expert_user_id) ?? 0) + 1);
  const shortfall = new Map((report.shortfall ?? []).map((s) => [s.applicationId, s]));
  const summary = roundSummaryDto(
    r,
    { applications: apps.length, assignments: countByStatus(live) },
    caller.actor,
  );
  return {
    ...summary,
    scoreSheet: r.score_sheet as never,
    items: apps.map((a) => {
      const mine = rows.filter((x) => x.application_id === a.applicationId);
      const liveCount = mine.filter((x) => LIVE_STATES.includes(x.status)).length;
      const s = shortfall.get(a.applicationId);
      return {
        applicationId: a.applicationId,
        receiptNumber: a.receiptNumber,
        projectTitle: a.projectTitle,
        orgName: a.orgName,
        directionCode: a.directionCode,
        directionTitle: a.directionTitle,
        experts: mine.map((x) => assignedExpertDto(x, expertOf(x.expert_user_id))),
        excluded: (report.excluded?.[a.applicationId] ?? []).map((x) => ({
          expertUserId: x.expertUserId,
          expertName: x.expertName,
          conflicts: x.conflicts,
        })),
        shortfall:
          liveCount < r.experts_per_application
            ? {
                needed: r.experts_per_application,
                assigned: liveCount,
                zh: s?.zh ?? `已分配 ${liveCount} 位，需 ${r.experts_per_application} 位`,
                en: s?.en ?? `${liveCount} of ${r.experts_per_application} experts assigned`,
              }
            : null,
      };
    }),
    loads: [...loads].map(([uid, load]) => ({
      expertUserId: uid,
      expertName: expertOf(uid)?.name ?? poolName.get(uid) ?? '',
      load,
      capacity: maxLoad.get(uid) ?? 0,
    })),
    report:
      report.solvedAt === undefined
        ? null
        : {
            totalAffinity: report.totalAffinity ?? 0,
            affinityBound: report.affinityBound ?? 0,
            solvedAt: report.solvedAt,
            variables: report.variables ?? 0,
          },
  };
}

/** Opens the round: every application has its experts; each assigned expert is told (in-app and mail). */
export async function openRound(ctx: AppContext, caller: Caller, id: string, body: VersionBody) {
  // before the transaction: reviewCandidates reads through ctx.db, not the trx (PGlite's one connection would wait)
  const apps = await applicationsOfRound(ctx, await loadRound(ctx, id));
  await transaction(ctx, async (trx) => {
    const r = await findRound(trx, id, true);
    if (!r) throw new DomainError('not_found');
    const what = {
      action: 'review.round.open',
      objectType: 'review.round',
      objectId: id,
      trx,
    };
    await enforce(ctx, caller, ROUND.decide(caller.actor, r, 'open'), what);
    stale(r, body.version);
    // the live experts per application from the assignments alone (not the whole assignment table)
    const all = await assignmentsOfRound(trx, id);
    const live = new Map<string, number>();
    for (const a of all)
      if (LIVE_STATES.includes(a.status)) live.set(a.application_id, (live.get(a.application_id) ?? 0) + 1);
    await enforce(
      ctx,
      caller,
      canOpen(
        r.experts_per_application,
        apps.map((a) => ({
          applicationId: a.applicationId,
          label: a.receiptNumber ?? a.projectTitle ?? a.applicationId,
          live: live.get(a.applicationId) ?? 0,
        })),
      ),
      what,
    );
    await updateRound(trx, id, {
      status: ROUND.transition(r, 'open')!.to,
      version: r.version + 1,
      updated_at: caller.now,
    });
    const rows = all.filter((a) => a.status === ASSIGNMENT.state.assigned);
    const experts = [...new Set(rows.map((a) => a.expert_user_id))];
    const deadline = formatShanghai(r.deadline_at);
    for (const uid of experts) {
      const n = rows.filter((a) => a.expert_user_id === uid).length;
      await ctx.notify?.notify(trx, [uid], {
        kind: 'review.round.opened',
        titleZh: '您有新的评审任务',
        titleEn: 'You have new review tasks',
        body: `您被邀请评审 ${n} 个项目，请于 ${deadline}（北京时间）前接受并提交评分；如与项目存在利益关系，请申报回避。`,
        bodyEn: `You are invited to review ${n} application(s). Accept and submit your scores before ${deadline} (Beijing time); decline and declare any conflict of interest.`,
        link: '/review/tasks',
        email: true,
      });
    }
    await appendAudit(trx, {
      actor: auditActor(caller),
      action: 'review.round.open',
      objectType: 'review.round',
      objectId: id,
      before: { status: r.status },
      after: { status: ROUND.state.open, experts: experts.length, assignments: rows.length },
    });
  });
  return getRound(ctx, caller, id);
}

/** Closes the round at its deadline (or once every sheet is in); the results become final. */
export async function closeRound(ctx: AppContext, caller: Caller, id: string, body: VersionBody) {
  await transaction(ctx, async (trx) => {
    const r = await findRound(trx, id, true);
    if (!r) throw new DomainError('not_found');
    const what = {
      action: 'review.round.close',
      objectType: 'review.round',
      objectId: id,
      trx,
    };
    await enforce(ctx, caller, ROUND.decide(caller.actor, r, 'close'), what);
    stale(r, body.version);
    const rows = await assignmentsOfRound(trx, id);
    const pending = rows.filter(
      (a) => a.status === ASSIGNMENT.state.assigned || a.status === ASSIGNMENT.state.accepted,
    ).length;
    await enforce(ctx, caller, canClose(caller.now, new Date(r.deadline_at).toISOString(), pending), what);
    await updateRound(trx, id, {
      status: ROUND.transition(r, 'close')!.to,
      version: r.version + 1,
      updated_at: caller.now,
    });
    await appendAudit(trx, {
      actor: auditActor(caller),
      action: 'review.round.close',
      objectType: 'review.round',
      objectId: id,
      before: { status: r.status },
      after: {
        status: ROUND.state.closed,
        submitted: rows.filter((a) => a.status === ASSIGNMENT.state.submitted).length,
        unsubmitted: pending,
      },
    });
  });
  return getRound(ctx, caller, id);
}

export function stale(r: { version: number }, version: number) {
  if (r.version !== version)
    throw new DomainError('conflict', {
      zh: '记录已被他人修改，请刷新后重试',
      en: 'The record was changed meanwhile; reload and try again',
    });
}
