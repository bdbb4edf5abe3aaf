import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import { auditActor, type Caller } from '../../platform/caller.js';
import { appendAudit } from '../../platform/audit.js';
import { DomainError, fieldError, type FieldError } from '../../platform/errors.js';
import type { Actor } from '../../platform/roles.js';
import { enforce, transaction } from '../../platform/enforce.js';
import { marketChanged } from './market.events.js';
import { lockAchievement } from './achievement.repo.js';
import { challengeAccepts } from './challenge.rules.js';
import { NEED } from './need.workflow.js';
import { findChallenge } from './challenge.repo.js';
import { isChallengeExpert } from '../experts/index.js';
import { findNeed, lockNeed } from './need.repo.js';
import { canSeeNeed } from './need.dto.js';
import { REJECT_REASONS, canReadSolution } from './solution.rules.js';
import { SOLUTION, SOLUTION_STATUS, type SolutionAction } from './solution.workflow.js';
import type { CreateSolutionBody, SolutionActionBody } from './solution.schema.js';
import {
  findSolution,
  insertSolution,
  insertSolutionEvent,
  listSolutions,
  lockSolution,
  solutionEvents,
  updateSolution,
  type SolutionFilter,
  type SolutionRow,
} from './solution.repo.js';

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);
const num = (v: number | string | null | undefined) => (v == null ? null : Number(v));

type Event = {
  solution_id: string;
  from_status: string | null;
  to_status: string;
  actor_id: string | null;
  note: string | null;
  at: Date | string;
};

export function solutionDto(r: SolutionRow, actor: Actor, events: Event[]) {
  const parties = {
    status: r.status,
    needOrgId: r.need_org_id,
    solverOrgId: r.solver_org_id,
    solverUserId: r.solver_user_id,
  };
  return {
    id: r.id,
    needId: r.need_id,
    needTitle: r.need_title,
    needOrg: { id: r.need_org_id, name: r.need_org_name },
    title: r.title,
    summary: r.summary,
    approach: r.approach,
    keywords: r.keywords ?? [],
    trl: r.trl,
    quoteFen: num(r.quote_fen),
    achievementId: r.achievement_id,
    solverOrg: { id: r.solver_org_id, name: r.solver_org_name },
    solverUserId: r.solver_user_id,
    status: r.status,
    statusLabel: SOLUTION_STATUS[r.status],
    round: r.round,
    rejectReason: r.reject_reason,
    rejectReasonLabel: r.reject_reason ? REJECT_REASONS[r.reject_reason] : null,
    rejectText: r.reject_text,
    feedback: r.feedback,
    contractAmountFen: num(r.contract_amount_fen),
    judgedAt: iso(r.judged_at),
    shortlistedAt: iso(r.shortlisted_at),
    introducedAt: iso(r.introduced_at),
    signedAt: iso(r.signed_at),
    expertScore: num(r.expert_score),
    version: r.version,
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
    ...SOLUTION.available(actor, parties),
    events: events
      .filter((e) => e.solution_id === r.id)
      .map((e) => ({
        from: e.from_status,
        to: e.to_status,
        actorId: e.actor_id,
        note: e.note,
        at: iso(e.at)!,
      })),
  };
}

async function canRead(ctx: AppContext, actor: Actor, r: SolutionRow) {
  if (
    canReadSolution(actor, {
      needOrgId: r.need_org_id,
      solverOrgId: r.solver_org_id,
      solverUserId: r.solver_user_id,
    })
  )
    return true;
  return !!r.need_challenge_id && (await isChallengeExpert(ctx.db, r.need_challenge_id, actor.userId));
}

export async function createSolution(
  ctx: AppContext,
  caller: Caller,
  needId: string,
  body: CreateSolutionBody,
) {
  const { actor } = caller;
  const id = randomUUID();
  const now = ctx.now();
  await transaction(ctx, async (trx) => {
    const n = await lockNeed(trx, needId);
    if (
      !n ||
      (n.status !== NEED.state.published && n.org_id !== actor.orgId) ||
      (n.confidentiality === 'private' && n.org_id !== actor.orgId && !actor.roles.includes('techManager'))
    )
      throw new DomainError('not_found');
    const what = { action: 'market.solution.create', objectType: 'need', objectId: needId, trx };
    await enforce(ctx, caller, NEED.decide(actor, { status: n.status, orgId: n.org_id }, 'answer'), what);
    let round = 1;
    if (n.challenge_id) {
      const c = await findChallenge(trx, n.challenge_id);
      if (c) {
        const d = challengeAccepts(
          { status: c.status, opensAt: new Date(c.opens_at), closesAt: new Date(c.closes_at) },
          now,
        );
        await enforce(ctx, caller, d, what);
        round = c.current_round;
      }
    }
    if (body.achievementId) {
      const a = await lockAchievement(trx, body.achievementId);
      if (!a || a.owner_org_id !== actor.orgId)
        throw new DomainError('validation_failed', {
          fields: [
            fieldError(
              'achievementId',
              'not_yours',
              '只能引用本单位的成果',
              'Only an achievement of your institution can be cited',
            ),
          ],
        });
    }
    await insertSolution(trx, {
      id,
      need_id: needId,
      title: body.title,
      summary: body.summary,
      approach: body.approach,
      keywords: body.keywords,
      trl: body.trl ?? null,
      quote_fen: body.quoteFen ?? null,
      achievement_id: body.achievementId ?? null,
      solver_org_id: actor.orgId,
      solver_user_id: actor.userId,
      status: SOLUTION.state.submitted,
      round,
      reject_reason: null,
      reject_text: null,
      feedback: null,
      contract_amount_fen: null,
      judged_by: null,
      judged_at: null,
      shortlisted_at: null,
      introduced_at: null,
      negotiating_at: null,
      signed_at: null,
      created_at: now,
      updated_at: now,
    });
    await insertSolutionEvent(trx, {
      solution_id: id,
      from_status: null,
      to_status: SOLUTION.state.submitted,
      actor_id: actor.userId,
      note: null,
      at: now,
    });
    await appendAudit(trx, {
      actor: auditActor(caller),
      action: 'market.solution.create',
      objectType: 'solution',
      objectId: id,
      after: { needId, title: body.title },
    });
  });
  await marketChanged(ctx, { solution: [id] });
  return getSolution(ctx, caller, id);
}

