import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table audit_log (
      seq bigserial primary key,
      at timestamptz not null default now(),
      actor_id text,
      actor_org_id text,
      actor_label text,
      ip text,
      action text not null,
      object_type text,
      object_id text,
      result text not null check (result in ('ok','denied','failed')),
      before jsonb,
      after jsonb,
      detail jsonb,
      prev_hash text not null,
      hash text not null unique
    )`.execute(db);
  await sql`create index audit_log_object on audit_log (object_type, object_id)`.execute(db);
  await sql`create index audit_log_actor on audit_log (actor_id, at)`.execute(db);
  await sql`create index audit_log_action on audit_log (action, at)`.execute(db);
  await sql`
    create table audit_chain_head (
      id int primary key check (id = 1),
      last_seq bigint not null,
      last_hash text not null
    )`.execute(db);
  await sql`insert into audit_chain_head (id, last_seq, last_hash) values (1, 0, ${'0'.repeat(64)})`.execute(
    db,
  );
  // Append-only: no role, not even the owner, may change or remove an audit row through SQL.
  await sql`
    create function audit_log_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only (审计记录只能追加)' using errcode = '42501';
    end $$`.execute(db);
  await sql`
    create trigger audit_log_no_update before update or delete on audit_log
    for each row execute function audit_log_append_only()`.execute(db);
  await sql`
    create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_append_only()`.execute(db);

  await sql`
    create table idempotency_keys (
      key text not null,
      scope text not null,
      request_hash text not null,
      status_code int,
      response_body text,
      content_type text,
      created_at timestamptz not null default now(),
      primary key (scope, key)
    )`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('irreversible');
}
