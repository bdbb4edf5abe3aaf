import os from 'node:os';
import { resolveBackup, runRestoreDrill } from '../platform/backup/drill.js';
import {
  BackupRunError,
  recordManualBackup,
  runScheduledBackup,
  writeVerifiedBackup,
} from '../platform/backup/scheduled.js';
import { restoreBackup } from '../platform/backup/restore.js';
import { BackupInvalidError } from '../platform/backup/verify.js';
import { RestoreRefusedError } from '../platform/backup/restore.js';
import type { Config } from '../platform/config.js';
import { activeAuditKeyring } from '../platform/audit-key.js';
import { verifyAuditArchives } from '../platform/audit-archive-verify.js';
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

const cliActor = () => ({ id: null, label: `cli:${os.userInfo().username}` });

/**
 * `transferone backup <target>`: one backup to a folder or .tar, verified and recorded (audited).
 * `transferone backup` (no target): a run of the scheduled backup now, into BACKUP_DIR with retention.
 */
export async function backupCommand(config: Config, target?: string): Promise<number> {
  const database = await openForCli(config);
  const progress = phasedProgress();
  const deps = {
    db: database.db,
    engine: database.kind,
    filesDir: config.filesDir,
    auditArchiveDir: config.audit.archiveDir,
    now: () => new Date(),
  };
  try {
    const t0 = performance.now();
    if (!target) {
      const r = await runScheduledBackup(deps, config.backup, cliActor()).catch((e) => {
        if (e instanceof BackupRunError) throw new CliError(e.message, 1);
        throw e;
      });
      say(
        `备份完成：${r.path}\n  ${r.rows} 行，${r.files} 个文件，${formatBytes(r.bytes)}，已校验，用时 ${formatMs(performance.now() - t0)}；按保留策略（每日 ${config.backup.keepDaily}、每周 ${config.backup.keepWeekly}）删除 ${r.deleted.length} 个旧备份${r.deleted.length ? '：' + r.deleted.join(', ') : ''}。`,
        `Backup written: ${r.path}\n  ${r.rows} rows, ${r.files} files, ${formatBytes(r.bytes)}, verified, in ${formatMs(performance.now() - t0)}; retention (daily ${config.backup.keepDaily}, weekly ${config.backup.keepWeekly}) deleted ${r.deleted.length} old backup(s)${r.deleted.length ? ': ' + r.deleted.join(', ') : ''}.`,
      );
      return 0;
    }
    const res = await writeVerifiedBackup(deps, target, {
      kind: 'manual',
      onProgress: (p, d, t, l) => progress.update(p, d, t, l),
    });
    progress.stop();
    await recordManualBackup(database.db, res, cliActor());
    const rows = res.manifest.tables.reduce((s, t) => s + t.rows, 0);
    const blobs = res.manifest.files.filter((f) => f.path.startsWith('files/')).length;
    say(
      `备份完成：${res.target}\n  来源 ${describeTarget(config)}；${res.manifest.tables.length} 张表，${rows} 行（审计记录 ${res.manifest.auditRows} 条），${blobs} 个文件，${formatBytes(res.bytes)}，已校验，用时 ${formatMs(performance.now() - t0)}。`,
      `Backup written: ${res.target}\n  from ${describeTarget(config)}; ${res.manifest.tables.length} tables, ${rows} rows (${res.manifest.auditRows} audit records), ${blobs} files, ${formatBytes(res.bytes)}, verified, in ${formatMs(performance.now() - t0)}.`,
    );
    return 0;
  } finally {
    progress.stop();
    await database.close();
  }
}

/**
 * `transferone restore-drill [backup]`: restores a backup (the newest in BACKUP_DIR by default) into
 * a scratch database and file store and compares it with its manifest and the live record; exits 1
 * on any difference, 2 when there is no backup.
 */
export async function restoreDrillCommand(config: Config, backup?: string): Promise<number> {
  const source = resolveBackup(backup, config.backup.dir);
  if (!source) throw new CliError(`${config.backup.dir} 中没有备份。\nNo backup in ${config.backup.dir}.`, 2);
  const database = await openForCli(config);
  const progress = phasedProgress();
  try {
    const r = await runRestoreDrill({
      live: database.db,
      databaseUrl: config.databaseUrl,
      source,
      now: () => new Date(),
      actor: cliActor(),
      auditKeyring: activeAuditKeyring(),
      onProgress: (p, d, t, l) => progress.update(p, d, t, l),
    });
    progress.stop();
    const where =
      r.engine === 'pg'
        ? '服务器上的临时数据库 / a scratch database on the server'
        : '临时 PGlite / a scratch PGlite';
    process.stdout.write(
      `恢复演练 / Restore drill: ${r.path}\n` +
        `  恢复到 / restored into: ${where}\n` +
        `  表 / tables: ${r.tables.matching}/${r.tables.total}\n` +
        `  行 / rows: ${r.rows.restored}/${r.rows.expected}\n` +
        `  文件 / files: ${r.files.matching}/${r.files.total} (${formatBytes(r.files.bytes)})\n` +
        `  审计归档 / audit archives: ${r.archives.matching}/${r.archives.total} files, ${r.archives.rows} archived records re-verified\n` +
        `  审计链 / audit chain: ${r.auditChain.rows} records, ${r.auditChain.problems} problem(s)\n` +
        `  对照备份时的在线记录 / compared with the live record at backup time: ${r.liveRecord ? 'yes' : 'no record (backup not made by this installation)'}\n` +
        `  用时 / seconds: ${r.seconds.toFixed(2)}\n`,
    );
    if (r.ok) {
      say('演练通过：100% 一致。', 'Drill passed: 100 % match.');
      return 0;
    }
    say(`演练失败：${r.problems.length} 处不一致：`, `Drill FAILED: ${r.problems.length} difference(s):`);
    for (const p of r.problems) process.stdout.write(`  - ${p}\n`);
    return 1;
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
      auditArchiveDir: config.audit.archiveDir,
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
    const arch = await verifyAuditArchives(database.db, activeAuditKeyring(), config.audit.archiveDir);
    const auditProblems = [...arch.problems, ...res.audit.problems];
    if (arch.archives)
      say(
        `审计归档 ${arch.archives} 个（${arch.rows} 条）已放回 ${config.audit.archiveDir}。`,
        `${arch.archives} audit archive(s) (${arch.rows} records) put back into ${config.audit.archiveDir}.`,
      );
    if (auditProblems.length) {
      say(
        `但审计链校验发现 ${auditProblems.length} 处问题：`,
        `But the audit chain has ${auditProblems.length} problem(s):`,
      );
      for (const p of auditProblems) process.stdout.write(`  seq ${p.seq}\t${p.problem}\t${p.detail}\n`);
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
