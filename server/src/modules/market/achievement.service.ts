import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import { auditActor, type Caller } from '../../platform/caller.js';
import { appendAudit } from '../../platform/audit.js';
import { DomainError, fieldError } from '../../platform/errors.js';
import { enforce, transaction } from '../../platform/enforce.js';
import {
  canCreateAchievement,
  canEditAchievement,
  canReadPrivate,
  canSee,
  isReviewer,
} from './achievement.rules.js';
import { ACHIEVEMENT, isReview, type AchievementAction } from './achievement.workflow.js';
import { marketChanged } from './market.events.js';
import type { AchievementQuery, CreateAchievementBody, PatchAchievementBody } from './achievement.schema.js';
import {
  findAchievement,
  insertAchievement,
  listAchievements,
  lockAchievement,
  orgInfo,
  updateAchievement,
  userInfo,
} from './achievement.repo.js';
import { fullAchievement, publicAchievement } from './achievement.dto.js';

export async function assertTechManager(ctx: AppContext, id: string | null | undefined) {
  if (!id) return;
  const u = await userInfo(ctx.db, id);
  if (!u || !(u.roles as string[]).includes('techManager'))
    throw new DomainError('validation_failed', {
      fields: [
        fieldError(
          'techManagerId',
          'not_tech_manager',
          '所选用户不是技术经理人',
          'That user is not a technology manager',
        ),
      ],
    });
}

/** Columns of an achievement from a validated body (shared by create, patch and import). */
export function achievementColumns(b: Partial<CreateAchievementBody>) {
  const out: Record<string, unknown> = {};
  if (b.title !== undefined) out.title = b.title;
  if (b.abstract !== undefined) out.abstract = b.abstract;
  if (b.keywords !== undefined) out.keywords = b.keywords;
  if (b.field !== undefined) out.field = b.field;
  if (b.organisations !== undefined) out.organisations = JSON.stringify(b.organisations);
  if (b.people !== undefined) out.people = JSON.stringify(b.people);
  if (b.ipItems !== undefined) out.ip_items = JSON.stringify(b.ipItems);
  if (b.trl !== undefined) out.trl = b.trl;
  if (b.ownership !== undefined) out.ownership = b.ownership;
  if (b.transferModes !== undefined) out.transfer_modes = b.transferModes;
  if (b.priceMinFen !== undefined) out.price_min_fen = b.priceMinFen;
  if (b.priceMaxFen !== undefined) out.price_max_fen = b.priceMaxFen;
  if (b.researcherContact !== undefined)
    out.researcher_contact = b.researcherContact ? JSON.stringify(b.researcherContact) : null;
  if (b.techManagerId !== undefined) out.tech_manager_id = b.techManagerId ?? null;
  return out;
}

export async function createAchievement(ctx: AppContext, caller: Caller, body: CreateAchievementBody) {
  const { actor } = caller;
  const org = await orgInfo(ctx.db, actor.orgId);
  if (!org) throw new DomainError('not_found');
  await enforce(ctx, caller, canCreateAchievement(actor, org.type), {
    action: 'market.achievement.create',
    objectType: 'achievement',
  });
  await assertTechManager(ctx, body.techManagerId);
  const id = randomUUID();
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await insertAchievement(trx, {
      id,
      ...(achievementColumns(body) as Record<string, never>),
      region: org.region,
      owner_org_id: actor.orgId,
      created_by: actor.userId,
      status: ACHIEVEMENT.state.draft,
      source: 'user',
      created_at: now,
      updated_at: now,
    } as never);
    await appendAudit(trx, {
      actor: auditActor(caller),
      action: 'market.achievement.create',
      objectType: 'achievement',
      objectId: id,
      after: body,
    });
  });
  return fullAchievement((await findAchievement(ctx.db, id))!, actor);
}

export async function patchAchievement(
  ctx: AppContext,
  caller: Caller,
  id: string,
  body: PatchAchievementBody,
) {
  const { actor } = caller;
  const { version, ...changes } = body;
  if (changes.techManagerId) await assertTechManager(ctx, changes.techManagerId);
  await transaction(ctx, async (trx) => {
    const a = await lockAchievement(trx, id);
    if (!a) throw new DomainError('not_found');
    const ref = { status: a.status, ownerOrgId: a.owner_org_id, createdBy: a.created_by };
    // an unpublished achievement the caller may not see answers as an unknown id: its existence is not told
    if (!canSee(actor, ref)) throw new DomainError('not_found');
    const d = canEditAchievement(actor, ref);
    await enforce(ctx, caller, d, {
      action: 'market.achievement.update',
      objectType: 'achievement',
      objectId: id,
      trx,
    });
    if (a.version !== version)
      throw new DomainError('conflict', {
        zh: '成果已被他人修改，请刷新后重试',
        en: 'The achievement was changed by someone else; reload and try again',
        params: { currentVersion: a.version },
      });
    const min = changes.priceMinFen !== undefined ? changes.priceMinFen : a.price_min_fen;
    const max = changes.priceMaxFen !== undefined ? changes.priceMaxFen : a.price_max_fen;
    if (min != null && max != null && Number(min) > Number(max))
      throw new DomainError('validation_failed', {
        fields: [
          fieldError(
            'priceMaxFen',
            'range',
            '最高价格不能低于最低价格',
            'The maximum price is below the minimum',
          ),
        ],
      });
    await updateAchievement(trx, id, {
      ...(achievementColumns(changes) as Record<string, never>),
      version: a.version + 1,
      updated_at: ctx.now(),
    });
    await appendAudit(trx, {
      actor: auditActor(caller),
      action: 'market.achievement.update',
      objectType: 'achievement',
      objectId: id,
      before: { version: a.version },
      after: changes,
    });
  });
  await marketChanged(ctx, { achievement: [id] });
  return fullAchievement((await findAchievement(ctx.db, id))!, actor);
}

