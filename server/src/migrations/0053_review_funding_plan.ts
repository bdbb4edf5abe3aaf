import { sql, type Kysely } from 'kysely';

/**
 * The funding plan (资助计划, issue 12; seed 003 §一.6(3) "根据专家评审意见并结合年度重点工作，经市财政科技
 * 投入统筹联动平台会商，确定拟立项项目清单"): per call, the ranked lines with the grant, the first year's
 * amount and the reason for any amount below the request, the year's budget it is checked against, and
 * the consultation (会商) outcome. The public notice is drafted from a consulted plan. created_by holds
 * the actor's id as the audit log does (the demo seed acts as `system:demo-seed`), like the notices.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table review_funding_plans (
      id text primary key,
      call_id text not null references calls(id),
      title text not null,
      budget_fen bigint check (budget_fen >= 0),
      status text not null default 'draft',
      consulted_on date,
      consultation_body text,
      consultation_note text,
      consultation_file_id uuid references files(id),
      reopen_reason text,
      created_by text not null,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      version int not null default 1
    )`.execute(db);
  // one plan per call: a revision is a new version of it, not a second plan
  await sql`create unique index review_funding_plans_call on review_funding_plans (call_id)`.execute(db);
  await sql`
    create table review_funding_plan_lines (
      plan_id text not null references review_funding_plans(id),
      application_id text not null references applications(id),
      rank int not null,
      grant_fen bigint not null check (grant_fen >= 0),
      first_year_fen bigint not null check (first_year_fen >= 0),
      reason text,
      primary key (plan_id, application_id)
    )`.execute(db);
  await sql`alter table review_notices add column plan_id text references review_funding_plans(id)`.execute(
    db,
  );
}

export async function down(): Promise<void> {
  throw new Error('irreversible');
}
