import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sql } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import {
  AUTHENTICATED,
  PUBLIC,
  allPermissions,
  definePermissions,
  permissionsOf,
  type NameSet,
  type PermissionName,
} from '../../platform/permissions.js';
import { ROLES } from '../../platform/roles.js';
import { SystemSettings } from './system.schema.js';
import { systemSettings } from './system.service.js';

export const SYSTEM_PERMISSIONS = definePermissions({
  'settings.read': {
    zh: '查看系统与安全设置',
    en: 'View the system and security settings',
    roles: ['systemAdmin', 'securityAdmin'],
  },
});

declare module '../../platform/permissions.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface PermissionNames extends NameSet<typeof SYSTEM_PERMISSIONS> {}
}

let permissionNameSchema: z.ZodType<PermissionName> | undefined;
/**
 * Every registered permission name as one OpenAPI enum (`components.schemas.PermissionName`), so the
 * web's `can(me, name)` is checked against the registry at compile time. Built when the routes are
 * registered: by then every module has defined its permissions.
 */
function permissionName() {
  permissionNameSchema ??= z
    .enum(allPermissions().map(([n]) => n) as [PermissionName, ...PermissionName[]])
    .meta({ id: 'PermissionName' });
  return permissionNameSchema;
}

export async function systemRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const PermissionNameSchema = permissionName();
  r.get(
    '/health',
    {
      config: { permission: PUBLIC },
      schema: {
        tags: ['system'],
        summary: '健康检查 Health',
        response: {
          200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'pg']), time: z.string() }),
        },
      },
    },
    async () => {
      await sql`select 1`.execute(ctx.db);
      return { status: 'ok' as const, database: ctx.dbKind, time: ctx.now().toISOString() };
    },
  );
  r.get(
    '/system/settings',
    {
      config: { permission: 'settings.read' },
      schema: {
        tags: ['system'],
        summary:
          '系统与安全设置（含等保三级配置）System and security settings (with the MLPS level-3 profile)',
        response: { 200: SystemSettings },
      },
    },
    async () => systemSettings(ctx),
  );
  r.get(
    '/permissions',
    {
      config: { permission: AUTHENTICATED, allowWithoutMfa: true, duringPasswordChange: true },
      schema: {
        tags: ['system'],
        summary: '权限注册表 Permission registry',
        response: {
          200: z.object({
            mine: z.array(PermissionNameSchema),
            roles: z.array(z.object({ code: z.string(), zh: z.string(), en: z.string(), mfa: z.boolean() })),
            permissions: z.array(
              z.object({
                code: PermissionNameSchema,
                zh: z.string(),
                en: z.string(),
                roles: z.array(z.string()),
              }),
            ),
          }),
        },
      },
    },
    async (req) => ({
      mine: permissionsOf(req.actor!),
      roles: Object.entries(ROLES).map(([code, d]) => ({ code, ...d })),
      permissions: allPermissions().map(([code, d]) => ({ code, zh: d.zh, en: d.en, roles: [...d.roles] })),
    }),
  );
}
