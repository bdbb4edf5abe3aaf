import { sql, type Kysely } from 'kysely';
import type { DB } from '../db-types.js';

/** The live record of each backup (system_backups) and of each restore drill (system_backup_drills). */
export interface BackupRecordInput {
  name: string;
  path: string;
  kind: 'scheduled' | 'manual';
  createdAt: Date;
  manifestSha256: string;
  tables: Record<string, number>;
  files: Record<string, string>;
  rows: number;
  fileCount: number;
  bytes: number;
  seconds: number;
}

export async function upsertBackupRecord(db: Kysely<DB>, r: BackupRecordInput): Promise<void> {
  const row = {
    name: r.name,
    path: r.path,
    kind: r.kind,
    created_at: r.createdAt,
    manifest_sha256: r.manifestSha256,
    tables: JSON.stringify(r.tables),
    files: JSON.stringify(r.files),
    rows: r.rows,
    file_count: r.fileCount,
    bytes: r.bytes,
    seconds: r.seconds,
    deleted_at: null,
  };
  await db
    .insertInto('system_backups')
    .values(row)
    .onConflict((oc) => oc.column('name').doUpdateSet(row))
    .execute();
}

/** Marks deleted backups (their per-file hashes are dropped: nothing is left to compare them with). */
export async function markBackupsDeleted(db: Kysely<DB>, names: string[], at: Date): Promise<void> {
  if (!names.length) return;
  await db
    .updateTable('system_backups')
    .set({ deleted_at: at, files: '{}' })
    .where('name', 'in', names)
    .execute();
}

export async function findBackupRecord(db: Kysely<DB>, name: string) {
  return db.selectFrom('system_backups').selectAll().where('name', '=', name).executeTakeFirst();
}

export async function listBackupRecords(db: Kysely<DB>, limit: number) {
  return db
    .selectFrom('system_backups')
    .select([
      'name',
      'path',
      'kind',
      'created_at',
      'rows',
      'file_count',
      'bytes',
      'seconds',
      'deleted_at',
      sql<number>`(select count(*) from jsonb_object_keys(tables))::int`.as('table_count'),
    ])
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}

export interface DrillRecordInput {
  backupName: string;
  backupPath: string;
  engine: 'pglite' | 'pg';
  startedAt: Date;
  seconds: number;
  ok: boolean;
  report: unknown;
}

export async function insertDrillRecord(db: Kysely<DB>, r: DrillRecordInput): Promise<number> {
  const row = await db
    .insertInto('system_backup_drills')
    .values({
      backup_name: r.backupName,
      backup_path: r.backupPath,
      engine: r.engine,
      started_at: r.startedAt,
      seconds: r.seconds,
      ok: r.ok,
      report: JSON.stringify(r.report),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function lastDrillRecord(db: Kysely<DB>) {
  return db
    .selectFrom('system_backup_drills')
    .selectAll()
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}
