import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import { auditActor, type AnyCaller, type Caller } from '../../platform/caller.js';
import { appendAudit } from '../../platform/audit.js';
import { DomainError, fieldError } from '../../platform/errors.js';
import { actorHas } from '../../platform/permissions.js';
import type { Actor } from '../../platform/roles.js';
import { enforce, transaction } from '../../platform/enforce.js';
import { meanScore } from './challenge.rules.js';
import { assignToChallenge, challengeExperts, isChallengeExpert } from '../experts/index.js';
import {
  CHALLENGE,
  CHALLENGE_STATUS,
  type ChallengeAction,
  type ChallengeRef,
  type ChallengeStep,
} from './challenge.workflow.js';
import { NEED } from './need.workflow.js';
import { SOLUTION } from './solution.workflow.js';
import {
  attachNeeds,
  findChallenge,
  insertChallenge,
  listChallenges,
  lockChallenge,
  needsForAttach,
  promoteSolutions,
  replaceWinners,
  scoresFor,
  updateChallenge,
  upsertScore,
  usersWithRole,
  winnersOf,
} from './challenge.repo.js';
import type { CreateChallengeBody } from './challenge.schema.js';
import { listNeeds } from './need.repo.js';
import { publicNeed } from './need.dto.js';
import { listSolutions } from './solution.repo.js';

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);
type Row = NonNullable<Awaited<ReturnType<typeof findChallenge>>>;

function head(c: Row) {
  return {
    id: c.id,
    title: c.title,
    description: c.description,
    kind: c.kind,
    organiser: { id: c.organiser_org_id, name: c.organiser_name },
    status: c.status,
    statusLabel: CHALLENGE_STATUS[c.status],
    opensAt: iso(c.opens_at)!,
    closesAt: iso(c.closes_at)!,
    rounds: c.rounds,
    currentRound: c.current_round,
    resultNote: c.result_note,
    resultsPublishedAt: iso(c.results_published_at),
  };
}

const isManager = (actor: Actor | null) => !!actor && actorHas(actor, 'challenge.manage');

async function validateNeeds(ctx: AppContext, ids: string[], challengeId?: string) {
  const rows = await needsForAttach(ctx.db, ids);
  const errs = ids.flatMap((id, i) => {
    const n = rows.find((r) => r.id === id);
    if (!n) return [fieldError(`needIds.${i}`, 'not_found', '需求不存在', 'No such need')];
    if (n.status !== NEED.state.published)
      return [fieldError(`needIds.${i}`, 'not_published', '需求尚未发布', 'The need is not published')];
    if (n.challenge_id && n.challenge_id !== challengeId)
      return [
        fieldError(
          `needIds.${i}`,
          'taken',
          '需求已属于另一个挑战赛',
          'The need belongs to another challenge',
        ),
      ];
    return [];
  });
  if (errs.length) throw new DomainError('validation_failed', { fields: errs });
}

export async function createChallenge(ctx: AppContext, caller: Caller, body: CreateChallengeBody) {
  const { actor } = caller;
  await validateNeeds(ctx, body.needIds);
  const id = randomUUID();
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await insertChallenge(trx, {
      id,
      title: body.title,
      description: body.description,
      kind: body.kind,
      organiser_org_id: actor.orgId,
      opens_at: body.opensAt,
      closes_at: body.closesAt,
      rounds: body.rounds,
      result_note: null,
      results_published_at: null,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    await attachNeeds(trx, id, body.needIds);
    await appendAudit(trx, {
      actor: auditActor(caller),
      action: 'market.challenge.create',
      objectType: 'challenge',
      objectId: id,
      after: body,
    });
  });
  return getChallenge(ctx, caller, id);
}

