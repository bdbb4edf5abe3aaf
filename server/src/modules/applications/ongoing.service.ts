/**
 * The ongoing-projects registry (在研项目登记): staff import the commission's project registry
 * (Excel) so the rule of guide 2023 §二.7 counts projects this platform never saw. A dry run (the
 * default) reports every row; a commit saves the valid rows (keyed by project number: a known
 * number is updated) in one transaction with one audit record. ID numbers are stored normalised and
 * leave the server only masked.
 */
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { AppContext } from '../../platform/context.js';
import { appendAudit } from '../../platform/audit.js';
import { DomainError, fieldError } from '../../platform/errors.js';
import { maskIdNumber } from '../../platform/mask.js';
import { auditActor, type Caller } from '../../platform/caller.js';
import { validateIdNumber } from '../identity/index.js';
import {
  columnOf,
  ONGOING_COLUMNS,
  parseOngoingRow,
  type OngoingColumn,
  type OngoingRecord,
} from './ongoing.rules.js';
import { findByProjectNumbers, insertOngoing, listOngoing, updateOngoing } from './ongoing.repo.js';
import type { OngoingImportBody, OngoingImportReport } from './ongoing.schema.js';

const MAX_BYTES = 8 * 1024 * 1024;

function unreadable(zh: string, en: string) {
  return new DomainError('validation_failed', {
    fields: [fieldError('contentBase64', 'unreadable', zh, en)],
  });
}

/** The rows of the first sheet, keyed by column; row numbers as the user sees them. */
async function readSheet(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch (e) {
    throw unreadable(
      `文件无法读取（应为 .xlsx）：${(e as Error).message}`,
      `The file cannot be read (an .xlsx is expected): ${(e as Error).message}`,
    );
  }
  const ws = wb.worksheets[0];
  if (!ws) throw unreadable('文件中没有工作表', 'The workbook has no sheet');
  const header: (OngoingColumn | undefined)[] = [];
  ws.getRow(1).eachCell({ includeEmpty: true }, (cell, n) => (header[n] = columnOf(cell.text ?? '')));
  const missing = ONGOING_COLUMNS.filter((c) => c.required && !header.includes(c.key));
  if (missing.length)
    throw new DomainError('validation_failed', {
      fields: missing.map((c) =>
        fieldError(
          `columns.${c.key}`,
          'missing_column',
          `第1行缺少列「${c.zh}」`,
          `Row 1 has no column "${c.zh}" (${c.en})`,
        ),
      ),
    });
  const rows: { row: number; values: Partial<Record<OngoingColumn, string>> }[] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    if (n === 1) return;
    const values: Partial<Record<OngoingColumn, string>> = {};
    let any = false;
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      const k = header[c];
      if (!k) return;
      const v = cell.value instanceof Date ? cell.value.toISOString().slice(0, 10) : (cell.text ?? '').trim();
      if (v) any = true;
      values[k] = v;
    });
    if (any) rows.push({ row: n, values });
  });
  return rows;
}

const masked = (v: string | undefined) => {
  const t = (v ?? '').trim();
  return t ? maskIdNumber(t.toUpperCase()) : null;
};

