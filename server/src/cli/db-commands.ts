import { verifyAuditChain } from '../platform/audit.js';
import { activeAuditKeyring } from '../platform/audit-key.js';
import { verifyCheckpoints, writeCheckpoint, readCheckpoints } from '../platform/audit-checkpoint.js';
import { verifyAuditArchives } from '../platform/audit-archive-verify.js';
import { AuditArchiveError, runAuditArchive } from '../platform/audit-archive.js';
import type { Config } from '../platform/config.js';
import { migrateToLatest } from '../platform/migrate.js';
import { createProgress } from './progress.js';
import { CliError, describeTarget, formatMs, openForCli, say } from './shared.js';

export async function migrateCommand(config: Config): Promise<number> {
  const database = await openForCli(config);
  try {
    const t0 = performance.now();
    const { applied } = await migrateToLatest(database.db, (m) => process.stdout.write(`  迁移 / ${m}\n`));
    say(
      applied.length
        ? `已对 ${describeTarget(config)} 执行 ${applied.length} 个迁移（${formatMs(performance.now() - t0)}）。`
        : `数据库已是最新（${describeTarget(config)}）。`,
      applied.length
        ? `Applied ${applied.length} migration(s) to ${describeTarget(config)} in ${formatMs(performance.now() - t0)}.`
        : `The database is up to date (${describeTarget(config)}).`,
    );
    return 0;
  } finally {
    await database.close();
  }
}

/**
 * Verifies the live chain (from the last archived hash), every archive (signature, links, file
 * SHA-256 and manifest; with `archives`, every archived row re-hashed too) and the checkpoints.
 */
export async function auditVerifyCommand(config: Config, opts: { archives?: boolean } = {}): Promise<number> {
  const database = await openForCli(config);
  try {
    const t0 = performance.now();
    const keyring = activeAuditKeyring();
    const abar = createProgress('审计归档校验 / Audit archives');
    abar.start(0);
    const wanted = new Set(readCheckpoints(config.audit.checkpointFile).checkpoints.map((c) => c.seq));
    const arch = await verifyAuditArchives(database.db, keyring, config.audit.archiveDir, {
      deep: !!opts.archives,
      wanted,
      onProgress: (d, t) => abar.update(d, t),
    });
    abar.stop();
    const bar = createProgress('审计链校验 / Audit chain');
    bar.start(0);
    const chain = await verifyAuditChain(database.db, (d, t) => bar.update(d, t), keyring);
    bar.stop();
    const cps = await verifyCheckpoints(database.db, keyring, config.audit.checkpointFile, arch);
    const rows = chain.rows;
    const problems = [...arch.problems, ...chain.problems, ...cps.problems];
    say(
      `HMAC 校验 ${chain.macRows} 条，无密钥时期 ${chain.unkeyedRows} 条（仅 SHA-256）；检查点 ${cps.checkpoints} 个（${config.audit.checkpointFile}）。`,
      `HMAC checked on ${chain.macRows} records, ${chain.unkeyedRows} from before the key (SHA-256 only); ${cps.checkpoints} checkpoint(s) checked (${config.audit.checkpointFile}).`,
    );
    say(
      `归档 ${arch.archives} 个，共 ${arch.rows} 条（${config.audit.archiveDir}），${opts.archives ? `逐条校验 ${arch.rowsChecked} 条` : '已核对签名与文件哈希（--archives 逐条校验）'}；在线链自 seq ${chain.archivedUpTo.seq} 之后开始。`,
      `${arch.archives} archive(s) holding ${arch.rows} records (${config.audit.archiveDir}), ${opts.archives ? `${arch.rowsChecked} re-hashed row by row` : 'signatures and file hashes checked (--archives re-hashes every row)'}; the live chain starts after seq ${chain.archivedUpTo.seq}.`,
    );
    if (!problems.length) {
      say(
        `审计链完好：${rows} 条记录全部校验通过（${formatMs(performance.now() - t0)}）。`,
        `Audit chain intact: all ${rows} records verify (${formatMs(performance.now() - t0)}).`,
      );
      return 0;
    }
    process.stdout.write(
      `审计链被篡改：${problems.length} 处问题（共 ${rows} 条记录）。\n` +
        `Audit chain TAMPERED: ${problems.length} problem(s) in ${rows} records.\n`,
    );
    for (const p of problems) process.stdout.write(`  seq ${p.seq}\t${p.problem}\t${p.detail}\n`);
    return 1;
  } finally {
    await database.close();
  }
}

