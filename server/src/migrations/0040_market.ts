import { sql, type Kysely } from 'kysely';

/**
 * The technology market (issue 4): achievements (科技成果) with their disclosure workflow, enterprise
 * needs (企业技术需求), solutions (解决方案) with judging (阅卷) and the introduction → negotiation →
 * contract workflow, challenges (揭榜挂帅 / 创新挑战赛) with expert pre-screening and winners.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table market_achievements (
      id text primary key,
      title text not null,
      abstract text not null,
      keywords text[] not null default '{}',
      field text not null,
      region text not null default '',
      organisations jsonb not null default '[]',
      people jsonb not null default '[]',
      ip_items jsonb not null default '[]',
      trl int not null check (trl between 1 and 9),
      ownership text not null check (ownership in ('unitOwned','grantFull','grantPartial','longTermUse')),
      transfer_modes text[] not null default '{}',
      price_min_fen bigint,
      price_max_fen bigint,
      researcher_contact jsonb,
      tech_manager_id text references users(id),
      owner_org_id text not null references orgs(id),
      created_by text references users(id),
      status text not null default 'draft'
        check (status in ('draft','submitted','returned','published','internal')),
      return_reason text,
      reviewed_by text references users(id),
      reviewed_at timestamptz,
      published_at timestamptz,
      external_ref text,
      source text not null default 'user' check (source in ('user','import','kppatent','generated')),
      version int not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (price_min_fen is null or price_max_fen is null or price_min_fen <= price_max_fen)
    )`.execute(db);
  await sql`create index market_achievements_owner on market_achievements (owner_org_id, status)`.execute(db);
  await sql`create index market_achievements_status on market_achievements (status, field)`.execute(db);
  await sql`create unique index market_achievements_ref on market_achievements (owner_org_id, external_ref)
    where external_ref is not null`.execute(db);

  await sql`
    create table market_challenges (
      id text primary key,
      title text not null,
      description text not null default '',
      kind text not null default 'challenge' check (kind in ('challenge','jiebang')),
      organiser_org_id text not null references orgs(id),
      status text not null default 'draft'
        check (status in ('draft','open','screening','closed','resultsPublished')),
      opens_at timestamptz not null,
      closes_at timestamptz not null,
      rounds int not null default 1 check (rounds between 1 and 5),
      current_round int not null default 1,
      result_note text,
      results_published_at timestamptz,
      created_by text references users(id),
      version int not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (opens_at < closes_at)
    )`.execute(db);

  await sql`
    create table market_needs (
      id text primary key,
      title text not null,
      problem text not null,
      indicators text[] not null default '{}',
      keywords text[] not null default '{}',
      field text not null,
      region text not null default '',
      budget_min_fen bigint,
      budget_max_fen bigint,
      deadline date,
      confidentiality text not null default 'public'
        check (confidentiality in ('public','summaryOnly','private')),
      summary text,
      status text not null default 'draft' check (status in ('draft','published','closed')),
      quality_score int not null default 0,
      quality_issues jsonb not null default '[]',
      needs_refinement boolean not null default false,
      refined_by text references users(id),
      refined_at timestamptz,
      challenge_id text references market_challenges(id),
      org_id text not null references orgs(id),
      created_by text references users(id),
      published_at timestamptz,
      version int not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (budget_min_fen is null or budget_max_fen is null or budget_min_fen <= budget_max_fen)
    )`.execute(db);
  await sql`create index market_needs_org on market_needs (org_id, status)`.execute(db);
  await sql`create index market_needs_status on market_needs (status, field)`.execute(db);
  await sql`create index market_needs_challenge on market_needs (challenge_id)`.execute(db);

  await sql`
    create table market_solutions (
      id text primary key,
      need_id text not null references market_needs(id),
      title text not null,
      summary text not null,
      approach text not null default '',
      keywords text[] not null default '{}',
      trl int check (trl between 1 and 9),
      quote_fen bigint,
      achievement_id text references market_achievements(id),
      solver_org_id text not null references orgs(id),
      solver_user_id text not null references users(id),
      status text not null default 'submitted' check (status in
        ('submitted','shortlisted','rejected','introduced','negotiating','contractSigned','withdrawn','closed')),
      round int not null default 1,
      reject_reason text check (reject_reason in
        ('tooEarly','benefitUnclear','routeUnclear','offTarget','costTooHigh','other')),
      reject_text text,
      feedback text,
      contract_amount_fen bigint,
      judged_by text references users(id),
      judged_at timestamptz,
      shortlisted_at timestamptz,
      introduced_at timestamptz,
      negotiating_at timestamptz,
      signed_at timestamptz,
      version int not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index market_solutions_need on market_solutions (need_id, status)`.execute(db);
  await sql`create index market_solutions_solver on market_solutions (solver_org_id)`.execute(db);

  await sql`
    create table market_solution_events (
      id bigserial primary key,
      solution_id text not null references market_solutions(id),
      from_status text,
      to_status text not null,
      actor_id text references users(id),
      note text,
      at timestamptz not null default now()
    )`.execute(db);
  await sql`create index market_solution_events_solution on market_solution_events (solution_id, id)`.execute(
    db,
  );

  await sql`
    create table market_challenge_experts (
      challenge_id text not null references market_challenges(id),
      user_id text not null references users(id),
      primary key (challenge_id, user_id)
    )`.execute(db);
  await sql`
    create table market_challenge_scores (
      challenge_id text not null references market_challenges(id),
      solution_id text not null references market_solutions(id),
      expert_id text not null references users(id),
      round int not null,
      score int not null check (score between 0 and 100),
      comment text,
      at timestamptz not null default now(),
      primary key (solution_id, expert_id, round)
    )`.execute(db);
  await sql`
    create table market_challenge_winners (
      challenge_id text not null references market_challenges(id),
      solution_id text not null references market_solutions(id),
      rank int not null check (rank >= 1),
      award text not null default '',
      primary key (challenge_id, solution_id)
    )`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('irreversible');
}
