import type { AppContext } from '../../platform/context.js';
import { explainMatches, meaningfulTerms, type Explained } from './match-explain.rules.js';
import { DomainError } from '../../platform/errors.js';
import type { AnyCaller, Caller } from '../../platform/caller.js';
import type { SearchDoc, SearchFilters, SearchHit } from '../search/index.js';
import {
  achievementsByIds,
  canReadFullNeed,
  canReadSolution,
  canSeeAchievement,
  findAchievement,
  findNeed,
  listSolutions,
  needsByIds,
  type IpItem,
} from '../market/index.js';
import { matchingOf } from './matching.service.js';
import { needText } from './matching.repo.js';
import type { SearchQuery } from './matching.schema.js';
import { institutionsByIds } from './matching.lookup.js';
import { expertCards } from '../experts/index.js';

const num = (v: unknown) => (v == null ? null : Number(v));
const day = (d: unknown) =>
  d == null
    ? null
    : d instanceof Date
      ? new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 10)
      : String(d).slice(0, 10);

export async function search(ctx: AppContext, caller: AnyCaller, q: SearchQuery) {
  const { actor } = caller;
  const t0 = performance.now();
  const m = await matchingOf(ctx);
  if (q.type === 'solution' && !actor) throw new DomainError('unauthenticated');
  const filters: SearchFilters = {
    collection: q.type,
    field: q.field,
    region: q.region,
    trlMin: q.trlMin,
    trlMax: q.trlMax,
    transferModes: q.transferMode ? [q.transferMode] : undefined,
    ipTypes: q.ipType ? [q.ipType] : undefined,
  };
  const offset = (q.page - 1) * q.pageSize;
  let hits: SearchHit[];
  let total: number;
  let queryTerms: string[];
  if (q.type === 'solution') {
    // solutions are private to their parties: rank a wide window, keep what the caller may read
    const res = m.search(q.q, { filters, limit: 1000 });
    const rows = await listSolutions(ctx.db, { ids: res.hits.map((h) => h.id) });
    const ok = new Set(
      rows.items
        .filter((s) =>
          canReadSolution(actor!, {
            needOrgId: s.need_org_id,
            solverOrgId: s.solver_org_id,
            solverUserId: s.solver_user_id,
          }),
        )
        .map((s) => s.id),
    );
    const visible = res.hits.filter((h) => ok.has(h.id));
    total = visible.length;
    hits = visible.slice(offset, offset + q.pageSize);
    queryTerms = res.queryTerms;
  } else {
    const res = m.search(q.q, { filters, limit: q.pageSize, offset });
    hits = res.hits;
    total = res.total;
    queryTerms = res.queryTerms;
  }
  const ids = hits.map((h) => h.id);
  const out = [];
  if (q.type === 'achievement') {
    const rows = new Map((await achievementsByIds(ctx.db, ids)).map((r) => [r.id, r]));
    for (const h of hits) {
      const r = rows.get(h.id);
      if (!r) continue;
      out.push({
        id: h.id,
        type: q.type,
        score: h.score,
        title: r.title,
        field: r.field,
        region: r.region || null,
        trl: r.trl,
        orgName: r.owner_name,
        transferModes: r.transfer_modes ?? [],
        ipTypes: [...new Set(((r.ip_items as IpItem[]) ?? []).map((i) => i.type))],
        matchedTerms: meaningfulTerms(h.matchedTerms),
        highlights: h.highlights,
        source: r.source,
      });
    }
  } else if (q.type === 'need') {
    const rows = new Map((await needsByIds(ctx.db, ids)).map((r) => [r.id, r]));
    for (const h of hits) {
      const r = rows.get(h.id);
      if (!r) continue;
      out.push({
        id: h.id,
        type: q.type,
        score: h.score,
        title: r.title,
        field: r.field,
        region: r.region || null,
        trl: null,
        orgName: r.org_name,
        transferModes: [],
        ipTypes: [],
        matchedTerms: meaningfulTerms(h.matchedTerms),
        highlights: h.highlights,
        source: null,
      });
    }
  } else {
    const rows = new Map((await listSolutions(ctx.db, { ids })).items.map((r) => [r.id, r]));
    for (const h of hits) {
      const r = rows.get(h.id);
      if (!r) continue;
      out.push({
        id: h.id,
        type: q.type,
        score: h.score,
        title: r.title,
        field: null,
        region: null,
        trl: r.trl,
        orgName: r.solver_org_name,
        transferModes: [],
        ipTypes: [],
        matchedTerms: meaningfulTerms(h.matchedTerms),
        highlights: h.highlights,
        source: null,
      });
    }
  }
  return {
    q: q.q,
    type: q.type,
    queryTerms,
    total,
    page: q.page,
    pageSize: q.pageSize,
    tookMs: Math.round((performance.now() - t0) * 100) / 100,
    hits: out,
  };
}

export async function suggest(
  ctx: AppContext,
  q: { title: string; type?: 'achievement' | 'need'; limit: number },
) {
  const m = await matchingOf(ctx);
  const items = m.suggest(q.title, q.type ? [q.type] : ['achievement', 'need'], q.limit);
  return {
    items: items.map((s) => ({
      id: s.id,
      title: s.title,
      type: s.collection as 'achievement' | 'need',
      distance: s.distance,
    })),
  };
}

