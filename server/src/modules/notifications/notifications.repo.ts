import type { Insertable, Kysely, Selectable } from 'kysely';
import type { DB } from '../../platform/db-types.js';
import type { NotificationTable } from './notifications.tables.js';
import './notifications.tables.js';

export type NotificationRow = Selectable<NotificationTable>;

export async function insertNotifications(
  db: Kysely<DB>,
  rows: Insertable<NotificationTable>[],
): Promise<string[]> {
  if (!rows.length) return [];
  const r = await db.insertInto('notifications').values(rows).returning('id').execute();
  return r.map((x) => x.id);
}

export async function listForUser(
  db: Kysely<DB>,
  userId: string,
  opts: { unreadOnly: boolean; limit: number; offset: number },
): Promise<{ items: NotificationRow[]; total: number; unread: number }> {
  let q = db.selectFrom('notifications').where('user_id', '=', userId);
  if (opts.unreadOnly) q = q.where('read_at', 'is', null);
  const items = await q
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(opts.limit)
    .offset(opts.offset)
    .execute();
  const counts = await db
    .selectFrom('notifications')
    .where('user_id', '=', userId)
    .select((eb) => [
      eb.fn.countAll().as('total'),
      eb.fn.count('id').filterWhere('read_at', 'is', null).as('unread'),
    ])
    .executeTakeFirstOrThrow();
  const total = opts.unreadOnly ? Number(counts.unread) : Number(counts.total);
  return { items, total, unread: Number(counts.unread) };
}

export async function findNotification(db: Kysely<DB>, id: string): Promise<NotificationRow | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  return db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function markRead(db: Kysely<DB>, id: string, at: Date): Promise<void> {
  await db
    .updateTable('notifications')
    .set({ read_at: at })
    .where('id', '=', id)
    .where('read_at', 'is', null)
    .execute();
}

export async function markAllRead(db: Kysely<DB>, userId: string, at: Date): Promise<number> {
  const r = await db
    .updateTable('notifications')
    .set({ read_at: at })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function emailsOf(
  db: Kysely<DB>,
  userIds: string[],
): Promise<Array<{ id: string; email: string }>> {
  if (!userIds.length) return [];
  return db
    .selectFrom('users')
    .select(['id', 'email'])
    .where('id', 'in', userIds)
    .where('status', '=', 'active')
    .execute();
}
