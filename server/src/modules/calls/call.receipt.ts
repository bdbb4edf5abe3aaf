import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db-types.js';
import { nextReceiptSeq as takeReceiptSeq } from './calls.repo.js';

/**
 * The call's next receipt number (受理编号 sequence). Call inside the submit transaction: the
 * call's row stays locked until it commits, so two submissions never get the same number.
 */
export function nextReceiptSeq(trx: Kysely<DB>, callId: string): Promise<number> {
  return takeReceiptSeq(trx, callId);
}
