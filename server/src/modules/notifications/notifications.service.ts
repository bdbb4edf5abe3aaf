import type { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { appendAudit } from '../../platform/audit.js';
import { DomainError } from '../../platform/errors.js';
import { auditActor, type Caller } from '../../platform/caller.js';
import {
  findNotification,
  listForUser,
  markAllRead,
  markRead,
  type NotificationRow,
} from './notifications.repo.js';
import type { NotificationItem, NotificationPage, NotificationQuery } from './notifications.schema.js';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function toItem(n: NotificationRow): z.infer<typeof NotificationItem> {
  return {
    id: n.id,
    kind: n.kind,
    titleZh: n.title_zh,
    titleEn: n.title_en,
    body: n.body,
    bodyEn: n.body_en,
    link: n.link,
    readAt: iso(n.read_at),
    createdAt: iso(n.created_at)!,
  };
}

export async function myNotifications(
  ctx: AppContext,
  caller: Caller,
  q: z.infer<typeof NotificationQuery>,
): Promise<z.infer<typeof NotificationPage>> {
  const r = await listForUser(ctx.db, caller.actor.userId, {
    unreadOnly: q.unread === 'true',
    limit: q.limit,
    offset: q.offset,
  });
  return { items: r.items.map(toItem), total: r.total, unread: r.unread };
}

export async function readNotification(ctx: AppContext, caller: Caller, id: string) {
  const { actor } = caller;
  return ctx.db.transaction().execute(async (trx) => {
    const n = await findNotification(trx, id);
    // someone else's notification is answered as absent: its existence is not disclosed
    if (!n || n.user_id !== actor.userId)
      throw new DomainError('not_found', { zh: '通知不存在', en: 'Notification not found' });
    if (!n.read_at) {
      await markRead(trx, id, ctx.now());
      await appendAudit(trx, {
        actor: auditActor(caller),
        action: 'notification.read',
        objectType: 'notification',
        objectId: id,
      });
    }
    return toItem((await findNotification(trx, id))!);
  });
}

export async function readAllNotifications(ctx: AppContext, caller: Caller) {
  const { actor } = caller;
  return ctx.db.transaction().execute(async (trx) => {
    const updated = await markAllRead(trx, actor.userId, ctx.now());
    if (updated) {
      await appendAudit(trx, {
        actor: auditActor(caller),
        action: 'notification.readAll',
        objectType: 'user',
        objectId: actor.userId,
        detail: { updated },
      });
    }
    return { updated };
  });
}
