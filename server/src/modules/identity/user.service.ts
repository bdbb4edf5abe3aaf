import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import { appendAudit } from '../../platform/audit.js';
import { DomainError, fieldError, validationError, type FieldError } from '../../platform/errors.js';
import { maskIdNumber, maskPhone } from '../../platform/mask.js';
import { isMlpsStaff, type Role } from '../../platform/roles.js';
import { hashPassword } from './identity.crypto.js';
import { permissionProfile } from '../../platform/config.js';
import { actorHas } from '../../platform/permissions.js';
import { adminRolesSeparated, changedRoles, mayGrant } from './admin-roles.rules.js';
import { auditActor, type Caller } from '../../platform/caller.js';
import { enforce } from '../../platform/enforce.js';
import { canAssignRoles, canManageUser, canReadUser, canSetStatus, userScope } from './identity.policy.js';
import {
  clearBackoff,
  deleteUserSessions,
  findUserById,
  replacePassword,
  updateUser,
} from './identity.repo.js';
import { accountKey } from './backoff.rules.js';
import { ID_NUMBER_MESSAGES, validateIdNumber } from './idnumber.rules.js';
import { findOrg } from './org.repo.js';
import { MLPS_PASSWORD_HISTORY, checkPasswordPolicy, generateInitialPassword } from './password.rules.js';
import { findIdNumber, findUserView, listUsers, usernameTaken, type UserView } from './user.repo.js';
import type { CreateUserBody, PatchUserBody, SetRolesBody, UserQuery } from './user.schema.js';

/** A user as lists and details show it: ID number and phone always masked. */
export function userDto(u: UserView, now: Date) {
  return {
    id: u.id,
    username: u.username,
    name: u.name,
    email: u.email,
    phone: u.phone ? maskPhone(u.phone) : null,
    idNumber: u.id_number ? maskIdNumber(u.id_number) : null,
    orgId: u.org_id,
    orgName: u.org_name,
    orgType: u.org_type,
    roles: u.roles,
    status: u.status,
    locked: !!u.locked_until && new Date(u.locked_until).getTime() > now.getTime(),
    mfaEnabled: u.totp_enabled,
    linkedYwtb: !!u.ywtb_subject,
    version: u.version,
    createdAt: new Date(u.created_at).toISOString(),
    updatedAt: new Date(u.updated_at).toISOString(),
  };
}

/** Audit view (appendAudit masks phone and idNumber itself). */
const auditView = (u: Record<string, unknown>) => u;

const notFound = () => new DomainError('not_found', { zh: '用户不存在', en: 'No such user' });

function idNumberErrors(
  v: string | null | undefined,
  now: Date,
): { value?: string | null; errors: FieldError[] } {
  if (v === undefined || v === null || v === '') return { value: v === '' ? null : v, errors: [] };
  const r = validateIdNumber(v, now);
  if (r.ok) return { value: r.value, errors: [] };
  const m = ID_NUMBER_MESSAGES[r.problem];
  return { errors: [fieldError('idNumber', r.problem, m.zh, m.en)] };
}

export async function listUsersFor(ctx: AppContext, caller: Caller, q: UserQuery) {
  const scope = userScope(caller.actor);
  const { total, items } = await listUsers(ctx.db, { ...q, scopeOrgId: scope.orgId });
  const now = ctx.now();
  return { total, items: items.map((u) => userDto(u, now)) };
}

async function load(ctx: AppContext, id: string) {
  const u = await findUserView(ctx.db, id);
  if (!u) throw notFound();
  return u;
}

/** Loads a user the actor may manage (refused and audited otherwise) for an account action. */
async function loadManaged(ctx: AppContext, caller: Caller, id: string, action: string) {
  const cur = await load(ctx, id);
  await enforce(ctx, caller, canManageUser(caller.actor, { orgId: cur.org_id, roles: cur.roles }), {
    action,
    objectType: 'user',
    objectId: id,
  });
  return cur;
}

export async function getUser(ctx: AppContext, caller: Caller, id: string) {
  const u = await load(ctx, id);
  await enforce(ctx, caller, canReadUser(caller.actor, { orgId: u.org_id }), {
    action: 'user.read',
    objectType: 'user',
    objectId: id,
  });
  return userDto(u, ctx.now());
}

/**
 * Creates an account. Its password is administrator-set, so the user must change it before anything
 * else (`mustChangePassword`), except for accounts whose password is meant to stay (the demo seed).
 */
