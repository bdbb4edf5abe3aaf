/**
 * 居民身份证号码 (GB 11643-1999): 17 digits (6 address code, 8 birth date YYYYMMDD, 3 sequence)
 * and a check character from weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, mod 11 → 1 0 X 9 8 7 6 5 4 3 2.
 * A lowercase x is normalised to X.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export type IdNumberProblem = 'id_format' | 'id_birthdate' | 'id_check';
export type IdNumberResult = { ok: true; value: string } | { ok: false; problem: IdNumberProblem };

export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

/** `today`: a birth date after it is refused; omitted (a pure content check), only the date's validity is judged. */
export function validateIdNumber(input: string, today?: Date): IdNumberResult {
  const v = input.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(v)) return { ok: false, problem: 'id_format' };
  const y = Number(v.slice(6, 10));
  const m = Number(v.slice(10, 12));
  const d = Number(v.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (
    y < 1900 ||
    birth.getUTCMonth() !== m - 1 ||
    birth.getUTCDate() !== d ||
    (today !== undefined && birth.getTime() > today.getTime())
  ) {
    return { ok: false, problem: 'id_birthdate' };
  }
  if (idNumberCheckChar(v) !== v[17]) return { ok: false, problem: 'id_check' };
  return { ok: true, value: v };
}

export const ID_NUMBER_MESSAGES: Record<IdNumberProblem, { zh: string; en: string }> = {
  id_format: {
    zh: '身份证号应为18位（前17位为数字，末位为数字或X）',
    en: 'An ID number has 17 digits and a digit or X',
  },
  id_birthdate: { zh: '身份证号中的出生日期无效', en: 'The birth date in the ID number is not a valid date' },
  id_check: { zh: '身份证号校验位不正确', en: 'The check character of the ID number is wrong' },
};
