/**
 * Excel import and export of the expert pool (专家库). An import reports every row: created (a new
 * expert account and its pool entry), updated (an existing expert, found by e-mail) or rejected with
 * every wrong field in Chinese and English. Nothing of a rejected row is saved; the good rows are
 * saved together, each with its audit row.
 */
import ExcelJS from 'exceljs';
import type { AppContext } from '../../platform/context.js';
import { appendAudit } from '../../platform/audit.js';
import { auditActor, type Caller } from '../../platform/caller.js';
import { transaction } from '../../platform/enforce.js';
import { DomainError, fieldError, type FieldError } from '../../platform/errors.js';
import { maskEmail } from '../../platform/mask.js';
import { accountByEmail, createExpertAccount, platformOrgsNamed } from '../identity/index.js';
import { allPool, upsertPoolEntry } from './pool.repo.js';
import { poolExpertDto } from './pool.dto.js';
import { poolColumns } from './pool.service.js';
import { POOL_COLUMNS, columnOf, toImportedExpert, type PoolColumnKey } from './pool-import.rules.js';
import { formatWindows } from './experts.rules.js';
import type { PoolImportBody, PoolImportReport } from './experts.schema.js';

type Cells = Partial<Record<PoolColumnKey, string>>;

async function readSheet(buf: Buffer): Promise<Array<{ row: number; cells: Cells }>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  if (!ws) return [];
  const header: Array<PoolColumnKey | undefined> = [];
  ws.getRow(1).eachCell({ includeEmpty: true }, (c, col) => (header[col] = columnOf(c.text ?? '')));
  const out: Array<{ row: number; cells: Cells }> = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    if (n === 1) return;
    const cells: Cells = {};
    row.eachCell({ includeEmpty: false }, (c, col) => {
      const k = header[col];
      if (k) cells[k] = (c.text ?? '').trim();
    });
    if (Object.values(cells).some((v) => v !== '')) out.push({ row: n, cells });
  });
  return out;
}

const unreadable = (why: string) =>
  new DomainError('validation_failed', {
    fields: [
      fieldError('contentBase64', 'unreadable', `文件无法读取：${why}`, `The file cannot be read: ${why}`),
    ],
  });

export async function importPool(
  ctx: AppContext,
  caller: Caller,
  input: PoolImportBody,
): Promise<PoolImportReport> {
  if (!/\.xlsx$/i.test(input.filename))
    throw new DomainError('validation_failed', {
      fields: [
        fieldError('filename', 'unsupported_format', '只支持 .xlsx 文件', 'Only .xlsx files are accepted'),
      ],
    });
  const buf = Buffer.from(input.contentBase64, 'base64');
  if (buf.byteLength > 8 * 1024 * 1024) throw new DomainError('payload_too_large');
  let rows;
  try {
    rows = await readSheet(buf);
  } catch (e) {
    throw unreadable((e as Error).message);
  }
  const orgs = await platformOrgsNamed(
    ctx.db,
    rows.map((r) => (r.cells.orgName ?? '').trim()),
  );
  const report: PoolImportReport['report'] = [];
  const good: Array<{ i: number; name: string; email: string; userId: string | null; orgId: string | null }> =
    [];
  const cols: Array<Awaited<ReturnType<typeof poolColumns>>> = [];
  const seen = new Map<string, number>();
  for (const r of rows) {
    const parsed = toImportedExpert(r.cells);
    const errors: FieldError[] = [...parsed.errors];
    const email = (r.cells.email ?? '').trim().toLowerCase();
    if (email && seen.has(email))
      errors.push(
        fieldError(
          'email',
          'duplicate',
          `电子邮箱与第${seen.get(email)}行重复`,
          `Same e-mail as row ${seen.get(email)}`,
        ),
      );
    if (email && !seen.has(email)) seen.set(email, r.row);
    const account =
      parsed.expert && !errors.length ? await accountByEmail(ctx.db, parsed.expert.email) : undefined;
    if (account && !account.roles.includes('expert'))
      errors.push(
        fieldError(
          'email',
          'not_an_expert',
          '该电子邮箱已属于平台上的非专家账号，请由系统管理员为其添加“评审专家”角色',
          'This e-mail belongs to an account without the expert role; a system admin must add the role',
        ),
      );
    const name = (r.cells.name ?? '').trim() || null;
    if (!parsed.expert || errors.length) {
      report.push({ row: r.row, outcome: 'rejected', userId: account?.id ?? null, name, errors });
      continue;
    }
    const orgId = orgs.get(parsed.expert.body.orgName) ?? null;
    cols.push(await poolColumns(ctx, { ...parsed.expert.body, orgId }));
    good.push({
      i: report.length,
      name: parsed.expert.name,
      email: parsed.expert.email,
      userId: account?.id ?? null,
      orgId,
    });
    report.push({
      row: r.row,
      outcome: account ? 'updated' : 'created',
      userId: account?.id ?? null,
      name,
      errors: [],
    });
  }
  if (good.length)
    await transaction(ctx, async (trx) => {
      for (const [k, g] of good.entries()) {
        const created = g.userId
          ? null
          : await createExpertAccount(
              trx,
              {
                name: g.name,
                email: g.email,
                phone: cols[k].contact_phone,
                orgId: g.orgId ?? caller.actor.orgId,
              },
              caller.now,
            );
        const userId = g.userId ?? created!.userId;
        report[g.i].userId = userId;
        await upsertPoolEntry(trx, userId, cols[k], 'import', caller.now);
        await appendAudit(trx, {
          actor: auditActor(caller),
          action: created ? 'experts.expert.create' : 'experts.expert.update',
          objectType: 'expert',
          objectId: userId,
          after: {
            name: g.name,
            email: maskEmail(g.email),
            orgName: cols[k].org_name,
            fields: cols[k].fields,
          },
          detail: {
            via: 'import',
            file: input.filename,
            row: report[g.i].row,
            ...(created ? { username: created.username } : {}),
          },
        });
      }
    });
  const count = (o: string) => report.filter((r) => r.outcome === o).length;
  return {
    rows: rows.length,
    created: count('created'),
    updated: count('updated'),
    rejected: count('rejected'),
    report,
    columns: POOL_COLUMNS.map((c) => ({ key: c.key, zh: c.zh, required: c.required })),
  };
}