export async function transitionAchievement(
  ctx: AppContext,
  caller: Caller,
  id: string,
  action: AchievementAction,
  body: { reason?: string; version?: number },
) {
  const { actor } = caller;
  let ownerOrg = '';
  await transaction(ctx, async (trx) => {
    const a = await lockAchievement(trx, id);
    if (!a) throw new DomainError('not_found');
    ownerOrg = a.owner_org_id;
    const ref = { status: a.status, ownerOrgId: a.owner_org_id, createdBy: a.created_by };
    if (!canReadPrivate(actor, ref)) throw new DomainError('not_found');
    const what = { action: `market.achievement.${action}`, objectType: 'achievement', objectId: id, trx };
    await enforce(ctx, caller, ACHIEVEMENT.decide(actor, ref, action), what);
    const t = ACHIEVEMENT.transition(ref, action)!;
    const to = t.to!;
    const S = ACHIEVEMENT.state;
    if (to === S.returned && !body.reason?.trim())
      throw new DomainError('validation_failed', {
        fields: [
          fieldError('reason', 'required', '退回时必须填写原因', 'A reason is required when returning'),
        ],
      });
    if (body.version !== undefined && body.version !== a.version)
      throw new DomainError('conflict', { params: { currentVersion: a.version } });
    const now = ctx.now();
    await updateAchievement(trx, id, {
      status: to,
      return_reason: to === S.returned ? body.reason!.trim() : to === S.submitted ? a.return_reason : null,
      ...(isReview(t) ? { reviewed_by: actor.userId, reviewed_at: now } : {}),
      ...(to === S.published ? { published_at: now } : {}),
      version: a.version + 1,
      updated_at: now,
    });
    await appendAudit(trx, {
      actor: auditActor(caller),
      action: `market.achievement.${action}`,
      objectType: 'achievement',
      objectId: id,
      before: { status: a.status },
      after: { status: to },
      detail: body.reason ? { reason: body.reason } : undefined,
    });
  });
  await marketChanged(ctx, { achievement: [id], institution: [ownerOrg] });
  return fullAchievement((await findAchievement(ctx.db, id))!, actor);
}

export async function getPublicAchievement(ctx: AppContext, id: string, actor?: Caller['actor'] | null) {
  const a = await findAchievement(ctx.db, id);
  // tells the web whether /full will answer, so it does not ask and log a 404 (issue 11); an
  // unpublished record is found only by those who may read it in full anyway (as needs are)
  const viewerReadsFull =
    !!a &&
    !!actor &&
    canReadPrivate(actor, { status: a.status, ownerOrgId: a.owner_org_id, createdBy: a.created_by });
  if (!a || (a.status !== ACHIEVEMENT.state.published && !viewerReadsFull))
    throw new DomainError('not_found');
  return { ...publicAchievement(a), viewerReadsFull };
}

export async function getFullAchievement(ctx: AppContext, caller: Caller, id: string) {
  const { actor } = caller;
  const a = await findAchievement(ctx.db, id);
  if (!a || !canReadPrivate(actor, { status: a.status, ownerOrgId: a.owner_org_id, createdBy: a.created_by }))
    throw new DomainError('not_found');
  return fullAchievement(a, actor);
}

export async function listPublicAchievements(ctx: AppContext, q: AchievementQuery) {
  const r = await listAchievements(
    ctx.db,
    { status: ACHIEVEMENT.state.published, field: q.field },
    q.page,
    q.pageSize,
  );
  return { total: r.total, items: r.items.map(publicAchievement) };
}

/** My institution's achievements (all states) or the ones I wrote; staff see every institution's. */
export async function listMyAchievements(ctx: AppContext, caller: Caller, q: AchievementQuery) {
  const { actor } = caller;
  const f =
    q.mine === 'author'
      ? { createdBy: actor.userId }
      : isReviewer(actor, { ownerOrgId: actor.orgId }) || q.mine === 'org'
        ? { ownerOrgId: actor.orgId }
        : { createdBy: actor.userId };
  const r = await listAchievements(ctx.db, { ...f, status: q.status, field: q.field }, q.page, q.pageSize);
  return { total: r.total, items: r.items.map((a) => fullAchievement(a, actor)) };
}
