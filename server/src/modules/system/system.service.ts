import type { AppContext } from '../../platform/context.js';
import { AUDIT_MIN_RETENTION_DAYS, auditRetention } from '../../platform/audit.js';
import {
  MLPS_PASSWORD_HISTORY,
  MLPS_PASSWORD_MAX_AGE_DAYS,
  MLPS_PASSWORD_MIN_CLASSES,
  MLPS_PASSWORD_MIN_LENGTH,
  sessionLimits,
} from '../identity/index.js';
import type { SystemSettings } from './system.schema.js';

/** The settings the system and security admins see (SECURITY_PROFILE and what it switches on). */
export async function systemSettings(ctx: AppContext): Promise<SystemSettings> {
  const c = ctx.config;
  const mlps = c.securityProfile === 'mlps3';
  const all = sessionLimits(c, []);
  const staff = sessionLimits(c, ['commissionStaff']);
  const audit = await auditRetention(ctx.db);
  return {
    securityProfile: c.securityProfile,
    sessions: {
      idleMinutes: all.idleMs / 60_000,
      staffIdleMinutes: staff.idleMs / 60_000,
      absoluteHours: all.absoluteMs / 3_600_000,
      reauthMinutes: c.reauthMs / 60_000,
      maxPerUser: mlps ? c.mlps.maxSessions : null,
    },
    staffPasswords: mlps
      ? {
          minLength: MLPS_PASSWORD_MIN_LENGTH,
          minClasses: MLPS_PASSWORD_MIN_CLASSES,
          maxAgeDays: MLPS_PASSWORD_MAX_AGE_DAYS,
          history: MLPS_PASSWORD_HISTORY,
        }
      : { minLength: 10, minClasses: 0, maxAgeDays: null, history: 1 },
    adminSeparation: mlps,
    audit: {
      appendOnly: audit.appendOnly,
      minRetentionDays: AUDIT_MIN_RETENTION_DAYS,
      retentionDays: c.audit.retentionDays,
      deletesRows: c.audit.archiveCron !== null,
      archives: audit.archives,
      archivedUpTo: audit.archivedUpTo,
      oldestAt: audit.oldestAt,
      rows: audit.rows,
    },
  };
}
