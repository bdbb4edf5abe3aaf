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
}

const registry = new Map<string, PermissionDef>();

export const PUBLIC = 'public';
export const AUTHENTICATED = 'authenticated';

export function definePermissions(defs: Record<string, PermissionDef>): void {
  for (const [name, def] of Object.entries(defs)) {
    if (!/^[a-z][a-zA-Z]*(\.[a-z][a-zA-Z]*)+$/.test(name)) throw new Error(`bad permission name ${name}`);
    const prev = registry.get(name);
    if (prev && prev !== def && JSON.stringify(prev) !== JSON.stringify(def)) {
      throw new Error(`permission ${name} defined twice`);
    }
    registry.set(name, def);
  }
}

export function permissionDef(name: string): PermissionDef | undefined {
  return registry.get(name);
}

export function allPermissions(): Array<[string, PermissionDef]> {
  return [...registry.entries()].sort(([a], [b]) => a.localeCompare(b));
}

export function isKnownPermission(name: string): boolean {
  return name === PUBLIC || name === AUTHENTICATED || registry.has(name);
}

export function roleHasPermission(role: Role, name: string): boolean {
  if (name === PUBLIC || name === AUTHENTICATED) return true;
  return registry.get(name)?.roles.includes(role) ?? false;
}

export function actorHas(
  actor: { readonly roles: readonly Role[] } | null | undefined,
  name: string,
): boolean {
  if (name === PUBLIC) return true;
  if (!actor) return false;
  return actor.roles.some((r) => roleHasPermission(r, name));
}

/** Permissions an actor holds, for the web client to show only what can be done. */
export function permissionsOf(actor: Pick<Actor, 'roles'>): string[] {
  return allPermissions()
    .filter(([, d]) => d.roles.some((r) => actor.roles.includes(r)))
    .map(([n]) => n);
}

/** Policy answers live in decision.ts; re-exported here for the modules that import them from the registry. */
export { ALLOW, deny, type Decision } from './decision.js';
