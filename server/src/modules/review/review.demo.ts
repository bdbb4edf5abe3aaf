/**
 * Demo data of expert review (issue 12), so the review pages have content on `npm start`: a remote
 * review round (通讯评审) on the 2022 call imported for the record (seed 003 table 1-8: 2022 had the
 * remote round only, 17 applications passed screening) scored on the default sheet a new round starts
 * with (score-sheet.data.ts), with experts assigned by the solver, the round opened, and about half of
 * the score sheets submitted by the pool's demo experts. 周专家 (demo.expert) has tasks of their own
 * to accept and score. The deadline is two weeks after seeding.
 * Idempotent: a call that has a round is left as it is.
 */
import type { AppContext } from '../../platform/context.js';
import type { Caller } from '../../platform/caller.js';
import { assignRound } from './assign.service.js';
import { acceptAssignment } from './assignment.service.js';
import { assignmentsOfRound, findRound, roundsOfCall } from './review.repo.js';
import { createRound, openRound } from './round.service.js';
import { saveScore } from './score.service.js';
import { DEFAULT_SCORE_SHEET } from './score-sheet.data.js';
import { ASSIGNMENT } from './review.workflow.js';

const DAY = 86_400_000;

/** A stable pseudo-score in [62, 94] from the assignment id (the same seed gives the same sheet). */
function pct(id: string): number {
  let h = 0;
  for (const c of id) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return 62 + (h % 33);
}

export async function seedReviewDemo(
  ctx: AppContext,
  staff: Caller,
  opts: { callId: string; expertCallers: Map<string, Caller> },
): Promise<{ roundId: string; created: boolean; submitted: number }> {
  const existing = await roundsOfCall(ctx.db, opts.callId);
  if (existing.length) return { roundId: existing[0]!.id, created: false, submitted: 0 };
  const round = await createRound(ctx, staff, {
    callId: opts.callId,
    roundNo: 1,
    expertsPerApplication: 3,
    blind: true,
    excludeEarlierReviewers: false,
    scoreSheet: DEFAULT_SCORE_SHEET,
    deadlineAt: new Date(staff.now.getTime() + 14 * DAY).toISOString(),
  });
  await assignRound(ctx, staff, round.id);
  const r = (await findRound(ctx.db, round.id))!;
  await openRound(ctx, staff, round.id, { version: r.version });
  let submitted = 0;
  const rows = await assignmentsOfRound(ctx.db, round.id);
  for (const [i, a] of rows.entries()) {
    const expert = opts.expertCallers.get(a.expert_user_id);
    // the demo's own expert keeps their tasks to do by hand; half of the others are scored
    if (!expert || i % 2 === 1 || a.status !== ASSIGNMENT.state.assigned) continue;
    await acceptAssignment(ctx, expert, a.id, { version: a.version });
    const p = pct(a.id);
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
            ? '建设基础扎实，绩效目标明确，建议立项。'
            : p >= 70
              ? '方案基本可行，绩效目标需进一步细化。'
              : '绩效目标偏低，运行机制不够清晰。',
        version: a.version + 1,
      },
      true,
    );
    submitted++;
  }
  return { roundId: round.id, created: true, submitted };
}