export async function createUserFor(
  ctx: AppContext,
  caller: Caller,
  input: CreateUserBody,
  opts: { mustChangePassword?: boolean } = {},
) {
  const { actor } = caller;
  const now = ctx.now();
  const roles = [...new Set(input.roles)] as Role[];
  const org = await findOrg(ctx.db, input.orgId);
  const profile = permissionProfile(ctx.config);
  const createWhat = { action: 'user.create', objectType: 'org', objectId: input.orgId };
  await enforce(
    ctx,
    caller,
    canAssignRoles(actor, { id: null, orgId: input.orgId, roles: [] }, roles),
    createWhat,
  );
  await enforce(
    ctx,
    caller,
    mayGrant(actorHas(actor, 'user.grantRoles'), roles, { creating: true, profile }),
    createWhat,
  );
  await enforce(ctx, caller, adminRolesSeparated(roles, profile), createWhat);
  const mlps = profile === 'mlps3' && isMlpsStaff(roles);
  const errors: FieldError[] = [];
  if (!org)
    errors.push(
      fieldError('orgId', 'org_not_found', '所选单位不存在', 'The selected organisation does not exist'),
    );
  if (await usernameTaken(ctx.db, input.username)) {
    errors.push(
      fieldError('username', 'username_taken', '该用户名已被使用', 'This username is already taken'),
    );
  }
  const id = idNumberErrors(input.idNumber, now);
  errors.push(...id.errors);
  if (input.password !== undefined)
    errors.push(...checkPasswordPolicy(input.password, 'password', input.username, { mlps }));
  if (errors.length) throw validationError(errors);

  const initialPassword = input.password ?? generateInitialPassword(14, { mlps });
  const hash = await hashPassword(initialPassword);
  const userId = randomUUID();
  const row = {
    id: userId,
    username: input.username,
    name: input.name,
    email: input.email,
    phone: input.phone ?? null,
    id_number: id.value ?? null,
    org_id: input.orgId,
    roles,
    password_hash: hash,
    password_changed_at: now,
    must_change_password: opts.mustChangePassword ?? true,
    created_at: now,
    updated_at: now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('users').values(row).execute();
    await appendAudit(trx, {
      actor: auditActor(caller),
      action: 'user.create',
      objectType: 'user',
      objectId: userId,
      after: auditView({
        username: row.username,
        name: row.name,
        email: row.email,
        phone: row.phone,
        idNumber: row.id_number,
        orgId: row.org_id,
        roles,
      }),
      detail: { passwordGenerated: input.password === undefined },
    });
  });
  const user = userDto(await load(ctx, userId), now);
  return input.password === undefined ? { user, initialPassword } : { user };
}

export async function patchUser(ctx: AppContext, caller: Caller, id: string, input: PatchUserBody) {
  const { actor } = caller;
  const now = ctx.now();
  const cur = await load(ctx, id);
  const target = { id, orgId: cur.org_id, roles: cur.roles };
  const what = { action: 'user.update', objectType: 'user', objectId: id };
  await enforce(ctx, caller, canManageUser(actor, target), what);
  const roles = input.roles ? ([...new Set(input.roles)] as Role[]) : undefined;
  if (roles) await checkGrant(ctx, caller, target, roles, what);
  if (input.status) await enforce(ctx, caller, canSetStatus(actor, target, input.status), what);
  const idn = idNumberErrors(input.idNumber, now);
  if (idn.errors.length) throw validationError(idn.errors);

  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  const set: Record<string, unknown> = {};
  const put = (key: string, col: keyof UserView, v: unknown) => {
    if (v === undefined) return;
    const old = cur[col];
    if (JSON.stringify(old) === JSON.stringify(v)) return;
    before[key] = old;
    after[key] = v;
    set[col as string] = v;
  };
  put('name', 'name', input.name);
  put('email', 'email', input.email);
  put('phone', 'phone', input.phone);
  put('idNumber', 'id_number', idn.value);
  put('roles', 'roles', roles);
  put('status', 'status', input.status);
  if (!Object.keys(set).length) return userDto(cur, now);
  await ctx.db.transaction().execute(async (trx) => {
    const locked = (await findUserById(trx, id, true))!;
    await updateUser(trx, id, { ...set, updated_at: now, version: locked.version + 1 });
    // A role change ends the user's sessions: the next sign-in applies the new roles' TOTP rule.
    if (set.status === 'disabled' || (set.roles && id !== actor.userId)) await deleteUserSessions(trx, id);
    await appendAudit(trx, {
      actor: auditActor(caller),
      action: 'user.update',
      objectType: 'user',
      objectId: id,
      before: auditView(before),
      after: auditView(after),
    });
    if (set.roles) {
      await appendAudit(trx, {
        actor: auditActor(caller),
        action: 'user.roles.change',
        objectType: 'user',
        objectId: id,
        before: { roles: cur.roles },
        after: { roles },
      });
    }
  });
  return userDto(await load(ctx, id), now);
}

/** The checks of a role change: the actor may change these roles, holds the grant, and the admins stay separated. */
async function checkGrant(
  ctx: AppContext,
  caller: Caller,
  target: { id: string; orgId: string; roles: readonly Role[] },
  roles: Role[],
  what: { action: string; objectType: string; objectId: string },
) {
  const { actor } = caller;
  const profile = permissionProfile(ctx.config);
  await enforce(ctx, caller, canAssignRoles(actor, target, roles), what);
  const changed = changedRoles(target.roles, roles);
  await enforce(
    ctx,
    caller,
    mayGrant(actorHas(actor, 'user.grantRoles'), changed, { creating: false, profile }),
    what,
  );
  if (changed.length) await enforce(ctx, caller, adminRolesSeparated(roles, profile), what);
}