type ExplainedHit = SearchHit & Pick<Explained<SearchHit>, 'relevance' | 'relevanceLabel'>;

/** The hits worth suggesting, with meaningful terms and a level in words (match-explain.rules.ts). */
const explained = (hits: SearchHit[]): ExplainedHit[] =>
  explainMatches(hits).map((e) => ({
    ...e.hit,
    matchedTerms: e.matchedTerms,
    relevance: e.relevance,
    relevanceLabel: e.relevanceLabel,
  }));

const why = (h: ExplainedHit) => ({
  score: h.score,
  relevance: h.relevance,
  relevanceLabel: h.relevanceLabel,
  matchedTerms: h.matchedTerms,
  highlights: h.highlights,
});

/**
 * Ranked hits joined to the rows loaded for them, in rank order; a hit whose row is gone (removed
 * since indexing) or that `make` refuses (returns null) is left out.
 */
async function joinHits<R extends { id: string }, T>(
  hits: ExplainedHit[],
  load: (ids: string[]) => Promise<R[]>,
  make: (row: R, hit: ExplainedHit) => T | null,
): Promise<T[]> {
  const rows = new Map((await load(hits.map((h) => h.id))).map((r) => [r.id, r]));
  return hits.flatMap((h) => {
    const r = rows.get(h.id);
    const out = r ? make(r, h) : null;
    return out === null ? [] : [out];
  });
}

/** For a need (any state, any confidentiality: its owner, technology managers and staff): the best achievements, solutions, experts, institutions. */
export async function needMatches(ctx: AppContext, caller: Caller, id: string, limit: number) {
  const { actor } = caller;
  const n = await findNeed(ctx.db, id);
  if (!n || !canReadFullNeed(actor, n)) throw new DomainError('not_found');
  const m = await matchingOf(ctx);
  const doc: SearchDoc = {
    id: n.id,
    collection: 'need',
    title: n.title,
    keywords: n.keywords ?? [],
    abstract: needText({ ...n, confidentiality: 'public' }),
    field: n.field,
  };
  return {
    needId: id,
    indexVersion: m.engine.stats().version,
    achievements: await joinHits(
      explained(m.rank(doc, 'achievement', limit)),
      (ids) => achievementsByIds(ctx.db, ids),
      (r, h) => ({
        id: r.id,
        title: r.title,
        field: r.field,
        trl: r.trl,
        owner: { id: r.owner_org_id, name: r.owner_name },
        transferModes: r.transfer_modes ?? [],
        ...why(h),
      }),
    ),
    // more candidates than shown: those the caller may not read are dropped before the limit
    solutions: (
      await joinHits(
        explained(m.rank(doc, 'solution', 200)),
        async (ids) => (await listSolutions(ctx.db, { ids })).items,
        (r, h) =>
          canReadSolution(actor, {
            needOrgId: r.need_org_id,
            solverOrgId: r.solver_org_id,
            solverUserId: r.solver_user_id,
          })
            ? {
                id: r.id,
                title: r.title,
                needId: r.need_id,
                solverName: r.solver_org_name,
                status: r.status,
                ...why(h),
              }
            : null,
      )
    ).slice(0, limit),
    experts: await joinHits(
      explained(m.rank(doc, 'expert', limit)),
      (ids) => expertCards(ctx.db, ids),
      (r, h) => ({ id: r.id, name: r.name, orgName: r.org_name, fields: r.fields, ...why(h) }),
    ),
    institutions: await joinHits(
      explained(m.rank(doc, 'institution', limit)),
      (ids) => institutionsByIds(ctx.db, ids),
      (r, h) => ({ id: r.id, name: r.name, type: r.type, region: r.region, ...why(h) }),
    ),
  };
}

/** For an achievement the caller may see: the published needs it could answer. */
export async function achievementMatches(ctx: AppContext, caller: AnyCaller, id: string, limit: number) {
  const { actor } = caller;
  const a = await findAchievement(ctx.db, id);
  if (
    !a ||
    !canSeeAchievement(actor, { status: a.status, ownerOrgId: a.owner_org_id, createdBy: a.created_by })
  )
    throw new DomainError('not_found');
  const m = await matchingOf(ctx);
  const doc: SearchDoc = {
    id: a.id,
    collection: 'achievement',
    title: a.title,
    keywords: a.keywords ?? [],
    abstract: a.abstract,
    field: a.field,
    trl: a.trl,
  };
  return {
    achievementId: id,
    indexVersion: m.engine.stats().version,
    needs: await joinHits(
      explained(m.rank(doc, 'need', limit)),
      (ids) => needsByIds(ctx.db, ids),
      (r, h) => ({
        id: r.id,
        title: r.title,
        field: r.field,
        orgName: r.org_name,
        budgetMinFen: num(r.budget_min_fen),
        budgetMaxFen: num(r.budget_max_fen),
        deadline: day(r.deadline),
        ...why(h),
      }),
    ),
  };
}
