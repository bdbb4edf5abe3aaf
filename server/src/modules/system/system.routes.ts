import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sql } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import { AUTHENTICATED, PUBLIC, allPermissions, permissionsOf } from '../../platform/permissions.js';
import { ROLES } from '../../platform/roles.js';

export async function systemRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
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
    '/permissions',
    {
      config: { permission: AUTHENTICATED, allowWithoutMfa: true, duringPasswordChange: true },
      schema: {
        tags: ['system'],
        summary: '权限注册表 Permission registry',
        response: {
          200: z.object({
            mine: z.array(z.string()),
            roles: z.array(z.object({ code: z.string(), zh: z.string(), en: z.string(), mfa: z.boolean() })),
            permissions: z.array(
              z.object({ code: z.string(), zh: z.string(), en: z.string(), roles: z.array(z.string()) }),
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
