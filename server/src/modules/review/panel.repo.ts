/** All SQL of the panel sessions (见面会) of a round-2 review. */
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { DB } from '../../platform/db-types.js';
import type { ReviewPanelSessionTable, ReviewPanelSlotTable } from './panel.tables.js';
import './panel.tables.js';

type Db = Kysely<DB>;
export type PanelSessionRow = Selectable<ReviewPanelSessionTable>;
export type PanelSlotRow = Selectable<ReviewPanelSlotTable>;

export async function insertSession(
  db: Db,
  row: Insertable<ReviewPanelSessionTable>,
  slots: Insertable<ReviewPanelSlotTable>[],
) {
  await db.insertInto('review_panel_sessions').values(row).execute();
  if (slots.length) await db.insertInto('review_panel_slots').values(slots).execute();
}

export function findSession(db: Db, id: string, forUpdate = false) {
  const q = db.selectFrom('review_panel_sessions').selectAll().where('id', '=', id);
  return (forUpdate ? q.forUpdate() : q).executeTakeFirst();
}

export function sessionsOfRound(db: Db, roundId: string) {
  return db
    .selectFrom('review_panel_sessions')
    .selectAll()
    .where('round_id', '=', roundId)
    .orderBy('starts_at')
    .orderBy('id')
    .execute();
}

export async function updateSession(db: Db, id: string, set: Updateable<ReviewPanelSessionTable>) {
  await db.updateTable('review_panel_sessions').set(set).where('id', '=', id).execute();
}

/** The slots of the given sessions, in order. */
export function slotsOf(db: Db, sessionIds: readonly string[]) {
  if (!sessionIds.length) return Promise.resolve([] as PanelSlotRow[]);
  return db
    .selectFrom('review_panel_slots')
    .selectAll()
    .where('session_id', 'in', sessionIds)
    .orderBy('session_id')
    .orderBy('position')
    .execute();
}

/** Every slot of a round (which applications already defend, and the decisions). */
export function slotsOfRound(db: Db, roundId: string) {
  return db
    .selectFrom('review_panel_slots')
    .selectAll()
    .where('round_id', '=', roundId)
    .orderBy('starts_at')
    .execute();
}

export async function decideSlot(
  db: Db,
  sessionId: string,
  applicationId: string,
  set: Pick<Updateable<ReviewPanelSlotTable>, 'decision' | 'decision_note'>,
) {
  await db
    .updateTable('review_panel_slots')
    .set(set)
    .where('session_id', '=', sessionId)
    .where('application_id', '=', applicationId)
    .execute();
}