/** Writes a signed checkpoint of the audit chain head to AUDIT_CHECKPOINT_FILE (and stdout, for the log). */
export async function auditCheckpointCommand(config: Config): Promise<number> {
  const database = await openForCli(config);
  try {
    const keyring = activeAuditKeyring()!;
    const cp = await writeCheckpoint(database.db, keyring, config.audit.checkpointFile, new Date(), (l) =>
      process.stdout.write(`${l}\n`),
    );
    if (cp)
      say(
        `已写入检查点：seq ${cp.seq}（${config.audit.checkpointFile}）。`,
        `Checkpoint written: seq ${cp.seq} (${config.audit.checkpointFile}).`,
      );
    else say('链头自上次检查点以来未变。', 'The chain head has not moved since the last checkpoint.');
    return 0;
  } finally {
    await database.close();
  }
}

/**
 * `transferone audit-archive [--older-than-days N] [--dry-run]`: archives and prunes the audit rows
 * older than N days (default AUDIT_RETENTION_DAYS; refused below 180), with a progress bar.
 */
export async function auditArchiveCommand(
  config: Config,
  opts: { olderThanDays?: string; dryRun?: boolean },
): Promise<number> {
  const days = opts.olderThanDays === undefined ? config.audit.retentionDays : Number(opts.olderThanDays);
  const database = await openForCli(config);
  try {
    const bar = createProgress('审计归档 / Audit archive');
    bar.start(0);
    const t0 = performance.now();
    const r = await runAuditArchive(
      { db: database.db, keyring: activeAuditKeyring(), dir: config.audit.archiveDir, now: () => new Date() },
      {
        retentionDays: days,
        dryRun: opts.dryRun,
        actor: { id: null, label: 'cli:audit-archive' },
        onProgress: (phase, d, t) => bar.update(d, t, phase === 'write' ? '写入 / write' : '校验 / verify'),
      },
    ).finally(() => bar.stop());
    const range = r.rows ? `seq ${r.firstSeq}–${r.lastSeq}` : '';
    if (r.dryRun)
      say(
        `试运行：${r.rows} 条早于 ${r.cutoff}（${days} 天）的审计记录将被归档并删除${range ? `（${range}）` : ''}；未做任何更改。`,
        `Dry run: ${r.rows} audit record(s) older than ${r.cutoff} (${days} days) would be archived and pruned${range ? ` (${range})` : ''}; nothing was changed.`,
      );
    else if (!r.rows)
      say(
        `没有早于 ${r.cutoff}（${days} 天）的审计记录，无需归档。`,
        `No audit record is older than ${r.cutoff} (${days} days); nothing to archive.`,
      );
    else
      say(
        `已归档并删除 ${r.rows} 条审计记录（${range}）：${config.audit.archiveDir}/${r.file}，SHA-256 ${r.sha256}（${formatMs(performance.now() - t0)}）。`,
        `Archived and pruned ${r.rows} audit record(s) (${range}) to ${config.audit.archiveDir}/${r.file}, SHA-256 ${r.sha256} (${formatMs(performance.now() - t0)}).`,
      );
    return 0;
  } catch (e) {
    if (e instanceof AuditArchiveError) throw new CliError(e.message, 2);
    throw e;
  } finally {
    await database.close();
  }
}