function sheetOf(wb: ExcelJS.Workbook, name: string) {
  const ws = wb.addWorksheet(name);
  ws.columns = POOL_COLUMNS.map((c) => ({ header: c.zh, key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  return ws;
}

/** The template: the Chinese headers, one example row, and a sheet explaining each column. */
export async function poolTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  sheetOf(wb, '专家').addRow({
    name: '李明',
    email: 'liming@example.edu.cn',
    phone: '13812345678',
    orgName: '上海交通大学',
    title: '教授',
    fields: '技术转移；概念验证',
    keywords: '知识产权运营、成果评估',
    bio: '长期从事科技成果转化研究',
    availability: '2026-03-01～2026-04-30',
    maxLoadPerRound: 10,
    active: '是',
  });
  const help = wb.addWorksheet('说明');
  help.columns = [
    { header: '列', key: 'zh', width: 16 },
    { header: '必填', key: 'req', width: 8 },
    { header: '说明 / Notes', key: 'note', width: 80 },
  ];
  const notes: Record<string, string> = {
    email: '识别专家：已有专家账号则更新，否则新建账号（专家通过“忘记密码”设置密码） / identifies the expert',
    fields: '多个用“；”或“、”分隔 / separate with ；or 、',
    availability: '日期段，北京时间，含首尾，如 2026-03-01～2026-03-31；多段用“；”分隔；留空表示随时可评审',
    maxLoadPerRound: '留空为 10 / empty means 10',
    active: '是 / 否，留空为“是”',
  };
  for (const c of POOL_COLUMNS)
    help.addRow({ zh: c.zh, req: c.required ? '是' : '否', note: notes[c.key] ?? '' });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Every expert of the pool, contacts in clear (the route is for the keepers), audited. */
export async function exportPool(ctx: AppContext, caller: Caller): Promise<Buffer> {
  const rows = (await allPool(ctx.db)).map(poolExpertDto);
  const wb = new ExcelJS.Workbook();
  const ws = sheetOf(wb, '专家库');
  for (const e of rows)
    ws.addRow({
      ...e,
      email: e.contactEmail ?? '',
      phone: e.contactPhone ?? '',
      fields: e.fields.join('；'),
      keywords: e.keywords.join('；'),
      availability: formatWindows(e.availability),
      active: e.active ? '是' : '否',
    });
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  await transaction(ctx, (trx) =>
    appendAudit(trx, {
      actor: auditActor(caller),
      action: 'experts.pool.export',
      objectType: 'expertPool',
      objectId: 'pool',
      detail: { experts: rows.length },
    }),
  );
  return buf;
}