export async function getChallenge(ctx: AppContext, caller: AnyCaller, id: string) {
  const { actor } = caller;
  const c = await findChallenge(ctx.db, id);
  if (!c || (c.status === CHALLENGE.state.draft && !isManager(actor))) throw new DomainError('not_found');
  const needs = await listNeeds(ctx.db, { challengeId: id, status: NEED.state.published }, 1, 500);
  const showWinners = c.status === CHALLENGE.state.resultsPublished || isManager(actor);
  const winners = showWinners ? await winnersOf(ctx.db, id) : [];
  return {
    ...head(c),
    needs: needs.items.filter((n) => n.confidentiality !== 'private').map(publicNeed),
    winners: winners.map((w) => ({
      rank: w.rank,
      award: w.award,
      solutionId: w.solution_id,
      solutionTitle: w.solution_title,
      solverName: w.solver_name,
      needId: w.need_id,
      needTitle: w.need_title,
      needOrgName: w.need_org_name,
    })),
  };
}

export async function listChallengesFor(ctx: AppContext, caller: AnyCaller) {
  const { actor } = caller;
  const rows = await listChallenges(ctx.db, isManager(actor));
  return { items: rows.map(head) };
}

const refOf = (
  c: { status: ChallengeRef['status']; current_round: number; rounds: number },
  isExpert?: boolean,
) => ({
  status: c.status,
  currentRound: c.current_round,
  rounds: c.rounds,
  isExpert,
});

/** Locks the challenge, enforces the workflow's decision for `step` (when given), runs fn, audits. */
async function mutate(
  ctx: AppContext,
  caller: Caller,
  id: string,
  action: string,
  step: ChallengeAction | null,
  fn: (trx: AppContext['db'], c: NonNullable<Awaited<ReturnType<typeof lockChallenge>>>) => Promise<unknown>,
) {
  const { actor } = caller;
  await transaction(ctx, async (trx) => {
    const c = await lockChallenge(trx, id);
    if (!c) throw new DomainError('not_found');
    if (step)
      await enforce(ctx, caller, CHALLENGE.decide(actor, refOf(c), step), {
        action,
        objectType: 'challenge',
        objectId: id,
        trx,
      });
    const detail = await fn(trx, c);
    await updateChallenge(trx, id, { version: c.version + 1, updated_at: ctx.now() });
    await appendAudit(trx, {
      actor: auditActor(caller),
      action,
      objectType: 'challenge',
      objectId: id,
      detail,
    });
  });
  return getChallenge(ctx, caller, id);
}

export async function attachChallengeNeeds(ctx: AppContext, caller: Caller, id: string, needIds: string[]) {
  await validateNeeds(ctx, needIds, id);
  return mutate(ctx, caller, id, 'market.challenge.attachNeeds', 'attachNeeds', async (trx) => {
    await attachNeeds(trx, id, needIds);
    return { needIds };
  });
}

export async function assignChallengeExperts(ctx: AppContext, caller: Caller, id: string, userIds: string[]) {
  const users = await usersWithRole(ctx.db, userIds);
  const errs = userIds.flatMap((u, i) =>
    users.find((x) => x.id === u && (x.roles as string[]).includes('expert'))
      ? []
      : [fieldError(`userIds.${i}`, 'not_expert', '该用户不是评审专家', 'That user is not an expert')],
  );
  if (errs.length) throw new DomainError('validation_failed', { fields: errs });
  return mutate(ctx, caller, id, 'market.challenge.assignExperts', null, async (trx) => {
    await assignToChallenge(trx, id, userIds);
    return { userIds };
  });
}

export async function challengeAction(
  ctx: AppContext,
  caller: Caller,
  id: string,
  action: ChallengeStep,
  body: { promote?: string[]; resultNote?: string },
) {
  return mutate(ctx, caller, id, `market.challenge.${action}`, action, async (trx, c) => {
    const to = CHALLENGE.transition(refOf(c), action)!.to!;
    const set: Record<string, unknown> = { status: to };
    if (action === 'nextRound') {
      const sols = await listSolutions(trx, { challengeId: id });
      const ids = body.promote ?? [];
      const bad = ids.filter((x) => !sols.items.some((s) => s.id === x && s.round === c.current_round));
      if (bad.length)
        throw new DomainError('validation_failed', {
          fields: bad.map((b) =>
            fieldError('promote', 'not_in_round', `方案 ${b} 不在本轮`, `Solution ${b} is not in this round`),
          ),
        });
      await promoteSolutions(trx, ids, c.current_round + 1);
      set.current_round = c.current_round + 1;
    }
    if (action === 'publishResults') {
      set.results_published_at = ctx.now();
      if (body.resultNote !== undefined) set.result_note = body.resultNote;
    }
    await updateChallenge(trx, id, set as never);
    return { from: c.status, to, promote: body.promote };
  });
}

