/** Organisations, users, audit, the permission registry, notifications (identity, audit, system). */
import { api, call, type BodyOf, type QueryOf } from './client.js';
import type { NotificationItem } from './types.js';

const id = (v: string) => ({ params: { path: { id: v } } });

export const orgsApi = {
  list: (q: QueryOf<'/api/orgs', 'get'>) => call(api.GET('/api/orgs', { params: { query: q } })),
  get: (v: string) => call(api.GET('/api/orgs/{id}', id(v))),
  create: (body: BodyOf<'/api/orgs', 'post'>) => call(api.POST('/api/orgs', { body })),
  update: (v: string, body: BodyOf<'/api/orgs/{id}', 'patch'>) =>
    call(api.PATCH('/api/orgs/{id}', { ...id(v), body })),
};

export const usersApi = {
  list: (q: QueryOf<'/api/users', 'get'>) => call(api.GET('/api/users', { params: { query: q } })),
  create: (body: BodyOf<'/api/users', 'post'>) => call(api.POST('/api/users', { body })),
  update: (v: string, body: BodyOf<'/api/users/{id}', 'patch'>) =>
    call(api.PATCH('/api/users/{id}', { ...id(v), body })),
  resetPassword: (v: string) => call(api.POST('/api/users/{id}/reset-password', id(v))),
  unlock: (v: string) => call(api.POST('/api/users/{id}/unlock', id(v))),
  resetTotp: (v: string) => call(api.POST('/api/users/{id}/reset-totp', id(v))),
};

export const auditApi = {
  list: (q: QueryOf<'/api/audit', 'get'>) => call(api.GET('/api/audit', { params: { query: q } })),
  verify: () => call(api.POST('/api/audit/verify')),
};

export const systemApi = {
  permissions: () => call(api.GET('/api/permissions')),
  health: () => call(api.GET('/api/health')),
};

/** GET /api/notifications: the newest first. */
export async function listNotifications(): Promise<NotificationItem[]> {
  const data = await call(api.GET('/api/notifications'), { quiet: true });
  return data.items;
}
