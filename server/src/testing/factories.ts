import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { TestEnv } from './harness.js';
import { roleRequiresMfa, type Role } from '../platform/roles.js';
import type { OrgTable, UserTable } from '../modules/identity/identity.tables.js';
import type { OrgType } from '../modules/identity/org.rules.js';
import { USCC_CHARSET, usccCheckChar } from '../modules/identity/uscc.rules.js';
import { divisionFromText } from '../platform/divisions.js';
import {
  decryptSecret,
  encryptSecret,
  hashPassword,
  identityKey,
} from '../modules/identity/identity.crypto.js';
import { newTotpSecret, totpCode, totpStep, TOTP_STEP_SECONDS } from '../modules/identity/totp.rules.js';

/**
 * Test data for integration tests: organisations and users written straight to the database
 * (fast), and `loginAs`, which signs in through the real HTTP routes, including the TOTP step.
 *
 *   const { user } = await createUser(env, { roles: ['orgAdmin'] });
 *   const cookie = await loginAs(env, ['commissionStaff']);
 *   await env.app.inject({ method: 'GET', url: '/api/orgs', headers: { cookie } });
 */
export type OrgRow = Selectable<OrgTable>;
export type UserRow = Selectable<UserTable>;
export interface CreatedUser {
  user: UserRow;
  password: string;
  /** Base32 TOTP secret when the user has an active authenticator. */
  totpSecret?: string;
}

/** Every factory user's password unless one is given (meets the password policy). */
export const FACTORY_PASSWORD = 'Factory-pass-2024';

/** The organisation type a role's user usually belongs to. */
export const ORG_TYPE_FOR_ROLE: Record<Role, OrgType> = {
  commissionStaff: 'commission',
  programmeOfficeStaff: 'commission',
  finance: 'financeBureau',
  districtOfficer: 'districtOffice',
  orgAdmin: 'university',
  projectLead: 'university',
  expert: 'university',
  enterpriseUser: 'enterprise',
  techManager: 'transferInstitution',
  auditor: 'other',
  systemAdmin: 'commission',
  securityAdmin: 'commission',
  auditAdmin: 'commission',
};

/** A random, valid 统一社会信用代码 in `division` (GB/T 2260; default Shanghai Xuhui, 310104). */
export function randomUscc(division = '310104'): string {
  let body = `91${division}`;
  for (let i = 0; i < 9; i++) body += USCC_CHARSET[randomInt(USCC_CHARSET.length)];
  return body + usccCheckChar(body);
}

let seq = 0;
const unique = () => `${Date.now().toString(36)}${(++seq).toString(36)}${randomBytes(2).toString('hex')}`;

export async function createOrg(env: TestEnv, partial: Partial<OrgRow> = {}): Promise<OrgRow> {
  const now = env.platform.ctx.now();
  const row = {
    id: randomUUID(),
    name: `测试单位${unique()}`,
    type: 'university' as OrgType,
    // the credit code's division follows the typed region, as a real organisation's does
    uscc: randomUscc((partial.region && divisionFromText(partial.region)) || '310104'),
    region: '上海市徐汇区',
    address: null,
    contact_name: null,
    contact_phone: null,
    created_at: now,
    updated_at: now,
    ...partial,
  };
  await env.platform.ctx.db.insertInto('orgs').values(row).execute();
  return env.platform.ctx.db
    .selectFrom('orgs')
    .selectAll()
    .where('id', '=', row.id)
    .executeTakeFirstOrThrow();
}

export interface UserOptions {
  roles: Role[];
  username?: string;
  name?: string;
  email?: string;
  phone?: string | null;
  idNumber?: string | null;
  password?: string;
  /** Put the user in this organisation; otherwise a new one of `orgType` is made. */
  orgId?: string;
  orgType?: OrgType;
  status?: 'active' | 'disabled';
  /** Enrol and activate TOTP. Default: when the roles require it. */
  totp?: boolean;
}