export async function scoreSolution(
  ctx: AppContext,
  caller: Caller,
  id: string,
  body: { solutionId: string; score: number; comment?: string },
) {
  const { actor } = caller;
  await transaction(ctx, async (trx) => {
    const c = await lockChallenge(trx, id);
    if (!c) throw new DomainError('not_found');
    const expert = await isChallengeExpert(trx, id, actor.userId);
    await enforce(ctx, caller, CHALLENGE.decide(actor, refOf(c, expert), 'score'), {
      action: 'market.challenge.score',
      objectType: 'challenge',
      objectId: id,
      trx,
    });
    const sols = await listSolutions(trx, { challengeId: id, ids: [body.solutionId] });
    const s = sols.items[0];
    if (!s || s.round !== c.current_round || s.status === SOLUTION.state.withdrawn)
      throw new DomainError('validation_failed', {
        fields: [
          fieldError(
            'solutionId',
            'not_in_round',
            '方案不在本轮初筛范围内',
            'The solution is not in this round',
          ),
        ],
      });
    await upsertScore(trx, {
      challenge_id: id,
      solution_id: body.solutionId,
      expert_id: actor.userId,
      round: c.current_round,
      score: body.score,
      comment: body.comment ?? null,
      at: ctx.now(),
    });
    await appendAudit(trx, {
      actor: auditActor(caller),
      action: 'market.challenge.score',
      objectType: 'solution',
      objectId: body.solutionId,
      after: { round: c.current_round, score: body.score },
    });
  });
  return screening(ctx, caller, id);
}

export async function screening(ctx: AppContext, caller: Caller, id: string) {
  const { actor } = caller;
  const c = await findChallenge(ctx.db, id);
  if (!c) throw new DomainError('not_found');
  if (!isManager(actor) && !(await isChallengeExpert(ctx.db, id, actor.userId)))
    throw new DomainError('not_found');
  const sols = await listSolutions(ctx.db, { challengeId: id });
  const scores = await scoresFor(ctx.db, id);
  const rows = sols.items
    .filter((s) => s.round === c.current_round && s.status !== SOLUTION.state.withdrawn)
    .map((s) => {
      const mine = scores.filter((x) => x.solution_id === s.id && x.round === c.current_round);
      return {
        solutionId: s.id,
        title: s.title,
        summary: s.summary,
        needId: s.need_id,
        needTitle: s.need_title,
        solverName: s.solver_org_name,
        round: s.round,
        status: s.status,
        meanScore: meanScore(mine.map((x) => x.score)),
        scoreCount: mine.length,
        myScore: mine.find((x) => x.expert_id === actor.userId)?.score ?? null,
      };
    })
    .sort((a, b) => (b.meanScore ?? -1) - (a.meanScore ?? -1) || a.title.localeCompare(b.title));
  return { challengeId: id, round: c.current_round, experts: await challengeExperts(ctx.db, id), rows };
}

export async function setWinners(
  ctx: AppContext,
  caller: Caller,
  id: string,
  winners: Array<{ solutionId: string; rank: number; award: string }>,
) {
  return mutate(ctx, caller, id, 'market.challenge.winners', 'setWinners', async (trx) => {
    const sols = await listSolutions(trx, { challengeId: id });
    const errs = winners.flatMap((w, i) =>
      sols.items.some((s) => s.id === w.solutionId && s.status !== SOLUTION.state.withdrawn)
        ? []
        : [
            fieldError(
              `winners.${i}.solutionId`,
              'not_in_challenge',
              '方案不属于本挑战赛',
              'The solution is not part of this challenge',
            ),
          ],
    );
    if (errs.length) throw new DomainError('validation_failed', { fields: errs });
    await replaceWinners(
      trx,
      id,
      winners.map((w) => ({ solution_id: w.solutionId, rank: w.rank, award: w.award })),
    );
    return { winners };
  });
}
