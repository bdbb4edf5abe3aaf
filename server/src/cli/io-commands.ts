import { openPlatform, type Platform } from '../app.js';
import { auditEvent } from '../platform/audit.js';
import type { Config } from '../platform/config.js';
import { DataDirLockedError } from '../platform/db.js';
import { DomainError } from '../platform/errors.js';
import { zodIssuesToFields } from '../platform/http/problem.js';
import { maskIdNumber, maskPhone } from '../platform/mask.js';
import type { Actor } from '../platform/roles.js';
import { callerFor } from '../platform/caller.js';
import { createOrg } from '../modules/identity/org.service.js';
import { CreateOrgBody } from '../modules/identity/org.schema.js';
import { createUserFor } from '../modules/identity/user.service.js';
import { CreateUserBody } from '../modules/identity/user.schema.js';
import { readDataFile, writeDataFile, isExcel, type DataFile } from './io-format.js';
import { createProgress } from './progress.js';
import { CliError, say } from './shared.js';

function cliActor(name: string): Actor {
  return {
    userId: `system:${name}`,
    orgId: '',
    name: `命令行 ${name} / CLI ${name}`,
    roles: ['systemAdmin'],
    sessionId: 'cli',
    mfaVerified: true,
    authenticatedAt: new Date(),
  };
}

async function open(config: Config): Promise<Platform> {
  try {
    return await openPlatform(config);
  } catch (e) {
    if (e instanceof DataDirLockedError) throw new CliError(e.message, 3);
    throw e;
  }
}

const masked = (v: string | null | undefined) => typeof v === 'string' && v.includes('*');

/** Exports organisations and users; phones and ID numbers masked unless `unmasked` (always audited). */
export async function exportCommand(
  config: Config,
  file: string,
  opts: { unmasked?: boolean; actor?: string },
): Promise<number> {
  const platform = await open(config);
  try {
    const db = platform.ctx.db;
    const orgs = await db.selectFrom('orgs').selectAll().orderBy('name').orderBy('id').execute();
    const users = await db
      .selectFrom('users')
      .innerJoin('orgs', 'orgs.id', 'users.org_id')
      .select([
        'users.username',
        'users.name',
        'users.email',
        'users.phone',
        'users.id_number',
        'users.roles',
        'users.status',
        'orgs.uscc as org_uscc',
      ])
      .orderBy('users.username')
      .execute();
    const m = !opts.unmasked;
    const data: DataFile = {
      format: 'transferone-identity',
      exportedAt: new Date().toISOString(),
      masked: m,
      orgs: orgs.map((o) => ({
        name: o.name,
        type: o.type,
        uscc: o.uscc,
        region: o.region,
        address: o.address,
        contactName: o.contact_name,
        contactPhone: o.contact_phone && m ? maskPhone(o.contact_phone) : o.contact_phone,
        status: o.status,
      })),
      users: users.map((u) => ({
        username: u.username,
        name: u.name,
        email: u.email,
        phone: u.phone && m ? maskPhone(u.phone) : u.phone,
        idNumber: u.id_number && m ? maskIdNumber(u.id_number) : u.id_number,
        orgUscc: u.org_uscc,
        roles: u.roles,
        status: u.status,
      })),
    };
    await writeDataFile(file, data);
    await auditEvent(db, {
      actor: {
        id: opts.actor ? `cli:${opts.actor}` : 'system:cli-export',
        label: opts.actor ?? 'CLI export',
      },
      action: opts.unmasked ? 'data.export.unmasked' : 'data.export',
      objectType: 'identity',
      detail: {
        file,
        format: isExcel(file) ? 'xlsx' : 'json',
        masked: m,
        orgs: orgs.length,
        users: users.length,
      },
    });
    say(
      `已导出 ${orgs.length} 个单位、${users.length} 个用户到 ${file}（${m ? '个人信息已遮蔽' : '未遮蔽个人信息，已记入审计'}）。`,
      `Exported ${orgs.length} organisations and ${users.length} users to ${file} (${m ? 'personal data masked' : 'personal data NOT masked; recorded in the audit log'}).`,
    );
    return 0;
  } finally {
    await platform.close();
  }
}

interface ReportLine {
  sheet: '单位 org' | '用户 user';
  row: number;
  key: string;
  outcome: 'imported' | 'skipped' | 'would import';
  reasons: string[];
  /** Skipped only because it is already there (re-importing a file is not an error). */
  duplicate?: boolean;
}

function zodReasons(issues: ReadonlyArray<unknown>): string[] {
  return zodIssuesToFields(issues).map((f) => `${f.field}: ${f.message} / ${f.messageEn}`);
}

function domainReasons(e: DomainError): string[] {
  if (e.fields.length) return e.fields.map((f) => `${f.field}: ${f.message} / ${f.messageEn}`);
  return [`${e.messageZh} / ${e.messageEn}`];
}

