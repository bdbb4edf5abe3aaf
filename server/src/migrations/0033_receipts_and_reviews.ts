import { sql, type Kysely } from 'kysely';

/**
 * Receipt numbers unique by construction (issue 8 §1): one sequence per call year, shared by every
 * call of that year. `SQ-<year>-<seq>` was numbered per call while `number` is unique across calls,
 * so the first submission to a second call of a year collided. `receipt_sequences` holds the last
 * number drawn for each year (incremented under its row lock inside the submit transaction, so
 * numbers are gap-free within the year and never repeat); each receipt records its year and
 * (year, seq) is unique. `calls.receipt_seq` is no longer used.
 *
 * Reviews (issue 8 §6): a reviewer who approves an application whose checklist fails gives a reason;
 * the review row keeps it with the failing findings it overrode. `applications.district_route` says
 * where the district recommendation goes when the organisation has no district office in the platform
 * (null: its district office; otherwise {to: 'programmeOffice', code, reason: {zh, en}}).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table receipt_sequences (
      year int primary key,
      last_seq int not null check (last_seq >= 0)
    )`.execute(db);
  await sql`alter table application_receipts add column year int`.execute(db);
  await sql`
    update application_receipts r set year = c.year from calls c where c.id = r.call_id`.execute(db);
  await sql`alter table application_receipts alter column year set not null`.execute(db);
  await sql`create unique index application_receipts_year_seq on application_receipts (year, seq)`.execute(
    db,
  );
  // continue after every number already drawn in a year (receipts so far, and each call's counter)
  await sql`
    insert into receipt_sequences (year, last_seq)
    select c.year, greatest(coalesce(max(r.seq), 0), max(c.receipt_seq))
      from calls c left join application_receipts r on r.call_id = c.id
     where c.year is not null
     group by c.year`.execute(db);

  await sql`alter table application_reviews add column override_reason text`.execute(db);
  await sql`alter table application_reviews add column overridden_findings jsonb`.execute(db);
  await sql`alter table applications add column district_route jsonb`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('irreversible');
}
