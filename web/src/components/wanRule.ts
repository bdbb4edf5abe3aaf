/** Antd form rule for an amount typed in 万元: empty is fine, anything that is not an amount is refused. */
import { isWan } from '../../../shared/money.js';

export const wanRule = (message: string) => ({
  validator: (_r: unknown, v: unknown) =>
    v === undefined || v === null || isWan(String(v))
      ? Promise.resolve()
      : Promise.reject(new Error(message)),
});
