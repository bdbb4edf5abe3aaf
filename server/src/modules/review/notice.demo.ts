/**
 * Demo data of the public notice (issue 12): a published notice of a call's proposed award list, open
 * today, with one objection from a member of the public (synthetic: the objector is marked （演示）).
 * The demo module calls `seedNoticeDemo` once the call has screened applications; idempotent (a call
 * that has a notice keeps it).
 */
import type { AppContext } from '../../platform/context.js';
import { callerFor, type AnyCaller, type Caller } from '../../platform/caller.js';
import type { Actor } from '../../platform/roles.js';
import { shanghaiDate } from '../../../../shared/time.js';
import { reviewCandidates } from '../applications/index.js';
import { loadCall } from '../calls/index.js';
import { rulesOf } from './funding-plan-check.service.js';
import { planOfCall } from './funding-plan.repo.js';
import { proposePlan } from './funding-plan.rules.js';
import { consultPlan, draftPlan, getPlan, revisePlan } from './funding-plan.service.js';
import { listNotices } from './notice.repo.js';
import { isWorkingDay } from './notice.rules.js';
import { createNotice, publishNotice } from './notice.service.js';
import { lodgeObjection } from './objection.service.js';

/** The seed's identity (as demo/seedActor) acting as programme-office staff, who run the notice. */
export function noticeDemoActor(now: Date): Actor {
  return {
    userId: 'system:demo-seed',
    orgId: '',
    name: '演示数据初始化（命令行） / demo seed (CLI)',
    roles: ['programmeOfficeStaff'],
    sessionId: 'cli',
    mfaVerified: true,
    authenticatedAt: now,
  };
}

/** The last working day up to `date` (a notice started then is open today). */
function lastWorkingDay(date: string): string {
  let d = new Date(`${date}T00:00:00Z`);
  while (!isWorkingDay(d.toISOString().slice(0, 10))) d = new Date(d.getTime() - 86_400_000);
  return d.toISOString().slice(0, 10);
}

/** seed 003 §二(1): "2022 年安排预算 2140 万元" */
export const BUDGET_2022_FEN = 2140 * 1_000_000;

/**
 * The call's funding plan (资助计划): drafted, its lines set to the given applications in order (each
 * grant the request up to the direction's cap, proposePlan), consulted (会商) and ready for the notice.
 */
async function demoPlan(ctx: AppContext, caller: Caller, callId: string, ids: readonly string[], on: string) {
  const existing = await planOfCall(ctx.db, callId);
  let plan = existing
    ? await getPlan(ctx, caller, existing.id)
    : await draftPlan(ctx, caller, {
        callId,
        title: '2022年度科技成果转移转化服务体系建设项目资助计划（演示）',
        budgetFen: BUDGET_2022_FEN,
      });
  if (plan.status === 'draft') {
    const rules = rulesOf((await loadCall(ctx, callId)).call);
    const candidates = new Map((await reviewCandidates(ctx, callId)).map((c) => [c.applicationId, c]));
    const lines = proposePlan(
      ids.flatMap((id) => {
        const c = candidates.get(id);
        return c
          ? [
              {
                applicationId: id,
                directionCode: c.directionCode,
                orgId: c.orgId,
                requestedFen: c.requestedGrantFen ?? 0,
                firstYearRequestFen: c.firstYearRequestFen,
              },
            ]
          : [];
      }),
      { rules, totalBudgetFen: BUDGET_2022_FEN },
    );
    plan = await revisePlan(ctx, caller, plan.id, {
      version: plan.version,
      lines: lines.map((l) => ({
        applicationId: l.applicationId,
        grantFen: l.grantFen,
        firstYearFen: l.firstYearFen,
        ...(l.reason ? { reason: l.reason } : {}),
      })),
    });
    plan = await consultPlan(ctx, caller, plan.id, {
      version: plan.version,
      consultedOn: on,
      body: '市财政科技投入统筹联动平台',
      note: '同意按资助计划进行立项公示（演示数据）。',
    });
  }
  return plan;
}

export async function seedNoticeDemo(
  ctx: AppContext,
  callId: string,
  rankedApplicationIds: readonly string[],
  actor: Actor = noticeDemoActor(ctx.now()),
): Promise<{ noticeId: string; created: boolean }> {
  const existing = await listNotices(ctx.db, { callId });
  if (existing.length) return { noticeId: existing[0]!.id, created: false };
  const caller = callerFor(ctx, actor);
  const today = lastWorkingDay(shanghaiDate(caller.now));
  const plan = await demoPlan(ctx, caller, callId, rankedApplicationIds, today);
  const notice = await createNotice(ctx, caller, {
    planId: plan.id,
    title: '拟立项项目公示（演示）',
    startDate: today,
    workingDays: 5,
  });
  await publishNotice(ctx, caller, notice.id);
  const objector: AnyCaller = {
    actor: null,
    ip: 'demo-seed',
    userAgent: null,
    requestId: null,
    now: caller.now,
  };
  const target = plan.lines[plan.lines.length - 1]?.applicationId;
  if (target)
    await lodgeObjection(ctx, objector, notice.id, {
      applicationId: target,
      name: '李明（演示）',
      organisation: '上海某科技有限公司（演示）',
      phone: '13800000000',
      email: 'objector.demo@example.com',
      statement:
        '该项目的核心技术与我单位已授权专利高度一致，申报材料未说明知识产权来源，请核实（演示数据）。',
    });
  return { noticeId: notice.id, created: true };
}
