/**
 * The expert pool (专家库) and the experts assigned to a challenge. The pool is shared: the market's
 * matching recommends experts from it, challenges draw their judges from it, and programme review
 * (issue 12) will draw reviewers from it. Functions that write take the caller's transaction; the
 * caller audits the change it belongs to.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db-types.js';
import {
  activeProfiles,
  addToChallengePanel,
  challengePanel,
  findProfile,
  isOnChallengePanel,
  profileCards,
  upsertProfile,
} from './experts.repo.js';
import type { ExpertCard, ExpertProfile, ExpertProfileInput, IndexedExpert } from './experts.types.js';

type Db = Kysely<DB>;
const arr = (v: string[] | null | undefined) => v ?? [];

/** A user's profile; an expert who has written none gets an empty one (version 0). */
export async function getExpertProfile(db: Db, userId: string): Promise<ExpertProfile> {
  const p = await findProfile(db, userId);
  return {
    userId,
    fields: arr(p?.fields),
    keywords: arr(p?.keywords),
    bio: p?.bio ?? '',
    version: p?.version ?? 0,
  };
}

/** Creates or replaces the user's profile, in the caller's transaction. */
export function saveExpertProfile(trx: Db, userId: string, body: ExpertProfileInput, now: Date) {
  return upsertProfile(trx, { user_id: userId, ...body, now });
}

export async function expertCards(db: Db, ids: string[]): Promise<ExpertCard[]> {
  if (ids.length === 0) return [];
  const rows = await profileCards(db, ids);
  return rows.map((r) => ({ ...r, fields: arr(r.fields) }));
}

/** Profiles of active experts, for the search index (all, or those of `ids`). */
export async function expertsForIndex(db: Db, ids?: readonly string[]): Promise<IndexedExpert[]> {
  const rows = await activeProfiles(db, ids);
  return rows.map((r) => ({
    userId: r.user_id,
    fields: arr(r.fields),
    keywords: arr(r.keywords),
    bio: r.bio,
  }));
}

export function isChallengeExpert(db: Db, challengeId: string, userId: string): Promise<boolean> {
  return isOnChallengePanel(db, challengeId, userId);
}

export function challengeExperts(db: Db, challengeId: string): Promise<Array<{ id: string; name: string }>> {
  return challengePanel(db, challengeId);
}

/** Assigns experts to a challenge (already assigned ones stay), in the caller's transaction. */
export function assignToChallenge(trx: Db, challengeId: string, userIds: string[]): Promise<void> {
  return addToChallengePanel(trx, challengeId, userIds);
}
