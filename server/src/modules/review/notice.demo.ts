/**
 * Demo data of the public notice (issue 12): a published notice of a call's proposed award list, open
 * today, with one objection from a member of the public (synthetic: the objector is marked （演示）).
 * The demo module calls `seedNoticeDemo` once the call has screened applications; idempotent (a call
 * that has a notice keeps it).
 */
import type { AppContext } from '../../platform/context.js';
import { callerFor, type AnyCaller } from '../../platform/caller.js';
import type { Actor } from '../../platform/roles.js';
import { shanghaiDate } from '../../../../shared/time.js';
import { reviewCandidates } from '../applications/index.js';
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

export async function seedNoticeDemo(
  ctx: AppContext,
  callId: string,
  rankedApplicationIds: readonly string[],
  actor: Actor = noticeDemoActor(ctx.now()),
): Promise<{ noticeId: string; created: boolean }> {
  const existing = await listNotices(ctx.db, { callId });
  if (existing.length) return { noticeId: existing[0]!.id, created: false };
  const caller = callerFor(ctx, actor);
  const grants = new Map(
    (await reviewCandidates(ctx, callId)).map((c) => [c.applicationId, c.requestedGrantFen]),
  );
  const notice = await createNotice(ctx, caller, {
    callId,
    title: '拟立项项目公示（演示）',
    startDate: lastWorkingDay(shanghaiDate(caller.now)),
    workingDays: 5,
    entries: rankedApplicationIds.map((applicationId) => ({
      applicationId,
      proposedGrantFen: grants.get(applicationId) ?? 0,
      reason: '按评审排名与年度预算核定（演示）',
    })),
  });
  await publishNotice(ctx, caller, notice.id);
  const objector: AnyCaller = {
    actor: null,
    ip: 'demo-seed',
    userAgent: null,
    requestId: null,
    now: caller.now,
  };
  const target = rankedApplicationIds[rankedApplicationIds.length - 1];
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
