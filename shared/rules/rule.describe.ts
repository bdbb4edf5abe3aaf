/**
 * Renders rules and values as sentences staff and applicants can read (zh-CN default, en second).
 * Money is integer fen and is formatted with integer arithmetic only.
 */
import { divisionOf } from '../divisions.js';
import {
  ELEMENT_FIELDS,
  FACT_FIELDS,
  type Comparator,
  type ElementPredicate,
  type FactFieldInfo,
  type Rule,
  type Scalar,
} from './rule.schema.js';

export type Lang = 'zh' | 'en';

const FEN_PER_YUAN = 100n;
const FEN_PER_WAN = 1_000_000n; // 1 万元 = 10 000 元 = 1 000 000 分
const FEN_PER_YI = 10_000_000_000n; // 1 亿元 = 10^8 元 = 10^10 分

/** Decimal text of n / d with trailing zeros trimmed (exact, n ≥ 0, d a power of ten). */
function decimal(n: bigint, d: bigint): string {
  const whole = n / d;
  const rest = n % d;
  if (rest === 0n) return whole.toString();
  const width = d.toString().length - 1;
  return `${whole}.${rest.toString().padStart(width, '0').replace(/0+$/, '')}`;
}

/** Money in fen → "500万元", "2亿元", "1234.5元" (zh) or "CNY 5,000,000" (en). */
export function formatFen(fen: number, lang: Lang = 'zh'): string {
  if (!Number.isSafeInteger(fen)) return String(fen);
  const neg = fen < 0;
  const abs = BigInt(Math.abs(fen));
  let text: string;
  if (lang === 'en') {
    const yuan = decimal(abs, FEN_PER_YUAN);
    const [int, frac] = yuan.split('.');
    text = `CNY ${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${frac ? `.${frac}` : ''}`;
  } else if (abs >= FEN_PER_YI && abs % FEN_PER_WAN === 0n) text = `${decimal(abs, FEN_PER_YI)}亿元`;
  else if (abs >= FEN_PER_WAN && abs % FEN_PER_YUAN === 0n) text = `${decimal(abs, FEN_PER_WAN)}万元`;
  else text = `${decimal(abs, FEN_PER_YUAN)}元`;
  return neg ? `-${text}` : text;
}

export const isMoneyField = (field: string): boolean => /Fen$/.test(field);

export function fieldInfo(field: string): FactFieldInfo {
  return FACT_FIELDS[field] ?? { zh: field, en: field };
}

export function fieldLabel(field: string, lang: Lang): string {
  return fieldInfo(field)[lang];
}

/** A GB/T 2260 code by name: 江苏省南京市（320102） / Nanjing, Jiangsu (320102); a province by name only. */
export function divisionText(code: string, lang: Lang): string {
  const d = divisionOf(code);
  if (!d.known) return code;
  if (code.endsWith('0000')) return d[lang];
  return lang === 'zh' ? `${d.zh}（${code}）` : `${d.en} (${code})`;
}

function scalarText(info: FactFieldInfo | undefined, field: string, v: Scalar, lang: Lang): string {
  if (typeof v === 'number' && isMoneyField(field)) return formatFen(v, lang);
  if (info?.division && typeof v === 'string') return divisionText(v, lang);
  if (typeof v === 'boolean') return lang === 'zh' ? (v ? '是' : '否') : v ? 'yes' : 'no';
  const label = info?.values?.[String(v)];
  if (label) return label[lang];
  const unit = lang === 'zh' ? info?.unitZh : info?.unitEn;
  return typeof v === 'number' && unit ? `${v}${lang === 'zh' ? '' : ' '}${unit}` : String(v);
}

/** A fact value as text: money formatted, enumerations labelled, arrays counted. */
export function valueText(field: string, v: unknown, lang: Lang): string {
  if (v === undefined || v === null) return lang === 'zh' ? '（未填写）' : '(not given)';
  if (Array.isArray(v)) return lang === 'zh' ? `${v.length}项` : `${v.length} item(s)`;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
    return scalarText(fieldInfo(field), field, v, lang);
  return JSON.stringify(v);
}

const OP_ZH: Record<Comparator | '!=' | 'in', string> = {
  '>=': '不低于',
  '<=': '不超过',
  '=': '等于',
  '>': '高于',
  '<': '低于',
  '!=': '不等于',
  in: '属于',
};
const COUNT_OP_ZH: Record<Comparator, string> = {
  '>=': '不少于',
  '<=': '不超过',
  '=': '等于',
  '>': '多于',
  '<': '少于',
};
const OP_EN: Record<Comparator | '!=' | 'in', string> = {
  '>=': 'at least',
  '<=': 'at most',
  '=': 'equal to',
  '>': 'more than',
  '<': 'less than',
  '!=': 'not equal to',
  in: 'one of',
};

export function opText(op: Comparator | '!=' | 'in', lang: Lang, count = false): string {
  if (lang === 'en') return OP_EN[op];
  return count && op !== '!=' && op !== 'in' ? COUNT_OP_ZH[op] : OP_ZH[op];
}

function predicateText(arrayField: string, p: ElementPredicate, lang: Lang): string {
  const info = ELEMENT_FIELDS[arrayField]?.[p.field];
  const name = info ? info[lang] : p.field;
  const vals = Array.isArray(p.value) ? p.value : [p.value];
  const shown = vals.map((v) => scalarText(info, p.field, v, lang)).join(lang === 'zh' ? '、' : ', ');
  if (lang === 'en') return `${name} ${p.op === '=' ? '' : `${opText(p.op, 'en')} `}${shown}`;
  return `${name}${p.op === '=' ? '为' : opText(p.op, 'zh')}${shown}`;
}

