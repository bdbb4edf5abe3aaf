/**
 * Pure checks of a historical import: every row valid, its direction in the call, the grant within
 * the direction's cap, awarded only after passing screening; the Excel sheet read into rows (money
 * typed in 万元, converted exactly). Every problem names its field (applications.<i>.<field>).
 */
import type { FieldError } from '../../platform/errors.js';
import { findDirection, type Call } from '../calls/index.js';
import { toBase } from '../calls/index.js';
import { formatFen } from '../calls/index.js';
import { HistoricalApplication } from './historical.schema.js';

const problem = (field: string, code: string, zh: string, en: string): FieldError => ({
  field,
  code,
  message: zh,
  messageEn: en,
});

/** Validates the rows against the call; returns the typed rows or every problem. */
export function checkHistoricalRows(
  call: Call,
  rows: unknown[],
  now: Date,
): { ok: true; rows: HistoricalApplication[] } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  if (Date.parse(call.window.closesAt) > now.getTime())
    errors.push(
      problem(
        'call.window.closesAt',
        'not_past',
        '只有截止时间已过的往年指南可以导入；仍在征集的指南请发布',
        'Only a call whose window has closed can be imported; publish a current one',
      ),
    );
  const out: HistoricalApplication[] = [];
  const seen = new Map<string, number>();
  rows.forEach((raw, i) => {
    const r = HistoricalApplication.safeParse(raw);
    if (!r.success) {
      for (const iss of r.error.issues) {
        const f = `applications.${i}.${iss.path.map(String).join('.')}`;
        errors.push(
          problem(
            f,
            iss.code,
            `第${i + 1}行「${iss.path.join('.')}」有误：${iss.message}`,
            `${f}: ${iss.message}`,
          ),
        );
      }
      return;
    }
    const a = r.data;
    const found = findDirection(call, a.directionCode);
    if (!found) {
      errors.push(
        problem(
          `applications.${i}.directionCode`,
          'unknown_direction',
          `第${i + 1}行：指南中没有方向「${a.directionCode}」`,
          `applications.${i}.directionCode: no direction "${a.directionCode}" in the call`,
        ),
      );
      return;
    }
    if (a.awarded && a.screening !== 'pass')
      errors.push(
        problem(
          `applications.${i}.awarded`,
          'awarded_without_screening',
          `第${i + 1}行：未通过形式审查的项目不能记为立项`,
          `applications.${i}.awarded: a project that failed screening cannot be awarded`,
        ),
      );
    if (a.awarded && a.grantFen === undefined)
      errors.push(
        problem(
          `applications.${i}.grantFen`,
          'required',
          `第${i + 1}行：立项项目须填写资助经费`,
          `applications.${i}.grantFen: required for an awarded project`,
        ),
      );
    if (!a.awarded && a.grantFen)
      errors.push(
        problem(
          `applications.${i}.grantFen`,
          'grant_without_award',
          `第${i + 1}行：未立项的项目不应有资助经费`,
          `applications.${i}.grantFen: only an awarded project has a grant`,
        ),
      );
    const cap = found.direction.fundingRules.capPerProjectFen;
    if (a.grantFen !== undefined && a.grantFen > cap)
      errors.push(
        problem(
          `applications.${i}.grantFen`,
          'over_cap',
          `第${i + 1}行：资助经费${formatFen(a.grantFen)}超过该方向每项上限${formatFen(cap)}`,
          `applications.${i}.grantFen: ${formatFen(a.grantFen, 'en')} exceeds the cap ${formatFen(cap, 'en')}`,
        ),
      );
    const key = `${a.orgUscc}|${a.directionCode}|${a.projectTitle}`;
    if (seen.has(key))
      errors.push(
        problem(
          `applications.${i}`,
          'duplicate',
          `第${i + 1}行与第${seen.get(key)! + 1}行重复`,
          `applications.${i} repeats row ${seen.get(key)}`,
        ),
      );
    seen.set(key, i);
    out.push(a);
  });
  return errors.length ? { ok: false, errors } : { ok: true, rows: out };
}

/** Header (zh or en) → row key; money columns in 万元. */
const COLUMNS: Record<string, { key: keyof HistoricalApplication; wan?: true; kind?: 'bool' | 'screening' }> =
  {
    统一社会信用代码: { key: 'orgUscc' },
    orgUscc: { key: 'orgUscc' },
    单位名称: { key: 'orgName' },
    orgName: { key: 'orgName' },
    方向编码: { key: 'directionCode' },
    directionCode: { key: 'directionCode' },
    项目名称: { key: 'projectTitle' },
    projectTitle: { key: 'projectTitle' },
    '申请资助经费（万元）': { key: 'requestedGrantFen', wan: true },
    requestedGrantWan: { key: 'requestedGrantFen', wan: true },
    '单位自筹经费（万元）': { key: 'selfFundingFen', wan: true },
    selfFundingWan: { key: 'selfFundingFen', wan: true },
    形式审查: { key: 'screening', kind: 'screening' },
    screening: { key: 'screening', kind: 'screening' },
    审查意见: { key: 'screeningNote' },
    screeningNote: { key: 'screeningNote' },
    是否立项: { key: 'awarded', kind: 'bool' },
    awarded: { key: 'awarded', kind: 'bool' },
    '立项资助经费（万元）': { key: 'grantFen', wan: true },
    grantWan: { key: 'grantFen', wan: true },
  };
export const HISTORICAL_XLSX_HEADERS = [
  '统一社会信用代码',
  '单位名称',
  '方向编码',
  '项目名称',
  '申请资助经费（万元）',
  '单位自筹经费（万元）',
  '形式审查',
  '审查意见',
  '是否立项',
  '立项资助经费（万元）',
];

/**
 * Sheet rows (header first, cells as read) → import rows. 万元 is converted to fen exactly; a value
 * that is not a whole number of fen is left as text so the row check names it.
 */
export function rowsFromSheet(table: unknown[][]): { rows: unknown[]; errors: FieldError[] } {
  const [header, ...body] = table;
  const errors: FieldError[] = [];
  const cols = (header ?? []).map((h) => COLUMNS[String(h ?? '').trim()]);
  (header ?? []).forEach((h, j) => {
    if (!cols[j] && String(h ?? '').trim())
      errors.push(
        problem(
          `columns.${j}`,
          'unknown_column',
          `不认识的列「${String(h)}」`,
          `Unknown column "${String(h)}"`,
        ),
      );
  });
  const rows = body
    .filter((r) => r.some((c) => c !== null && c !== undefined && String(c).trim() !== ''))
    .map((r) => {
      const o: Record<string, unknown> = {};
      cols.forEach((c, j) => {
        const v = r[j];
        if (!c || v === null || v === undefined || String(v).trim() === '') return;
        if (c.wan) {
          const n = typeof v === 'number' ? v : Number(String(v).trim());
          const b = Number.isFinite(n) ? toBase(n, '万元') : { error: 'notNumber' as const };
          o[c.key] = 'error' in b ? String(v) : Number(b.num);
        } else if (c.kind === 'bool')
          o[c.key] = ['是', 'true', 'yes', '1', '立项'].includes(String(v).trim());
        else if (c.kind === 'screening')
          o[c.key] =
            ({ 通过: 'pass', 不通过: 'fail' } as Record<string, string>)[String(v).trim()] ??
            String(v).trim();
        else o[c.key] = String(v).trim();
      });
      return o;
    });
  return { rows, errors };
}
