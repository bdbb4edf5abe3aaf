import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db-types.js';
import '../market/index.js';

type Db = Kysely<DB>;

/** Display data for recommended experts (name, organisation, fields; never contact details). */
export async function expertsByIds(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('market_expert_profiles as p')
    .innerJoin('users as u', 'u.id', 'p.user_id')
    .innerJoin('orgs as o', 'o.id', 'u.org_id')
    .select(['u.id', 'u.name', 'o.name as org_name', 'p.fields'])
    .where('u.id', 'in', ids)
    .execute();
  return rows.map((r) => ({ ...r, fields: r.fields ?? [] }));
}

export function institutionsByIds(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('orgs').select(['id', 'name', 'type', 'region']).where('id', 'in', ids).execute();
}

export function expertProfile(db: Db, userId: string) {
  return db.selectFrom('market_expert_profiles').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

export async function upsertExpertProfile(
  db: Db,
  p: { user_id: string; fields: string[]; keywords: string[]; bio: string; now: Date },
) {
  await db
    .insertInto('market_expert_profiles')
    .values({ user_id: p.user_id, fields: p.fields, keywords: p.keywords, bio: p.bio, updated_at: p.now })
    .onConflict((oc) =>
      oc.column('user_id').doUpdateSet((eb) => ({
        fields: p.fields,
        keywords: p.keywords,
        bio: p.bio,
        updated_at: p.now,
        version: eb('market_expert_profiles.version', '+', 1),
      })),
    )
    .execute();
}

export function customTerms(db: Db) {
  return db.selectFrom('market_dictionary_terms').selectAll().orderBy('term').execute();
}
export async function insertTerms(db: Db, terms: string[], note: string | null, by: string, now: Date) {
  if (terms.length === 0) return 0;
  const r = await db
    .insertInto('market_dictionary_terms')
    .values(terms.map((term) => ({ term, note, created_by: by, created_at: now })))
    .onConflict((oc) => oc.column('term').doNothing())
    .returning('term')
    .execute();
  return r.length;
}
export async function deleteTerm(db: Db, term: string) {
  const r = await db
    .deleteFrom('market_dictionary_terms')
    .where('term', '=', term)
    .returning('term')
    .execute();
  return r.length;
}
