import { sql, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { DB } from '../../platform/db-types.js';
import './market.tables.js';
import type { SolutionEventTable, SolutionTable } from './market.tables.js';

type Db = Kysely<DB>;
export type SolutionRow = Selectable<SolutionTable> & {
  need_title: string;
  need_org_id: string;
  need_org_name: string;
  need_challenge_id: string | null;
  solver_org_name: string;
  expert_score: number | string | null;
};

const base = (db: Db) =>
  db
    .selectFrom('market_solutions as s')
    .innerJoin('market_needs as n', 'n.id', 's.need_id')
    .innerJoin('orgs as no', 'no.id', 'n.org_id')
    .innerJoin('orgs as so', 'so.id', 's.solver_org_id')
    .selectAll('s')
    .select([
      'n.title as need_title',
      'n.org_id as need_org_id',
      'no.name as need_org_name',
      'n.challenge_id as need_challenge_id',
      'so.name as solver_org_name',
      sql<
        number | null
      >`(select round(avg(c.score)::numeric, 1) from market_challenge_scores c where c.solution_id = s.id and c.round = s.round)`.as(
        'expert_score',
      ),
    ]);

export function findSolution(db: Db, id: string) {
  return base(db).where('s.id', '=', id).executeTakeFirst() as Promise<SolutionRow | undefined>;
}
export function lockSolution(db: Db, id: string) {
  return db.selectFrom('market_solutions').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}
export async function insertSolution(db: Db, row: Insertable<SolutionTable>) {
  await db.insertInto('market_solutions').values(row).execute();
}
export async function updateSolution(db: Db, id: string, set: Updateable<SolutionTable>) {
  await db.updateTable('market_solutions').set(set).where('id', '=', id).execute();
}
export async function insertSolutionEvent(db: Db, e: Insertable<SolutionEventTable>) {
  await db.insertInto('market_solution_events').values(e).execute();
}
export function solutionEvents(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('market_solution_events')
    .selectAll()
    .where('solution_id', 'in', ids)
    .orderBy('id')
    .execute();
}

export interface SolutionFilter {
  needId?: string;
  solverUserId?: string;
  solverOrgId?: string;
  challengeId?: string;
  status?: string;
  ids?: string[];
}
export async function listSolutions(db: Db, f: SolutionFilter, page = 1, pageSize = 1000) {
  let q = base(db);
  if (f.needId) q = q.where('s.need_id', '=', f.needId);
  if (f.solverUserId) q = q.where('s.solver_user_id', '=', f.solverUserId);
  if (f.solverOrgId) q = q.where('s.solver_org_id', '=', f.solverOrgId);
  if (f.challengeId) q = q.where('n.challenge_id', '=', f.challengeId);
  if (f.status) q = q.where('s.status', '=', f.status as never);
  if (f.ids) q = q.where('s.id', 'in', f.ids.length ? f.ids : ['']);
  const total = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  const items = (await q
    .orderBy('s.created_at')
    .orderBy('s.id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute()) as SolutionRow[];
  return { total: Number(total?.n ?? 0), items };
}
