import { randomUUID } from 'node:crypto';
/** All SQL of the projects module. Functions take the database or the caller's transaction. */
import { sql, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { DB } from '../../platform/db-types.js';
import type {
  ProjectsAgreementTable,
  ProjectsAgreementVersionTable,
  ProjectsChangeTable,
  ProjectsTrancheTable,
} from './projects.tables.js';
import type { AgreementStatus } from './agreement.workflow.js';

type Db = Kysely<DB>;
type DateCols = 'start_date' | 'end_date' | 'extended_to';
export type AgreementRow = Omit<Selectable<ProjectsAgreementTable>, DateCols> & {
  start_date: string;
  end_date: string;
  extended_to: string | null;
  org_name: string | null;
};
export type TrancheRow = Omit<Selectable<ProjectsTrancheTable>, 'paid_on'> & { paid_on: string | null };

// dates as typed (a `date` column would come back as a Date at the server's midnight)
const day = <A extends string>(col: string, as: A) =>
  sql<string>`to_char(${sql.ref(col)}, 'YYYY-MM-DD')`.as(as);
const AGREEMENT_COLS = [
  'id',
  'application_id',
  'call_id',
  'call_title',
  'org_id',
  'lead_user_id',
  'project_title',
  'direction_code',
  'direction_title',
  'years',
  'grant_fen',
  'first_year_fen',
  'self_funding_fen',
  'district_matching_fen',
  'kpis',
  'budget',
  'milestones',
  'schedule_source',
  'status',
  'reopen_reason',
  'org_confirmed_by',
  'org_confirmed_at',
  'confirmed_by',
  'confirmed_at',
  'midterm_passed_at',
  'acceptance_passed_at',
  'created_by',
  'created_at',
  'updated_at',
  'version',
] as const;
const TRANCHE_COLS = [
  'id',
  'agreement_id',
  'seq',
  'trigger',
  'percent',
  'amount_fen',
  'status',
  'requested_by',
  'requested_at',
  'request_note',
  'approved_by',
  'approved_at',
  'refuse_reason',
  'payment_ref',
  'paid_by',
  'paid_at',
  'updated_at',
  'version',
] as const;

const agreements = (db: Db) =>
  db
    .selectFrom('projects_agreements as a')
    .leftJoin('orgs as o', 'o.id', 'a.org_id')
    .select(AGREEMENT_COLS.map((c) => `a.${c}` as const))
    .select([
      day('a.start_date', 'start_date'),
      day('a.end_date', 'end_date'),
      day('a.extended_to', 'extended_to'),
    ])
    .select('o.name as org_name');

export function findAgreement(db: Db, id: string): Promise<AgreementRow | undefined> {
  return agreements(db).where('a.id', '=', id).executeTakeFirst();
}

/** The agreement row, locked until the transaction ends. */
export async function lockAgreement(trx: Db, id: string) {
  return trx
    .selectFrom('projects_agreements as a')
    .select(AGREEMENT_COLS.map((c) => `a.${c}` as const))
    .select([
      day('a.start_date', 'start_date'),
      day('a.end_date', 'end_date'),
      day('a.extended_to', 'extended_to'),
    ])
    .select(sql<string | null>`null`.as('org_name'))
    .where('a.id', '=', id)
    .forUpdate()
    .executeTakeFirst() as Promise<AgreementRow | undefined>;
}

export function agreementOfApplication(db: Db, applicationId: string) {
  return db
    .selectFrom('projects_agreements')
    .select(['id'])
    .where('application_id', '=', applicationId)
    .executeTakeFirst();
}

export async function insertAgreement(trx: Db, row: Insertable<ProjectsAgreementTable>) {
  await trx.insertInto('projects_agreements').values(row).execute();
}

export async function updateAgreement(trx: Db, id: string, set: Updateable<ProjectsAgreementTable>) {
  await trx.updateTable('projects_agreements').set(set).where('id', '=', id).execute();
}

export interface AgreementFilter {
  callId?: string;
  orgId?: string;
  status?: AgreementStatus;
}

export async function listAgreements(db: Db, f: AgreementFilter, page: number, pageSize: number) {
  let q = db.selectFrom('projects_agreements as a');
  if (f.callId) q = q.where('a.call_id', '=', f.callId);
  if (f.orgId) q = q.where('a.org_id', '=', f.orgId);
  if (f.status) q = q.where('a.status', '=', f.status);
  const total = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  const items: AgreementRow[] = await q
    .leftJoin('orgs as o', 'o.id', 'a.org_id')
    .select(AGREEMENT_COLS.map((c) => `a.${c}` as const))
    .select([
      day('a.start_date', 'start_date'),
      day('a.end_date', 'end_date'),
      day('a.extended_to', 'extended_to'),
    ])
    .select('o.name as org_name')
    .orderBy('a.direction_code')
    .orderBy('a.project_title')
    .orderBy('a.id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { total: Number(total?.n ?? 0), items };
}

/** Application ids of the call that already have an agreement. */
export async function applicationsWithAgreement(db: Db, callId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('projects_agreements')
    .select('application_id')
    .where('call_id', '=', callId)
    .execute();
  return new Set(rows.map((r) => r.application_id));
}

/** The rows of a new schedule's tranches, each scheduled. */
export function trancheRows(
  agreementId: string,
  tranches: ReadonlyArray<{
    seq: number;
    trigger: ProjectsTrancheTable['trigger'];
    percent: number;
    amountFen: number;
  }>,
  now: Date,
): Insertable<ProjectsTrancheTable>[] {
  return tranches.map((t) => ({
    id: randomUUID(),
    agreement_id: agreementId,
    seq: t.seq,
    trigger: t.trigger,
    percent: t.percent,
    amount_fen: t.amountFen,
    requested_by: null,
    requested_at: null,
    request_note: null,
    approved_by: null,
    approved_at: null,
    refuse_reason: null,
    paid_on: null,
    payment_ref: null,
    paid_by: null,
    paid_at: null,
    updated_at: now,
  }));
}

export async function insertTranches(trx: Db, rows: Insertable<ProjectsTrancheTable>[]) {
  if (rows.length) await trx.insertInto('projects_tranches').values(rows).execute();
}

export function tranchesOf(db: Db, agreementIds: readonly string[]): Promise<TrancheRow[]> {
  if (!agreementIds.length) return Promise.resolve([]);
  return db
    .selectFrom('projects_tranches')
    .select([...TRANCHE_COLS, day('paid_on', 'paid_on')])
    .where('agreement_id', 'in', [...agreementIds])
    .orderBy('agreement_id')
    .orderBy('seq')
    .execute();
}

export function lockTranche(trx: Db, id: string): Promise<TrancheRow | undefined> {
  return trx
    .selectFrom('projects_tranches')
    .select([...TRANCHE_COLS, day('paid_on', 'paid_on')])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function updateTranche(trx: Db, id: string, set: Updateable<ProjectsTrancheTable>) {
  await trx.updateTable('projects_tranches').set(set).where('id', '=', id).execute();
}

/** Display names of users (who confirmed, requested, approved). */
export async function userNames(db: Db, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const want = [...new Set(ids.filter((x): x is string => !!x))];
  if (!want.length) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'name']).where('id', 'in', want).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export type ChangeRow = Selectable<ProjectsChangeTable>;

export async function insertChange(trx: Db, row: Insertable<ProjectsChangeTable>) {
  await trx.insertInto('projects_changes').values(row).execute();
}

export function changesOf(db: Db, agreementId: string): Promise<ChangeRow[]> {
  return db
    .selectFrom('projects_changes')
    .selectAll()
    .where('agreement_id', '=', agreementId)
    .orderBy('requested_at')
    .orderBy('id')
    .execute();
}

export function lockChange(trx: Db, id: string): Promise<ChangeRow | undefined> {
  return trx.selectFrom('projects_changes').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function updateChange(trx: Db, id: string, set: Updateable<ProjectsChangeTable>) {
  await trx.updateTable('projects_changes').set(set).where('id', '=', id).execute();
}

export async function insertVersion(trx: Db, row: Insertable<ProjectsAgreementVersionTable>) {
  await trx.insertInto('projects_agreement_versions').values(row).execute();
}

export function versionsOf(db: Db, agreementId: string) {
  return db
    .selectFrom('projects_agreement_versions')
    .selectAll()
    .where('agreement_id', '=', agreementId)
    .orderBy('version')
    .execute();
}
