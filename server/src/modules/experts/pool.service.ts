/**
 * The expert pool (专家库) as the programme office keeps it: list and search, one expert, an edit.
 * Import and export are pool-import.service.ts. Contact details leave this service in clear; the
 * response schema marks them personal and the serializer masks them for anyone but the keepers.
 */
import type { Kysely } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import type { DB } from '../../platform/db-types.js';
import { appendAudit } from '../../platform/audit.js';
import { auditActor, type Caller } from '../../platform/caller.js';
import { transaction } from '../../platform/enforce.js';
import { DomainError, validationError } from '../../platform/errors.js';
import { maskEmail, maskPhone } from '../../platform/mask.js';
import { platformOrgsNamed } from '../identity/index.js';
import { findPoolRow, listPool, reviewPoolRows, upsertPoolEntry, type PoolColumns } from './pool.repo.js';
import type { ReviewPoolExpert } from './experts.types.js';
import { poolExpertDto } from './pool.dto.js';
import { windowsOverlap } from './experts.rules.js';
import type { ExpertEditBody, ExpertPoolBody, PoolExpert, PoolQuery } from './experts.schema.js';

export async function listExperts(ctx: AppContext, _caller: Caller, q: PoolQuery) {
  const { items, total } = await listPool(
    ctx.db,
    {
      q: q.q,
      field: q.field,
      keyword: q.keyword,
      active: q.active === undefined ? undefined : q.active === 'true',
    },
    { limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
  );
  return { items: items.map(poolExpertDto), total, page: q.page, pageSize: q.pageSize };
}

export async function getPoolExpert(ctx: AppContext, _caller: Caller, userId: string): Promise<PoolExpert> {
  const r = await findPoolRow(ctx.db, userId);
  if (!r) throw new DomainError('not_found');
  return poolExpertDto(r);
}

/** The stored columns of a valid body; a wrong organisation or overlapping windows name their field. */
export async function poolColumns(ctx: AppContext, b: ExpertPoolBody): Promise<PoolColumns> {
  const errors = windowsOverlap(b.availability);
  if (b.orgId) {
    const named = await platformOrgsNamed(ctx.db, [b.orgName]);
    if (named.get(b.orgName) !== b.orgId)
      errors.push({
        field: 'orgId',
        code: 'org_mismatch',
        message: '平台单位与工作单位名称不一致',
        messageEn: 'The platform organisation does not carry this organisation name',
      });
  }
  if (errors.length) throw validationError(errors);
  return {
    org_name: b.orgName,
    org_id: b.orgId,
    title: b.title,
    fields: [...new Set(b.fields)],
    keywords: [...new Set(b.keywords)],
    bio: b.bio,
    contact_phone: b.contactPhone,
    contact_email: b.contactEmail,
    availability: [...b.availability].sort((x, y) => x.from.localeCompare(y.from)),
    max_load_per_round: b.maxLoadPerRound,
    active: b.active,
  };
}

/** Staff edit one expert (audited with the fields that changed; 409 on a stale version). */
export async function editPoolExpert(
  ctx: AppContext,
  caller: Caller,
  userId: string,
  body: ExpertEditBody,
): Promise<PoolExpert> {
  const { version, ...rest } = body;
  const cols = await poolColumns(ctx, rest);
  await transaction(ctx, async (trx) => {
    const cur = await findPoolRow(trx, userId, true);
    if (!cur) throw new DomainError('not_found');
    if (cur.version !== version)
      throw new DomainError('conflict', {
        zh: '专家信息已被他人修改，请刷新后重试',
        en: 'The expert was changed by someone else; reload and try again',
        params: { currentVersion: cur.version },
      });
    const before = poolExpertDto(cur);
    await upsertPoolEntry(trx, userId, cols, 'staff', caller.now);
    const after = poolExpertDto((await findPoolRow(trx, userId))!);
    const changed = (Object.keys(rest) as Array<keyof typeof rest>).filter(
      (k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]),
    );
    await appendAudit(trx, {
      actor: auditActor(caller),
      action: 'experts.expert.update',
      objectType: 'expert',
      objectId: userId,
      before: pick(before, changed),
      after: pick(after, changed),
    });
  });
  return getPoolExpert(ctx, caller, userId);
}

/** The changed fields; the audit keeps contact details masked (138****5678, l***@fudan.edu.cn). */
function pick(e: PoolExpert, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = e[k as keyof PoolExpert];
  if ('contactPhone' in out && e.contactPhone) out.contactPhone = maskPhone(e.contactPhone);
  if ('contactEmail' in out && e.contactEmail) out.contactEmail = maskEmail(e.contactEmail);
  return out;
}

/** The experts a review round may assign (active profile, active account), by id. */
export async function reviewPool(db: Kysely<DB>): Promise<ReviewPoolExpert[]> {
  return (await reviewPoolRows(db)).map((r) => ({
    userId: r.user_id,
    name: r.name,
    orgId: r.org_id,
    orgName: r.org_name,
    title: r.title,
    fields: [...r.fields],
    keywords: [...r.keywords],
    maxLoadPerRound: r.max_load_per_round,
    availability: [...r.availability],
  }));
}
