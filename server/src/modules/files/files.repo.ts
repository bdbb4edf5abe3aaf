import type { Insertable, Kysely, Selectable } from 'kysely';
import type { DB } from '../../platform/db-types.js';
import type { FileTable } from './files.tables.js';
import './files.tables.js';

export type FileRow = Selectable<FileTable>;

export async function insertFile(db: Kysely<DB>, row: Insertable<FileTable>): Promise<FileRow> {
  return db.insertInto('files').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findFile(db: Kysely<DB>, id: string): Promise<FileRow | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  return db.selectFrom('files').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function linkFile(
  db: Kysely<DB>,
  id: string,
  link: { objectType: string; objectId: string },
): Promise<FileRow | undefined> {
  return db
    .updateTable('files')
    .set({ object_type: link.objectType, object_id: link.objectId })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function countBySha(db: Kysely<DB>, sha256: string): Promise<number> {
  const r = await db
    .selectFrom('files')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('sha256', '=', sha256)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Which of these hashes some `files` row names (the orphan sweep keeps those blobs). */
export async function referencedShas(db: Kysely<DB>, sha256s: string[]): Promise<Set<string>> {
  if (!sha256s.length) return new Set();
  const rows = await db
    .selectFrom('files')
    .select('sha256')
    .distinct()
    .where('sha256', 'in', sha256s)
    .execute();
  return new Set(rows.map((r) => r.sha256));
}

/** The files linked to these objects of one type, oldest first. */
export function filesOfObjects(
  db: Kysely<DB>,
  objectType: string,
  ids: readonly string[],
): Promise<FileRow[]> {
  if (!ids.length) return Promise.resolve([]);
  return db
    .selectFrom('files')
    .selectAll()
    .where('object_type', '=', objectType)
    .where('object_id', 'in', ids)
    .orderBy('created_at')
    .execute();
}
