/** 万元 ⇄ fen (分) without floating point: 1 万元 = 1,000,000 fen. */
const WAN_RE = /^\s*(\d{1,9})(?:\.(\d{0,6}))?\s*$/;

/** "12.5" 万元 → 12500000 fen; null for empty; undefined for malformed input. */
export function wanToFen(input: string | number | null | undefined): number | null | undefined {
  if (input === null || input === undefined) return null;
  const s = String(input).trim();
  if (s === '') return null;
  const m = WAN_RE.exec(s);
  if (!m) return undefined;
  const frac = (m[2] ?? '').padEnd(6, '0');
  return Number(m[1]) * 1_000_000 + Number(frac);
}

/** 12500000 fen → "12.5" (万元), exact. */
export function fenToWan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '';
  const whole = Math.floor(fen / 1_000_000);
  const frac = String(fen % 1_000_000)
    .padStart(6, '0')
    .replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : String(whole);
}

/** A range in 万元 for display, e.g. "200 – 500 万元". */
export function wanRange(min: number | null, max: number | null, unit: string, none: string): string {
  if (min === null && max === null) return none;
  if (min !== null && max !== null)
    return min === max ? `${fenToWan(min)} ${unit}` : `${fenToWan(min)} – ${fenToWan(max)} ${unit}`;
  if (min !== null) return `≥ ${fenToWan(min)} ${unit}`;
  return `≤ ${fenToWan(max)} ${unit}`;
}

/** Antd form rule for a 万元 amount. */
export const wanRule = (msg: string) => ({
  validator: (_: unknown, v: unknown) =>
    v === undefined || v === null || v === '' || wanToFen(String(v)) !== undefined
      ? Promise.resolve()
      : Promise.reject(new Error(msg)),
});
