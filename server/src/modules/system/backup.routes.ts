import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { BackupsView } from './backup.schema.js';
import { backupsView } from './backup.service.js';
import './system.permissions.js';

export async function backupRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/system/backups',
    {
      config: { permission: 'backup.read' },
      schema: {
        tags: ['system'],
        summary: '备份与最近一次恢复演练 Backups and the last restore drill',
        response: { 200: BackupsView },
      },
    },
    async () => backupsView(ctx),
  );
}
