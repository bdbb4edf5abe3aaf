/** All SQL of the review module (rounds, assignments, score sheets). */
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { DB } from '../../platform/db-types.js';
import type { ReviewAssignmentTable, ReviewRoundTable, ReviewScoreTable } from './review.tables.js';
import './review.tables.js';

type Db = Kysely<DB>;
export type RoundRow = Selectable<ReviewRoundTable>;
export type AssignmentRow = Selectable<ReviewAssignmentTable>;
export type ScoreRow = Selectable<ReviewScoreTable>;

/** The states of an assignment that hold a place (the expert is, or was, reviewing the application). */
export const LIVE = ['assigned', 'accepted', 'submitted'] as const;

export async function insertRound(db: Db, row: Insertable<ReviewRoundTable>) {
  await db.insertInto('review_rounds').values(row).execute();
}

export function findRound(db: Db, id: string, forUpdate = false) {
  const q = db.selectFrom('review_rounds').selectAll().where('id', '=', id);
  return (forUpdate ? q.forUpdate() : q).executeTakeFirst();
}

export function roundsOfCall(db: Db, callId: string) {
  return db
    .selectFrom('review_rounds')
    .selectAll()
    .where('call_id', '=', callId)
    .orderBy('round_no')
    .execute();
}

export async function updateRound(db: Db, id: string, set: Updateable<ReviewRoundTable>) {
  await db.updateTable('review_rounds').set(set).where('id', '=', id).execute();
}

export async function insertAssignments(db: Db, rows: Insertable<ReviewAssignmentTable>[]) {
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('review_assignments')
      .values(rows.slice(i, i + 500))
      .execute();
}

/** Every assignment of a round, by application, oldest first. */
export function assignmentsOfRound(db: Db, roundId: string) {
  return db
    .selectFrom('review_assignments')
    .selectAll()
    .where('round_id', '=', roundId)
    .orderBy('application_id')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export function findAssignment(db: Db, id: string, forUpdate = false) {
  const q = db.selectFrom('review_assignments').selectAll().where('id', '=', id);
  return (forUpdate ? q.forUpdate() : q).executeTakeFirst();
}

export async function updateAssignment(db: Db, id: string, set: Updateable<ReviewAssignmentTable>) {
  await db.updateTable('review_assignments').set(set).where('id', '=', id).execute();
}

/** An expert's assignments with their round, newest round first. */
export function assignmentsOfExpert(db: Db, userId: string) {
  return db
    .selectFrom('review_assignments as a')
    .innerJoin('review_rounds as r', 'r.id', 'a.round_id')
    .selectAll('a')
    .select([
      'r.call_id',
      'r.round_no',
      'r.kind',
      'r.blind',
      'r.deadline_at',
      'r.status as round_status',
      'r.score_sheet',
    ])
    .where('a.expert_user_id', '=', userId)
    .where('a.status', 'in', ['assigned', 'accepted', 'submitted'])
    .orderBy('r.deadline_at', 'desc')
    .orderBy('a.id')
    .execute();
}

/** Who reviewed each application in the call's earlier rounds (for `exclude_earlier_reviewers`). */
export function earlierReviewers(db: Db, callId: string, beforeRound: 1 | 2) {
  return db
    .selectFrom('review_assignments as a')
    .innerJoin('review_rounds as r', 'r.id', 'a.round_id')
    .select(['a.application_id', 'a.expert_user_id'])
    .where('r.call_id', '=', callId)
    .where('r.round_no', '<', beforeRound)
    .where('a.status', 'in', [...LIVE])
    .execute();
}

export function findScore(db: Db, assignmentId: string) {
  return db
    .selectFrom('review_scores')
    .selectAll()
    .where('assignment_id', '=', assignmentId)
    .executeTakeFirst();
}

export async function upsertScore(db: Db, row: Insertable<ReviewScoreTable>) {
  await db
    .insertInto('review_scores')
    .values(row)
    .onConflict((oc) =>
      oc.column('assignment_id').doUpdateSet({
        scores: row.scores,
        comment: row.comment,
        comments: row.comments,
        recommendation: row.recommendation,
        total: row.total,
        submitted_at: row.submitted_at,
        updated_at: row.updated_at,
        version: (eb) => eb('review_scores.version', '+', 1),
      }),
    )
    .execute();
}

/** The score sheets of a round's submitted assignments. */
export function submittedScoresOfRound(db: Db, roundId: string) {
  return db
    .selectFrom('review_scores as s')
    .innerJoin('review_assignments as a', 'a.id', 's.assignment_id')
    .select([
      'a.id as assignment_id',
      'a.application_id',
      'a.expert_user_id',
      's.scores',
      's.total',
      's.recommendation',
      's.comment',
      's.comments',
      's.submitted_at',
    ])
    .where('a.round_id', '=', roundId)
    .where('a.status', '=', 'submitted')
    .execute();
}

/** Removes every assignment of a round before the solver assigns it again (only while preparing). */
export async function deleteAssignmentsOfRound(db: Db, roundId: string) {
  await db.deleteFrom('review_assignments').where('round_id', '=', roundId).execute();
}

/** Live assignments of a round per expert (the load already used in it). */
export async function loadsOfRound(db: Db, roundId: string) {
  const rows = await db
    .selectFrom('review_assignments')
    .select(['expert_user_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('round_id', '=', roundId)
    .where('status', 'in', [...LIVE])
    .groupBy('expert_user_id')
    .execute();
  return new Map(rows.map((r) => [r.expert_user_id, Number(r.n)]));
}

/** Experts who declared a conflict on an application of the call, in any round. */
export function declaredConflicts(db: Db, callId: string) {
  return db
    .selectFrom('review_assignments as a')
    .innerJoin('review_rounds as r', 'r.id', 'a.round_id')
    .select(['a.application_id', 'a.expert_user_id'])
    .where('r.call_id', '=', callId)
    .where('a.declared_conflict', '=', true)
    .execute();
}

/** Score sheets of a round's assignments (drafts and submitted), by assignment id. */
export async function scoresOfRound(db: Db, roundId: string) {
  const rows = await db
    .selectFrom('review_scores as s')
    .innerJoin('review_assignments as a', 'a.id', 's.assignment_id')
    .selectAll('s')
    .where('a.round_id', '=', roundId)
    .execute();
  return new Map(rows.map((r) => [r.assignment_id, r]));
}
