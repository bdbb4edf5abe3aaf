import { get, patch, post, type Query } from './client.js';
import type { AuditRecord, AuditVerifyResult, Org, Page, PermissionRegistry, User } from './types.js';

export const orgsApi = {
  list: (q: Query) => get<Page<Org>>('/api/orgs', q),
  get: (id: string) => get<Org>(`/api/orgs/${encodeURIComponent(id)}`),
  create: (body: Partial<Org>) => post<Org>('/api/orgs', body),
  update: (id: string, body: Partial<Org>) => patch<Org>(`/api/orgs/${encodeURIComponent(id)}`, body),
};

export const usersApi = {
  list: (q: Query) => get<Page<User>>('/api/users', q),
  create: (body: Record<string, unknown>) =>
    post<{ user: User; initialPassword?: string }>('/api/users', body),
  update: (id: string, body: Record<string, unknown>) =>
    patch<User>(`/api/users/${encodeURIComponent(id)}`, body),
  resetPassword: (id: string) =>
    post<{ initialPassword: string }>(`/api/users/${encodeURIComponent(id)}/reset-password`),
  unlock: (id: string) => post<unknown>(`/api/users/${encodeURIComponent(id)}/unlock`),
  resetTotp: (id: string) => post<unknown>(`/api/users/${encodeURIComponent(id)}/reset-totp`),
};

export const auditApi = {
  list: (q: Query) => get<Page<AuditRecord>>('/api/audit', q),
  verify: () => post<AuditVerifyResult>('/api/audit/verify'),
};

export const systemApi = {
  permissions: () => get<PermissionRegistry>('/api/permissions'),
  health: () => get<{ status: string; database: string; time: string }>('/api/health'),
};

export interface NotificationItem {
  id: string;
  title?: string;
  titleEn?: string;
  body?: string;
  bodyEn?: string;
  createdAt?: string;
  readAt?: string | null;
  link?: string | null;
  [k: string]: unknown;
}

/** GET /api/notifications: accepts a page or a plain list while that module settles. */
export async function listNotifications(): Promise<NotificationItem[]> {
  const data = await get<Page<NotificationItem> | NotificationItem[]>('/api/notifications', undefined, {
    quiet: true,
  });
  return Array.isArray(data) ? data : (data?.items ?? []);
}
