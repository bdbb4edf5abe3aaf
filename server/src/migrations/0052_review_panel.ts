import { sql, type Kysely } from 'kysely';

/**
 * The panel round (第二轮见面会评审, issue 12; seed 000 §四): a panel session of a round-2 review holds
 * its venue, its time and the slot of each shortlisted application (the applicant is told the slot),
 * and, once held, its minutes — a file plus a structured decision per application.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table review_panel_sessions (
      id text primary key,
      round_id text not null references review_rounds(id),
      title text not null,
      venue text not null,
      starts_at timestamptz not null,
      slot_minutes int not null check (slot_minutes between 5 and 240),
      status text not null default 'scheduled',
      minutes_file_id uuid references files(id),
      minutes_note text,
      notified_at timestamptz,
      created_by text not null references users(id),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      version int not null default 1
    )`.execute(db);
  await sql`
    create table review_panel_slots (
      session_id text not null references review_panel_sessions(id),
      round_id text not null references review_rounds(id),
      application_id text not null references applications(id),
      position int not null,
      starts_at timestamptz not null,
      ends_at timestamptz not null,
      decision text check (decision in ('recommended', 'notRecommended', 'absent')),
      decision_note text,
      primary key (session_id, application_id)
    )`.execute(db);
  // an application defends once per round: at most one slot over the round's sessions
  await sql`create unique index review_panel_slots_once on review_panel_slots (round_id, application_id)`.execute(
    db,
  );
  await sql`create index review_panel_sessions_round on review_panel_sessions (round_id)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('irreversible');
}
