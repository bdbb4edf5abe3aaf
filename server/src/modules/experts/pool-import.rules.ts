/**
 * The expert pool's spreadsheet (专家库导入模板): its columns and how one row becomes an expert. Pure:
 * every wrong cell is named with its column, in Chinese and English, and a row with any error is not
 * saved. The e-mail address identifies the expert (an existing expert account is updated).
 */
import { fieldError, type FieldError } from '../../platform/errors.js';
import { zodIssuesToFields } from '../../platform/http/problem.js';
import { ExpertPoolBody } from './experts.schema.js';
import { parseWindows, windowsOverlap } from './experts.rules.js';

export const POOL_COLUMNS = [
  { key: 'name', zh: '姓名', required: true, width: 10 },
  { key: 'email', zh: '电子邮箱', required: true, width: 26 },
  { key: 'phone', zh: '联系电话', required: false, width: 15 },
  { key: 'orgName', zh: '工作单位', required: true, width: 26 },
  { key: 'title', zh: '职称', required: false, width: 12 },
  { key: 'fields', zh: '技术领域', required: true, width: 24 },
  { key: 'keywords', zh: '关键词', required: false, width: 30 },
  { key: 'bio', zh: '个人简介', required: false, width: 40 },
  { key: 'availability', zh: '可评审时间', required: false, width: 26 },
  { key: 'maxLoadPerRound', zh: '每轮最多评审数', required: false, width: 14 },
  { key: 'active', zh: '是否在库', required: false, width: 10 },
] as const;
export type PoolColumnKey = (typeof POOL_COLUMNS)[number]['key'];

const HEADER_KEY = new Map<string, PoolColumnKey>();
for (const c of POOL_COLUMNS) {
  HEADER_KEY.set(c.key.toLowerCase(), c.key);
  HEADER_KEY.set(c.zh, c.key);
}
/** The column a header names (Chinese or English key), or undefined. */
export const columnOf = (header: string) =>
  HEADER_KEY.get(header.trim()) ?? HEADER_KEY.get(header.trim().toLowerCase());

const ZH = new Map<string, string>(POOL_COLUMNS.map((c) => [c.key, c.zh]));
/** The body field a column fills (the rest keep their key). */
const BODY_FIELD: Record<string, PoolColumnKey> = { contactPhone: 'phone', contactEmail: 'email' };

export const DEFAULT_MAX_LOAD = 10;

export interface ImportedExpert {
  name: string;
  email: string;
  body: Omit<ExpertPoolBody, 'orgId'>;
}

const split = (v: string) =>
  v
    .split(/[;；,，、\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);
const YES = new Set(['是', 'y', 'yes', 'true', '1', '在库', '启用']);
const NO = new Set(['否', 'n', 'no', 'false', '0', '不在库', '停用']);

/** One row's cells (column key → text) → the expert, or every field error of the row. */
export function toImportedExpert(
  cells: Partial<Record<PoolColumnKey, string>>,
): { expert: ImportedExpert; errors: [] } | { expert: null; errors: FieldError[] } {
  const get = (k: PoolColumnKey) => (cells[k] ?? '').trim();
  const errors: FieldError[] = [];
  for (const c of POOL_COLUMNS)
    if (c.required && get(c.key) === '')
      errors.push(
        fieldError(c.key, 'required', `缺少必填列“${c.zh}”`, `Required column “${c.key}” is empty`),
      );
  const { windows, bad } = parseWindows(get('availability'));
  for (const b of bad)
    errors.push(
      fieldError(
        'availability',
        'invalid_window',
        `可评审时间“${b}”应写作 2026-03-01～2026-03-31`,
        `Availability “${b}” should read 2026-03-01~2026-03-31`,
      ),
    );
  let max = DEFAULT_MAX_LOAD;
  if (get('maxLoadPerRound') !== '') {
    max = Number(get('maxLoadPerRound'));
    if (!Number.isInteger(max))
      errors.push(
        fieldError(
          'maxLoadPerRound',
          'not_integer',
          `每轮最多评审数“${get('maxLoadPerRound')}”应为整数`,
          `maxLoadPerRound “${get('maxLoadPerRound')}” should be a whole number`,
        ),
      );
  }
  let active = true;
  const a = get('active').toLowerCase();
  if (a !== '') {
    if (YES.has(a)) active = true;
    else if (NO.has(a)) active = false;
    else
      errors.push(
        fieldError('active', 'invalid', `是否在库应填“是”或“否”`, `active should be “是” (yes) or “否” (no)`),
      );
  }
  const body = {
    orgName: get('orgName'),
    orgId: null,
    title: get('title'),
    fields: split(get('fields')),
    keywords: split(get('keywords')),
    bio: get('bio'),
    contactPhone: get('phone') || null,
    contactEmail: get('email') || null,
    availability: windows,
    maxLoadPerRound: max,
    active,
  };
  const named = (f: FieldError): FieldError => {
    const [top, ...rest] = f.field.split('.');
    const key = BODY_FIELD[top] ?? top;
    const [zh, en] = f.message.includes(' / ') ? f.message.split(' / ') : [f.message, f.messageEn];
    return fieldError(
      [key, ...rest].join('.'),
      f.code,
      `${ZH.get(key) ?? key}：${zh}`,
      `${key}: ${en ?? zh}`,
    );
  };
  const parsed = ExpertPoolBody.safeParse(body);
  const seen = new Set(errors.map((e) => e.field.split('.')[0]));
  if (!parsed.success)
    for (const f of zodIssuesToFields(parsed.error.issues).map(named))
      if (!seen.has(f.field.split('.')[0])) errors.push(f);
  if (get('name').length > 100)
    errors.push(fieldError('name', 'too_long', '姓名：最多 100 个字符', 'name: at most 100 characters'));
  errors.push(...windowsOverlap(windows).map((f) => ({ ...f, field: 'availability' })));
  if (errors.length || !parsed.success) return { expert: null, errors };
  const { orgId: _orgId, ...rest } = parsed.data;
  return { expert: { name: get('name'), email: get('email'), body: rest }, errors: [] };
}
