import fs from 'node:fs';
import type { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { lastDrillRecord, listBackupRecords } from '../../platform/backup/backups.repo.js';
import type { DrillReport } from '../../platform/backup/drill.js';
import type { BackupsView } from './backup.schema.js';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** The backups this installation wrote (newest first, 100 at most) and the last restore drill. */
export async function backupsView(ctx: AppContext): Promise<z.infer<typeof BackupsView>> {
  const rows = await listBackupRecords(ctx.db, 100);
  const drill = await lastDrillRecord(ctx.db);
  const r = drill ? (drill.report as DrillReport) : null;
  return {
    dir: ctx.config.backup.dir,
    schedule: {
      cron: ctx.config.backup.cron,
      keepDaily: ctx.config.backup.keepDaily,
      keepWeekly: ctx.config.backup.keepWeekly,
    },
    backups: rows.map((b) => ({
      name: b.name,
      kind: b.kind,
      path: b.path,
      createdAt: iso(b.created_at)!,
      tables: Number(b.table_count),
      rows: Number(b.rows),
      files: b.file_count,
      bytes: Number(b.bytes),
      seconds: b.seconds,
      onDisk: fs.existsSync(b.path),
      deletedAt: iso(b.deleted_at),
    })),
    lastDrill: r && {
      backup: r.backup,
      path: r.path,
      engine: r.engine,
      startedAt: r.startedAt,
      seconds: r.seconds,
      ok: r.ok,
      tables: r.tables,
      rows: r.rows,
      files: r.files,
      liveRecord: r.liveRecord,
      problems: r.problems,
    },
  };
}
