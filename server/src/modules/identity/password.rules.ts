import { randomInt } from 'node:crypto';
import { fieldError, type FieldError } from '../../platform/errors.js';

/** MLPS level-3 password rules for staff (SECURITY_PROFILE=mlps3, docs/SECURITY.md). */
export const MLPS_PASSWORD_MIN_LENGTH = 12;
/** Of upper-case letters, lower-case letters, digits and symbols, a staff password uses at least this many. */
export const MLPS_PASSWORD_MIN_CLASSES = 3;
/** A staff password older than this must be changed at the next sign-in. */
export const MLPS_PASSWORD_MAX_AGE_DAYS = 90;
/** The new password may not be any of the last this-many passwords (the current one included). */
export const MLPS_PASSWORD_HISTORY = 5;

/** How many of the four classes (upper, lower, digit, symbol) a password uses. */
export function characterClasses(password: string): number {
  return [/\p{Lu}/u, /\p{Ll}/u, /\p{Nd}/u, /[^\p{L}\p{Nd}]/u].filter((re) => re.test(password)).length;
}

/** Whether a staff password set at `changedAt` is past the MLPS maximum age at `now`. */
export function passwordExpired(changedAt: Date | string | null, now: Date): boolean {
  if (!changedAt) return true;
  return now.getTime() - new Date(changedAt).getTime() > MLPS_PASSWORD_MAX_AGE_DAYS * 86_400_000;
}

/**
 * Password policy: at least 10 characters, with letters and digits; not the username. With
 * `mlps: true` (a staff account under SECURITY_PROFILE=mlps3) the MLPS level-3 rules replace the
 * first two: at least 12 characters and 3 of the 4 character classes.
 */
export function checkPasswordPolicy(
  password: string,
  field = 'newPassword',
  username?: string,
  opts: { mlps?: boolean } = {},
): FieldError[] {
  const errors: FieldError[] = [];
  if (opts.mlps) {
    if (password.length < MLPS_PASSWORD_MIN_LENGTH) {
      errors.push(
        fieldError(
          field,
          'password_too_short',
          `密码至少${MLPS_PASSWORD_MIN_LENGTH}位（等保三级）`,
          `The password needs at least ${MLPS_PASSWORD_MIN_LENGTH} characters (MLPS level 3)`,
        ),
      );
    }
    if (characterClasses(password) < MLPS_PASSWORD_MIN_CLASSES) {
      errors.push(
        fieldError(
          field,
          'password_too_simple',
          '密码须包含大写字母、小写字母、数字、符号中的至少三类（等保三级）',
          'The password needs at least 3 of: upper-case letters, lower-case letters, digits, symbols (MLPS level 3)',
        ),
      );
    }
  }
  if (!opts.mlps && password.length < 10) {
    errors.push(
      fieldError(field, 'password_too_short', '密码至少10位', 'The password needs at least 10 characters'),
    );
  }
  if (!opts.mlps && (!/[A-Za-z]/.test(password) || !/[0-9]/.test(password))) {
    errors.push(
      fieldError(
        field,
        'password_too_simple',
        '密码须同时包含字母和数字',
        'The password needs both letters and digits',
      ),
    );
  }
  if (password.length > 200) {
    errors.push(
      fieldError(
        field,
        'password_too_long',
        '密码不能超过200位',
        'The password may have at most 200 characters',
      ),
    );
  }
  if (username && password.toLowerCase().includes(username.toLowerCase())) {
    errors.push(
      fieldError(
        field,
        'password_contains_username',
        '密码不能包含用户名',
        'The password may not contain the username',
      ),
    );
  }
  return errors;
}

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';

/** A random initial password that meets the policy (shown once to the admin who made it). */
export function generateInitialPassword(length = 14, opts: { mlps?: boolean } = {}): string {
  for (;;) {
    let s = '';
    for (let i = 0; i < length; i++) s += ALPHABET[randomInt(ALPHABET.length)];
    if (checkPasswordPolicy(s, 'password', undefined, opts).length === 0) return s;
  }
}

/** The zh/en refusal of a password that is one of the last {@link MLPS_PASSWORD_HISTORY}. */
export function passwordReusedError(field = 'newPassword'): FieldError {
  return fieldError(
    field,
    'password_reused',
    `新密码不能与最近${MLPS_PASSWORD_HISTORY}次使用过的密码相同（等保三级）`,
    `The new password may not be one of your last ${MLPS_PASSWORD_HISTORY} passwords (MLPS level 3)`,
  );
}
