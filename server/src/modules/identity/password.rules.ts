import { randomInt } from 'node:crypto';
import { fieldError, type FieldError } from '../../platform/errors.js';

/** Password policy: at least 10 characters, with letters and digits; not the username. */
export function checkPasswordPolicy(
  password: string,
  field = 'newPassword',
  username?: string,
): FieldError[] {
  const errors: FieldError[] = [];
  if (password.length < 10) {
    errors.push(
      fieldError(field, 'password_too_short', '密码至少10位', 'The password needs at least 10 characters'),
    );
  }
  if (!/[A-Za-z]/.test(password) || !/[0-9]/.test(password)) {
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
export function generateInitialPassword(length = 14): string {
  for (;;) {
    let s = '';
    for (let i = 0; i < length; i++) s += ALPHABET[randomInt(ALPHABET.length)];
    if (checkPasswordPolicy(s).length === 0) return s;
  }
}
