import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { AUTHENTICATED } from '../../platform/permissions.js';
import { callerOf } from '../../platform/caller.js';
import {
  NotificationIdParams,
  NotificationItem,
  NotificationPage,
  NotificationQuery,
  ReadAllResult,
} from './notifications.schema.js';
import { myNotifications, readAllNotifications, readNotification } from './notifications.service.js';

export async function notificationsRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/notifications',
    {
      config: { permission: AUTHENTICATED },
      schema: {
        tags: ['notifications'],
        summary: '我的通知 My notifications',
        querystring: NotificationQuery,
        response: { 200: NotificationPage },
      },
    },
    async (req) => myNotifications(ctx, callerOf(ctx, req), req.query),
  );
  r.post(
    '/notifications/:id/read',
    {
      config: { permission: AUTHENTICATED },
      schema: {
        tags: ['notifications'],
        summary: '标为已读 Mark as read',
        params: NotificationIdParams,
        response: { 200: NotificationItem },
      },
    },
    async (req) => readNotification(ctx, callerOf(ctx, req), req.params.id),
  );
  r.post(
    '/notifications/read-all',
    {
      config: { permission: AUTHENTICATED },
      schema: {
        tags: ['notifications'],
        summary: '全部标为已读 Mark all as read',
        response: { 200: ReadAllResult },
      },
    },
    async (req) => readAllNotifications(ctx, callerOf(ctx, req)),
  );
}