export async function createUser(env: TestEnv, opts: UserOptions): Promise<CreatedUser> {
  const ctx = env.platform.ctx;
  const orgId =
    opts.orgId ??
    (await createOrg(env, { type: opts.orgType ?? ORG_TYPE_FOR_ROLE[opts.roles[0] ?? 'projectLead'] })).id;
  const password = opts.password ?? FACTORY_PASSWORD;
  const withTotp = opts.totp ?? roleRequiresMfa(opts.roles);
  const totpSecret = withTotp ? newTotpSecret() : undefined;
  const username = opts.username ?? `u_${unique()}`;
  const now = ctx.now();
  await ctx.db
    .insertInto('users')
    .values({
      id: randomUUID(),
      username,
      name: opts.name ?? `用户${username}`,
      email: opts.email ?? `${username}@example.cn`,
      phone: opts.phone ?? null,
      id_number: opts.idNumber ?? null,
      org_id: orgId,
      roles: opts.roles,
      status: opts.status ?? 'active',
      password_hash: await hashPassword(password),
      password_changed_at: now,
      totp_secret_enc: totpSecret ? encryptSecret(await identityKey(ctx), totpSecret) : null,
      totp_enabled: !!totpSecret,
      created_at: now,
      updated_at: now,
    })
    .execute();
  const user = await ctx.db
    .selectFrom('users')
    .selectAll()
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return { user, password, totpSecret };
}

/** The `sid=…` cookie from a response, for the next request's `cookie` header. */
export function sessionCookie(res: { headers: Record<string, unknown> }): string {
  const raw = res.headers['set-cookie'];
  const list = Array.isArray(raw) ? raw : raw ? [String(raw)] : [];
  const sid = list.map((c) => String(c).split(';')[0]).find((c) => c.startsWith('sid='));
  if (!sid) throw new Error('no sid cookie in the response');
  return sid;
}

/** A TOTP code for the user at the server's clock that the server has not seen yet (replay-safe). */
export async function nextTotpCode(env: TestEnv, userId: string, secret?: string): Promise<string> {
  const ctx = env.platform.ctx;
  const u = await ctx.db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
  const s = secret ?? decryptSecret(await identityKey(ctx), u.totp_secret_enc!);
  const now = ctx.now();
  const last = u.totp_last_step === null ? null : Number(u.totp_last_step);
  if (last === null || last < totpStep(now)) return totpCode(s, now);
  if (last === totpStep(now)) return totpCode(s, new Date(now.getTime() + TOTP_STEP_SECONDS * 1000));
  throw new Error('loginAs: this user used the TOTP codes of the current and next window; move env.setNow');
}

/**
 * Signs in through POST /api/auth/login and, when the role needs it, the real TOTP step
 * (verify with the enrolled secret, or enrol + activate). Accepts roles (a new user is made), a
 * username, or a user from createUser. Returns the cookie header value.
 */
export async function loginAs(env: TestEnv, who: Role[] | string | CreatedUser | UserRow): Promise<string> {
  let username: string;
  let password = FACTORY_PASSWORD;
  if (Array.isArray(who)) {
    const made = await createUser(env, { roles: who });
    username = made.user.username;
    password = made.password;
  } else if (typeof who === 'string') username = who;
  else if ('user' in who) {
    username = who.user.username;
    password = who.password;
  } else username = who.username;

  const res = await env.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
  });
  if (res.statusCode !== 200) throw new Error(`loginAs(${username}): ${res.statusCode} ${res.body}`);
  const cookie = sessionCookie(res);
  const { mfa, me } = res.json() as { mfa: 'none' | 'required' | 'enrol'; me: { id: string } };
  if (mfa === 'required') {
    const code = await nextTotpCode(env, me.id);
    const v = await env.app.inject({
      method: 'POST',
      url: '/api/auth/totp/verify',
      headers: { cookie },
      payload: { code },
    });
    if (v.statusCode !== 200) throw new Error(`loginAs(${username}) TOTP: ${v.statusCode} ${v.body}`);
  } else if (mfa === 'enrol') {
    const e = await env.app.inject({ method: 'POST', url: '/api/auth/totp/enrol', headers: { cookie } });
    if (e.statusCode !== 200) throw new Error(`loginAs(${username}) enrol: ${e.statusCode} ${e.body}`);
    const code = totpCode(e.json().secret, env.platform.ctx.now());
    const a = await env.app.inject({
      method: 'POST',
      url: '/api/auth/totp/activate',
      headers: { cookie },
      payload: { code },
    });
    if (a.statusCode !== 200) throw new Error(`loginAs(${username}) activate: ${a.statusCode} ${a.body}`);
  }
  return cookie;
}
