/** The application deadline, judged on the server's receive instant in Asia/Shanghai. */
import type { Call } from './call.schema.js';
import { DomainError } from '../../platform/errors.js';
import './calls.permissions.js';

export type DeadlineState = 'notOpen' | 'open' | 'closed';

/**
 * The application window is the half-open interval [opensAt, closesAt), judged on the server's receive
 * instant (never the client's clock). opensAt and closesAt are absolute instants written with +08:00
 * (Asia/Shanghai), so the comparison is a plain comparison of epoch milliseconds:
 *   now <  opensAt            → 'notOpen'
 *   opensAt ≤ now < closesAt  → 'open'    (a submission received at 16:29:59.999 is accepted)
 *   now ≥ closesAt            → 'closed'  (a submission received at exactly 16:30:00.000 is refused)
 * The guide's 截止时间 16:30 is thus read as "the window has closed at 16:30:00".
 */
export function deadlineState(call: Pick<Call, 'window'>, now: Date): DeadlineState {
  const t = now.getTime();
  if (Number.isNaN(t)) throw new DomainError('invalid_instant');
  if (t < Date.parse(call.window.opensAt)) return 'notOpen';
  if (t < Date.parse(call.window.closesAt)) return 'open';
  return 'closed';
}

/** Formats an instant in Asia/Shanghai, e.g. "2023-10-30 16:30:00" (shared/time.ts). */
export { formatShanghai } from '../../../../shared/time.js';
