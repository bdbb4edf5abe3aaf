import { z } from 'zod';

export const AuditQuery = z.object({
  action: z.string().max(100).optional().describe('exact action or a prefix ending in `.`, e.g. `auth.`'),
  actorId: z.string().max(100).optional(),
  objectType: z.string().max(100).optional(),
  objectId: z.string().max(200).optional(),
  result: z.enum(['ok', 'denied', 'failed']).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  q: z
    .string()
    .max(100)
    .optional()
    .describe(
      "text in the actor's label or name, the organisation's name, the object id, or the action's label (提交)",
    ),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditRecord = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorOrgId: z.string().nullable(),
  actorLabel: z.string().nullable(),
  actorName: z.string().nullable().describe("the actor's name (users.name), when the actor is a user"),
  actorOrgName: z.string().nullable(),
  ip: z.string().nullable(),
  action: z.string(),
  actionLabel: z.object({ zh: z.string(), en: z.string() }).describe('the action in words (audit.labels.ts)'),
  objectType: z.string().nullable(),
  objectTypeLabel: z.object({ zh: z.string(), en: z.string() }).nullable(),
  objectId: z.string().nullable(),
  result: z.enum(['ok', 'denied', 'failed']),
  before: z.unknown(),
  after: z.unknown(),
  detail: z.unknown(),
  hash: z.string(),
});

export const AuditPage = z.object({ total: z.number().int(), items: z.array(AuditRecord) });

export const AuditVerifyResult = z.object({
  rows: z.number().int(),
  ok: z.boolean(),
  problems: z.array(z.object({ seq: z.number().int(), problem: z.string(), detail: z.string() })),
});

export const AuditArchive = z
  .object({
    file: z.string().describe("the gzip'd JSON Lines file in AUDIT_ARCHIVE_DIR, beside its signed manifest"),
    firstSeq: z.number().int(),
    lastSeq: z.number().int(),
    rows: z.number().int(),
    firstAt: z.string(),
    lastAt: z.string(),
    sha256: z.string(),
    bytes: z.number().int(),
    lastHash: z.string().describe('the hash of the last archived record: the live chain links to it'),
    retentionDays: z.number().int(),
    createdAt: z.string(),
    createdBy: z.string().nullable(),
  })
  .meta({ id: 'AuditArchive' });

export const AuditArchives = z.object({
  retentionDays: z.number().int().describe('AUDIT_RETENTION_DAYS'),
  minRetentionDays: z.number().int(),
  scheduled: z.boolean().describe('whether AUDIT_ARCHIVE_CRON runs the archive-and-prune'),
  items: z.array(AuditArchive),
});
