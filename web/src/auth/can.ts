import type { Me, PermissionName } from '../api/types.js';

/**
 * True when the user holds any of the named permissions (the server checks again on every call).
 * The names are the server registry's, generated into the client: a misspelt or renamed one fails
 * the web typecheck.
 */
export function can(me: Me, ...perms: PermissionName[]): boolean {
  return perms.some((p) => me.permissions.includes(p));
}
