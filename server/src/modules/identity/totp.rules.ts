import { authenticator } from 'otplib';

/** TOTP (RFC 6238): 6 digits, 30-second steps, one step of clock drift either way. */
export const TOTP_ISSUER = 'TransferOne 科转通';
export const TOTP_STEP_SECONDS = 30;

function at(now: Date) {
  return authenticator.clone({ epoch: now.getTime(), step: TOTP_STEP_SECONDS, window: 1 });
}

export function newTotpSecret(): string {
  return authenticator.generateSecret();
}

export function totpUri(account: string, secret: string): string {
  return authenticator.keyuri(account, TOTP_ISSUER, secret);
}

/** The code an authenticator shows at `now` (tests and the factories use it). */
export function totpCode(secret: string, now: Date): string {
  return at(now).generate(secret);
}

export function totpStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP_STEP_SECONDS);
}

/**
 * Checks a code at `now`. Returns the time step it belongs to, or null when wrong or when that
 * step (or a later one) was already used: a code is accepted once (replay protection).
 */
export function checkTotp(secret: string, code: string, now: Date, lastStep: number | null): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = at(now).checkDelta(code, secret);
  if (delta === null) return null;
  const step = totpStep(now) + delta;
  if (lastStep !== null && step <= lastStep) return null;
  return step;
}
