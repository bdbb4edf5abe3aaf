import { sql, type Kysely } from 'kysely';

/**
 * The role the server process runs as on PostgreSQL (DATABASE_APP_ROLE, default transferone_app;
 * the app issues SET ROLE after connecting). It may read and write the domain tables but only
 * SELECT and INSERT on audit_log; the append-only trigger stops even the owner.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    do $$ begin
      if not exists (select 1 from pg_roles where rolname = 'transferone_app') then
        create role transferone_app nologin;
      end if;
    -- roles are cluster-wide: two databases migrated at once (parallel test runs) race to create it
    exception when duplicate_object or unique_violation then null;
    end $$`.execute(db);
  await sql`grant usage on schema public to transferone_app`.execute(db);
  await sql`grant select, insert, update, delete on all tables in schema public to transferone_app`.execute(
    db,
  );
  await sql`grant usage, select on all sequences in schema public to transferone_app`.execute(db);
  await sql`alter default privileges in schema public grant select, insert, update, delete on tables to transferone_app`.execute(
    db,
  );
  await sql`alter default privileges in schema public grant usage, select on sequences to transferone_app`.execute(
    db,
  );
  await sql`revoke update, delete, truncate on audit_log from transferone_app`.execute(db);
  await sql`revoke update, delete, truncate on audit_log from public`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('irreversible');
}
