import path from 'node:path';
import { z } from 'zod';

/** All settings come from the environment (12-factor); defaults give the embedded demo. */
const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: z.string().url().optional(),
  DATABASE_URL: z.string().optional(),
  DATA_DIR: z.string().default('./data'),
  FILES_DIR: z.string().optional(),
  MAX_UPLOAD_MB: z.coerce.number().positive().default(50),
  /** The orphan-file sweep takes only blobs and temp files older than this (a put in flight is younger). */
  FILES_SWEEP_GRACE_MINUTES: z.coerce.number().positive().default(60),
  SESSION_IDLE_MINUTES: z.coerce.number().positive().default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().positive().default(12),
  REAUTH_MINUTES: z.coerce.number().positive().default(5),
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  SMTP_HOST: z.string().optional(),
  SMTP_PORT: z.coerce.number().int().default(25),
  SMTP_SECURE: z.enum(['true', 'false']).default('false'),
  SMTP_USER: z.string().optional(),
  SMTP_PASS: z.string().optional(),
  MAIL_FROM: z.string().default('TransferOne 科转通 <noreply@transferone.local>'),
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  /** Key material for TOTP secrets and OIDC cookies; unset → a per-installation key kept in the database. */
  IDENTITY_SECRET: z.string().min(32, 'IDENTITY_SECRET 至少 32 个字符 / at least 32 characters').optional(),
  /** Reverse proxies whose X-Forwarded-* headers are believed: `false` (default), or addresses/CIDRs, comma-separated. */
  TRUST_PROXY: z.string().default('false'),
  JOBS: z.enum(['on', 'off']).default('on'),
  /** HMAC key of the audit chain (≥ 32 characters); unset → AUDIT_KEY_FILE, created 0600 on first start. */
  AUDIT_HMAC_KEY: z.string().min(32, 'AUDIT_HMAC_KEY 至少 32 个字符 / at least 32 characters').optional(),
  /** Earlier audit keys (comma-separated), kept after a rotation so older rows still verify. */
  AUDIT_HMAC_OLD_KEYS: z.string().optional(),
  AUDIT_KEY_FILE: z.string().optional(),
  /** Signed checkpoints of the chain head, one JSON line each (append-only, outside the database). */
  AUDIT_CHECKPOINT_FILE: z.string().optional(),
  AUDIT_CHECKPOINT_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  /** Audit rows older than this many days are archived and pruned (platform/audit-archive.ts); ≥ 180 (MLPS level 3). */
  AUDIT_RETENTION_DAYS: z.coerce
    .number()
    .int()
    .min(
      180,
      'AUDIT_RETENTION_DAYS 不得少于 180 天（等保三级要求审计记录至少保留 180 天）/ must be at least 180 days (MLPS level 3 keeps audit records ≥ 180 days)',
    )
    .max(36500)
    .default(365),
  /** Where audit archives go (gzip'd JSON Lines and a signed manifest each); default DATA_DIR/audit-archives. */
  AUDIT_ARCHIVE_DIR: z.string().optional(),
  /** When to archive and prune the audit log (5-field cron, Asia/Shanghai), e.g. daily `15 3 * * *`; unset → off. */
  AUDIT_ARCHIVE_CRON: z
    .string()
    .regex(/^\S+( \S+){4}$/, 'AUDIT_ARCHIVE_CRON 须为 5 段 cron 表达式 / must be a 5-field cron expression')
    .optional(),
  /** Where scheduled backups go (one folder per backup, named by its UTC time); default DATA_DIR/backups. */
  BACKUP_DIR: z.string().optional(),
  /** When to back up (5-field cron, Asia/Shanghai), e.g. `30 2 * * *`; unset → no scheduled backup. */
  BACKUP_CRON: z
    .string()
    .regex(/^\S+( \S+){4}$/, 'BACKUP_CRON 须为 5 段 cron 表达式 / must be a 5-field cron expression')
    .optional(),
  /** Backups kept: the newest of each of the last N days, and of each of the last M ISO weeks. */
  BACKUP_KEEP_DAILY: z.coerce.number().int().min(1).max(366).default(7),
  BACKUP_KEEP_WEEKLY: z.coerce.number().int().min(0).max(520).default(4),
  /** `mlps3`: the MLPS 2.0 level-3 profile (GB/T 22239-2019 §8.1.4), see docs/SECURITY.md; `standard`: off. */
  SECURITY_PROFILE: z.enum(['standard', 'mlps3']).default('standard'),
  /** Under mlps3: idle timeout of a staff session (minutes), absolute lifetime (hours), sessions per user. */
  MLPS_STAFF_IDLE_MINUTES: z.coerce.number().positive().max(15).default(15),
  MLPS_SESSION_ABSOLUTE_HOURS: z.coerce.number().positive().max(12).default(8),
  MLPS_MAX_SESSIONS: z.coerce.number().int().min(1).max(20).default(3),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TZ_DISPLAY: z.string().default('Asia/Shanghai'),
});

