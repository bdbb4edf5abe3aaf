import type { Me } from '../api/types.js';

/** True when the user holds any of the named permissions (the server checks again on every call). */
export function can(me: Me, ...perms: string[]): boolean {
  return perms.some((p) => me.permissions.includes(p));
}
