import { sql, type Kysely } from 'kysely';

/**
 * Backups (issue 10, "Backups"): what the live system was when each backup was taken, kept in the
 * live database and not in the backup (a backup and its manifest can be edited together; this
 * record cannot be edited with them), and the result of every restore drill.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table system_backups (
      name text primary key,
      path text not null,
      kind text not null check (kind in ('scheduled', 'manual')),
      created_at timestamptz not null,
      manifest_sha256 text not null,
      -- table name -> row count, counted in the backup's own snapshot
      tables jsonb not null,
      -- path inside the backup -> SHA-256, for every file the backup holds; emptied when deleted
      files jsonb not null,
      rows bigint not null,
      file_count int not null,
      bytes bigint not null,
      seconds double precision not null,
      deleted_at timestamptz
    )`.execute(db);
  await sql`
    create table system_backup_drills (
      id bigint generated always as identity primary key,
      backup_name text not null,
      backup_path text not null,
      engine text not null check (engine in ('pglite', 'pg')),
      started_at timestamptz not null,
      seconds double precision not null,
      ok boolean not null,
      report jsonb not null
    )`.execute(db);
  await sql`create index system_backup_drills_started on system_backup_drills (started_at desc)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('irreversible');
}
