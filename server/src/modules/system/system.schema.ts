import { z } from 'zod';

/** GET /api/system/settings: what the installation runs with (from the environment; read-only). */
export const SystemSettings = z
  .object({
    securityProfile: z.enum(['standard', 'mlps3']).describe('SECURITY_PROFILE'),
    sessions: z.object({
      idleMinutes: z.number(),
      staffIdleMinutes: z.number(),
      absoluteHours: z.number(),
      reauthMinutes: z.number(),
      maxPerUser: z.number().int().nullable().describe('null: no limit'),
    }),
    staffPasswords: z.object({
      minLength: z.number().int(),
      minClasses: z.number().int().describe('of upper, lower, digit, symbol; 0: letters and digits'),
      maxAgeDays: z.number().int().nullable(),
      history: z.number().int().describe('last passwords that may not be reused (1: the current one)'),
    }),
    adminSeparation: z
      .boolean()
      .describe('one user holds at most one of systemAdmin/securityAdmin/auditAdmin'),
    audit: z.object({
      appendOnly: z.boolean(),
      minRetentionDays: z.number().int(),
      retentionDays: z
        .number()
        .int()
        .describe('AUDIT_RETENTION_DAYS: older rows are archived (signed, verified) and then pruned'),
      deletesRows: z
        .boolean()
        .describe(
          'whether the daily archive-and-prune is scheduled (AUDIT_ARCHIVE_CRON); nothing else deletes audit rows',
        ),
      archives: z.number().int().describe('archives registered in audit_archives'),
      archivedUpTo: z
        .number()
        .int()
        .describe('the last archived seq: the live chain starts after it (0: none)'),
      oldestAt: z.string().nullable(),
      rows: z.number().int(),
    }),
  })
  .meta({ id: 'SystemSettings' });
export type SystemSettings = z.infer<typeof SystemSettings>;
