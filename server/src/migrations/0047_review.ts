import { sql, type Kysely } from 'kysely';

/**
 * Expert review (issue 12; seed 000 §四 第一轮通讯评审、第二轮见面会评审): a call's review rounds, the
 * experts assigned to each application in a round (with the affinity and matched terms the solver
 * used, or the staff member's reason for a manual change), and each assignment's score sheet.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table review_rounds (
      id text primary key,
      call_id text not null references calls(id),
      round_no int not null check (round_no in (1, 2)),
      kind text not null check (kind in ('remoteReview', 'panelReview')),
      experts_per_application int not null check (experts_per_application between 1 and 15),
      blind boolean not null default true,
      exclude_earlier_reviewers boolean not null default false,
      score_sheet jsonb not null,
      deadline_at timestamptz not null,
      status text not null default 'preparing',
      assignment_report jsonb,
      created_by text not null references users(id),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      version int not null default 1,
      unique (call_id, round_no)
    )`.execute(db);
  await sql`
    create table review_assignments (
      id text primary key,
      round_id text not null references review_rounds(id),
      application_id text not null references applications(id),
      expert_user_id text not null references users(id),
      status text not null default 'assigned',
      affinity double precision not null default 0,
      matched_terms jsonb not null default '[]',
      source text not null check (source in ('solver', 'staff', 'replacement')),
      change_reason text,
      decline_reason text,
      declared_conflict boolean not null default false,
      created_by text not null references users(id),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      version int not null default 1
    )`.execute(db);
  // an expert holds at most one live assignment per application and round
  await sql`
    create unique index review_assignments_live on review_assignments (round_id, application_id, expert_user_id)
      where status in ('assigned', 'accepted', 'submitted')`.execute(db);
  await sql`create index review_assignments_expert on review_assignments (expert_user_id, status)`.execute(
    db,
  );
  await sql`create index review_assignments_round on review_assignments (round_id, application_id)`.execute(
    db,
  );
  await sql`
    create table review_scores (
      assignment_id text primary key references review_assignments(id),
      scores jsonb not null default '{}',
      comment text not null default '',
      recommendation text,
      total double precision,
      submitted_at timestamptz,
      updated_at timestamptz not null,
      version int not null default 1
    )`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('irreversible');
}
