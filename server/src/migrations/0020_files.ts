import { sql, type Kysely } from 'kysely';

/**
 * Uploaded files: metadata here, bytes in the content-addressed blob store (FILES_DIR/ab/cd/<sha256>).
 * Many rows may share one blob (the same bytes uploaded twice are stored once).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table files (
      id uuid primary key default gen_random_uuid(),
      sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
      size bigint not null check (size >= 0),
      mime text not null,
      kind text not null,
      ext text not null,
      original_name text not null,
      owner_user_id text not null,
      owner_org_id text not null,
      purpose text,
      object_type text,
      object_id text,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index files_sha256 on files (sha256)`.execute(db);
  await sql`create index files_owner on files (owner_user_id, created_at)`.execute(db);
  await sql`create index files_object on files (object_type, object_id)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('irreversible');
}
