import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db-types.js';
import './experts.tables.js';

type Db = Kysely<DB>;

export function findProfile(db: Db, userId: string) {
  return db.selectFrom('market_expert_profiles').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

export async function upsertProfile(
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

/** Name, organisation and fields of experts with a profile (never contact details). */
export function profileCards(db: Db, ids: string[]) {
  return db
    .selectFrom('market_expert_profiles as p')
    .innerJoin('users as u', 'u.id', 'p.user_id')
    .innerJoin('orgs as o', 'o.id', 'u.org_id')
    .select(['u.id', 'u.name', 'o.name as org_name', 'p.fields'])
    .where('u.id', 'in', ids)
    .execute();
}

/** Profiles of active users holding the expert role (all, or those of `ids`), by user id. */
export function activeProfiles(db: Db, ids?: readonly string[]) {
  let q = db
    .selectFrom('market_expert_profiles as p')
    .innerJoin('users as u', 'u.id', 'p.user_id')
    .select(['p.user_id', 'p.fields', 'p.keywords', 'p.bio'])
    .where(sql<boolean>`'expert' = any(u.roles)`)
    .where('u.status', '=', 'active')
    .where('p.active', '=', true);
  if (ids) q = q.where('p.user_id', 'in', ids.length ? ids : ['']);
  return q.orderBy('p.user_id').execute();
}

export async function isOnChallengePanel(db: Db, challengeId: string, userId: string) {
  const r = await db
    .selectFrom('market_challenge_experts')
    .select('user_id')
    .where('challenge_id', '=', challengeId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return !!r;
}

export function challengePanel(db: Db, challengeId: string) {
  return db
    .selectFrom('market_challenge_experts as e')
    .innerJoin('users as u', 'u.id', 'e.user_id')
    .select(['u.id', 'u.name'])
    .where('e.challenge_id', '=', challengeId)
    .orderBy('u.name')
    .execute();
}

export async function addToChallengePanel(db: Db, challengeId: string, userIds: string[]) {
  if (userIds.length === 0) return;
  await db
    .insertInto('market_challenge_experts')
    .values(userIds.map((user_id) => ({ challenge_id: challengeId, user_id })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}
