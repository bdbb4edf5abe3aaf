import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { fieldError, type FieldError } from '../../platform/errors.js';
import { IP_TYPES, OWNERSHIP, TRANSFER_MODES, type IpType } from './achievement.rules.js';

/** The import columns: English key or the Chinese header, either is accepted. */
export const IMPORT_COLUMNS = [
  { key: 'externalRef', zh: '外部编号', required: false },
  { key: 'title', zh: '成果名称', required: true },
  { key: 'abstract', zh: '成果简介', required: true },
  { key: 'keywords', zh: '关键词', required: false },
  { key: 'field', zh: '技术领域', required: true },
  { key: 'organisations', zh: '完成单位', required: false },
  { key: 'people', zh: '完成人', required: false },
  { key: 'ipItems', zh: '知识产权', required: false },
  { key: 'trl', zh: '技术成熟度', required: true },
  { key: 'ownership', zh: '权属', required: true },
  { key: 'transferModes', zh: '转化方式', required: true },
  { key: 'priceMinWan', zh: '最低价格（万元）', required: false },
  { key: 'priceMaxWan', zh: '最高价格（万元）', required: false },
] as const;

export type RawRow = { row: number; values: Record<string, unknown> };

const HEADER_KEY = new Map<string, string>();
for (const c of IMPORT_COLUMNS) {
  HEADER_KEY.set(c.key.toLowerCase(), c.key);
  HEADER_KEY.set(c.zh, c.key);
  HEADER_KEY.set(c.zh.replace(/（.*）/, ''), c.key);
}
const keyOf = (h: string) => HEADER_KEY.get(h.trim()) ?? HEADER_KEY.get(h.trim().toLowerCase()) ?? h.trim();

export function formatOf(filename: string): 'xlsx' | 'csv' | 'json' | null {
  const m = /\.(xlsx|csv|json)$/i.exec(filename);
  return m ? (m[1].toLowerCase() as 'xlsx' | 'csv' | 'json') : null;
}

function sheetRows(ws: ExcelJS.Worksheet): RawRow[] {
  const header: string[] = [];
  ws.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => (header[col] = keyOf(cell.text ?? '')));
  const out: RawRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    if (n === 1) return;
    const values: Record<string, unknown> = {};
    let any = false;
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      const k = header[col];
      if (!k) return;
      const t = cell.text?.trim() ?? '';
      if (t !== '') any = true;
      values[k] = t;
    });
    if (any) out.push({ row: n, values });
  });
  return out;
}

/** Reads the rows of an .xlsx (first sheet), .csv or .json file. Row numbers match what the user sees. */
export async function readRows(format: 'xlsx' | 'csv' | 'json', buf: Buffer): Promise<RawRow[]> {
  if (format === 'json') {
    const data = JSON.parse(buf.toString('utf8').replace(/^\uFEFF/, '')) as unknown;
    const list = Array.isArray(data) ? data : (data as { items?: unknown[] })?.items;
    if (!Array.isArray(list)) throw new Error('JSON must be an array of records or {"items": [...]}');
    return list.map((v, i) => ({
      row: i + 1,
      values: Object.fromEntries(
        Object.entries((v ?? {}) as Record<string, unknown>).map(([k, x]) => [keyOf(k), x]),
      ),
    }));
  }
  const wb = new ExcelJS.Workbook();
  if (format === 'xlsx') {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    return ws ? sheetRows(ws) : [];
  }
  const ws = await wb.csv.read(Readable.from([buf.toString('utf8').replace(/^\uFEFF/, '')]), {
    parserOptions: { trim: true },
    map: (v: unknown) => v,
  } as never);
  return sheetRows(ws);
}

const split = (v: unknown): string[] =>
  Array.isArray(v)
    ? v.map((x) => String(x).trim()).filter(Boolean)
    : String(v ?? '')
        .split(/[;；,，、\n]+/)
        .map((s) => s.trim())
        .filter(Boolean);

