import { sql, type Kysely } from 'kysely';

/**
 * The public notice (公示) of a call's proposed award list, the objections (异议) lodged against it and
 * the award (立项) after the findings (issue 12; seed 000 §五 "立项公示，接受公众异议"; seed 003 §二 B22
 * "对公示期间有异议、且经核实异议成立的项目，不予立项"). A notice's entries are a snapshot of what is
 * published (project, organisation, direction, proposed grant), not a live view of the applications.
 * created_by, decided_by and awarded_by hold the actor's id as the audit log does (the demo seed acts
 * as `system:demo-seed`, which is no user row), like calls.created_by.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table review_notices (
      id text primary key,
      call_id text not null references calls(id),
      title text not null,
      start_date date not null,
      end_date date not null,
      working_days int not null check (working_days between 1 and 30),
      opens_at timestamptz not null,
      closes_at timestamptz not null,
      status text not null default 'draft',
      created_by text not null,
      published_at timestamptz,
      awarded_at timestamptz,
      awarded_by text,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      version int not null default 1,
      check (start_date <= end_date and opens_at < closes_at)
    )`.execute(db);
  await sql`create index review_notices_call on review_notices (call_id, status)`.execute(db);
  await sql`
    create table review_notice_entries (
      notice_id text not null references review_notices(id),
      application_id text not null references applications(id),
      rank int not null check (rank >= 1),
      project_title text not null,
      org_name text not null,
      direction_code text not null,
      direction_title text not null,
      proposed_grant_fen bigint not null check (proposed_grant_fen >= 0),
      outcome text check (outcome in ('awarded', 'removed')),
      primary key (notice_id, application_id),
      unique (notice_id, rank)
    )`.execute(db);
  await sql`
    create table review_objections (
      id text primary key,
      notice_id text not null references review_notices(id),
      application_id text not null references applications(id),
      objector_name text not null,
      contact_phone text,
      contact_email text,
      organisation text,
      statement text not null,
      status text not null default 'received',
      finding_reason text,
      decided_by text,
      decided_at timestamptz,
      submitted_by text references users(id),
      submitted_ip text,
      created_at timestamptz not null,
      version int not null default 1,
      foreign key (notice_id, application_id) references review_notice_entries (notice_id, application_id),
      check (contact_phone is not null or contact_email is not null)
    )`.execute(db);
  await sql`create index review_objections_notice on review_objections (notice_id, status)`.execute(db);
  // the rate limit counts an address's recent objections
  await sql`create index review_objections_ip on review_objections (submitted_ip, created_at)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('irreversible');
}
