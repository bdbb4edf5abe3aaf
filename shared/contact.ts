/**
 * Contact details as people type them in China, judged the same way by the server's checklist and
 * the web form: 手机号 (11 digits, 1[3-9]…), 固定电话 (area code 0 + 2–3 digits, a 7–8 digit number,
 * an optional extension), e-mail (local@domain with a dot in the domain). Spaces and hyphens between
 * the groups are allowed; nothing else.
 */
import type { ZhEn } from './i18n.js';

/** 11 digits starting 13–19 (optionally +86 / 86 in front). */
export const MOBILE_RE = /^(?:\+?86[- ]?)?1[3-9]\d{9}$/;
/** 0 + 2–3 digit area code, 7–8 digit number (the first not 0 or 1), optional extension (转 / ext / - / #). */
export const LANDLINE_RE = /^(?:\(0\d{2,3}\)|0\d{2,3})[- ]?[2-9]\d{6,7}(?:(?:[- #]|转|ext\.?|x)\d{1,6})?$/i;
/** local@domain.tld: no spaces, one @, a dot inside the domain, a letter top-level domain of 2+. */
export const EMAIL_RE =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}$/;

const squeeze = (s: string) => s.trim().replace(/\s+/g, ' ');

export const isMobile = (s: string): boolean => MOBILE_RE.test(squeeze(s).replace(/[ -]/g, ''));
export const isLandline = (s: string): boolean => LANDLINE_RE.test(squeeze(s));
/** A phone field takes either a mobile or a landline number. */
export const isPhone = (s: string): boolean => isMobile(s) || isLandline(s);
export const isEmail = (s: string): boolean => {
  const v = s.trim();
  return v.length <= 254 && !v.includes('..') && EMAIL_RE.test(v);
};

/** ISO date YYYY-MM-DD that exists in the calendar (2023-02-30 does not). */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return (
    d.getUTCFullYear() === Number(m[1]) &&
    d.getUTCMonth() === Number(m[2]) - 1 &&
    d.getUTCDate() === Number(m[3])
  );
}

/** The message shown under a field, in both languages; `label` is the field's label pair. */
export const CONTACT_MESSAGES = {
  phone: (l: ZhEn): ZhEn => ({
    zh: `${l.zh}应为11位手机号（如 13812345678）或带区号的固定电话（如 021-64000000，分机可写作 021-64000000-123）`,
    en: `${l.en} must be an 11-digit mobile number (e.g. 13812345678) or a landline with its area code (e.g. 021-64000000, extension 021-64000000-123)`,
  }),
  mobile: (l: ZhEn): ZhEn => ({
    zh: `${l.zh}应为11位手机号，以1开头（如 13812345678）`,
    en: `${l.en} must be an 11-digit mobile number starting with 1 (e.g. 13812345678)`,
  }),
  email: (l: ZhEn): ZhEn => ({
    zh: `${l.zh}格式不正确，应如 name@example.com（域名中须有“.”）`,
    en: `${l.en} is not an e-mail address; it looks like name@example.com (with a dot in the domain)`,
  }),
  date: (l: ZhEn): ZhEn => ({
    zh: `${l.zh}应为有效日期（年-月-日，如 2024-01-01）`,
    en: `${l.en} must be a valid date (YYYY-MM-DD, e.g. 2024-01-01)`,
  }),
  dateOrder: (end: ZhEn, start: ZhEn): ZhEn => ({
    zh: `${end.zh}应晚于${start.zh}`,
    en: `The ${end.en.toLowerCase()} must be after the ${start.en.toLowerCase()}`,
  }),
} as const;
