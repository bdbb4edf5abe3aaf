import { z } from 'zod';

export const NotificationItem = z.object({
  id: z.string().uuid(),
  kind: z.string(),
  titleZh: z.string(),
  titleEn: z.string(),
  body: z.string().describe('the text in Chinese'),
  bodyEn: z.string().nullable().describe('the text in English; null on rows written before it was kept'),
  link: z.string().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});

export const NotificationPage = z.object({
  items: z.array(NotificationItem),
  total: z.number().int(),
  unread: z.number().int(),
});

export const NotificationQuery = z.object({
  unread: z.enum(['true', 'false']).optional().describe('只看未读 Unread only'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});

export const NotificationIdParams = z.object({ id: z.string().uuid() });
export const ReadAllResult = z.object({ updated: z.number().int() });
