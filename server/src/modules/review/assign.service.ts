/**
 * Automatic assignment of experts to a round (issue 12): the round's applications (round 1: those that
 * passed screening; round 2: round 1's shortlist), the pool's active experts free on the round's days,
 * the hard conflict rules (conflict.rules.ts) with each exclusion's reason kept in the round's report,
 * the affinity of every expert to every application (experts' AffinityIndex: the matching engine),
 * and the HiGHS solver (assignment.rules.ts). Re-running it while the round is being prepared
 * replaces the round's assignments; the audit log keeps every earlier one.
 */
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import { appendAudit } from '../../platform/audit.js';
import { auditActor, type Caller } from '../../platform/caller.js';
import { enforce, transaction } from '../../platform/enforce.js';
import { DomainError } from '../../platform/errors.js';
import { reviewCandidates, type ReviewCandidate } from '../applications/index.js';
import {
  AffinityIndex,
  availableFor,
  reviewPool,
  type Affinity,
  type ReviewPoolExpert,
} from '../experts/index.js';
import { affinityBound, solveAssignment, type Shortfall } from './assignment.rules.js';
import { exclusionsOf, type Exclusion } from './conflict.rules.js';
import {
  declaredConflicts,
  deleteAssignmentsOfRound,
  earlierReviewers,
  findRound,
  insertAssignments,
  updateRound,
  type RoundRow,
} from './review.repo.js';
import { capacityLeft, roundDays } from './round.rules.js';
import { ROUND } from './review.workflow.js';

/** What the round keeps of its last automatic assignment (review_rounds.assignment_report). */
export interface AssignmentReport {
  /** round 2: the applications shortlisted from round 1 (round 1 reviews every screened one) */
  scope?: string[];
  solvedAt?: string;
  totalAffinity?: number;
  affinityBound?: number;
  variables?: number;
  excluded?: Record<string, Exclusion[]>;
  shortfall?: Shortfall[];
}

export const reportOf = (r: Pick<RoundRow, 'assignment_report'>): AssignmentReport =>
  (r.assignment_report ?? {}) as AssignmentReport;

/** Everything the solver, a manual change and a replacement judge a round's experts by. */
export interface RoundFacts {
  applications: ReviewCandidate[];
  pool: ReviewPoolExpert[];
  /** the experts free on every day from now to the deadline */
  available: ReviewPoolExpert[];
  /** per application: every one of the round, or only the one `roundFacts` was asked for */
  excluded: Map<string, Exclusion[]>;
  /** per application, then per expert (the same applications as `excluded`) */
  affinity: Map<string, Map<string, Affinity>>;
}

/**
 * The round's applications, pool, conflicts and affinities (read outside the write transaction). A
 * change of one assignment passes `only`, its application: `applications` still lists every one of
 * the round, but the exclusions and affinities (an affinity search per application) are worked out
 * for that application alone, which is all a change, an addition or a replacement looks at.
 */
export async function roundFacts(
  ctx: AppContext,
  round: RoundRow,
  now: Date,
  only?: string,
): Promise<RoundFacts> {
  const scope = reportOf(round).scope;
  const all = await reviewCandidates(ctx, round.call_id);
  const applications = scope ? all.filter((a) => scope.includes(a.applicationId)) : all;
  const pool = await reviewPool(ctx.db);
  const days = roundDays(now, new Date(round.deadline_at).toISOString());
  const available = pool.filter((e) => availableFor(e.availability, days.from, days.to));
  const declared = groupBy(await declaredConflicts(ctx.db, round.call_id));
  const earlier = round.exclude_earlier_reviewers
    ? groupBy(await earlierReviewers(ctx.db, round.call_id, round.round_no))
    : new Map<string, Set<string>>();
  const facts = pool.map((e) => ({ userId: e.userId, name: e.name, orgId: e.orgId, orgName: e.orgName }));
  const index = new AffinityIndex(pool);
  const excluded = new Map<string, Exclusion[]>();
  const affinity = new Map<string, Map<string, Affinity>>();
  for (const a of only === undefined ? applications : applications.filter((x) => x.applicationId === only)) {
    excluded.set(
      a.applicationId,
      exclusionsOf(a, facts, {
        declared: declared.get(a.applicationId),
        earlierReviewers: earlier.get(a.applicationId),
      }),
    );
    const scores = index.of({
      direction: a.directionTitle,
      title: a.projectTitle ?? '',
      content: a.text,
      keywords: a.keywords,
    });
    affinity.set(a.applicationId, new Map(scores.map((s) => [s.userId, s])));
  }
  return { applications, pool, available, excluded, affinity };
}

