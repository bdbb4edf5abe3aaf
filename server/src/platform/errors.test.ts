import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../app.js';
import { REFUSAL_PROBLEMS } from './decision.js';
import {
  DomainError,
  assertErrorCodesRegistered,
  isRegisteredErrorCode,
  registerErrorCodes,
  type ErrorCode,
} from './errors.js';

/**
 * Error codes are typed constants (issue 9: "an unknown code fails typecheck or start-up, never a 500
 * to a user"). The type comes from the registered tables; the app lists every table and checks at
 * start-up that each code has a status and zh/en text.
 */
describe('error codes', () => {
  it('an unknown code does not typecheck', () => {
    // @ts-expect-error 'no_such_code' is not an ErrorCode: a typo fails `tsc`, not a user's request
    const e = new DomainError('no_such_code');
    // at run time an unregistered code would be a 500: the very answer the type and the start-up check prevent
    expect(e.status).toBe(500);
  });

  it('the start-up check refuses a code nobody registered, naming it', () => {
    expect(() => assertErrorCodesRegistered(['forbidden', 'never_registered_code'])).toThrow(
      /never_registered_code/,
    );
    expect(isRegisteredErrorCode('never_registered_code')).toBe(false);
  });

  it('the start-up check refuses a code registered without a client-error or server-error status or text', () => {
    registerErrorCodes({ test_ok_status: { status: 200, zh: '好', en: 'ok' } });
    registerErrorCodes({ test_no_text: { status: 409, zh: ' ', en: 'Conflict' } });
    expect(() => assertErrorCodesRegistered(['test_ok_status'])).toThrow(/test_ok_status/);
    expect(() => assertErrorCodesRegistered(['test_no_text'])).toThrow(/test_no_text/);
  });

  it("every code of the app's tables is registered and answers with its own status, not 500", () => {
    const codes = Object.keys(ERROR_CODES) as ErrorCode[];
    expect(codes).toContain('call_incomplete');
    expect(codes).toContain('mfa_already_enabled');
    expect(codes).toContain('application_incomplete');
    expect(() => assertErrorCodesRegistered(codes)).not.toThrow();
    for (const c of codes) {
      const e = new DomainError(c);
      expect(e.status, c).toBe(ERROR_CODES[c].status);
      expect(e.messageZh, c).toBe(ERROR_CODES[c].zh);
      if (c !== 'internal') expect(e.status, c).not.toBe(500);
    }
  });

  it('every problem a refusal is answered with is a registered error code', () => {
    expect(() => assertErrorCodesRegistered(REFUSAL_PROBLEMS)).not.toThrow();
  });

  it('registering a code twice with another meaning fails at start-up', () => {
    expect(() => registerErrorCodes({ forbidden: { status: 400, zh: '别的', en: 'other' } })).toThrow(
      /registered twice/,
    );
  });
});
