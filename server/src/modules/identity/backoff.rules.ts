import { formatShanghai } from '../../../../shared/time.js';

/**
 * Sign-in back-off (OWASP ASVS 5.0 V6.3: no lock a stranger can trigger). Failures are counted per
 * typed account name + IP address — the name as typed, so an unknown name behaves exactly like a
 * known one. The first BACKOFF_FREE_FAILURES - 1 failures cost nothing; the BACKOFF_FREE_FAILURES-th
 * pauses sign-in for that name from that address for BACKOFF_BASE_MS, and each further failure
 * doubles the pause up to BACKOFF_CAP_MS. A success clears it; a quiet BACKOFF_FORGET_MS forgets it.
 * Another address is never held up by it.
 */
export const BACKOFF_FREE_FAILURES = 3;
export const BACKOFF_BASE_MS = 60_000;
export const BACKOFF_CAP_MS = 15 * 60_000;
export const BACKOFF_FORGET_MS = 24 * 3600_000;

/** The pause after the n-th failure in a row (0 while under the threshold). */
export function backoffDelayMs(failures: number): number {
  if (failures < BACKOFF_FREE_FAILURES) return 0;
  return Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (failures - BACKOFF_FREE_FAILURES));
}

/** The account name as the back-off and the throttles key it: trimmed, lower case. */
export function accountKey(typed: string): string {
  return typed.trim().toLowerCase();
}

/** "2030年1月1日 10:01:00" / "2030-01-01 10:01:00", both Beijing time. */
export function pausedUntilText(until: Date): { zh: string; en: string } {
  return {
    zh: formatShanghai(until, 'YYYY年M月D日 HH:mm:ss'),
    en: formatShanghai(until, 'YYYY-MM-DD HH:mm:ss'),
  };
}

/** Whole seconds until `until`, at least 1 (the Retry-After header). */
export function secondsUntil(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
}