function groupBy(rows: ReadonlyArray<{ application_id: string; expert_user_id: string }>) {
  const m = new Map<string, Set<string>>();
  for (const r of rows)
    (m.get(r.application_id) ?? m.set(r.application_id, new Set()).get(r.application_id)!).add(
      r.expert_user_id,
    );
  return m;
}

/** The conflict-free, available experts of an application with their affinity, best first. */
export function candidatesOf(facts: RoundFacts, applicationId: string) {
  const barred = new Set((facts.excluded.get(applicationId) ?? []).map((x) => x.expertUserId));
  const aff = facts.affinity.get(applicationId) ?? new Map<string, Affinity>();
  return facts.available
    .filter((e) => !barred.has(e.userId))
    .map((e) => ({ expertUserId: e.userId, affinity: aff.get(e.userId)?.score ?? 0 }))
    .sort((x, y) => y.affinity - x.affinity || x.expertUserId.localeCompare(y.expertUserId));
}

export const maxLoads = (facts: RoundFacts) => new Map(facts.pool.map((e) => [e.userId, e.maxLoadPerRound]));

/** Runs the solver on the round and stores its assignments and report (staff, while preparing). */
export async function assignRound(ctx: AppContext, caller: Caller, roundId: string) {
  const pre = await findRound(ctx.db, roundId);
  if (!pre) throw new DomainError('not_found');
  const facts = await roundFacts(ctx, pre, caller.now);
  const problem = {
    perApplication: pre.experts_per_application,
    candidates: facts.applications.map((a) => ({
      applicationId: a.applicationId,
      experts: candidatesOf(facts, a.applicationId),
    })),
    capacity: capacityLeft(maxLoads(facts), new Map()),
  };
  const result = await solveAssignment(problem);
  await transaction(ctx, async (trx) => {
    const r = await findRound(trx, roundId, true);
    if (!r) throw new DomainError('not_found');
    await enforce(ctx, caller, ROUND.decide(caller.actor, r, 'assign'), {
      action: 'review.round.assign',
      objectType: 'review.round',
      objectId: roundId,
      trx,
    });
    if (r.version !== pre.version)
      throw new DomainError('conflict', {
        zh: '评审轮次已被他人修改，请刷新后重试',
        en: 'The round was changed meanwhile; reload and try again',
      });
    await deleteAssignmentsOfRound(trx, roundId);
    await insertAssignments(
      trx,
      result.assignments.map((x) => ({
        id: randomUUID(),
        round_id: roundId,
        application_id: x.applicationId,
        expert_user_id: x.expertUserId,
        affinity: x.affinity,
        matched_terms: JSON.stringify(
          facts.affinity.get(x.applicationId)?.get(x.expertUserId)?.matchedTerms ?? [],
        ),
        source: 'solver' as const,
        change_reason: null,
        decline_reason: null,
        created_by: caller.actor.userId,
        created_at: caller.now,
        updated_at: caller.now,
      })),
    );
    const report: AssignmentReport = {
      ...reportOf(r),
      solvedAt: caller.now.toISOString(),
      totalAffinity: Math.round(result.totalAffinity * 10_000) / 10_000,
      affinityBound: Math.round(affinityBound(problem) * 10_000) / 10_000,
      variables: result.variables,
      excluded: Object.fromEntries(facts.excluded),
      shortfall: result.shortfall,
    };
    await updateRound(trx, roundId, {
      assignment_report: JSON.stringify(report),
      version: r.version + 1,
      updated_at: caller.now,
    });
    await appendAudit(trx, {
      actor: auditActor(caller),
      action: 'review.round.assign',
      objectType: 'review.round',
      objectId: roundId,
      after: {
        applications: facts.applications.length,
        experts: facts.available.length,
        assignments: result.assignments.length,
        totalAffinity: report.totalAffinity,
        shortfall: result.shortfall.map((s) => ({ applicationId: s.applicationId, assigned: s.assigned })),
      },
    });
  });
}

/** An expert id that is not in the pool, or not free on the round's days (for a manual change). */
export function poolMember(facts: RoundFacts, expertUserId: string) {
  return {
    inPool: facts.pool.find((e) => e.userId === expertUserId),
    available: facts.available.some((e) => e.userId === expertUserId),
  };
}
