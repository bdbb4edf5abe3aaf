/** Form rule for an amount typed in 万元: empty is fine, anything that is not a valid amount is refused. */
import type { PKey } from './i18n.js';
import { wanToFen } from './money.js';

export const moneyRule = (p: (k: PKey) => string) => ({
  validator: (_r: unknown, v: string) =>
    wanToFen(v) === null ? Promise.reject(new Error(p('f.moneyBad'))) : Promise.resolve(),
});
