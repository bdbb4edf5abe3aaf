/**
 * Personal data is masked by default wherever it leaves the record: lists, exports, logs, audit.
 * 身份证号 110101199003071234 → 110101********1234; 手机 13812345678 → 138****5678.
 *
 * Answers are masked by their schema (platform/http/personal.ts: a `personal` kind per field). What
 * has no schema — log lines, audit records' before/after/detail, job payloads — is masked here by
 * what its keys name (`keyKind`: `contactPhone`, `lead_id_number`, `researcherContact.email` …),
 * because a free-form object is all there is to read. docs/SECURITY.md §Personal data says where.
 */
const PERSONAL_KEYS = new Set(['idNumber', 'id_number', 'phone', 'mobile', 'phoneNumber', 'phone_number']);
const SECRET_KEYS = new Set([
  'password',
  'passwordHash',
  'password_hash',
  'totpSecret',
  'totp_secret',
  'token',
  'secret',
  'currentPassword',
  'newPassword',
]);

export function maskIdNumber(v: string): string {
  if (v.length <= 8) return '*'.repeat(v.length);
  return v.slice(0, 6) + '*'.repeat(v.length - 10) + v.slice(-4);
}

export function maskPhone(v: string): string {
  const digits = v.replace(/\s/g, '');
  if (digits.length < 7) return '*'.repeat(digits.length);
  return digits.slice(0, 3) + '*'.repeat(digits.length - 7) + digits.slice(-4);
}

/** zhangsan@example.cn → z***@example.cn (the domain stays: it names the organisation, not the person). */
export function maskEmail(v: string): string {
  const at = v.lastIndexOf('@');
  if (at <= 0) return v.length <= 1 ? '*' : v[0] + '***';
  if (/^.\*\*\*@/.test(v)) return v;
  return v[0] + '***' + v.slice(at);
}

/** 张三 → 张*, 欧阳娜娜 → 欧***, Zhang San → Z***. */
export function maskName(v: string): string {
  const chars = [...v.trim()];
  if (chars.length === 0) return v;
  if (/^[\u4e00-\u9fff·]+$/.test(v.trim())) return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
  return chars[0] + '***';
}

/** A value under a key, masked by what the key names (keyKind); other values as they are. */
export function maskValue(key: string, v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const kind = keyKind(key);
  if (kind === 'secret') return '[redacted]';
  if (kind === 'idNumber') return maskIdNumber(v);
  if (kind === 'phone') return maskPhone(v);
  if (kind === 'email') return maskEmail(v);
  return v;
}

/** A deep copy with personal fields masked and secrets removed. */
export function maskPersonal<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return value;
  if (Array.isArray(value)) return value.map((x) => maskPersonal(x)) as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] = typeof v === 'object' && v !== null ? maskPersonal(v) : maskValue(k, v);
  }
  return out as T;
}

/** What a key names, whatever its spelling (`passwordHash`, `lead_id_number`, `contactPhone`). */
export type KeyKind = 'secret' | 'idNumber' | 'phone' | 'email' | 'plain';
export function keyKind(key: string): KeyKind {
  const k = key.toLowerCase().replace(/[_-]/g, '');
  if (SECRET_KEYS.has(key) || /password|secret|token|totp|cookie|authorization|apikey/.test(k))
    return 'secret';
  if (k.endsWith('idnumber') || k.endsWith('idcard')) return 'idNumber';
  if (PERSONAL_KEYS.has(key) || /phone|mobile/.test(k)) return 'phone';
  if (/e?mail(address)?$/.test(k)) return 'email';
  return 'plain';
}

const ID_NUMBER_IN_TEXT = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
const PHONE_IN_TEXT = /(?<!\d)1[3-9]\d{9}(?!\d)/g;
const ARGON2_IN_TEXT = /\$argon2(?:id|i|d)\$[^\s"',;)]*/g;
/** an address in free text (an SMTP reply: `550 <zhang@example.cn> rejected`); a masked one is left */
const EMAIL_IN_TEXT = /(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;

/** Free text (an error message, a URL, a stack) with ID numbers, mobile numbers, e-mail addresses and password hashes masked. */
export function scrubText(v: string): string {
  return v
    .replace(ARGON2_IN_TEXT, '[redacted]')
    .replace(EMAIL_IN_TEXT, (m) => maskEmail(m))
    .replace(ID_NUMBER_IN_TEXT, (m) => maskIdNumber(m))
    .replace(PHONE_IN_TEXT, (m) => maskPhone(m));
}

/** Paths for pino's redaction of request logs. */
export const LOG_REDACT_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  '*.password',
  '*.idNumber',
  '*.phone',
  '*.mobile',
  '*.totpSecret',
];
