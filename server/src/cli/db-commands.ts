import { verifyAuditChain } from '../platform/audit.js';
import { activeAuditKeyring } from '../platform/audit-key.js';
import { verifyCheckpoints, writeCheckpoint } from '../platform/audit-checkpoint.js';
import type { Config } from '../platform/config.js';
import { migrateToLatest } from '../platform/migrate.js';
import { createProgress } from './progress.js';
import { describeTarget, formatMs, openForCli, say } from './shared.js';

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

export async function auditVerifyCommand(config: Config): Promise<number> {
  const database = await openForCli(config);
  try {
    const bar = createProgress('审计链校验 / Audit chain');
    bar.start(0);
    const t0 = performance.now();
    const keyring = activeAuditKeyring();
    const chain = await verifyAuditChain(database.db, (d, t) => bar.update(d, t), keyring);
    bar.stop();
    const cps = await verifyCheckpoints(database.db, keyring, config.audit.checkpointFile);
    const rows = chain.rows;
    const problems = [...chain.problems, ...cps.problems];
    say(
      `HMAC 校验 ${chain.macRows} 条，无密钥时期 ${chain.unkeyedRows} 条（仅 SHA-256）；检查点 ${cps.checkpoints} 个（${config.audit.checkpointFile}）。`,
      `HMAC checked on ${chain.macRows} records, ${chain.unkeyedRows} from before the key (SHA-256 only); ${cps.checkpoints} checkpoint(s) checked (${config.audit.checkpointFile}).`,
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
