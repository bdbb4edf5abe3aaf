/**
 * Demo data of the two-round review (issue 12; seed 003 table 1-8: 2023 had 第一轮通讯评审 then
 * 第二轮见面会评审), on the 2023 call imported for the demo (applications/historical.demo.ts: 59 of 61
 * applications passed screening; organisations and amounts are examples). Round 1: two experts per
 * application assigned by the solver, every sheet submitted with a score derived from the project's
 * title and the expert's name (the same on every run), closed. Round 2: the best of each direction go
 * to the panel (the record awarded 27: 7 概念验证中心 and 20 技术转移示范机构, table 1-7, so the
 * shortlist is a little longer), experts assigned; one session on the next working day two days on,
 * for topic 1's shortlist (directions 1–3), 20 minutes each from 09:00, the applicants notified; the
 * round opened and that session's sheets submitted, so the final ranking has panel scores. The minutes,
 * and a session for topic 2's shortlist, are left for the user. Idempotent: a call with a round is left
 * as it is.
 */
import { createHash } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import type { Caller } from '../../platform/caller.js';
import { shanghaiDate, shanghaiDayStart } from '../../../../shared/time.js';
import { reviewCandidates } from '../applications/index.js';
import { assignRound } from './assign.service.js';
import { acceptAssignment } from './assignment.service.js';
import { CalendarGap, isWorkingDay } from './notice.rules.js';
import { notifySession, scheduleSession } from './panel.service.js';
import { assignmentsOfRound, findRound, roundsOfCall } from './review.repo.js';
import { closeRound, createRound, openRound } from './round.service.js';
import { saveScore } from './score.service.js';
import { DEFAULT_SCORE_SHEET } from './score-sheet.data.js';
import { ASSIGNMENT } from './review.workflow.js';

const DAY = 86_400_000;
/** 入围见面会 per direction: 1 概念验证中心, 2 开放式创新中心, 3 区域平台, 4 技术转移示范机构 */
export const PANEL_DEMO_QUOTA = { '1': 9, '2': 2, '3': 2, '4': 24 };
const TOPIC_1 = ['1', '2', '3'];

/** A stable percentage in [60, 94] from the project and the expert (the same seed gives the same sheet). */
export function demoPct(projectTitle: string, expertName: string): number {
  return 60 + (createHash('sha256').update(`${projectTitle}|${expertName}`).digest().readUInt32BE(0) % 35);
}

/** The first working day from two days after `now`, 09:00 Beijing time (none when the calendar ends). */
export function demoSessionStart(now: Date): Date | null {
  for (let d = 2; d < 10; d++) {
    const day = shanghaiDate(new Date(now.getTime() + d * DAY));
    try {
      if (isWorkingDay(day)) return new Date(new Date(shanghaiDayStart(day)).getTime() + 9 * 3_600_000);
    } catch (e) {
      if (e instanceof CalendarGap) return null;
      throw e;
    }
  }
  return null;
}

async function scoreRound(
  ctx: AppContext,
  roundId: string,
  experts: ReadonlyMap<string, Caller>,
  titles: ReadonlyMap<string, string>,
  only?: ReadonlySet<string>,
) {
  let submitted = 0;
  for (const a of await assignmentsOfRound(ctx.db, roundId)) {
    const expert = experts.get(a.expert_user_id);
    if (!expert || a.status !== ASSIGNMENT.state.assigned) continue;
    if (only && !only.has(a.application_id)) continue;
    await acceptAssignment(ctx, expert, a.id, { version: a.version });
    const p = demoPct(titles.get(a.application_id) ?? a.application_id, expert.actor.name);
    await saveScore(
      ctx,
      expert,
      a.id,
      {
        scores: Object.fromEntries(
          DEFAULT_SCORE_SHEET.criteria.map((c) => [c.key, Math.round((c.maxScore * p) / 100)]),
        ),
        comments: {},
        recommendation: p >= 80 ? 'fund' : p >= 70 ? 'maybe' : 'reject',
        overallComment:
          p >= 80
            ? '建设基础扎实，绩效目标明确，建议立项。（演示）'
            : p >= 70
              ? '方案基本可行，绩效目标需进一步细化。（演示）'
              : '绩效目标偏低，运行机制不够清晰。（演示）',
        version: a.version + 1,
      },
      true,
    );
    submitted++;
  }
  return submitted;
}

export interface PanelDemoResult {
  round1Id: string;
  panelRoundId: string;
  sessionId: string | null;
  created: boolean;
  submitted: number;
}

export async function seedPanelDemo(
  ctx: AppContext,
  staff: Caller,
  opts: { callId: string; expertCallers: ReadonlyMap<string, Caller> },
): Promise<PanelDemoResult> {
  const existing = await roundsOfCall(ctx.db, opts.callId);
  if (existing.length) {
    const panel = existing.find((r) => r.round_no === 2);
    return {
      round1Id: existing.find((r) => r.round_no === 1)!.id,
      panelRoundId: panel?.id ?? '',
      sessionId: null,
      created: false,
      submitted: 0,
    };
  }
  const candidates = await reviewCandidates(ctx, opts.callId);
  const titles = new Map(candidates.map((c) => [c.applicationId, c.projectTitle ?? '']));
  // ten days on: before the 2022 round's (review.demo.ts, fourteen), so an expert's list, latest deadline
  // first, still opens with the 2022 tasks to score
  const deadlineAt = new Date(staff.now.getTime() + 10 * DAY).toISOString();
  const step = async (id: string, fn: typeof openRound) =>
    fn(ctx, staff, id, { version: (await findRound(ctx.db, id))!.version });

  const r1 = await createRound(ctx, staff, {
    callId: opts.callId,
    roundNo: 1,
    expertsPerApplication: 2,
    blind: true,
    excludeEarlierReviewers: false,
    scoreSheet: DEFAULT_SCORE_SHEET,
    deadlineAt,
  });
  await assignRound(ctx, staff, r1.id);
  await step(r1.id, openRound);
  let submitted = await scoreRound(ctx, r1.id, opts.expertCallers, titles);
  await step(r1.id, closeRound);

  const r2 = await createRound(ctx, staff, {
    callId: opts.callId,
    roundNo: 2,
    expertsPerApplication: 2,
    blind: false,
    excludeEarlierReviewers: false,
    scoreSheet: DEFAULT_SCORE_SHEET,
    deadlineAt,
    shortlistQuota: PANEL_DEMO_QUOTA,
  });
  await assignRound(ctx, staff, r2.id);
  const startsAt = demoSessionStart(staff.now);
  const direction = new Map(candidates.map((c) => [c.applicationId, c.directionCode]));
  const topic1 = r2.items
    .map((i) => i.applicationId)
    .filter((id) => TOPIC_1.includes(direction.get(id) ?? ''));
  let sessionId: string | null = null;
  if (startsAt) {
    const s = await scheduleSession(ctx, staff, r2.id, {
      title: '见面会评审 专题一（概念验证网络）',
      venue: '上海市科学技术委员会 3 楼会议室（演示）',
      startsAt: startsAt.toISOString(),
      slotMinutes: 20,
      applicationIds: topic1,
    });
    sessionId = (await notifySession(ctx, staff, s.id, { version: s.version })).id;
  }
  await step(r2.id, openRound);
  if (sessionId) submitted += await scoreRound(ctx, r2.id, opts.expertCallers, titles, new Set(topic1));
  return { round1Id: r1.id, panelRoundId: r2.id, sessionId, created: true, submitted };
}
