/** SQL of the ongoing-projects registry (在研项目登记, imported from the commission's registry). */
import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB } from '../../platform/db-types.js';
import type { OngoingProjectTable } from './applications.tables.js';
import './applications.tables.js';

type Db = Kysely<DB>;

/** Ongoing projects led by any of these ID numbers (normalised). */
export async function countOngoingByLead(db: Db, idNumbers: string[]): Promise<number> {
  if (!idNumbers.length) return 0;
  const r = await db
    .selectFrom('ongoing_projects')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('lead_id_number', 'in', idNumbers)
    .where('status', '=', 'ongoing')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export function findByProjectNumbers(db: Db, numbers: string[]) {
  if (!numbers.length) return Promise.resolve([]);
  return db
    .selectFrom('ongoing_projects')
    .select(['id', 'project_number', 'version'])
    .where('project_number', 'in', numbers)
    .execute();
}

export async function insertOngoing(db: Db, row: Insertable<OngoingProjectTable>) {
  await db.insertInto('ongoing_projects').values(row).execute();
}

export async function updateOngoing(
  db: Db,
  id: string,
  set: Omit<Insertable<OngoingProjectTable>, 'id' | 'project_number'>,
) {
  await db
    .updateTable('ongoing_projects')
    .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

export async function listOngoing(
  db: Db,
  q: { status?: 'ongoing' | 'closed'; idNumber?: string; page: number; pageSize: number },
) {
  let base = db.selectFrom('ongoing_projects');
  if (q.status) base = base.where('status', '=', q.status);
  if (q.idNumber) base = base.where('lead_id_number', '=', q.idNumber);
  const [{ n }] = await base.select((eb) => eb.fn.countAll<string>().as('n')).execute();
  const items = await base
    .selectAll()
    // dates as text: drivers turn a `date` into a local-midnight Date
    .select([
      sql<string | null>`to_char(starts_on, 'YYYY-MM-DD')`.as('starts_text'),
      sql<string | null>`to_char(ends_on, 'YYYY-MM-DD')`.as('ends_text'),
    ])
    .orderBy('imported_at', 'desc')
    .orderBy('project_number')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { total: Number(n), items };
}
