/**
 * Units of KPIs (考核指标) and of the applicant's commitments, and the exact judgement of a commitment
 * against a KPI. Pure; no floats decide anything.
 *
 * - Each unit has a dimension and a factor to its base unit: money → fen (元 100, 万元 10⁶, 亿元 10¹⁰),
 *   ratio → percent (% 1, 倍 100: the 2023 guide's "至少增长1倍" is table 1-9's "增长率≥100%"), and
 *   counts, where each noun is its own dimension (项 items, 个 units, 家 organisations, 所 schools,
 *   人/名 people): "10 人" does not answer "≥30 家". A unit outside the table only matches itself.
 * - A number is read from its shortest decimal text (what JSON carries), scaled in BigInt; money must
 *   come to a whole number of fen.
 * - A commitment "x c v" meets a KPI "x k w" when every x ≥ 0 it allows satisfies the KPI: the
 *   commitment's interval lies inside the KPI's. "≤ 20亿元" does not promise "≥ 15亿元"; "> 14" does
 *   not promise "≥ 15"; "= 5" meets "≤ 5".
 */
import type { Comparator } from './rules/rule.schema.js';

export type KpiDimension = 'money' | 'ratio' | 'item' | 'unit' | 'org' | 'school' | 'person';

export const KPI_UNITS: Record<string, { dimension: KpiDimension; factor: bigint; en: string }> = {
  元: { dimension: 'money', factor: 100n, en: 'yuan' },
  万元: { dimension: 'money', factor: 1_000_000n, en: '10k yuan' },
  亿元: { dimension: 'money', factor: 10_000_000_000n, en: '100M yuan' },
  '%': { dimension: 'ratio', factor: 1n, en: '%' },
  倍: { dimension: 'ratio', factor: 100n, en: 'times' },
  项: { dimension: 'item', factor: 1n, en: 'items' },
  个: { dimension: 'unit', factor: 1n, en: 'units' },
  家: { dimension: 'org', factor: 1n, en: 'organisations' },
  所: { dimension: 'school', factor: 1n, en: 'schools' },
  人: { dimension: 'person', factor: 1n, en: 'people' },
  名: { dimension: 'person', factor: 1n, en: 'people' },
};
/** The units an applicant picks from (the selector in the form), in display order. */
export const COMMITMENT_UNITS = ['万元', '亿元', '元', '项', '家', '人', '所', '个', '%', '倍'] as const;

export const DIMENSION_LABEL: Record<KpiDimension | 'other', { zh: string; en: string }> = {
  money: { zh: '金额', en: 'an amount of money' },
  ratio: { zh: '比例', en: 'a ratio' },
  item: { zh: '项数', en: 'a number of items' },
  unit: { zh: '个数', en: 'a number of units' },
  org: { zh: '机构数', en: 'a number of organisations' },
  school: { zh: '学校数', en: 'a number of schools' },
  person: { zh: '人数', en: 'a number of people' },
  other: { zh: '自定义单位', en: 'its own unit' },
};

export function dimensionOf(unit: string): KpiDimension | 'other' {
  return KPI_UNITS[unit]?.dimension ?? 'other';
}

/** Units that fit a KPI's unit (same dimension); a unit outside the table fits only itself. */
export function unitsFitting(kpiUnit: string): string[] {
  const d = KPI_UNITS[kpiUnit]?.dimension;
  if (!d) return [kpiUnit];
  return Object.keys(KPI_UNITS).filter((u) => KPI_UNITS[u].dimension === d);
}

/** value = num / den exactly (den > 0). */
interface Rational {
  num: bigint;
  den: bigint;
}

/** The exact decimal a JSON number stands for, or null (negative, NaN, ∞). */
export function decimalOf(value: number): Rational | null {
  if (!Number.isFinite(value) || value < 0) return null;
  const m = /^(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/.exec(String(value));
  if (!m) return null;
  const frac = m[2] ?? '';
  let num = BigInt(m[1] + frac);
  let den = 10n ** BigInt(frac.length);
  const exp = m[3] ? Number(m[3]) : 0;
  if (exp > 0) num *= 10n ** BigInt(exp);
  if (exp < 0) den *= 10n ** BigInt(-exp);
  return { num, den };
}

const cmp = (a: Rational, b: Rational): number => {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
};

/** An amount in base units (fen, percent, count); money must be a whole number of fen. */
export function toBase(value: number, unit: string): Rational | { error: 'notNumber' | 'subFen' } {
  const d = decimalOf(value);
  if (!d) return { error: 'notNumber' };
  const factor = KPI_UNITS[unit]?.factor ?? 1n;
  const r = { num: d.num * factor, den: d.den };
  if (KPI_UNITS[unit]?.dimension === 'money') {
    if (r.num % r.den !== 0n) return { error: 'subFen' };
    return { num: r.num / r.den, den: 1n };
  }
  return r;
}

/** Exact decimal text of a base amount expressed in `unit` (factors are powers of ten). */
export function inUnit(base: Rational, unit: string): string {
  const den = base.den * (KPI_UNITS[unit]?.factor ?? 1n);
  let pow = 0;
  let d = den;
  while (d % 10n === 0n) {
    d /= 10n;
    pow += 1;
  }
  if (d !== 1n) return (Number(base.num) / Number(den)).toPrecision(12).replace(/\.?0+$/, '');
  const s = base.num.toString().padStart(pow + 1, '0');
  const int = pow ? s.slice(0, -pow) : s;
  const frac = pow ? s.slice(-pow).replace(/0+$/, '') : '';
  return frac ? `${int}.${frac}` : int;
}

interface Bound {
  at: Rational;
  closed: boolean;
}
interface Interval {
  lo: Bound;
  hi: Bound | null;
}
const ZERO: Rational = { num: 0n, den: 1n };

function interval(op: Comparator, v: Rational): Interval {
  switch (op) {
    case '>=':
      return { lo: { at: v, closed: true }, hi: null };
    case '>':
      return { lo: { at: v, closed: false }, hi: null };
    case '<=':
      return { lo: { at: ZERO, closed: true }, hi: { at: v, closed: true } };
    case '<':
      return { lo: { at: ZERO, closed: true }, hi: { at: v, closed: false } };
    default:
      return { lo: { at: v, closed: true }, hi: { at: v, closed: true } };
  }
}

const empty = (i: Interval) => {
  if (!i.hi) return false;
  const c = cmp(i.lo.at, i.hi.at);
  return c > 0 || (c === 0 && !(i.lo.closed && i.hi.closed));
};

/** Whether every x ≥ 0 with `x c cv` also has `x k kv` (an empty commitment promises nothing). */
export function commitmentMeets(c: Comparator, cv: Rational, k: Comparator, kv: Rational): boolean {
  const C = interval(c, cv);
  const K = interval(k, kv);
  if (empty(C)) return false;
  const lo = cmp(C.lo.at, K.lo.at);
  const loOk = lo > 0 || (lo === 0 && (K.lo.closed || !C.lo.closed));
  if (!loOk) return false;
  if (!K.hi) return true;
  if (!C.hi) return false;
  const hi = cmp(C.hi.at, K.hi.at);
  return hi < 0 || (hi === 0 && (K.hi.closed || !C.hi.closed));
}

export const CMP_SYMBOL: Record<Comparator, string> = { '>=': '≥', '<=': '≤', '=': '=', '>': '>', '<': '<' };
export const isComparator = (c: unknown): c is Comparator =>
  typeof c === 'string' && Object.hasOwn(CMP_SYMBOL, c);