export interface Config {
  port: number;
  host: string;
  baseUrl: string;
  databaseUrl?: string;
  dataDir: string;
  filesDir: string;
  maxUploadBytes: number;
  /** FILES_SWEEP_GRACE_MINUTES in ms. */
  filesSweepGraceMs: number;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  reauthMs: number;
  cookieSecure: 'auto' | boolean;
  smtp?: { host: string; port: number; secure: boolean; user?: string; pass?: string };
  mailFrom: string;
  oidc?: { issuer: string; clientId: string; clientSecret?: string };
  identitySecret?: string;
  trustProxy: boolean | string[];
  jobs: boolean;
  audit: {
    hmacKey?: string;
    oldKeys: string[];
    keyFile: string;
    checkpointFile: string;
    checkpointMinutes: number;
    /** AUDIT_RETENTION_DAYS: rows older than this are archived and pruned (≥ AUDIT_MIN_RETENTION_DAYS). */
    retentionDays: number;
    archiveDir: string;
    /** null: no scheduled archive-and-prune. */
    archiveCron: string | null;
  };
  backup: {
    dir: string;
    /** null: no scheduled backup. */
    cron: string | null;
    keepDaily: number;
    keepWeekly: number;
  };
  /** The security profile the installation switched on (SECURITY_PROFILE). */
  securityProfile: SecurityProfile;
  /** The MLPS level-3 limits (used only when securityProfile is `mlps3`). */
  mlps: { staffIdleMs: number; absoluteMs: number; maxSessions: number };
  logLevel: string;
  timeZone: string;
}

export type SecurityProfile = 'standard' | 'mlps3';

/** The profile permission checks run under (`Actor.profile`): `mlps3` or none. */
export function permissionProfile(config: Pick<Config, 'securityProfile'>): 'mlps3' | undefined {
  return config.securityProfile === 'mlps3' ? 'mlps3' : undefined;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`配置错误 / Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  const cfg: Config = {
    port: e.PORT,
    host: e.HOST,
    baseUrl: e.PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    databaseUrl: e.DATABASE_URL || undefined,
    dataDir,
    filesDir: path.resolve(e.FILES_DIR ?? path.join(dataDir, 'files')),
    maxUploadBytes: Math.round(e.MAX_UPLOAD_MB * 1024 * 1024),
    filesSweepGraceMs: Math.round(e.FILES_SWEEP_GRACE_MINUTES * 60_000),
    sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: e.SESSION_ABSOLUTE_HOURS * 3_600_000,
    reauthMs: e.REAUTH_MINUTES * 60_000,
    cookieSecure: e.COOKIE_SECURE === 'auto' ? 'auto' : e.COOKIE_SECURE === 'true',
    smtp: e.SMTP_HOST
      ? {
          host: e.SMTP_HOST,
          port: e.SMTP_PORT,
          secure: e.SMTP_SECURE === 'true',
          user: e.SMTP_USER,
          pass: e.SMTP_PASS,
        }
      : undefined,
    mailFrom: e.MAIL_FROM,
    oidc:
      e.OIDC_ISSUER && e.OIDC_CLIENT_ID
        ? { issuer: e.OIDC_ISSUER, clientId: e.OIDC_CLIENT_ID, clientSecret: e.OIDC_CLIENT_SECRET }
        : undefined,
    identitySecret: e.IDENTITY_SECRET,
    trustProxy:
      e.TRUST_PROXY === 'false' || e.TRUST_PROXY === ''
        ? false
        : e.TRUST_PROXY.split(',')
            .map((x) => x.trim())
            .filter(Boolean),
    jobs: e.JOBS === 'on',
    audit: {
      hmacKey: e.AUDIT_HMAC_KEY,
      oldKeys: (e.AUDIT_HMAC_OLD_KEYS ?? '')
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
      keyFile: path.resolve(e.AUDIT_KEY_FILE ?? path.join(dataDir, 'audit-hmac.key')),
      checkpointFile: path.resolve(e.AUDIT_CHECKPOINT_FILE ?? path.join(dataDir, 'audit-checkpoints.jsonl')),
      checkpointMinutes: e.AUDIT_CHECKPOINT_MINUTES,
      retentionDays: e.AUDIT_RETENTION_DAYS,
      archiveDir: path.resolve(e.AUDIT_ARCHIVE_DIR ?? path.join(dataDir, 'audit-archives')),
      archiveCron: e.AUDIT_ARCHIVE_CRON || null,
    },
    backup: {
      dir: path.resolve(e.BACKUP_DIR ?? path.join(dataDir, 'backups')),
      cron: e.BACKUP_CRON || null,
      keepDaily: e.BACKUP_KEEP_DAILY,
      keepWeekly: e.BACKUP_KEEP_WEEKLY,
    },
    securityProfile: e.SECURITY_PROFILE,
    mlps: {
      staffIdleMs: e.MLPS_STAFF_IDLE_MINUTES * 60_000,
      absoluteMs: e.MLPS_SESSION_ABSOLUTE_HOURS * 3_600_000,
      maxSessions: e.MLPS_MAX_SESSIONS,
    },
    logLevel: e.LOG_LEVEL,
    timeZone: e.TZ_DISPLAY,
  };
  return { ...cfg, ...overrides };
}
