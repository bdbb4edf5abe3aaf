import { Command, CommanderError } from 'commander';
import {
  auditArchiveCommand,
  auditCheckpointCommand,
  auditVerifyCommand,
  migrateCommand,
} from './db-commands.js';
import { backupCommand, restoreCommand, restoreDrillCommand } from './backup-commands.js';
import { serveCommand } from './serve.js';
import { startCommand } from './start.js';
import { CliError, cliConfig } from './shared.js';

/** Runs the `transferone` command line; resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  let code = 0;
  const run = (fn: () => Promise<number>) => async () => {
    code = await fn();
  };
  const program = new Command()
    .name('transferone')
    .description(
      '科转通 TransferOne — 上海科技成果转移转化服务体系平台 / Shanghai technology-transfer service platform',
    )
    .exitOverride()
    .showHelpAfterError();

  program
    .command('start')
    .description(
      '构建前端（如需要）、迁移、首次载入演示数据并启动 / build the web client if needed, migrate, load demo data once, serve',
    )
    .action(run(() => startCommand(cliConfig())));
  program
    .command('serve')
    .description('迁移并启动服务 / migrate and serve')
    .option('--no-web', '不提供前端页面 / do not serve the web client')
    .action((o: { web: boolean }) => run(() => serveCommand(cliConfig(), { web: o.web }))());
  program
    .command('migrate')
    .description('执行数据库迁移 / run the database migrations')
    .action(run(() => migrateCommand(cliConfig())));
  program
    .command('seed')
    .description('载入演示数据（可重复执行） / load the demo data (idempotent)')
    .option('--force', '数据库已有单位时也载入 / load even when organisations exist')
    .action((o: { force?: boolean }) =>
      run(async () => (await import('./seed-command.js')).seedCommand(cliConfig(), { force: !!o.force }))(),
    );
  program
    .command('export')
    .description('导出单位和用户（.json 或 .xlsx）/ export organisations and users (.json or .xlsx)')
    .argument('<file>', '输出文件 / output file')
    .option('--unmasked', '不遮蔽个人信息（会写入审计记录）/ do not mask personal data (audited)')
    .option('--actor <username>', '执行导出的用户（写入审计）/ user on whose behalf (audited)')
    .action((file: string, o: { unmasked?: boolean; actor?: string }) =>
      run(async () => (await import('./io-commands.js')).exportCommand(cliConfig(), file, o))(),
    );
  program
    .command('import')
    .description(
      '导入单位和用户（.json 或 .xlsx），逐行报告 / import organisations and users, row-by-row report',
    )
    .argument('<file>', '输入文件 / input file')
    .option('--dry-run', '只检查，不保存 / check only, save nothing')
    .action((file: string, o: { dryRun?: boolean }) =>
      run(async () => (await import('./io-commands.js')).importCommand(cliConfig(), file, o))(),
    );
  program
    .command('backup')
    .description(
      '备份整个数据库和文件（目录或 .tar；不给目标则写入 BACKUP_DIR 并按保留策略删除旧备份）/ back up the whole database and files (folder or .tar; no target: into BACKUP_DIR with retention)',
    )
    .argument('[target]', '目标目录或 .tar 文件 / target folder or .tar file')
    .action((target?: string) => run(() => backupCommand(cliConfig(), target))());
  program
    .command('restore-drill')
    .description(
      '恢复演练：恢复到临时数据库并逐表逐文件核对 / restore drill: restore into a scratch database and compare every table and file',
    )
    .argument(
      '[backup]',
      '备份目录、.tar 或 BACKUP_DIR 中的名称（默认最新）/ backup folder, .tar or name in BACKUP_DIR (default: newest)',
    )
    .action((backup?: string) => run(() => restoreDrillCommand(cliConfig(), backup))());
  program
    .command('restore')
    .description('从备份恢复（先校验全部校验和）/ restore a backup (every checksum verified first)')
    .argument('<source>', '备份目录或 .tar 文件 / backup folder or .tar file')
    .option('--force', '覆盖已有数据 / replace existing data')
    .action((source: string, o: { force?: boolean }) => run(() => restoreCommand(cliConfig(), source, o))());
  program
    .command('audit-verify')
    .description(
      '校验审计哈希链、归档和检查点 / verify the audit hash chain, its archives and the checkpoints',
    )
    .option('--archives', '逐条重新校验归档中的每条记录 / re-hash every archived record too')
    .action((o: { archives?: boolean }) => run(() => auditVerifyCommand(cliConfig(), o))());
  program
    .command('audit-archive')
    .description(
      '归档并删除早于保留期的审计记录（先写入签名归档并校验）/ archive and prune audit records older than the retention (written, signed and verified first)',
    )
    .option(
      '--older-than-days <n>',
      '保留天数（默认 AUDIT_RETENTION_DAYS，不少于 180）/ retention in days (default AUDIT_RETENTION_DAYS, at least 180)',
    )
    .option('--dry-run', '只统计，不做更改 / count only, change nothing')
    .action((o: { olderThanDays?: string; dryRun?: boolean }) =>
      run(() => auditArchiveCommand(cliConfig(), o))(),
    );
  program
    .command('audit-checkpoint')
    .description(
      '在数据库外写入审计链头的签名检查点 / write a signed checkpoint of the audit chain head outside the database',
    )
    .action(run(() => auditCheckpointCommand(cliConfig())));

  try {
    await program.parseAsync(argv);
    return code;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode;
    if (e instanceof CliError) {
      process.stderr.write(`${e.message}\n`);
      return e.exitCode;
    }
    process.stderr.write(`出错 / Error: ${(e as Error).stack ?? String(e)}\n`);
    return 1;
  }
}
