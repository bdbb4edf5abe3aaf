import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB } from '../../platform/db-types.js';
import './market.tables.js';
import type { ChallengeTable } from './market.tables.js';

type Db = Kysely<DB>;

export function findChallenge(db: Db, id: string) {
  return db
    .selectFrom('market_challenges as c')
    .innerJoin('orgs as o', 'o.id', 'c.organiser_org_id')
    .selectAll('c')
    .select('o.name as organiser_name')
    .where('c.id', '=', id)
    .executeTakeFirst();
}
export function lockChallenge(db: Db, id: string) {
  return db.selectFrom('market_challenges').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}
export async function insertChallenge(db: Db, row: Insertable<ChallengeTable>) {
  await db.insertInto('market_challenges').values(row).execute();
}
export async function updateChallenge(db: Db, id: string, set: Updateable<ChallengeTable>) {
  await db.updateTable('market_challenges').set(set).where('id', '=', id).execute();
}
export function listChallenges(db: Db, includeDrafts: boolean) {
  let q = db
    .selectFrom('market_challenges as c')
    .innerJoin('orgs as o', 'o.id', 'c.organiser_org_id')
    .selectAll('c')
    .select('o.name as organiser_name');
  if (!includeDrafts) q = q.where('c.status', '!=', 'draft');
  return q.orderBy('c.opens_at', 'desc').execute();
}
export function usersWithRole(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('users').select(['id', 'roles']).where('id', 'in', ids).execute();
}
export async function attachNeeds(db: Db, challengeId: string, needIds: string[]) {
  if (needIds.length === 0) return;
  await db
    .updateTable('market_needs')
    .set({ challenge_id: challengeId })
    .where('id', 'in', needIds)
    .execute();
}
export function needsForAttach(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('market_needs')
    .select(['id', 'status', 'challenge_id'])
    .where('id', 'in', ids)
    .execute();
}
export async function upsertScore(
  db: Db,
  s: {
    challenge_id: string;
    solution_id: string;
    expert_id: string;
    round: number;
    score: number;
    comment: string | null;
    at: Date;
  },
) {
  await db
    .insertInto('market_challenge_scores')
    .values(s)
    .onConflict((oc) =>
      oc
        .columns(['solution_id', 'expert_id', 'round'])
        .doUpdateSet({ score: s.score, comment: s.comment, at: s.at }),
    )
    .execute();
}
export function scoresFor(db: Db, challengeId: string) {
  return db
    .selectFrom('market_challenge_scores')
    .selectAll()
    .where('challenge_id', '=', challengeId)
    .execute();
}
export async function replaceWinners(
  db: Db,
  challengeId: string,
  rows: Array<{ solution_id: string; rank: number; award: string }>,
) {
  await db.deleteFrom('market_challenge_winners').where('challenge_id', '=', challengeId).execute();
  if (rows.length)
    await db
      .insertInto('market_challenge_winners')
      .values(rows.map((r) => ({ ...r, challenge_id: challengeId })))
      .execute();
}
export function winnersOf(db: Db, challengeId: string) {
  return db
    .selectFrom('market_challenge_winners as w')
    .innerJoin('market_solutions as s', 's.id', 'w.solution_id')
    .innerJoin('market_needs as n', 'n.id', 's.need_id')
    .innerJoin('orgs as so', 'so.id', 's.solver_org_id')
    .innerJoin('orgs as no', 'no.id', 'n.org_id')
    .select([
      'w.solution_id',
      'w.rank',
      'w.award',
      's.title as solution_title',
      'so.name as solver_name',
      'n.id as need_id',
      'n.title as need_title',
      'no.name as need_org_name',
    ])
    .where('w.challenge_id', '=', challengeId)
    .orderBy('w.rank')
    .execute();
}
export async function promoteSolutions(db: Db, ids: string[], round: number) {
  if (ids.length === 0) return;
  await db.updateTable('market_solutions').set({ round }).where('id', 'in', ids).execute();
}
