import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { definePermissions, type NameSet } from '../../platform/permissions.js';
import { callerOf } from '../../platform/caller.js';
import { AuditArchives, AuditPage, AuditQuery, AuditVerifyResult } from './audit.schema.js';
import { exportAudit, listAudit, listAuditArchives, verifyAudit } from './audit.service.js';
import { z } from 'zod';

export const AUDIT_PERMISSIONS = definePermissions({
  // MLPS 三员分立 (docs/SECURITY.md): under SECURITY_PROFILE=mlps3 the audit admin reads, verifies
  // and exports the log, and the system admin does none of it.
  'audit.read': {
    zh: '查阅审计日志',
    en: 'Browse the audit log',
    roles: ['commissionStaff', 'programmeOfficeStaff', 'auditor', 'systemAdmin', 'auditAdmin'],
    notUnderMlps3: ['systemAdmin'],
  },
  'audit.verify': {
    zh: '校验审计链',
    en: 'Verify the audit chain',
    roles: ['auditor', 'systemAdmin', 'auditAdmin'],
    notUnderMlps3: ['systemAdmin'],
  },
  'audit.export': {
    zh: '导出审计日志',
    en: 'Export the audit log',
    roles: ['auditor', 'systemAdmin', 'auditAdmin'],
    sensitive: true,
    notUnderMlps3: ['systemAdmin'],
  },
});

declare module '../../platform/permissions.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface PermissionNames extends NameSet<typeof AUDIT_PERMISSIONS> {}
}

export async function auditRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/audit',
    {
      config: { permission: 'audit.read' },
      schema: {
        tags: ['audit'],
        summary: '审计日志 Audit log',
        querystring: AuditQuery,
        response: { 200: AuditPage },
      },
    },
    async (req) => listAudit(ctx, req.query),
  );
  r.get(
    '/audit/export',
    {
      config: { permission: 'audit.export' },
      schema: {
        tags: ['audit'],
        summary:
          '导出审计日志（JSON Lines，按筛选条件，最多 100,000 条）Export the audit log (JSON Lines, filtered, at most 100,000 rows)',
        querystring: AuditQuery.omit({ page: true, pageSize: true }),
        response: { 200: z.any() },
      },
    },
    async (req, reply) => {
      const { body, filename } = await exportAudit(ctx, callerOf(ctx, req), req.query);
      return reply
        .type('text/plain; charset=utf-8') // JSON Lines; not application/*json, which clients would parse whole
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(body);
    },
  );
  r.post(
    '/audit/verify',
    {
      config: { permission: 'audit.verify' },
      schema: {
        tags: ['audit'],
        summary: '校验审计链 Verify the audit chain',
        response: { 200: AuditVerifyResult },
      },
    },
    async (req) => verifyAudit(ctx, callerOf(ctx, req)),
  );
  r.get(
    '/audit/archives',
    {
      config: { permission: 'audit.verify' },
      schema: {
        tags: ['audit'],
        summary:
          '审计归档：已归档并删除的记录范围、文件哈希与保留期 Audit archives: the pruned ranges, their file hashes and the retention',
        response: { 200: AuditArchives },
      },
    },
    async () => listAuditArchives(ctx),
  );
}
