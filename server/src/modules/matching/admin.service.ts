import type { AppContext } from '../../platform/context.js';
import { appendAudit } from '../../platform/audit.js';
import { DomainError } from '../../platform/errors.js';
import { auditActor, type Caller } from '../../platform/caller.js';
import { DOMAIN_TERMS, normalize } from '../search/index.js';
import { customTerms, deleteTerm, insertTerms } from './matching.lookup.js';
import { getExpertProfile as profileOf, saveExpertProfile } from '../experts/index.js';
import { indexChanged, matchingOf } from './matching.service.js';

export async function getDictionary(ctx: AppContext) {
  const rows = await customTerms(ctx.db);
  return {
    builtIn: [...DOMAIN_TERMS],
    custom: rows.map((r) => ({
      term: r.term,
      note: r.note,
      createdAt: new Date(r.created_at).toISOString(),
    })),
  };
}

/** Adds staff terms (saved, audited), then rebuilds the index so that every record is segmented with them. */
export async function addTerms(ctx: AppContext, caller: Caller, terms: string[], note: string | undefined) {
  const t0 = performance.now();
  const builtIn = new Set(DOMAIN_TERMS);
  const clean = [...new Set(terms.map((t) => normalize(t.trim())))].filter((t) => !builtIn.has(t));
  let added = 0;
  await ctx.db.transaction().execute(async (trx) => {
    added = await insertTerms(trx, clean, note ?? null, caller.actor.userId, ctx.now());
    await appendAudit(trx, {
      actor: auditActor(caller),
      action: 'market.dictionary.add',
      objectType: 'dictionary',
      objectId: 'domain',
      after: { terms: clean, note },
    });
  });
  const m = await matchingOf(ctx);
  const r = added > 0 ? await m.rebuild() : { docs: 0 };
  return { added, removed: 0, reindexedDocs: r.docs, ms: Math.round(performance.now() - t0) };
}

export async function removeTerm(ctx: AppContext, caller: Caller, term: string) {
  const t0 = performance.now();
  let removed = 0;
  await ctx.db.transaction().execute(async (trx) => {
    removed = await deleteTerm(trx, term);
    if (removed === 0) throw new DomainError('not_found');
    await appendAudit(trx, {
      actor: auditActor(caller),
      action: 'market.dictionary.remove',
      objectType: 'dictionary',
      objectId: 'domain',
      before: { term },
    });
  });
  const r = await (await matchingOf(ctx)).rebuild();
  return { added: 0, removed, reindexedDocs: r.docs, ms: Math.round(performance.now() - t0) };
}

export async function searchStatus(ctx: AppContext) {
  return (await matchingOf(ctx)).status();
}

export async function rebuildIndex(ctx: AppContext, caller: Caller) {
  const m = await matchingOf(ctx);
  await m.rebuild();
  await ctx.db.transaction().execute((trx) =>
    appendAudit(trx, {
      actor: auditActor(caller),
      action: 'market.search.rebuild',
      objectType: 'searchIndex',
      objectId: 'market',
    }).then(() => undefined),
  );
  await m.snapshot();
  return m.status();
}

export async function getExpertProfile(ctx: AppContext, caller: Caller) {
  return profileOf(ctx.db, caller.actor.userId);
}

export async function putExpertProfile(
  ctx: AppContext,
  caller: Caller,
  body: { fields: string[]; keywords: string[]; bio: string },
) {
  const { actor } = caller;
  await ctx.db.transaction().execute(async (trx) => {
    await saveExpertProfile(trx, actor.userId, body, ctx.now());
    await appendAudit(trx, {
      actor: auditActor(caller),
      action: 'market.expertProfile.update',
      objectType: 'user',
      objectId: actor.userId,
      after: body,
    });
  });
  await indexChanged(ctx, { expert: [actor.userId] });
  return getExpertProfile(ctx, caller);
}
