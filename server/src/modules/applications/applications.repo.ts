/** All SQL of applications (drafts, versions, attachments, reviews, receipts). Screening SQL: screening.repo.ts. */
import { sql, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { DB } from '../../platform/db-types.js';
import type {
  ApplicationAttachmentTable,
  ApplicationReceiptTable,
  ApplicationReviewTable,
  ApplicationTable,
} from './applications.tables.js';
import './applications.tables.js';
import '../calls/index.js';
import { SUBMITTED_STATUSES, type ApplicationStatus } from './application.workflow.js';

type Db = Kysely<DB>;
export type ApplicationRow = Selectable<ApplicationTable>;
export type AttachmentRow = Selectable<ApplicationAttachmentTable>;
export type ReviewRow = Selectable<ApplicationReviewTable>;
export type ReceiptRow = Selectable<ApplicationReceiptTable>;

export function findApplication(db: Db, id: string, forUpdate = false) {
  let q = db.selectFrom('applications').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function insertApplication(db: Db, row: Insertable<ApplicationTable>) {
  await db.insertInto('applications').values(row).execute();
}

export async function updateApplication(db: Db, id: string, set: Updateable<ApplicationTable>) {
  await db.updateTable('applications').set(set).where('id', '=', id).execute();
}

export async function deleteApplication(db: Db, id: string) {
  await db.deleteFrom('applications').where('id', '=', id).execute();
}

/** Saves the draft if `baseVersion` is still current; returns the new version or null. */
export async function saveContent(
  db: Db,
  id: string,
  content: Record<string, unknown>,
  leadUserId: string | null | undefined,
  baseVersion: number | undefined,
  now: Date,
): Promise<number | null> {
  let q = db
    .updateTable('applications')
    .set({
      content: JSON.stringify(content),
      version: sql`version + 1`,
      updated_at: now,
      ...(leadUserId !== undefined ? { lead_user_id: leadUserId } : {}),
    })
    .where('id', '=', id);
  if (baseVersion !== undefined) q = q.where('version', '=', baseVersion);
  const r = await q.returning('version').executeTakeFirst();
  return r ? Number(r.version) : null;
}

export async function insertVersion(
  db: Db,
  v: {
    application_id: string;
    version: number;
    content: Record<string, unknown>;
    saved_by: string;
    saved_at: Date;
    finding_count: number;
  },
) {
  await db
    .insertInto('application_versions')
    .values({ ...v, content: JSON.stringify(v.content) })
    .execute();
}

export function listVersions(db: Db, applicationId: string) {
  return db
    .selectFrom('application_versions')
    .leftJoin('users', 'users.id', 'application_versions.saved_by')
    .select([
      'application_versions.version',
      'saved_at',
      'saved_by',
      'finding_count',
      'users.name as saved_by_name',
    ])
    .where('application_id', '=', applicationId)
    .orderBy('application_versions.version', 'desc')
    .execute();
}

export function findVersion(db: Db, applicationId: string, version: number) {
  return db
    .selectFrom('application_versions')
    .leftJoin('users', 'users.id', 'application_versions.saved_by')
    .selectAll('application_versions')
    .select('users.name as saved_by_name')
    .where('application_id', '=', applicationId)
    .where('application_versions.version', '=', version)
    .executeTakeFirst();
}

export function listAttachments(db: Db, applicationId: string) {
  return db
    .selectFrom('application_attachments')
    .selectAll()
    .where('application_id', '=', applicationId)
    .orderBy('created_at')
    .execute();
}

export async function insertAttachment(db: Db, row: Insertable<ApplicationAttachmentTable>) {
  await db.insertInto('application_attachments').values(row).execute();
}

export async function deleteAttachment(db: Db, applicationId: string, id: string) {
  const r = await db
    .deleteFrom('application_attachments')
    .where('application_id', '=', applicationId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return r;
}

/** Applications a file is linked to (for the files module's access check). */
export function applicationsOfFile(db: Db, fileId: string) {
  return db
    .selectFrom('application_attachments')
    .innerJoin('applications', 'applications.id', 'application_attachments.application_id')
    .select([
      'applications.id',
      'applications.org_id',
      'applications.status',
      'applications.lead_user_id',
      'applications.call_id',
      'applications.direction_code',
    ])
    .where('application_attachments.file_id', '=', fileId)
    .execute();
}

export async function insertReview(db: Db, row: Insertable<ApplicationReviewTable>) {
  await db.insertInto('application_reviews').values(row).execute();
}

export function listReviews(db: Db, applicationId: string) {
  return db
    .selectFrom('application_reviews')
    .selectAll()
    .where('application_id', '=', applicationId)
    .orderBy('at')
    .execute();
}

/** Applications on this platform the user leads that were awarded (立项; set by Programme II). */
export async function countLeadAwarded(db: Db, leadUserId: string | null): Promise<number> {
  if (!leadUserId) return 0;
  const r = await db
    .selectFrom('applications')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('lead_user_id', '=', leadUserId)
    .where('status', '=', 'awarded')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * The organisation's other submitted applications (submitted or awarded; drafts and applications
 * under review do not count) in the same year, either to calls of one programme (by the call's
 * `programme.code`) or to one call.
 */
export async function countOrgSubmitted(
  db: Db,
  q: { orgId: string; year: number; excludeId: string } & ({ programmeCode: string } | { callId: string }),
): Promise<number> {
  let base = db
    .selectFrom('applications as a')
    .innerJoin('calls as c', 'c.id', 'a.call_id')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('a.org_id', '=', q.orgId)
    .where('a.call_year', '=', q.year)
    .where('a.status', 'in', [...SUBMITTED_STATUSES])
    .where('a.id', '!=', q.excludeId);
  base =
    'programmeCode' in q
      ? base.where(sql<string>`c.content->'programme'->>'code'`, '=', q.programmeCode)
      : base.where('a.call_id', '=', q.callId);
  const r = await base.executeTakeFirstOrThrow();
  return Number(r.n);
}

export function findReceipt(db: Db, applicationId: string) {
  return db
    .selectFrom('application_receipts')
    .selectAll()
    .where('application_id', '=', applicationId)
    .executeTakeFirst();
}

/**
 * Draws the next receipt sequence of `year` (shared by every call of that year). The upsert takes the
 * year's row lock, held until the submit transaction ends: numbers are gap-free and never repeat.
 */
export async function nextReceiptSeq(db: Db, year: number): Promise<number> {
  const r = await db
    .insertInto('receipt_sequences')
    .values({ year, last_seq: 1 })
    .onConflict((oc) => oc.column('year').doUpdateSet({ last_seq: sql`receipt_sequences.last_seq + 1` }))
    .returning('last_seq')
    .executeTakeFirstOrThrow();
  return Number(r.last_seq);
}

export async function insertReceipt(db: Db, row: Insertable<ApplicationReceiptTable>) {
  await db.insertInto('application_receipts').values(row).execute();
}

export interface ListScope {
  orgId?: string;
  statuses?: readonly ApplicationStatus[];
  /** District officers: applications needing recommendation from orgs whose region contains this district. */
  district?: string;
  /** Staff: also the applications whose district review was routed to the programme office. */
  routedToOffice?: boolean;
  /** Only these applications (a district officer's readable ones, chosen by the read policy). */
  ids?: readonly string[];
}

/** The district's candidate applications (region match, sent to the district), before the read policy. */
export async function listDistrictCandidates(
  db: Db,
  q: { callId?: string; status?: ApplicationStatus },
  scope: { district: string; statuses: readonly ApplicationStatus[] },
) {
  let base = db
    .selectFrom('applications as a')
    .innerJoin('orgs as o', 'o.id', 'a.org_id')
    .where('o.region', 'like', `%${scope.district}%`)
    .where('a.status', 'in', [...scope.statuses]);
  if (q.callId) base = base.where('a.call_id', '=', q.callId);
  if (q.status) base = base.where('a.status', '=', q.status);
  return base
    .select([
      'a.id',
      'a.call_id',
      'a.direction_code',
      'a.status',
      'a.org_id',
      'a.lead_user_id',
      'a.district_route',
      'o.region',
    ])
    .execute();
}

export async function listApplications(
  db: Db,
  q: { callId?: string; status?: ApplicationStatus; page: number; pageSize: number },
  scope: ListScope,
) {
  let base = db
    .selectFrom('applications as a')
    .innerJoin('orgs as o', 'o.id', 'a.org_id')
    .innerJoin('calls as c', 'c.id', 'a.call_id')
    .leftJoin('application_receipts as r', 'r.application_id', 'a.id');
  if (q.callId) base = base.where('a.call_id', '=', q.callId);
  if (q.status) base = base.where('a.status', '=', q.status);
  if (scope.orgId) base = base.where('a.org_id', '=', scope.orgId);
  if (scope.statuses && scope.routedToOffice) {
    const statuses = [...scope.statuses];
    base = base.where((eb) =>
      eb.or([
        eb('a.status', 'in', statuses),
        eb.and([
          eb('a.district_route', 'is not', null),
          eb('a.status', 'in', ['districtReview', 'approved', 'returned']),
        ]),
      ]),
    );
  } else if (scope.statuses) base = base.where('a.status', 'in', [...scope.statuses]);
  if (scope.district) base = base.where('o.region', 'like', `%${scope.district}%`);
  if (scope.ids) {
    if (scope.ids.length === 0) return { total: 0, items: [] };
    base = base.where('a.id', 'in', [...scope.ids]);
  }
  const [{ n }] = await base.select((eb) => eb.fn.countAll<string>().as('n')).execute();
  const items = await base
    .select([
      'a.id',
      'a.call_id',
      'a.call_year',
      'a.direction_code',
      'a.org_id',
      'a.lead_user_id',
      'a.status',
      'a.version',
      'a.updated_at',
      'a.submitted_at',
      'a.content',
      'a.imported',
      'o.name as org_name',
      'o.type as org_type',
      'c.number as call_number',
      'r.number as receipt_number',
    ])
    .orderBy('a.updated_at', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { total: Number(n), items };
}

/** The submitted content and organisation of applications, for the review module's candidates. */
export function contentsOf(db: Db, ids: string[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .selectFrom('applications')
    .select(['id', 'content', 'org_id', 'lead_user_id', 'direction_code', 'call_year', 'status'])
    .where('id', 'in', ids)
    .execute();
}

/** Who started each application and who leads it (the people told about its result). */
export function applicantsOf(db: Db, ids: readonly string[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .selectFrom('applications')
    .select(['id', 'created_by', 'lead_user_id', 'org_id'])
    .where('id', 'in', [...ids])
    .execute();
}

/** An application's content with its organisation's name and its direction (the expert's copy). */
export function contentWithOrg(db: Db, id: string) {
  return db
    .selectFrom('applications as a')
    .innerJoin('orgs as o', 'o.id', 'a.org_id')
    .select(['a.id', 'a.content', 'a.direction_code', 'a.call_id', 'o.name as org_name'])
    .where('a.id', '=', id)
    .executeTakeFirst();
}

/** What an agreement is drafted from: the awarded applications' content, organisation type and name. */
export function awardRows(db: Db, ids: readonly string[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .selectFrom('applications as a')
    .innerJoin('orgs as o', 'o.id', 'a.org_id')
    .select(['a.id', 'a.content', 'a.status', 'a.call_id', 'o.type as org_type'])
    .where('a.id', 'in', [...ids])
    .execute();
}

/** The district office's latest committed matching funds per application (district approvals). */
export function districtCommitments(db: Db, ids: readonly string[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .selectFrom('application_reviews')
    .select(['application_id', 'commitment_fen', 'at'])
    .where('application_id', 'in', [...ids])
    .where('stage', '=', 'district')
    .where('decision', '=', 'approve')
    .where('commitment_fen', 'is not', null)
    .orderBy('at')
    .execute();
}
