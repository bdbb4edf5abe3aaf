/**
 * Money, shared by server and web. Amounts are integer fen (分); people type and read 万元
 * (1 万元 = 10 000 元 = 1 000 000 分). Conversions parse the decimal text and use BigInt, so
 * 0.1 + 0.2 never drifts.
 *
 * One meaning of null everywhere: null is "no amount" (an empty box, the server's null).
 * A text that is not an amount is `undefined` from `wanToFen`, and `isWan` says no.
 */
export const FEN_PER_YUAN = 100;
export const FEN_PER_WAN = 1_000_000;

const WAN_RE = /^(\d+)(?:\.(\d{0,6}))?$/;

/**
 * "123.45" 万元 → 123 450 000 fen. Thousands separators are allowed ("1,234.5").
 * null: nothing typed (no amount). undefined: not an amount (letters, a minus sign, more than
 * 6 decimals, or beyond Number.MAX_SAFE_INTEGER fen).
 */
export function wanToFen(text: string | number | null | undefined): number | null | undefined {
  if (text === null || text === undefined) return null;
  const s = String(text).trim().replace(/,/g, '');
  if (s === '') return null;
  const m = WAN_RE.exec(s);
  if (!m) return undefined;
  const frac = (m[2] ?? '').padEnd(6, '0');
  const fen = BigInt(m[1]) * BigInt(FEN_PER_WAN) + BigInt(frac);
  return fen > BigInt(Number.MAX_SAFE_INTEGER) ? undefined : Number(fen);
}

/** Empty or a valid 万元 amount (what a form accepts). */
export const isWan = (text: string | number | null | undefined) => wanToFen(text) !== undefined;

/** 1 234 500 000 fen → "1234.5" (万元, trailing zeros trimmed); '' for no amount. */
export function fenToWan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isSafeInteger(fen)) return '';
  const abs = BigInt(Math.abs(fen));
  const whole = abs / BigInt(FEN_PER_WAN);
  const rest = abs % BigInt(FEN_PER_WAN);
  const text =
    rest === 0n ? whole.toString() : `${whole}.${rest.toString().padStart(6, '0').replace(/0+$/, '')}`;
  return fen < 0 ? `-${text}` : text;
}

/** Display: "500 万元" (zh) or "CNY 5,000,000" (en); '—' for no amount. */
export function showFen(fen: number | null | undefined, lang: string): string {
  if (fen === null || fen === undefined || !Number.isSafeInteger(fen)) return '—';
  if (lang === 'en') {
    const abs = BigInt(Math.abs(fen));
    const yuan = abs / BigInt(FEN_PER_YUAN);
    const cents = abs % BigInt(FEN_PER_YUAN);
    const grouped = yuan.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    return `${fen < 0 ? '-' : ''}CNY ${grouped}${cents ? `.${cents.toString().padStart(2, '0')}` : ''}`;
  }
  return `${fenToWan(fen)} 万元`;
}

/** A range in 万元 for display, e.g. "200 – 500 万元"; `none` when neither end is set. */
export function wanRange(
  min: number | null | undefined,
  max: number | null | undefined,
  unit: string,
  none: string,
): string {
  const lo = min ?? null;
  const hi = max ?? null;
  if (lo === null && hi === null) return none;
  if (lo !== null && hi !== null)
    return lo === hi ? `${fenToWan(lo)} ${unit}` : `${fenToWan(lo)} – ${fenToWan(hi)} ${unit}`;
  if (lo !== null) return `≥ ${fenToWan(lo)} ${unit}`;
  return `≤ ${fenToWan(hi)} ${unit}`;
}

/** The money units a KPI may be stated in, and their size in fen. */
export const MONEY_UNIT_FEN = { 元: 100n, 万元: 1_000_000n, 亿元: 10_000_000_000n } as const;
export type MoneyUnit = keyof typeof MONEY_UNIT_FEN;
export const isMoneyUnit = (u: string): u is MoneyUnit => Object.hasOwn(MONEY_UNIT_FEN, u);

/** Exact fen for `value` in a money unit (a KPI "≥ 2.5 亿元"), or null if it is not a whole number of fen. */
export function kpiAmountFen(value: number, unit: MoneyUnit): bigint | null {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(String(value));
  if (!m) return null;
  const frac = m[2] ?? '';
  const scaled = BigInt(m[1] + frac) * MONEY_UNIT_FEN[unit];
  const div = 10n ** BigInt(frac.length);
  return scaled % div === 0n ? scaled / div : null;
}

/**
 * Fen → 万元 as a number rounded half up to two decimals (what an Excel cell or a printed table
 * holds): 4 000 000 000 fen → 4000, 1 234 567 fen → 1.23, 1 235 000 fen → 1.24. null for no amount.
 */
export function fenToWanNumber(fen: number | null | undefined): number | null {
  if (fen === null || fen === undefined || !Number.isSafeInteger(fen)) return null;
  const abs = BigInt(Math.abs(fen));
  const cents = (abs + 5_000n) / 10_000n; // hundredths of a 万元
  const n = Number(cents) / 100;
  return fen < 0 ? -n : n;
}

/** Fen → 万元 text with exactly two decimals, "4000.00"; '' for no amount. */
export function fenToWan2(fen: number | null | undefined): string {
  const n = fenToWanNumber(fen);
  return n === null ? '' : n.toFixed(2);
}
