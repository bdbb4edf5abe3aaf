/**
 * Pure rules of the ongoing-projects import: the columns of the commission's registry export, and
 * one row → a record or every field error (zh/en, naming the column). ID numbers are validated and
 * normalised as the identity module does (GB 11643, upper-case X); USCCs as GB 32100.
 */
import { fieldError, type FieldError } from '../../platform/errors.js';
import { ID_NUMBER_MESSAGES, validateIdNumber } from '../identity/index.js';
import { usccMessage, validateUscc } from '../identity/index.js';

export const ONGOING_COLUMNS = [
  { key: 'projectNumber', zh: '项目编号', en: 'project number', required: true },
  { key: 'title', zh: '项目名称', en: 'project title', required: true },
  { key: 'leadName', zh: '项目负责人', en: 'project lead', required: true },
  { key: 'leadIdNumber', zh: '负责人身份证号', en: "lead's ID number", required: true },
  { key: 'orgName', zh: '承担单位', en: 'organisation', required: false },
  { key: 'orgUscc', zh: '统一社会信用代码', en: "organisation's unified social credit code", required: true },
  { key: 'programme', zh: '计划类别', en: 'programme', required: false },
  { key: 'startsOn', zh: '开始日期', en: 'start date', required: false },
  { key: 'endsOn', zh: '结束日期', en: 'end date', required: false },
  { key: 'status', zh: '状态', en: 'status', required: false },
] as const;
export type OngoingColumn = (typeof ONGOING_COLUMNS)[number]['key'];

const HEADER = new Map<string, OngoingColumn>();
for (const c of ONGOING_COLUMNS) {
  HEADER.set(c.key.toLowerCase(), c.key);
  HEADER.set(c.zh, c.key);
}
HEADER.set('身份证号', 'leadIdNumber');
HEADER.set('负责人身份证号码', 'leadIdNumber');
HEADER.set('项目负责人身份证号', 'leadIdNumber');
HEADER.set('单位统一社会信用代码', 'orgUscc');
HEADER.set('负责人', 'leadName');

/** The column a header names (Chinese header or English key), or undefined. */
export function columnOf(header: string): OngoingColumn | undefined {
  const h = header.replace(/\s+/g, '').replace(/[（(].*[)）]$/, '');
  return HEADER.get(h) ?? HEADER.get(h.toLowerCase());
}

export interface OngoingRecord {
  projectNumber: string;
  title: string;
  leadName: string;
  leadIdNumber: string;
  orgUscc: string;
  orgName: string | null;
  programme: string | null;
  startsOn: string | null;
  endsOn: string | null;
  status: 'ongoing' | 'closed';
}

const col = (k: OngoingColumn) => ONGOING_COLUMNS.find((c) => c.key === k)!;
const named = (k: OngoingColumn, zh: string, en: string) => {
  const c = col(k);
  return fieldError(k, '', `「${c.zh}」${zh}`, `"${c.en}" ${en}`);
};

const STATUS: Record<string, 'ongoing' | 'closed'> = {
  在研: 'ongoing',
  执行中: 'ongoing',
  ongoing: 'ongoing',
  结题: 'closed',
  已结题: 'closed',
  验收: 'closed',
  已验收: 'closed',
  终止: 'closed',
  closed: 'closed',
};

/** Excel dates arrive as text (2024-01-01, 2024/1/1); returns YYYY-MM-DD or null when not a date. */
function isoDate(v: string): string | null {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(v);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** One registry row → a record, or every problem of the row (each naming its column). */
export function parseOngoingRow(
  values: Partial<Record<OngoingColumn, string>>,
  today: Date,
): { record: OngoingRecord | null; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const v = (k: OngoingColumn) => (values[k] ?? '').trim();
  for (const c of ONGOING_COLUMNS)
    if (c.required && !v(c.key)) {
      const e = named(c.key, '为必填项，本行为空', 'is required and empty in this row');
      errors.push({ ...e, code: 'required' });
    }
  const tooLong = (k: OngoingColumn, max: number) => {
    if (v(k).length > max)
      errors.push({ ...named(k, `超过${max}个字符`, `exceeds ${max} characters`), code: 'too_long' });
  };
  tooLong('projectNumber', 50);
  tooLong('title', 300);
  tooLong('leadName', 100);
  tooLong('orgName', 200);
  tooLong('programme', 100);
  let id = '';
  if (v('leadIdNumber')) {
    const r = validateIdNumber(v('leadIdNumber'), today);
    if (r.ok) id = r.value;
    else {
      const m = ID_NUMBER_MESSAGES[r.problem];
      errors.push({ ...named('leadIdNumber', `有误：${m.zh}`, `is wrong: ${m.en}`), code: r.problem });
    }
  }
  let uscc = '';
  if (v('orgUscc')) {
    const r = validateUscc(v('orgUscc'));
    if (r.ok) uscc = r.value;
    else {
      const m = usccMessage(r.problem);
      errors.push({ ...named('orgUscc', `有误：${m.zh}`, `is wrong: ${m.en}`), code: r.problem.code });
    }
  }
  const dates: Record<'startsOn' | 'endsOn', string | null> = { startsOn: null, endsOn: null };
  for (const k of ['startsOn', 'endsOn'] as const) {
    if (!v(k)) continue;
    dates[k] = isoDate(v(k));
    if (!dates[k])
      errors.push({
        ...named(k, `「${v(k)}」不是有效日期（应为 YYYY-MM-DD）`, `"${v(k)}" is not a date (YYYY-MM-DD)`),
        code: 'invalid_date',
      });
  }
  if (dates.startsOn && dates.endsOn && dates.endsOn < dates.startsOn)
    errors.push({ ...named('endsOn', '早于开始日期', 'is before the start date'), code: 'before_start' });
  let status: 'ongoing' | 'closed' = 'ongoing';
  if (v('status')) {
    const s = STATUS[v('status')] ?? STATUS[v('status').toLowerCase()];
    if (s) status = s;
    else
      errors.push({
        ...named(
          'status',
          `「${v('status')}」无法识别（应为“在研”或“结题”）`,
          `"${v('status')}" is not "ongoing" or "closed"`,
        ),
        code: 'invalid_status',
      });
  }
  if (errors.length) return { record: null, errors };
  return {
    record: {
      projectNumber: v('projectNumber'),
      title: v('title'),
      leadName: v('leadName'),
      leadIdNumber: id,
      orgUscc: uscc,
      orgName: v('orgName') || null,
      programme: v('programme') || null,
      startsOn: dates.startsOn,
      endsOn: dates.endsOn,
      status,
    },
    errors: [],
  };
}
