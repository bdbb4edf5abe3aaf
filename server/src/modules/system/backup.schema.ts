import { z } from 'zod';

export const BackupItem = z.object({
  name: z.string(),
  kind: z.enum(['scheduled', 'manual']),
  path: z.string(),
  createdAt: z.string(),
  tables: z.number().int(),
  rows: z.number().int(),
  files: z.number().int(),
  bytes: z.number().int(),
  seconds: z.number(),
  onDisk: z.boolean().describe('备份目录仍在 The backup is still on disk'),
  deletedAt: z.string().nullable().describe('按保留策略删除的时间 When retention deleted it'),
});

const Ratio = z.object({ matching: z.number().int(), total: z.number().int() });

export const DrillResult = z.object({
  backup: z.string(),
  path: z.string(),
  engine: z.enum(['pglite', 'pg']),
  startedAt: z.string(),
  seconds: z.number(),
  ok: z.boolean(),
  tables: Ratio,
  rows: z.object({ restored: z.number().int(), expected: z.number().int() }),
  files: Ratio.extend({ bytes: z.number().int() }),
  liveRecord: z.boolean(),
  problems: z.array(z.string()),
});

export const BackupsView = z
  .object({
    dir: z.string(),
    schedule: z.object({
      cron: z.string().nullable().describe('BACKUP_CRON; null: no scheduled backup'),
      keepDaily: z.number().int(),
      keepWeekly: z.number().int(),
    }),
    backups: z.array(BackupItem),
    lastDrill: DrillResult.nullable(),
  })
  .meta({ id: 'BackupsView' });
