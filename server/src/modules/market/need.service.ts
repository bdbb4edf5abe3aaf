import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import { auditActor, type AnyCaller, type Caller } from '../../platform/caller.js';
import { appendAudit } from '../../platform/audit.js';
import { DomainError, fieldError } from '../../platform/errors.js';
import { marketChanged } from './market.events.js';
import { orgInfo } from './achievement.repo.js';
import { assessNeed, REFINE_THRESHOLD } from './need.rules.js';
import type { CreateNeedBody, MyNeedQuery, PatchNeedBody, RefineNeedBody } from './need.schema.js';
import { findNeed, insertNeed, listNeeds, lockNeed, updateNeed } from './need.repo.js';
import { canReadFullNeed, canSeeNeed, fullNeed, publicNeed } from './need.dto.js';
import { NEED, type NeedAction } from './need.workflow.js';
import { enforce, transaction } from '../../platform/enforce.js';
import type { NeedTable } from './market.tables.js';
import type { Selectable } from 'kysely';

type NeedState = Selectable<NeedTable>;

function qualityColumns(n: {
  problem: string;
  indicators: string[];
  keywords: string[];
  budget_min_fen: unknown;
  budget_max_fen: unknown;
  deadline: unknown;
}) {
  const q = assessNeed({
    problem: n.problem,
    indicators: n.indicators,
    keywords: n.keywords,
    budgetMinFen: n.budget_min_fen == null ? null : Number(n.budget_min_fen),
    budgetMaxFen: n.budget_max_fen == null ? null : Number(n.budget_max_fen),
    deadline: n.deadline == null ? null : String(n.deadline),
  });
  return {
    quality_score: q.score,
    quality_issues: JSON.stringify(q.issues),
    needs_refinement: q.needsRefinement,
  };
}

function needColumns(b: Partial<CreateNeedBody>) {
  const out: Record<string, unknown> = {};
  for (const [k, col] of [
    ['title', 'title'],
    ['problem', 'problem'],
    ['indicators', 'indicators'],
    ['keywords', 'keywords'],
    ['field', 'field'],
    ['budgetMinFen', 'budget_min_fen'],
    ['budgetMaxFen', 'budget_max_fen'],
    ['deadline', 'deadline'],
    ['confidentiality', 'confidentiality'],
    ['summary', 'summary'],
  ] as const)
    if (b[k] !== undefined) out[col] = b[k] ?? null;
  return out;
}

export async function createNeed(ctx: AppContext, caller: Caller, body: CreateNeedBody) {
  const { actor } = caller;
  const org = await orgInfo(ctx.db, actor.orgId);
  if (!org) throw new DomainError('not_found');
  if (org.type !== 'enterprise')
    throw new DomainError('forbidden', {
      zh: '只有企业可以发布技术需求',
      en: 'Only enterprises publish needs',
    });
  const id = randomUUID();
  const now = ctx.now();
  const cols = needColumns(body) as Record<string, never>;
  await ctx.db.transaction().execute(async (trx) => {
    await insertNeed(trx, {
      id,
      ...cols,
      ...qualityColumns({
        problem: body.problem,
        indicators: body.indicators,
        keywords: body.keywords,
        budget_min_fen: body.budgetMinFen,
        budget_max_fen: body.budgetMaxFen,
        deadline: body.deadline,
      }),
      region: org.region,
      org_id: actor.orgId,
      created_by: actor.userId,
      status: NEED.state.draft,
      refined_by: null,
      refined_at: null,
      challenge_id: null,
      published_at: null,
      created_at: now,
      updated_at: now,
    } as never);
    await appendAudit(trx, {
      actor: auditActor(caller),
      action: 'market.need.create',
      objectType: 'need',
      objectId: id,
      after: body,
    });
  });
  return fullNeed((await findNeed(ctx.db, id))!, actor);
}

