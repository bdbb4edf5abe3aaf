import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db-types.js';
import '../market/index.js';
import './matching.tables.js';

type Db = Kysely<DB>;

export function institutionsByIds(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('orgs').select(['id', 'name', 'type', 'region']).where('id', 'in', ids).execute();
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