/** What a rule demands, as a short phrase (used for `expected` in results and in describeRule). */
export function expectedText(rule: Rule, lang: Lang): string {
  const zh = lang === 'zh';
  switch (rule.kind) {
    case 'in': {
      const info = fieldInfo(rule.field);
      const vals = rule.values.map((v) => scalarText(info, rule.field, v, lang)).join(zh ? '、' : ', ');
      if (info.division) return zh ? `位于以下地区之一：${vals}` : `within one of: ${vals}`;
      return zh ? `属于：${vals}` : `one of: ${vals}`;
    }
    case 'equals':
      if (fieldInfo(rule.field).division)
        return zh
          ? `位于${valueText(rule.field, rule.value, lang)}`
          : `within ${valueText(rule.field, rule.value, lang)}`;
      return zh ? `为${valueText(rule.field, rule.value, lang)}` : valueText(rule.field, rule.value, lang);
    case 'compare':
      return `${opText(rule.op, lang)}${zh ? '' : ' '}${valueText(rule.field, rule.value, lang)}`;
    case 'cap':
      return `${opText('<=', lang)}${zh ? '' : ' '}${valueText(rule.field, rule.max, lang)}`;
    case 'ratio':
      return `${opText(rule.op ?? '>=', lang)}${zh ? '' : ' '}${rule.ratio.a}:${rule.ratio.b}`;
    case 'count': {
      const unit = zh ? (fieldInfo(rule.field).unitZh ?? '项') : '';
      return `${opText(rule.op, lang, true)}${zh ? '' : ' '}${rule.value}${unit}`;
    }
    case 'attachmentRequired':
      return zh
        ? `已上传「${rule.attachmentLabel}」`
        : `"${rule.attachmentLabelEn ?? rule.attachmentLabel}" uploaded`;
    default:
      return describeRule(rule, lang);
  }
}

/** One readable sentence for any rule, e.g. "申请资助经费不超过500万元". */
export function describeRule(rule: Rule, lang: Lang = 'zh'): string {
  const zh = lang === 'zh';
  const sep = zh ? '；' : '; ';
  const inner = (r: Rule) => describeRule(r, lang);
  const numbered = (rules: Rule[]) =>
    rules.map((r, i) => (zh ? `（${i + 1}）${inner(r)}` : `(${i + 1}) ${inner(r)}`)).join(sep);
  switch (rule.kind) {
    case 'in':
    case 'equals':
    case 'compare':
    case 'cap':
      return zh
        ? `${fieldLabel(rule.field, 'zh')}${expectedText(rule, 'zh')}`
        : `${capitalise(fieldLabel(rule.field, 'en'))} is ${expectedText(rule, 'en')}`;
    case 'ratio':
      return zh
        ? `${fieldLabel(rule.field, 'zh')}与${fieldLabel(rule.denominatorField, 'zh')}的比例${expectedText(rule, 'zh')}`
        : `The ratio of ${fieldLabel(rule.field, 'en')} to ${fieldLabel(rule.denominatorField, 'en')} is ${expectedText(rule, 'en')}`;
    case 'count': {
      const where = rule.where?.length
        ? rule.where.map((p) => predicateText(rule.field, p, lang)).join(zh ? '且' : ' and ')
        : '';
      if (zh)
        return `${fieldLabel(rule.field, 'zh')}${where ? `中${where}的` : ''}数量${expectedText(rule, 'zh')}`;
      return `The number of ${fieldLabel(rule.field, 'en')}${where ? ` with ${where}` : ''} is ${expectedText(rule, 'en')}`;
    }
    case 'attachmentRequired': {
      const core = zh
        ? `须上传附件「${rule.attachmentLabel}」`
        : `the attachment "${rule.attachmentLabelEn ?? rule.attachmentLabel}" is required`;
      if (!rule.when) return zh ? core : capitalise(core);
      return zh ? `当${inner(rule.when)}时，${core}` : `When ${lowerFirst(inner(rule.when))}, ${core}`;
    }
    case 'all':
      return zh ? `同时满足：${numbered(rule.rules)}` : `All of: ${numbered(rule.rules)}`;
    case 'any':
      return zh ? `满足以下任一项：${numbered(rule.rules)}` : `Any of: ${numbered(rule.rules)}`;
    case 'not':
      return zh ? `并非「${inner(rule.rule)}」` : `Not the case that ${lowerFirst(inner(rule.rule))}`;
    case 'when': {
      const head = zh
        ? `如果${inner(rule.condition)}，则${inner(rule.then)}`
        : `If ${lowerFirst(inner(rule.condition))}, then ${lowerFirst(inner(rule.then))}`;
      if (!rule.otherwise) return head;
      return zh
        ? `${head}；否则${inner(rule.otherwise)}`
        : `${head}; otherwise ${lowerFirst(inner(rule.otherwise))}`;
    }
  }
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
function lowerFirst(s: string): string {
  return /^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s;
}

/** Replaces {actual}, {expected} and {field} in a rule's explanation. */
export function interpolate(
  template: string,
  vars: { actual: string; expected: string; field: string },
): string {
  return template.replace(/\{(actual|expected|field)\}/g, (_, k: 'actual' | 'expected' | 'field') => vars[k]);
}