/** Locks the need, enforces the workflow's decision for `action`, checks the version, saves and audits. */
async function changeNeed(
  ctx: AppContext,
  caller: Caller,
  id: string,
  action: NeedAction,
  version: number | undefined,
  build: (n: NeedState) => Record<string, unknown>,
  audit: { action: string; detail?: unknown },
) {
  const { actor } = caller;
  await transaction(ctx, async (trx) => {
    const n = await lockNeed(trx, id);
    if (!n || !canSeeNeed(actor, n)) throw new DomainError('not_found');
    await enforce(ctx, caller, NEED.decide(actor, { status: n.status, orgId: n.org_id }, action), {
      action: audit.action,
      objectType: 'need',
      objectId: id,
      trx,
    });
    versionCheck(n, version);
    const set = build(n);
    const merged = { ...n, ...set } as NeedState;
    if (
      merged.budget_min_fen != null &&
      merged.budget_max_fen != null &&
      Number(merged.budget_min_fen) > Number(merged.budget_max_fen)
    )
      throw new DomainError('validation_failed', {
        fields: [
          fieldError(
            'budgetMaxFen',
            'range',
            '预算上限不能低于下限',
            'The budget maximum is below the minimum',
          ),
        ],
      });
    if (merged.confidentiality === 'summaryOnly' && !merged.summary?.trim())
      throw new DomainError('validation_failed', {
        fields: [
          fieldError(
            'summary',
            'required',
            '仅公开摘要时必须填写摘要',
            'A summary is required when only the summary is public',
          ),
        ],
      });
    await updateNeed(trx, id, {
      ...(set as Record<string, never>),
      ...qualityColumns(merged),
      version: n.version + 1,
      updated_at: ctx.now(),
    });
    await appendAudit(trx, {
      actor: auditActor(caller),
      action: audit.action,
      objectType: 'need',
      objectId: id,
      before: { status: n.status, version: n.version, quality: n.quality_score },
      after: set,
      detail: audit.detail,
    });
  });
  await marketChanged(ctx, { need: [id] });
  return fullNeed((await findNeed(ctx.db, id))!, actor);
}

const versionCheck = (n: NeedState, v?: number) => {
  if (v !== undefined && n.version !== v)
    throw new DomainError('conflict', {
      zh: '需求已被他人修改，请刷新后重试',
      en: 'The need was changed by someone else; reload and try again',
      params: { currentVersion: n.version },
    });
};

export function patchNeed(ctx: AppContext, caller: Caller, id: string, body: PatchNeedBody) {
  const { version, ...changes } = body;
  return changeNeed(ctx, caller, id, 'edit', version, () => needColumns(changes), {
    action: 'market.need.update',
  });
}

export function setNeedStatus(
  ctx: AppContext,
  caller: Caller,
  id: string,
  action: 'publish' | 'close',
  version?: number,
) {
  return changeNeed(
    ctx,
    caller,
    id,
    action,
    version,
    (n) => {
      const to = NEED.transition({ status: n.status, orgId: n.org_id }, action)!.to!;
      return to === NEED.state.published
        ? { status: to, published_at: n.published_at ?? ctx.now() }
        : { status: to };
    },
    { action: `market.need.${action}` },
  );
}

/** A technology manager rewrites a vague need (audited with the note and the score before and after). */
export function refineNeed(ctx: AppContext, caller: Caller, id: string, body: RefineNeedBody) {
  const { actor } = caller;
  const { version, note, ...changes } = body;
  return changeNeed(
    ctx,
    caller,
    id,
    'refine',
    version,
    () => ({ ...needColumns(changes), refined_by: actor.userId, refined_at: ctx.now() }),
    { action: 'market.need.refine', detail: { note } },
  );
}

export async function getPublicNeed(ctx: AppContext, caller: AnyCaller, id: string) {
  const { actor } = caller;
  const n = await findNeed(ctx.db, id);
  if (!n || !canSeeNeed(actor, n) || (n.status !== NEED.state.published && !canReadFullNeed(actor, n)))
    throw new DomainError('not_found');
  // tells the web whether /full will answer, so it does not ask and log a 404 (issue 11)
  return { ...publicNeed(n), viewerReadsFull: canReadFullNeed(actor, n) };
}

export async function getFullNeed(ctx: AppContext, caller: Caller, id: string) {
  const { actor } = caller;
  const n = await findNeed(ctx.db, id);
  if (!n || !canReadFullNeed(actor, n)) throw new DomainError('not_found');
  return fullNeed(n, actor);
}

export async function listPublicNeeds(
  ctx: AppContext,
  q: { field?: string; challengeId?: string; page: number; pageSize: number },
) {
  const r = await listNeeds(
    ctx.db,
    { publicOnly: true, field: q.field, challengeId: q.challengeId },
    q.page,
    q.pageSize,
  );
  return { total: r.total, items: r.items.map(publicNeed) };
}

/** Enterprise: its own needs. Technology manager with flagged=true: every published need below the quality threshold. */
export async function listMyNeeds(ctx: AppContext, caller: Caller, q: MyNeedQuery) {
  const { actor } = caller;
  const flagged = q.flagged && actor.roles.includes('techManager');
  const r = await listNeeds(
    ctx.db,
    flagged
      ? { status: NEED.state.published, flagged: true, field: q.field }
      : { orgId: actor.orgId, status: q.status, field: q.field, challengeId: q.challengeId },
    q.page,
    q.pageSize,
  );
  return { total: r.total, items: r.items.map((n) => fullNeed(n, actor)) };
}

export function checkQuality(b: Parameters<typeof assessNeed>[0]) {
  return { ...assessNeed(b), threshold: REFINE_THRESHOLD };
}