export async function getSolution(ctx: AppContext, caller: Caller, id: string) {
  const { actor } = caller;
  const r = await findSolution(ctx.db, id);
  if (!r || !(await canRead(ctx, actor, r))) throw new DomainError('not_found');
  return solutionDto(r, actor, await solutionEvents(ctx.db, [id]));
}

/** Lists the solutions the caller may read within a filter (need owner and brokers see all of a need's). */
export async function listSolutionsFor(
  ctx: AppContext,
  caller: Caller,
  f: SolutionFilter,
  page = 1,
  pageSize = 50,
) {
  const { actor } = caller;
  if (f.needId) {
    // A need the caller may not see answers as if it did not exist, like GET /needs/:id.
    const n = await findNeed(ctx.db, f.needId);
    if (!n || !canSeeNeed(actor, n)) throw new DomainError('not_found');
  }
  const all = await listSolutions(ctx.db, f);
  const visible: SolutionRow[] = [];
  for (const r of all.items) if (await canRead(ctx, actor, r)) visible.push(r);
  const items = visible.slice((page - 1) * pageSize, page * pageSize);
  const events = await solutionEvents(
    ctx.db,
    items.map((r) => r.id),
  );
  return { total: visible.length, items: items.map((r) => solutionDto(r, actor, events)) };
}

function actionErrors(action: SolutionAction, b: SolutionActionBody): FieldError[] {
  const e: FieldError[] = [];
  if (action === 'reject') {
    if (!b.reasonCode)
      e.push(fieldError('reasonCode', 'required', '不采纳时必须选择原因', 'Choose a reason when rejecting'));
    if (b.reasonCode === 'other' && !b.reasonText)
      e.push(
        fieldError(
          'reasonText',
          'required',
          '原因为“其他”时必须填写说明',
          'Explain the reason when it is “other”',
        ),
      );
  }
  if (action === 'sign' && !b.contractAmountFen)
    e.push(
      fieldError(
        'contractAmountFen',
        'required',
        '登记签约时必须填写合同金额（分）',
        'The contract amount (fen) is required',
      ),
    );
  return e;
}

export async function actOnSolution(
  ctx: AppContext,
  caller: Caller,
  id: string,
  action: SolutionAction,
  body: SolutionActionBody,
) {
  const { actor } = caller;
  await transaction(ctx, async (trx) => {
    const s = await lockSolution(trx, id);
    if (!s) throw new DomainError('not_found');
    const n = await lockNeed(trx, s.need_id);
    const parties = {
      status: s.status,
      needOrgId: n!.org_id,
      solverOrgId: s.solver_org_id,
      solverUserId: s.solver_user_id,
    };
    if (!canReadSolution(actor, parties)) throw new DomainError('not_found');
    const what = { action: `market.solution.${action}`, objectType: 'solution', objectId: id, trx };
    await enforce(ctx, caller, SOLUTION.decide(actor, parties, action), what);
    const errs = actionErrors(action, body);
    if (errs.length) throw new DomainError('validation_failed', { fields: errs });
    if (body.version !== undefined && body.version !== s.version)
      throw new DomainError('conflict', { params: { currentVersion: s.version } });
    const to = SOLUTION.transition(parties, action)!.to!;
    const now = ctx.now();
    const set: Record<string, unknown> = { status: to, version: s.version + 1, updated_at: now };
    if (action === 'shortlist' || action === 'reject') {
      set.judged_by = actor.userId;
      set.judged_at = now;
      if (body.feedback !== undefined) set.feedback = body.feedback;
    }
    if (action === 'shortlist') set.shortlisted_at = now;
    if (action === 'reject') {
      set.reject_reason = body.reasonCode;
      set.reject_text = body.reasonText ?? null;
    }
    if (action === 'introduce') set.introduced_at = now;
    if (action === 'negotiate') set.negotiating_at = now;
    if (action === 'sign') {
      set.signed_at = now;
      set.contract_amount_fen = body.contractAmountFen;
    }
    await updateSolution(trx, id, set as never);
    await insertSolutionEvent(trx, {
      solution_id: id,
      from_status: s.status,
      to_status: to,
      actor_id: actor.userId,
      note:
        body.note ??
        (action === 'reject' ? `${body.reasonCode}${body.reasonText ? `: ${body.reasonText}` : ''}` : null),
      at: now,
    });
    await appendAudit(trx, {
      actor: auditActor(caller),
      action: `market.solution.${action}`,
      objectType: 'solution',
      objectId: id,
      before: { status: s.status },
      after: { status: to },
      detail: {
        reasonCode: body.reasonCode,
        reasonText: body.reasonText,
        contractAmountFen: body.contractAmountFen,
        note: body.note,
      },
    });
  });
  if (action === 'withdraw') await marketChanged(ctx, { solution: [id] });
  return getSolution(ctx, caller, id);
}