function lookup<T extends string>(table: Record<T, { zh: string; en: string }>, v: string): T | undefined {
  const t = v.trim();
  for (const [k, l] of Object.entries(table) as Array<[T, { zh: string; en: string }]>) {
    if (k.toLowerCase() === t.toLowerCase() || l.zh === t || l.en.toLowerCase() === t.toLowerCase()) return k;
  }
  // 赋权-全部 / 全部赋权 style labels
  if (table === (OWNERSHIP as unknown)) {
    if (/赋权.*全部|全部.*赋权/.test(t)) return 'grantFull' as T;
    if (/赋权.*部分|部分.*赋权/.test(t)) return 'grantPartial' as T;
  }
  return undefined;
}

const WAN_TO_FEN = 1_000_000;

/**
 * Turns one raw row into the create-body shape. Labels become codes (权属 单位所有 → unitOwned);
 * values that cannot be mapped are reported as field errors here, the rest by the Zod schema.
 */
export function toBody(values: Record<string, unknown>): {
  body: Record<string, unknown>;
  errors: FieldError[];
} {
  const errors: FieldError[] = [];
  const body: Record<string, unknown> = {};
  const str = (k: string) => (values[k] == null || values[k] === '' ? undefined : String(values[k]).trim());
  body.title = str('title');
  body.abstract = str('abstract');
  body.field = str('field');
  if (values.keywords != null) body.keywords = split(values.keywords);
  if (values.organisations != null)
    body.organisations =
      Array.isArray(values.organisations) && typeof values.organisations[0] === 'object'
        ? values.organisations
        : split(values.organisations).map((name, i) => ({ name, role: i === 0 ? 'first' : 'participant' }));
  if (values.people != null)
    body.people =
      Array.isArray(values.people) && typeof values.people[0] === 'object'
        ? values.people
        : split(values.people).map((name) => ({ name }));
  if (values.ipItems != null) {
    if (Array.isArray(values.ipItems) && typeof values.ipItems[0] === 'object') body.ipItems = values.ipItems;
    else {
      const items: Array<{ type: IpType; number: string | null }> = [];
      for (const part of split(values.ipItems)) {
        const [t, ...rest] = part.split(/[:：]/);
        const type = lookup(IP_TYPES, t);
        if (!type)
          errors.push(
            fieldError('ipItems', 'unknown_ip_type', `未知的知识产权类型“${t}”`, `Unknown IP type “${t}”`),
          );
        else items.push({ type, number: rest.join(':').trim() || null });
      }
      body.ipItems = items;
    }
  }
  const trl = str('trl');
  if (trl !== undefined) {
    const n = Number(trl.replace(/^TRL\s*/i, ''));
    body.trl = Number.isFinite(n) ? n : trl;
  }
  const own = str('ownership');
  if (own !== undefined) {
    const o = lookup(OWNERSHIP, own);
    if (!o)
      errors.push(
        fieldError(
          'ownership',
          'unknown_ownership',
          `权属“${own}”无法识别（单位所有/赋权-全部/赋权-部分/长期使用权）`,
          `Unknown ownership “${own}” (unitOwned, grantFull, grantPartial, longTermUse)`,
        ),
      );
    else body.ownership = o;
  }
  if (values.transferModes != null && values.transferModes !== '') {
    const modes = [];
    for (const m of split(values.transferModes)) {
      const x = lookup(TRANSFER_MODES, m);
      if (!x)
        errors.push(
          fieldError(
            'transferModes',
            'unknown_transfer_mode',
            `转化方式“${m}”无法识别（许可/转让/作价投资）`,
            `Unknown transfer mode “${m}” (licence, assignment, equityInvestment)`,
          ),
        );
      else modes.push(x);
    }
    body.transferModes = modes;
  }
  for (const [k, target] of [
    ['priceMinWan', 'priceMinFen'],
    ['priceMaxWan', 'priceMaxFen'],
  ] as const) {
    const v = str(k);
    if (v === undefined) continue;
    const n = Number(v.replace(/,/g, ''));
    if (!Number.isFinite(n) || n < 0)
      errors.push(
        fieldError(
          target,
          'not_a_number',
          `“${v}”不是有效金额（万元）`,
          `“${v}” is not an amount in 10k yuan`,
        ),
      );
    else body[target] = Math.round(n * WAN_TO_FEN);
  }
  return { body, errors };
}
