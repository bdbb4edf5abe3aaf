/**
 * Importing a historical call for the record (issue 8 §6). A call of 2021-2023 cannot be published
 * with its real dates (publishing is refused after the close), so staff import it whole: the call
 * (stored closed, marked imported), its applications (status submitted, or awarded), each with its
 * recorded screening result as a snapshot (source 'import') and its outcome. Everything is checked
 * first and every wrong field is listed; then one transaction writes it all with audit records.
 * Imported calls and applications are read-only: no workflow transition leaves closed / submitted /
 * awarded, and screening runs and decisions refuse them.
 */
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { AppContext } from '../../platform/context.js';
import { appendAudit } from '../../platform/audit.js';
import { DomainError, type FieldError } from '../../platform/errors.js';
import { auditActor, type Caller } from '../../platform/caller.js';
import { importCall } from '../calls/index.js';
import type { ScreeningResult } from '../calls/index.js';
import { CALL, insertImportedCall } from '../calls/index.js';
import { APPLICATION } from './application.workflow.js';
import { insertApplication, insertVersion } from './applications.repo.js';
import { checkHistoricalRows, rowsFromSheet } from './historical.rules.js';
import type { HistoricalApplication } from './historical.schema.js';
import { insertOutcome, orgsByUscc } from './historical.repo.js';
import { insertSnapshot } from './screening.repo.js';

async function sheetRows(base64: string): Promise<{ rows: unknown[]; errors: FieldError[] }> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(base64, 'base64') as never);
  } catch {
    return {
      rows: [],
      errors: [
        {
          field: 'applicationsXlsxBase64',
          code: 'not_xlsx',
          message: '不是有效的 Excel（.xlsx）文件',
          messageEn: 'Not a valid .xlsx file',
        },
      ],
    };
  }
  const ws = wb.worksheets[0];
  const table: unknown[][] = [];
  ws?.eachRow({ includeEmpty: false }, (row) => {
    const v = (row.values as unknown[]).slice(1);
    table.push(
      v.map((c) => (c && typeof c === 'object' && 'result' in c ? (c as { result: unknown }).result : c)),
    );
  });
  return rowsFromSheet(table);
}

/** The recorded screening result as a snapshot the screening list reads like any other. */
function importedScreening(callNumber: string, a: HistoricalApplication, source: string): ScreeningResult {
  const passed = a.screening === 'pass';
  const zh = `历史形式审查结论（导入自${source}）：${passed ? '通过' : '未通过'}${a.screeningNote ? `；${a.screeningNote}` : ''}`;
  const en = `Recorded screening result (imported from ${source}): ${passed ? 'passed' : 'failed'}${a.screeningNote ? `; ${a.screeningNote}` : ''}`;
  return {
    callNumber,
    directionCode: a.directionCode,
    overall: passed ? 'pass' : 'fail',
    findings: [
      {
        ruleId: 'import.screening',
        kind: 'equals',
        label: '历史形式审查结论',
        labelEn: 'Recorded screening result',
        passed,
        applicable: true,
        severity: 'error',
        source,
        field: 'import.screening',
        actual: a.screening,
        expected: '通过',
        expectedEn: 'passed',
        explain: zh,
        reason: { zh, en },
        group: 'eligibility',
        origin: 'common',
      },
    ],
    counts: { passed: passed ? 1 : 0, failed: passed ? 0 : 1, unknown: 0, warnings: 0, notApplicable: 0 },
  };
}

