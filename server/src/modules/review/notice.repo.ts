/** All SQL of the public notice (公示): notices, their entries and the objections (异议). */
import { sql, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { DB } from '../../platform/db-types.js';
import type { ReviewNoticeEntryTable, ReviewNoticeTable, ReviewObjectionTable } from './notice.tables.js';
import type { NoticeStatus } from './notice.workflow.js';
import './notice.tables.js';

type Db = Kysely<DB>;
export type NoticeRow = Omit<Selectable<ReviewNoticeTable>, 'start_date' | 'end_date'> & {
  start_date: string;
  end_date: string;
};
export type EntryRow = Selectable<ReviewNoticeEntryTable>;
export type ObjectionRow = Selectable<ReviewObjectionTable>;

const noticeColumns = [
  'id',
  'call_id',
  'title',
  'working_days',
  'opens_at',
  'closes_at',
  'status',
  'created_by',
  'published_at',
  'awarded_at',
  'awarded_by',
  'plan_id',
  'created_at',
  'updated_at',
  'version',
] as const;
// dates as typed (a `date` column would come back as a Date at the server's midnight)
const startDate = sql<string>`to_char(start_date, 'YYYY-MM-DD')`.as('start_date');
const endDate = sql<string>`to_char(end_date, 'YYYY-MM-DD')`.as('end_date');

export async function insertNotice(db: Db, row: Insertable<ReviewNoticeTable>) {
  await db.insertInto('review_notices').values(row).execute();
}

export async function insertEntries(db: Db, rows: Insertable<ReviewNoticeEntryTable>[]) {
  if (rows.length) await db.insertInto('review_notice_entries').values(rows).execute();
}

export function findNotice(db: Db, id: string, forUpdate = false): Promise<NoticeRow | undefined> {
  const q = db
    .selectFrom('review_notices')
    .select([...noticeColumns, startDate, endDate])
    .where('id', '=', id);
  return (forUpdate ? q.forUpdate() : q).executeTakeFirst();
}

export function listNotices(
  db: Db,
  f: { callId?: string; statuses?: readonly NoticeStatus[] },
): Promise<NoticeRow[]> {
  let q = db.selectFrom('review_notices').select([...noticeColumns, startDate, endDate]);
  if (f.callId) q = q.where('call_id', '=', f.callId);
  if (f.statuses) q = q.where('status', 'in', [...f.statuses]);
  return q.orderBy('opens_at', 'desc').orderBy('id').execute();
}

/** Published notices whose period ended before `now` (closed on the next read). */
export async function dueNoticeIds(db: Db, now: Date): Promise<string[]> {
  const rows = await db
    .selectFrom('review_notices')
    .select('id')
    .where('status', '=', 'published')
    .where('closes_at', '<', now)
    .execute();
  return rows.map((r) => r.id);
}

/** The notice drafted from a funding plan, if any. */
export async function noticeIdOfPlan(db: Db, planId: string): Promise<string | null> {
  const r = await db
    .selectFrom('review_notices')
    .select('id')
    .where('plan_id', '=', planId)
    .executeTakeFirst();
  return r?.id ?? null;
}

export async function updateNotice(db: Db, id: string, set: Updateable<ReviewNoticeTable>) {
  await db.updateTable('review_notices').set(set).where('id', '=', id).execute();
}

export function entriesOf(db: Db, noticeIds: readonly string[]) {
  if (!noticeIds.length) return Promise.resolve([] as EntryRow[]);
  return db
    .selectFrom('review_notice_entries')
    .selectAll()
    .where('notice_id', 'in', [...noticeIds])
    .orderBy('notice_id')
    .orderBy('rank')
    .execute();
}

export async function setEntryOutcome(
  db: Db,
  noticeId: string,
  applicationIds: readonly string[],
  outcome: 'awarded' | 'removed',
) {
  if (!applicationIds.length) return;
  await db
    .updateTable('review_notice_entries')
    .set({ outcome })
    .where('notice_id', '=', noticeId)
    .where('application_id', 'in', [...applicationIds])
    .execute();
}

export async function insertObjection(db: Db, row: Insertable<ReviewObjectionTable>) {
  await db.insertInto('review_objections').values(row).execute();
}

export function findObjection(db: Db, id: string, forUpdate = false) {
  const q = db.selectFrom('review_objections').selectAll().where('id', '=', id);
  return (forUpdate ? q.forUpdate() : q).executeTakeFirst();
}

export function objectionsOf(db: Db, noticeId: string) {
  return db
    .selectFrom('review_objections')
    .selectAll()
    .where('notice_id', '=', noticeId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function updateObjection(db: Db, id: string, set: Updateable<ReviewObjectionTable>) {
  await db.updateTable('review_objections').set(set).where('id', '=', id).execute();
}

/** Objections lodged from an address since an instant (the public rate limit). */
export async function countObjectionsFrom(db: Db, ip: string, since: Date): Promise<number> {
  const r = await db
    .selectFrom('review_objections')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('submitted_ip', '=', ip)
    .where('created_at', '>=', since)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Objections per notice without a finding yet, and in all (the staff list). */
export function objectionCounts(db: Db, noticeIds: readonly string[]) {
  if (!noticeIds.length) return Promise.resolve([]);
  return db
    .selectFrom('review_objections')
    .select((eb) => [
      'notice_id',
      eb.fn.countAll<number>().as('total'),
      eb.fn.count<number>('id').filterWhere('status', '=', 'received').as('undecided'),
    ])
    .where('notice_id', 'in', [...noticeIds])
    .groupBy('notice_id')
    .execute();
}

/** The awarded entries of a call's decided notices, with the funding plan's first-year amount if any. */
export function awardedEntries(db: Db, applicationIds: readonly string[]) {
  if (!applicationIds.length) return Promise.resolve([]);
  return db
    .selectFrom('review_notice_entries as e')
    .innerJoin('review_notices as n', 'n.id', 'e.notice_id')
    .leftJoin('review_funding_plan_lines as l', (j) =>
      j.onRef('l.plan_id', '=', 'n.plan_id').onRef('l.application_id', '=', 'e.application_id'),
    )
    .select([
      'e.application_id',
      'e.proposed_grant_fen',
      'l.first_year_fen',
      'n.awarded_at',
      'n.id as notice_id',
    ])
    .where('e.application_id', 'in', [...applicationIds])
    .where('e.outcome', '=', 'awarded')
    .execute();
}