export async function importOngoingProjects(
  ctx: AppContext,
  caller: Caller,
  input: OngoingImportBody,
): Promise<OngoingImportReport> {
  if (!/\.xlsx$/i.test(input.filename))
    throw new DomainError('validation_failed', {
      fields: [
        fieldError(
          'filename',
          'unsupported_format',
          '只接受 .xlsx 文件（在研项目登记导出）',
          'Only .xlsx files are accepted',
        ),
      ],
    });
  const buf = Buffer.from(input.contentBase64, 'base64');
  if (buf.byteLength > MAX_BYTES) throw new DomainError('payload_too_large');
  const rows = await readSheet(buf);
  const now = caller.now;
  const parsed = rows.map((r) => ({ ...r, ...parseOngoingRow(r.values, now) }));
  // the same project number twice in one file: the later rows are refused
  const firstRow = new Map<string, number>();
  for (const p of parsed) {
    if (!p.record) continue;
    const seen = firstRow.get(p.record.projectNumber);
    if (seen !== undefined) {
      p.errors.push(
        fieldError(
          'projectNumber',
          'duplicate',
          `「项目编号」与第${seen}行重复`,
          `"project number" repeats row ${seen}`,
        ),
      );
      p.record = null;
    } else firstRow.set(p.record.projectNumber, p.row);
  }
  const valid = parsed.filter((p) => p.record) as ((typeof parsed)[number] & { record: OngoingRecord })[];
  const known = new Map(
    (
      await findByProjectNumbers(
        ctx.db,
        valid.map((p) => p.record.projectNumber),
      )
    ).map((r) => [r.project_number, r.id]),
  );
  const report: OngoingImportReport['report'] = parsed.map((p) => ({
    row: p.row,
    outcome: !p.record ? 'rejected' : known.has(p.record.projectNumber) ? 'updated' : 'created',
    projectNumber: p.values.projectNumber?.trim() || null,
    leadName: p.values.leadName?.trim() || null,
    leadIdNumber: p.record ? maskIdNumber(p.record.leadIdNumber) : masked(p.values.leadIdNumber),
    errors: p.errors,
  }));
  const count = (o: string) => report.filter((r) => r.outcome === o).length;
  if (!input.dryRun && valid.length) {
    await ctx.db.transaction().execute(async (trx) => {
      for (const { record: r } of valid) {
        const cols = {
          title: r.title,
          programme: r.programme,
          lead_name: r.leadName,
          lead_id_number: r.leadIdNumber,
          org_uscc: r.orgUscc,
          org_name: r.orgName,
          starts_on: r.startsOn,
          ends_on: r.endsOn,
          status: r.status,
          source_file: input.filename,
          imported_by: caller.actor.userId,
          imported_at: now,
        };
        const id = known.get(r.projectNumber);
        if (id) await updateOngoing(trx, id, cols);
        else await insertOngoing(trx, { id: randomUUID(), project_number: r.projectNumber, ...cols });
      }
      // one record for the import; project numbers only (no ID numbers in the audit log)
      await appendAudit(trx, {
        actor: auditActor(caller),
        action: 'programme.ongoingProjects.import',
        objectType: 'ongoingProjects',
        detail: {
          file: input.filename,
          created: count('created'),
          updated: count('updated'),
          rejected: count('rejected'),
          projectNumbers: valid.map((v) => v.record.projectNumber),
        },
      });
    });
  }
  return {
    dryRun: input.dryRun,
    rows: rows.length,
    created: count('created'),
    updated: count('updated'),
    rejected: count('rejected'),
    report,
    columns: ONGOING_COLUMNS.map((c) => ({ key: c.key, zh: c.zh, required: c.required })),
  };
}

/** Staff's list of the registry (ID numbers masked); `idNumber` finds one lead's projects. */
export async function listOngoingProjects(
  ctx: AppContext,
  q: { status?: 'ongoing' | 'closed'; idNumber?: string; page: number; pageSize: number },
) {
  let idNumber: string | undefined;
  if (q.idNumber) {
    const v = validateIdNumber(q.idNumber, ctx.now());
    idNumber = v.ok ? v.value : q.idNumber.toUpperCase();
  }
  const { total, items } = await listOngoing(ctx.db, { ...q, idNumber });
  return {
    total,
    items: items.map((r) => ({
      id: r.id,
      projectNumber: r.project_number,
      title: r.title,
      programme: r.programme,
      leadName: r.lead_name,
      leadIdNumber: maskIdNumber(r.lead_id_number),
      orgUscc: r.org_uscc,
      orgName: r.org_name,
      startsOn: r.starts_text,
      endsOn: r.ends_text,
      status: r.status,
      sourceFile: r.source_file,
      importedAt: new Date(r.imported_at).toISOString(),
    })),
  };
}
