import { sql, type Kysely } from 'kysely';

/**
 * Audit archive-and-prune (issue 10, audit retention; platform/audit-archive.ts). Each archive of the
 * oldest audit rows is registered in audit_archives (its range, the hash before and after it, the
 * file's SHA-256, signed with the audit HMAC key); the last archived hash is the chain's new genesis.
 *
 * The append-only trigger of 0001 now lets a DELETE through for one case only: the row lies in the
 * range of an audit_archives row inserted by the same transaction. Everything else (UPDATE, any
 * other DELETE, TRUNCATE) is refused as before, for every role. The app role still holds no DELETE
 * on audit_log (0002); it prunes through audit_prune(id), a SECURITY DEFINER function that also
 * checks the archive starts at the oldest row, follows the previous archive, ends at the row whose
 * hash it names and holds no row younger than 180 days (AUDIT_MIN_RETENTION_DAYS).
 * audit_archives is itself append-only.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table audit_archives (
      id bigint generated always as identity primary key,
      first_seq bigint not null unique,
      last_seq bigint not null unique,
      rows bigint not null,
      -- the hash the first archived row links to (genesis, or the previous archive's last_hash)
      first_prev_hash text not null,
      last_hash text not null,
      last_mac text,
      first_at timestamptz not null,
      last_at timestamptz not null,
      file text not null unique,
      sha256 text not null,
      bytes bigint not null,
      retention_days int not null,
      created_at timestamptz not null,
      created_by text,
      -- HMAC-SHA256 (audit key) over the archive's canonical fields, the same as in its manifest
      mac_key text not null,
      mac text not null,
      check (last_seq >= first_seq and rows = last_seq - first_seq + 1)
    )`.execute(db);

  await sql`
    create function audit_archives_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_archives is append-only (审计归档记录只能追加)' using errcode = '42501';
    end $$`.execute(db);
  await sql`
    create trigger audit_archives_no_update before update or delete on audit_archives
    for each row execute function audit_archives_append_only()`.execute(db);
  await sql`
    create trigger audit_archives_no_truncate before truncate on audit_archives
    for each statement execute function audit_archives_append_only()`.execute(db);

  // The same function name, so both audit_log triggers of 0001 keep their names and stay in place.
  await sql`
    create or replace function audit_log_append_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' and exists (
        select 1 from audit_archives a
        where a.xmin::text = (txid_current() % 4294967296)::text
          and old.seq between a.first_seq and a.last_seq
      ) then
        return old;
      end if;
      raise exception 'audit_log is append-only (审计记录只能追加)' using errcode = '42501';
    end $$`.execute(db);

  await sql`
    create function audit_prune(archive_id bigint) returns bigint
    language plpgsql security definer set search_path = public, pg_temp as $$
    declare
      a audit_archives;
      low bigint;
      before_last bigint;
      h text;
      n bigint;
    begin
      select * into a from audit_archives where id = archive_id;
      if not found or a.xmin::text <> (txid_current() % 4294967296)::text then
        raise exception 'audit_prune: archive % is not registered in this transaction (只能删除本事务登记归档的审计记录)', archive_id
          using errcode = '42501';
      end if;
      select coalesce(max(last_seq), 0) into before_last from audit_archives where id <> a.id;
      if a.first_seq <> before_last + 1 then
        raise exception 'audit_prune: archive % starts at %, the previous one ends at % (归档须首尾相接)', archive_id, a.first_seq, before_last
          using errcode = '42501';
      end if;
      select min(seq) into low from audit_log;
      if low is distinct from a.first_seq then
        raise exception 'audit_prune: archive % starts at %, the oldest row is % (只能从最早的记录开始删除)', archive_id, a.first_seq, low
          using errcode = '42501';
      end if;
      select hash into h from audit_log where seq = a.last_seq;
      if h is distinct from a.last_hash then
        raise exception 'audit_prune: row % does not have the archived hash (末条哈希不符)', a.last_seq
          using errcode = '42501';
      end if;
      if exists (select 1 from audit_log where seq between a.first_seq and a.last_seq
                 and at >= now() - interval '180 days') then
        raise exception 'audit_prune: archive % holds rows younger than 180 days (审计记录至少保留 180 天)', archive_id
          using errcode = '42501';
      end if;
      delete from audit_log where seq between a.first_seq and a.last_seq;
      get diagnostics n = row_count;
      if n <> a.rows then
        raise exception 'audit_prune: % rows in range, the archive holds % (记录条数不符)', n, a.rows
          using errcode = '42501';
      end if;
      return n;
    end $$`.execute(db);

  await sql`revoke all on function audit_prune(bigint) from public`.execute(db);
  await sql`
    do $$ begin
      if exists (select 1 from pg_roles where rolname = 'transferone_app') then
        grant execute on function audit_prune(bigint) to transferone_app;
        revoke update, delete, truncate on audit_archives from transferone_app;
      end if;
    end $$`.execute(db);
  await sql`revoke update, delete, truncate on audit_archives from public`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('irreversible');
}