export async function importHistoricalCall(
  ctx: AppContext,
  caller: Caller,
  body: {
    call: Record<string, unknown>;
    applications?: unknown[];
    applicationsXlsxBase64?: string;
    source: string;
  },
) {
  const { actor } = caller;
  const errors: FieldError[] = [];
  const parsed = importCall({ ...body.call, status: CALL.state.closed });
  if (!parsed.ok)
    errors.push(
      ...parsed.errors.map((e) => ({
        field: `call.${e.path}`,
        code: e.code,
        message: e.message,
        messageEn: e.messageEn,
      })),
    );
  let rows: unknown[] = body.applications ?? [];
  if (body.applicationsXlsxBase64 !== undefined) {
    const s = await sheetRows(body.applicationsXlsxBase64);
    errors.push(...s.errors);
    rows = [...rows, ...s.rows];
  }
  if (!parsed.ok) throw new DomainError('validation_failed', { fields: errors });
  const call = parsed.call;
  const checked = checkHistoricalRows(call, rows, caller.now);
  if (!checked.ok) errors.push(...checked.errors);
  const list = checked.ok ? checked.rows : [];
  const orgs = new Map(
    (await orgsByUscc(ctx.db, [...new Set(list.map((a) => a.orgUscc.toUpperCase()))])).map((o) => [
      o.uscc,
      o,
    ]),
  );
  list.forEach((a, i) => {
    if (!orgs.has(a.orgUscc.toUpperCase()))
      errors.push({
        field: `applications.${i}.orgUscc`,
        code: 'unknown_org',
        message: `第${i + 1}行：平台上没有统一社会信用代码为 ${a.orgUscc} 的单位（请先导入单位）`,
        messageEn: `applications.${i}.orgUscc: no organisation with USCC ${a.orgUscc} (import the organisations first)`,
      });
  });
  if (errors.length) throw new DomainError('validation_failed', { fields: errors });

  const now = caller.now;
  const closesAt = new Date(call.window.closesAt);
  let callId = '';
  try {
    await ctx.db.transaction().execute(async (trx) => {
      callId = await insertImportedCall(ctx, caller, trx, call, body.source);
      for (const a of list) {
        const org = orgs.get(a.orgUscc.toUpperCase())!;
        const id = randomUUID();
        const content: Record<string, unknown> = {
          project: { title: a.projectTitle },
          budget: {
            ...(a.requestedGrantFen !== undefined ? { requestedGrantFen: a.requestedGrantFen } : {}),
            ...(a.selfFundingFen !== undefined ? { selfFundingFen: a.selfFundingFen } : {}),
          },
          ...(a.kpis ? { kpis: a.kpis } : {}),
          ...(a.excludedExperts ? { excludedExperts: a.excludedExperts } : {}),
        };
        await insertApplication(trx, {
          id,
          call_id: callId,
          call_year: call.year,
          direction_code: a.directionCode,
          org_id: org.id,
          lead_user_id: null,
          created_by: actor.userId,
          status: a.awarded ? APPLICATION.state.awarded : APPLICATION.state.submitted,
          content: JSON.stringify(content),
          created_at: now,
          updated_at: now,
          returned_by_stage: null,
          return_reason: null,
          submitted_at: closesAt,
          imported: true,
        });
        await insertVersion(trx, {
          application_id: id,
          version: 1,
          content,
          saved_by: actor.userId,
          saved_at: now,
          finding_count: 0,
        });
        await insertOutcome(trx, {
          application_id: id,
          screening_result: a.screening,
          screening_note: a.screeningNote ?? null,
          awarded: a.awarded,
          granted_fen: a.grantFen ?? null,
          recorded_by: actor.userId,
          recorded_at: now,
        });
        await insertSnapshot(trx, {
          id: randomUUID(),
          application_id: id,
          call_id: callId,
          source: 'import',
          run_id: null,
          overall: a.screening,
          result: JSON.stringify(importedScreening(call.number, a, body.source)),
          created_at: now,
        });
        await appendAudit(trx, {
          actor: auditActor(caller),
          action: 'application.importHistorical',
          objectType: 'application',
          objectId: id,
          after: {
            callId,
            orgId: org.id,
            directionCode: a.directionCode,
            screening: a.screening,
            awarded: a.awarded,
            grantFen: a.grantFen ?? null,
          },
        });
      }
    });
  } catch (e) {
    if ((e as { code?: string }).code === '23505')
      throw new DomainError('conflict', {
        zh: `导入的单位在${call.year}年度已有申报（每单位每年度一项），未保存任何内容`,
        en: `An imported organisation already has an application in ${call.year}; nothing was saved`,
      });
    throw e;
  }
  return {
    callId,
    number: call.number,
    applications: list.length,
    passedScreening: list.filter((a) => a.screening === 'pass').length,
    awarded: list.filter((a) => a.awarded).length,
    grantedFen: list.reduce((s, a) => s + (a.grantFen ?? 0), 0),
  };
}