/** Imports organisations, then users (who name their organisation by USCC), row by row. */
export async function importCommand(
  config: Config,
  file: string,
  opts: { dryRun?: boolean },
): Promise<number> {
  let input: { orgs: unknown[]; users: unknown[] };
  try {
    input = await readDataFile(file);
  } catch (e) {
    throw new CliError(
      `无法读取 ${file}：${(e as Error).message}\nCannot read ${file}: ${(e as Error).message}`,
      2,
    );
  }
  const platform = await open(config);
  const ctx = platform.ctx;
  const caller = callerFor(ctx, cliActor('import'));
  const report: ReportLine[] = [];
  const passwords: Array<[string, string]> = [];
  const rowNo = (i: number) => (isExcel(file) ? i + 2 : i + 1);
  const bar = createProgress('导入 / Import');
  bar.start(input.orgs.length + input.users.length);
  let done = 0;
  try {
    const usccToId = new Map(
      (await ctx.db.selectFrom('orgs').select(['id', 'uscc']).execute()).map((o) => [o.uscc, o.id]),
    );
    for (const [i, raw] of input.orgs.entries()) {
      const row = { ...(raw as Record<string, unknown>) };
      const line: ReportLine = {
        sheet: '单位 org',
        row: rowNo(i),
        key: String(row.name ?? ''),
        outcome: 'skipped',
        reasons: [],
      };
      report.push(line);
      bar.update(++done);
      if (masked(row.contactPhone as string)) {
        delete row.contactPhone;
        line.reasons.push('contactPhone: 已遮蔽，未导入 / masked, not imported');
      }
      for (const k of ['address', 'contactName', 'contactPhone'])
        if (row[k] === null || row[k] === '') delete row[k];
      const parsed = CreateOrgBody.safeParse(row);
      if (!parsed.success) {
        line.reasons.push(...zodReasons(parsed.error.issues));
        continue;
      }
      const uscc = parsed.data.uscc.toUpperCase();
      if (usccToId.has(uscc)) {
        line.reasons.push(`uscc: 该信用代码已登记 / already registered (${uscc})`);
        line.duplicate = true;
        continue;
      }
      if (opts.dryRun) {
        line.outcome = 'would import';
        continue;
      }
      try {
        const created = await createOrg(ctx, caller, parsed.data);
        usccToId.set(created.uscc, created.id);
        line.outcome = 'imported';
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        line.reasons.push(...domainReasons(e));
      }
    }
    const taken = new Set(
      (await ctx.db.selectFrom('users').select('username').execute()).map((u) => u.username.toLowerCase()),
    );
    for (const [i, raw] of input.users.entries()) {
      const row = { ...(raw as Record<string, unknown>) };
      const line: ReportLine = {
        sheet: '用户 user',
        row: rowNo(i),
        key: String(row.username ?? ''),
        outcome: 'skipped',
        reasons: [],
      };
      report.push(line);
      bar.update(++done);
      for (const k of ['phone', 'idNumber'] as const) {
        if (masked(row[k] as string)) {
          delete row[k];
          line.reasons.push(`${k}: 已遮蔽，未导入 / masked, not imported`);
        }
        if (row[k] === null || row[k] === '') delete row[k];
      }
      const orgId = usccToId.get(String(row.orgUscc ?? '').toUpperCase());
      delete row.orgUscc;
      delete row.status;
      delete row.password;
      if (!orgId)
        line.reasons.push('orgUscc: 找不到该信用代码的单位 / no organisation with this credit code');
      const parsed = CreateUserBody.safeParse({ ...row, orgId: orgId ?? 'unknown' });
      if (!parsed.success) line.reasons.push(...zodReasons(parsed.error.issues));
      if (!orgId || !parsed.success) continue;
      if (taken.has(parsed.data.username.toLowerCase())) {
        line.reasons.push('username: 用户名已存在 / username already exists');
        line.duplicate = true;
        continue;
      }
      if (opts.dryRun) {
        line.outcome = 'would import';
        continue;
      }
      try {
        const r = await createUserFor(ctx, caller, parsed.data);
        taken.add(parsed.data.username.toLowerCase());
        if (r.initialPassword) passwords.push([parsed.data.username, r.initialPassword]);
        line.outcome = 'imported';
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        line.reasons.push(...domainReasons(e));
      }
    }
  } finally {
    bar.stop();
    await platform.close();
  }
  const label = {
    imported: '已导入 imported',
    skipped: '跳过 skipped',
    'would import': '可导入 would import',
  };
  for (const l of report) {
    const partial =
      l.outcome !== 'skipped' && l.reasons.length ? '（部分字段未导入 / some fields left out）' : '';
    process.stdout.write(`${l.sheet} #${l.row} ${l.key}: ${label[l.outcome]}${partial}\n`);
    for (const r of l.reasons) process.stdout.write(`    ${r}\n`);
  }
  const count = (o: ReportLine['outcome']) => report.filter((l) => l.outcome === o).length;
  say(
    `${opts.dryRun ? '试运行：' : ''}导入 ${count('imported')} 行，可导入 ${count('would import')} 行，跳过 ${count('skipped')} 行。`,
    `${opts.dryRun ? 'Dry run: ' : ''}${count('imported')} rows imported, ${count('would import')} would import, ${count('skipped')} skipped.`,
  );
  if (passwords.length) {
    say(
      '新用户的初始密码（仅显示这一次，首次登录须修改）：',
      'Initial passwords of the new users (shown once; changed at first sign-in):',
    );
    for (const [u, p] of passwords) process.stdout.write(`  ${u}\t${p}\n`);
  }
  return report.some((l) => l.outcome === 'skipped' && !l.duplicate) ? 1 : 0;
}