/**
 * PUT /api/users/:id/roles: the security admin's (and an organisation admin's) role grant. Under
 * SECURITY_PROFILE=mlps3 it is the only way a system admin's account management leaves roles alone.
 */
export async function setUserRoles(ctx: AppContext, caller: Caller, id: string, input: SetRolesBody) {
  const cur = await load(ctx, id);
  const target = { id, orgId: cur.org_id, roles: cur.roles };
  const what = { action: 'user.roles.change', objectType: 'user', objectId: id };
  await enforce(ctx, caller, canManageUser(caller.actor, target), what);
  const roles = [...new Set(input.roles)] as Role[];
  await checkGrant(ctx, caller, target, roles, what);
  return applyRoles(ctx, caller, cur, roles);
}

async function applyRoles(ctx: AppContext, caller: Caller, cur: UserView, roles: Role[]) {
  const now = ctx.now();
  if (JSON.stringify(cur.roles) === JSON.stringify(roles)) return userDto(cur, now);
  await ctx.db.transaction().execute(async (trx) => {
    const locked = (await findUserById(trx, cur.id, true))!;
    await updateUser(trx, cur.id, { roles, updated_at: now, version: locked.version + 1 });
    if (cur.id !== caller.actor.userId) await deleteUserSessions(trx, cur.id);
    await appendAudit(trx, {
      actor: auditActor(caller),
      action: 'user.roles.change',
      objectType: 'user',
      objectId: cur.id,
      before: { roles: cur.roles },
      after: { roles },
    });
  });
  return userDto(await load(ctx, cur.id), now);
}

/** A new initial password, returned once; the user's sessions end and any lock is lifted. */
export async function resetPassword(ctx: AppContext, caller: Caller, id: string) {
  const now = ctx.now();
  const cur = await loadManaged(ctx, caller, id, 'user.resetPassword');
  const initialPassword = generateInitialPassword(14, {
    mlps: permissionProfile(ctx.config) === 'mlps3' && isMlpsStaff(cur.roles),
  });
  const hash = await hashPassword(initialPassword);
  await ctx.db.transaction().execute(async (trx) => {
    const old = (await findUserById(trx, id, true))!;
    await replacePassword(trx, old, hash, now, MLPS_PASSWORD_HISTORY, {
      must_change_password: true,
      failed_logins: 0,
      locked_until: null,
    });
    await deleteUserSessions(trx, id);
    await appendAudit(trx, {
      actor: auditActor(caller),
      action: 'user.resetPassword',
      objectType: 'user',
      objectId: id,
    });
  });
  return { initialPassword };
}

/**
 * For a lost authenticator: removes the user's TOTP secret and ends their sessions, so that the next
 * sign-in (with the password) enrols a new authenticator where their role requires one.
 */
export async function resetTotp(ctx: AppContext, caller: Caller, id: string) {
  const now = ctx.now();
  const cur = await loadManaged(ctx, caller, id, 'user.resetTotp');
  await ctx.db.transaction().execute(async (trx) => {
    await updateUser(trx, id, {
      totp_secret_enc: null,
      totp_enabled: false,
      totp_last_step: null,
      updated_at: now,
    });
    await deleteUserSessions(trx, id);
    await appendAudit(trx, {
      actor: auditActor(caller),
      action: 'user.resetTotp',
      objectType: 'user',
      objectId: id,
      before: { mfaEnabled: cur.totp_enabled },
      after: { mfaEnabled: false },
    });
  });
  return userDto(await load(ctx, id), now);
}

export async function unlockUser(ctx: AppContext, caller: Caller, id: string) {
  const now = ctx.now();
  await loadManaged(ctx, caller, id, 'user.unlock');
  await ctx.db.transaction().execute(async (trx) => {
    const u = (await findUserById(trx, id, true))!;
    await updateUser(trx, id, { failed_logins: 0, locked_until: null, updated_at: now });
    // and the sign-in pauses of the account's names, from every address
    await clearBackoff(trx, [accountKey(u.username), accountKey(u.email)]);
    await appendAudit(trx, {
      actor: auditActor(caller),
      action: 'user.unlock',
      objectType: 'user',
      objectId: id,
      before: {
        lockedUntil: u.locked_until ? new Date(u.locked_until).toISOString() : null,
        failedLogins: u.failed_logins,
      },
    });
  });
  return userDto(await load(ctx, id), now);
}

/**
 * A user's ID number, unmasked, for matching against a registry inside the server (the programme's
 * ongoing-projects registry). Never put it in an answer, a log or an audit record.
 */
export async function idNumberForMatching(ctx: AppContext, userId: string): Promise<string | null> {
  return findIdNumber(ctx.db, userId);
}
