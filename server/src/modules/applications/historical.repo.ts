/** SQL of historical imports: organisations by USCC, outcomes of imported applications. */
import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../../platform/db-types.js';
import type { ApplicationOutcomeTable } from './applications.tables.js';
import './applications.tables.js';

type Db = Kysely<DB>;

export function orgsByUscc(db: Db, usccs: string[]) {
  if (!usccs.length) return Promise.resolve([]);
  return db.selectFrom('orgs').select(['id', 'uscc', 'name', 'type']).where('uscc', 'in', usccs).execute();
}

export async function insertOutcome(db: Db, row: Insertable<ApplicationOutcomeTable>) {
  await db.insertInto('application_outcomes').values(row).execute();
}

export function outcomesOf(db: Db, applicationIds: string[]) {
  if (!applicationIds.length) return Promise.resolve([]);
  return db
    .selectFrom('application_outcomes')
    .selectAll()
    .where('application_id', 'in', applicationIds)
    .execute();
}
