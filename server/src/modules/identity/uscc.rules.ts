/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from the 31-character set 0-9 A-Z without
 * I, O, Z, S, V. Positions 1–2: registration authority and organisation type; 3–8: the
 * administrative division code (digits); 9–17: the organisation code; 18: check character.
 *
 * Decision: input is trimmed and upper-cased before checking (people type 91310000ma1k4…);
 * the normalised form is what is stored.
 */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
export const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

export type UsccProblem =
  | { code: 'uscc_length'; length: number }
  | { code: 'uscc_charset'; position: number; char: string }
  | { code: 'uscc_region'; position: number }
  | { code: 'uscc_check'; expected: string; actual: string };

export type UsccResult = { ok: true; value: string } | { ok: false; problem: UsccProblem };

/** The check character for the first 17 characters (which must be in the set). */
export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARSET.indexOf(first17[i]) * USCC_WEIGHTS[i];
  const c = (31 - (sum % 31)) % 31;
  return USCC_CHARSET[c];
}

export function validateUscc(input: string): UsccResult {
  const code = input.trim().toUpperCase();
  if (code.length !== 18) return { ok: false, problem: { code: 'uscc_length', length: code.length } };
  for (let i = 0; i < 18; i++) {
    if (!USCC_CHARSET.includes(code[i])) {
      return { ok: false, problem: { code: 'uscc_charset', position: i + 1, char: code[i] } };
    }
  }
  for (let i = 2; i < 8; i++) {
    if (!/[0-9]/.test(code[i])) return { ok: false, problem: { code: 'uscc_region', position: i + 1 } };
  }
  const expected = usccCheckChar(code.slice(0, 17));
  if (expected !== code[17])
    return { ok: false, problem: { code: 'uscc_check', expected, actual: code[17] } };
  return { ok: true, value: code };
}

/** zh / en message for a problem, shown next to the field. */
export function usccMessage(p: UsccProblem): { zh: string; en: string } {
  switch (p.code) {
    case 'uscc_length':
      return {
        zh: `统一社会信用代码应为18位，当前为${p.length}位`,
        en: `The unified social credit code has 18 characters; this one has ${p.length}`,
      };
    case 'uscc_charset':
      return {
        zh: `统一社会信用代码第${p.position}位“${p.char}”不是有效字符（不使用 I、O、Z、S、V）`,
        en: `Character ${p.position} (“${p.char}”) is not allowed in a unified social credit code (I, O, Z, S, V are never used)`,
      };
    case 'uscc_region':
      return {
        zh: `统一社会信用代码第3–8位应为行政区划码（数字），第${p.position}位不是数字`,
        en: `Characters 3–8 are the administrative division code (digits); character ${p.position} is not a digit`,
      };
    case 'uscc_check':
      return {
        zh: '统一社会信用代码校验位不正确，请核对后重新输入',
        en: 'The check character of the unified social credit code is wrong; please check the code',
      };
  }
}

/**
 * The administrative division code (GB/T 2260) in characters 3–8 of a USCC: the division of the
 * registering authority, i.e. where the organisation is registered. null when those are not digits.
 */
export function usccDivisionCode(uscc: string): string | null {
  const code = uscc.trim().toUpperCase().slice(2, 8);
  return /^\d{6}$/.test(code) ? code : null;
}
