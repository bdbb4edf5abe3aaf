import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { definePermissions, type NameSet } from '../../platform/permissions.js';
import { callerOf } from '../../platform/caller.js';
import { AuditPage, AuditQuery, AuditVerifyResult } from './audit.schema.js';
import { listAudit, verifyAudit } from './audit.service.js';

export const AUDIT_PERMISSIONS = definePermissions({
  'audit.read': {
    zh: '查阅审计日志',
    en: 'Browse the audit log',
    roles: ['commissionStaff', 'programmeOfficeStaff', 'auditor', 'systemAdmin'],
  },
  'audit.verify': { zh: '校验审计链', en: 'Verify the audit chain', roles: ['auditor', 'systemAdmin'] },
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
}
