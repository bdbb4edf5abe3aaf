/**
 * Money for Programme I: entered in 万元 as decimal text, sent as integer fen (1 万元 = 1 000 000 分).
 * Conversions parse the decimal string and use BigInt, so 0.1 + 0.2 never drifts.
 */
export const FEN_PER_WAN = 1_000_000;

/** "123.45" 万元 → 1 234 500 000 fen; undefined for empty input, null when not a valid amount. */
export function wanToFen(text: string | number | null | undefined): number | null | undefined {
  if (text === null || text === undefined) return undefined;
  const s = String(text).trim().replace(/,/g, '');
  if (s === '') return undefined;
  const m = /^(\d+)(?:\.(\d{0,6}))?$/.exec(s);
  if (!m) return null;
  const frac = (m[2] ?? '').padEnd(6, '0');
  const fen = BigInt(m[1]) * 1_000_000n + BigInt(frac || '0');
  return fen > BigInt(Number.MAX_SAFE_INTEGER) ? null : Number(fen);
}

/** 1 234 500 000 fen → "1234.5" (万元, trailing zeros trimmed). */
export function fenToWan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isSafeInteger(fen)) return '';
  const neg = fen < 0;
  const abs = BigInt(Math.abs(fen));
  const whole = abs / 1_000_000n;
  const rest = abs % 1_000_000n;
  const text =
    rest === 0n ? whole.toString() : `${whole}.${rest.toString().padStart(6, '0').replace(/0+$/, '')}`;
  return neg ? `-${text}` : text;
}

/** Display: "500 万元" / "CNY 5,000,000". */
export function showFen(fen: number | null | undefined, lang: string): string {
  if (fen === null || fen === undefined) return '—';
  if (lang === 'en') {
    const yuan = BigInt(fen) / 100n;
    const cents = BigInt(fen) % 100n;
    return `CNY ${yuan.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${cents ? `.${cents.toString().padStart(2, '0')}` : ''}`;
  }
  return `${fenToWan(fen)} 万元`;
}
