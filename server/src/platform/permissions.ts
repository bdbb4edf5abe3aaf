import type { Actor, Role } from './roles.js';

/**
 * The permission registry (`resource.action`, with Chinese labels). Every route declares one
 * permission in its config, or `public` / `authenticated`; the app refuses to start with a route
 * that declares none or names an unknown one. Policies (object state, ownership) run in services.
 */
export interface PermissionDef {
  zh: string;
  en: string;
  roles: readonly Role[];
  /** A sensitive permission needs a proof of identity (password/TOTP) younger than REAUTH_MINUTES. */
  sensitive?: true;
  /**
   * Roles that lose this permission under the MLPS level-3 profile (SECURITY_PROFILE=mlps3): the
   * separation of the system, security and audit administrators (docs/SECURITY.md).
   */
  notUnderMlps3?: readonly Role[];
}

/** Which profile a permission check runs under (`mlps3`, or the standard one). */
export type PermissionProfile = 'mlps3' | undefined;

const registry = new Map<string, PermissionDef>();

export const PUBLIC = 'public';
export const AUTHENTICATED = 'authenticated';

/** The names of a registered table, as members of {@link PermissionNames}. */
export type NameSet<T> = { readonly [K in keyof T]: true };

/**
 * Every permission name, known at compile time. A module adds its names by declaration merging in the
 * file that registers them:
 *
 * ```ts
 * export const CALL_PERMISSIONS = definePermissions({ 'call.read': { zh, en, roles } });
 * declare module '../../platform/permissions.js' {
 *   interface PermissionNames extends NameSet<typeof CALL_PERMISSIONS> {}
 * }
 * ```
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface PermissionNames {}
export type PermissionName = keyof PermissionNames & string;
/** What a route or workflow transition may require: a registered name, `public` or `authenticated`. */
export type RoutePermission = PermissionName | typeof PUBLIC | typeof AUTHENTICATED;

/** The one naming scheme: `resource.action`, both camelCase (`user.resetPassword`, `ongoingProjects.import`). */
export const PERMISSION_NAME = /^[a-z][a-zA-Z]*\.[a-z][a-zA-Z]*$/;

/** Registers permissions and returns the table, typed (its keys merge into {@link PermissionNames}). */
export function definePermissions<const T extends Record<`${string}.${string}`, PermissionDef>>(defs: T): T {
  for (const [name, def] of Object.entries(defs) as Array<[string, PermissionDef]>) {
    if (!PERMISSION_NAME.test(name)) throw new Error(`bad permission name ${name} (resource.action)`);
    const prev = registry.get(name);
    if (prev && prev !== def && JSON.stringify(prev) !== JSON.stringify(def)) {
      throw new Error(`permission ${name} defined twice`);
    }
    registry.set(name, def);
  }
  return defs;
}

export function permissionDef(name: string): PermissionDef | undefined {
  return registry.get(name);
}

/** Whether the gate asks a fresh proof of identity for this permission (role grants, exports of personal data, …). */
export function isSensitive(name: string): boolean {
  return registry.get(name)?.sensitive === true;
}

/** Whether the actor's last proof of identity is older than `reauthMs` (then a sensitive action is refused). */
export function proofIsStale(
  actor: { readonly authenticatedAt: Date },
  now: Date,
  reauthMs: number,
): boolean {
  return now.getTime() - actor.authenticatedAt.getTime() > reauthMs;
}

export function allPermissions(): Array<[PermissionName, PermissionDef]> {
  return ([...registry.entries()] as Array<[PermissionName, PermissionDef]>).sort(([a], [b]) =>
    a.localeCompare(b),
  );
}

export function isKnownPermission(name: string): name is RoutePermission {
  return name === PUBLIC || name === AUTHENTICATED || registry.has(name);
}

function defGrants(d: PermissionDef, role: Role, profile: PermissionProfile): boolean {
  if (!d.roles.includes(role)) return false;
  return !(profile === 'mlps3' && d.notUnderMlps3?.includes(role));
}

export function roleHasPermission(role: Role, name: RoutePermission, profile?: PermissionProfile): boolean {
  if (name === PUBLIC || name === AUTHENTICATED) return true;
  const d = registry.get(name);
  return d ? defGrants(d, role, profile) : false;
}

export function actorHas(
  actor: { readonly roles: readonly Role[]; readonly profile?: PermissionProfile } | null | undefined,
  name: RoutePermission,
): boolean {
  if (name === PUBLIC) return true;
  if (!actor) return false;
  return actor.roles.some((r) => roleHasPermission(r, name, actor.profile));
}

/** Permissions an actor holds, for the web client to show only what can be done. */
export function permissionsOf(actor: Pick<Actor, 'roles' | 'profile'>): PermissionName[] {
  return allPermissions()
    .filter(([, d]) => actor.roles.some((r) => defGrants(d, r, actor.profile)))
    .map(([n]) => n);
}

/** Policy answers live in decision.ts; re-exported here for the modules that import them from the registry. */
export { ALLOW, deny, type Decision } from './decision.js';
