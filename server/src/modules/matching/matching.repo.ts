import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db-types.js';
import type { Collection, SearchDoc } from '../search/index.js';
import '../market/index.js';
import './matching.tables.js';
import { expertsForIndex } from '../experts/index.js';
import type { IpItem } from '../market/index.js';

type Db = Kysely<DB>;

/**
 * What the engine indexes, read from the database: only what may be discovered.
 * - achievements: published ones;
 * - needs: published, public ones with their problem; summaryOnly ones with their summary only;
 *   private needs are never indexed (they are matched from their own text, for their owner);
 * - solutions: all but withdrawn (search results are filtered by who may read them);
 * - experts: users with the expert role and a profile of fields;
 * - institutions: organisations with published achievements (their keywords and titles).
 */
export const RESEARCH_OR_TRANSFER_ORGS = [
  'university',
  'researchInstitute',
  'hospital',
  'transferInstitution',
];

const ipTypes = (items: IpItem[] | null | undefined) => [...new Set((items ?? []).map((i) => i.type))];
const arr = (v: unknown): string[] => (Array.isArray(v) ? (v as string[]) : []);

export async function achievementDocs(db: Db, ids?: readonly string[]): Promise<SearchDoc[]> {
  let q = db
    .selectFrom('market_achievements')
    .select(['id', 'title', 'abstract', 'keywords', 'field', 'trl', 'region', 'transfer_modes', 'ip_items'])
    .where('status', '=', 'published');
  if (ids) q = q.where('id', 'in', ids.length ? ids : ['']);
  const rows = await q.orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    collection: 'achievement' as const,
    title: r.title,
    keywords: arr(r.keywords),
    abstract: r.abstract,
    field: r.field,
    trl: r.trl,
    region: r.region || undefined,
    transferModes: arr(r.transfer_modes),
    ipTypes: ipTypes(r.ip_items as IpItem[]),
  }));
}

export function needText(r: {
  problem: string;
  indicators: string[];
  summary?: string | null;
  confidentiality: string;
}) {
  if (r.confidentiality === 'summaryOnly') return r.summary ?? '';
  return [r.problem, ...arr(r.indicators)].join('\n');
}

export async function needDocs(db: Db, ids?: readonly string[]): Promise<SearchDoc[]> {
  let q = db
    .selectFrom('market_needs')
    .select([
      'id',
      'title',
      'problem',
      'indicators',
      'summary',
      'keywords',
      'field',
      'region',
      'confidentiality',
    ])
    .where('status', '=', 'published')
    .where('confidentiality', 'in', ['public', 'summaryOnly']);
  if (ids) q = q.where('id', 'in', ids.length ? ids : ['']);
  const rows = await q.orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    collection: 'need' as const,
    title: r.title,
    keywords: arr(r.keywords),
    abstract: needText(r),
    field: r.field,
    region: r.region || undefined,
  }));
}

export async function solutionDocs(db: Db, ids?: readonly string[]): Promise<SearchDoc[]> {
  let q = db
    .selectFrom('market_solutions as s')
    .innerJoin('market_needs as n', 'n.id', 's.need_id')
    .select(['s.id', 's.title', 's.summary', 's.keywords', 's.trl', 'n.field', 'n.region'])
    .where('s.status', '!=', 'withdrawn');
  if (ids) q = q.where('s.id', 'in', ids.length ? ids : ['']);
  const rows = await q.orderBy('s.id').execute();
  return rows.map((r) => ({
    id: r.id,
    collection: 'solution' as const,
    title: r.title,
    keywords: arr(r.keywords),
    abstract: r.summary,
    field: r.field,
    trl: r.trl ?? undefined,
    region: r.region || undefined,
  }));
}

export async function expertDocs(db: Db, ids?: readonly string[]): Promise<SearchDoc[]> {
  const experts = await expertsForIndex(db, ids);
  return experts
    .filter((e) => e.fields.length + e.keywords.length > 0)
    .map((e) => ({
      id: e.userId,
      collection: 'expert' as const,
      title: e.fields.join(' '),
      keywords: e.keywords,
      abstract: e.bio,
      field: e.fields[0],
    }));
}

/** An institution's profile: its name, the most frequent keywords and the titles of its published achievements. */
export async function institutionDocs(db: Db, ids?: readonly string[]): Promise<SearchDoc[]> {
  let q = db
    .selectFrom('market_achievements as a')
    .innerJoin('orgs as o', 'o.id', 'a.owner_org_id')
    .select(['o.id as org_id', 'o.name', 'o.region', 'a.title', 'a.keywords', 'a.field'])
    .where('a.status', '=', 'published')
    .where('o.type', 'in', RESEARCH_OR_TRANSFER_ORGS as never[]);
  if (ids) q = q.where('o.id', 'in', ids.length ? ids : ['']);
  const rows = await q.orderBy('o.id').orderBy('a.id').execute();
  const by = new Map<
    string,
    { name: string; region: string; titles: string[]; kw: Map<string, number>; fields: Map<string, number> }
  >();
  for (const r of rows) {
    let g = by.get(r.org_id);
    if (!g)
      by.set(
        r.org_id,
        (g = { name: r.name, region: r.region, titles: [], kw: new Map(), fields: new Map() }),
      );
    g.titles.push(r.title);
    for (const k of arr(r.keywords)) g.kw.set(k, (g.kw.get(k) ?? 0) + 1);
    g.fields.set(r.field, (g.fields.get(r.field) ?? 0) + 1);
  }
  const top = (m: Map<string, number>, n: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, n)
      .map(([k]) => k);
  return [...by.entries()].map(([id, g]) => ({
    id,
    collection: 'institution' as const,
    title: g.name,
    keywords: top(g.kw, 30),
    abstract: g.titles.slice(0, 200).join('；'),
    field: top(g.fields, 1)[0],
    region: g.region || undefined,
  }));
}

export const LOADERS: Record<Collection, (db: Db, ids?: readonly string[]) => Promise<SearchDoc[]>> = {
  achievement: achievementDocs,
  need: needDocs,
  solution: solutionDocs,
  expert: expertDocs,
  institution: institutionDocs,
};

export async function dictionaryTerms(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('market_dictionary_terms').select('term').orderBy('term').execute();
  return rows.map((r) => r.term);
}
