import { createBackup } from '../platform/backup/backup.js';
import { restoreBackup } from '../platform/backup/restore.js';
import { BackupInvalidError } from '../platform/backup/verify.js';
import { RestoreRefusedError } from '../platform/backup/restore.js';
import type { Config } from '../platform/config.js';
import { migrateToLatest } from '../platform/migrate.js';
import { createProgress, type Progress } from './progress.js';
import { CliError, describeTarget, formatBytes, formatMs, openForCli, say } from './shared.js';

/** One bar per phase: a new phase stops the previous bar and starts the next. */
function phasedProgress() {
  let current: { phase: string; bar: Progress } | null = null;
  const titles: Record<string, string> = {
    verify: '校验 / Verify',
    tables: '数据表 / Tables',
    files: '文件 / Files',
    audit: '审计链 / Audit chain',
  };
  return {
    update(phase: string, done: number, total: number, label?: string) {
      if (current?.phase !== phase) {
        current?.bar.stop();
        current = { phase, bar: createProgress(titles[phase] ?? phase) };
        current.bar.start(total, label);
      }
      current.bar.update(done, total, label);
    },
    stop() {
      current?.bar.stop();
      current = null;
    },
  };
}

export async function backupCommand(config: Config, target: string): Promise<number> {
  const database = await openForCli(config);
  const progress = phasedProgress();
  try {
    const t0 = performance.now();
    const res = await createBackup({
      db: database.db,
      engine: database.kind,
      filesDir: config.filesDir,
      target,
      onProgress: (p, d, t, l) => progress.update(p, d, t, l),
    });
    progress.stop();
    const rows = res.manifest.tables.reduce((s, t) => s + t.rows, 0);
    const blobs = res.manifest.files.filter((f) => f.path.startsWith('files/')).length;
    say(
      `备份完成：${res.target}\n  来源 ${describeTarget(config)}；${res.manifest.tables.length} 张表，${rows} 行（审计记录 ${res.manifest.auditRows} 条），${blobs} 个文件，${formatBytes(res.bytes)}，用时 ${formatMs(performance.now() - t0)}。`,
      `Backup written: ${res.target}\n  from ${describeTarget(config)}; ${res.manifest.tables.length} tables, ${rows} rows (${res.manifest.auditRows} audit records), ${blobs} files, ${formatBytes(res.bytes)}, in ${formatMs(performance.now() - t0)}.`,
    );
    return 0;
  } finally {
    progress.stop();
    await database.close();
  }
}

export async function restoreCommand(
  config: Config,
  source: string,
  opts: { force?: boolean },
): Promise<number> {
  const database = await openForCli(config);
  const progress = phasedProgress();
  try {
    const t0 = performance.now();
    const res = await restoreBackup({
      db: database.db,
      filesDir: config.filesDir,
      source,
      force: opts.force,
      onProgress: (p, d, t, l) => progress.update(p, d, t, l),
      migrateAfter: (db) => migrateToLatest(db),
    });
    progress.stop();
    const rows = Object.values(res.rows).reduce((s, n) => s + n, 0);
    say(
      `恢复完成：${describeTarget(config)} ← ${source}\n  ${Object.keys(res.rows).length} 张表，${rows} 行，${res.files} 个文件，全部校验和一致，用时 ${formatMs(performance.now() - t0)}。`,
      `Restore complete: ${describeTarget(config)} ← ${source}\n  ${Object.keys(res.rows).length} tables, ${rows} rows, ${res.files} files, every checksum verified, in ${formatMs(performance.now() - t0)}.`,
    );
    if (res.audit.problems.length) {
      say(
        `但审计链校验发现 ${res.audit.problems.length} 处问题：`,
        `But the audit chain has ${res.audit.problems.length} problem(s):`,
      );
      for (const p of res.audit.problems) process.stdout.write(`  seq ${p.seq}\t${p.problem}\t${p.detail}\n`);
      return 1;
    }
    say(`审计链完好（${res.audit.rows} 条）。`, `Audit chain intact (${res.audit.rows} records).`);
    return 0;
  } catch (e) {
    if (e instanceof BackupInvalidError || e instanceof RestoreRefusedError) throw new CliError(e.message, 2);
    throw e;
  } finally {
    progress.stop();
    await database.close();
  }
}
