/**
 * Accounts of the expert pool (专家库, issue 12): the experts module creates an expert's account when
 * staff import one, inside its own transaction, and audits the change it belongs to. The account holds
 * the role `expert` only and has no password: the expert sets one through 忘记密码 (a reset by e-mail)
 * and then signs in with 2FA like every expert.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db-types.js';
import type { Role } from '../../platform/roles.js';
import { accountsByEmail, insertExpertAccount, orgsNamed, usernamesLike } from './expert-account.repo.js';

type Db = Kysely<DB>;

export interface AccountByEmail {
  id: string;
  name: string;
  roles: Role[];
  orgId: string;
  active: boolean;
}

/** The first account with this e-mail address, if any. */
export async function accountByEmail(db: Db, email: string): Promise<AccountByEmail | undefined> {
  const [r] = await accountsByEmail(db, email);
  return (
    r && { id: r.id, name: r.name, roles: r.roles as Role[], orgId: r.org_id, active: r.status === 'active' }
  );
}

/** A free username from the address's local part: `expert.li.ming`, then `expert.li.ming2` … */
async function freeUsername(db: Db, email: string): Promise<string> {
  const local =
    email
      .split('@')[0]
      .replace(/[^A-Za-z0-9_.-]/g, '')
      .slice(0, 40) || 'user';
  const base = `expert.${local}`;
  const taken = await usernamesLike(db, base);
  if (!taken.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}${i}`.toLowerCase())) return `${base}${i}`;
}

/** Creates an expert's account in `orgId`, in the caller's transaction (the caller audits). */
export async function createExpertAccount(
  trx: Db,
  input: { name: string; email: string; phone: string | null; orgId: string },
  now: Date,
): Promise<{ userId: string; username: string }> {
  const userId = randomUUID();
  const username = await freeUsername(trx, input.email);
  await insertExpertAccount(trx, {
    id: userId,
    username,
    name: input.name,
    email: input.email,
    phone: input.phone,
    org_id: input.orgId,
    now,
  });
  return { userId, username };
}

/** Platform organisations by exact name (an expert's 工作单位 that is on the platform), name → id. */
export async function platformOrgsNamed(db: Db, names: readonly string[]): Promise<Map<string, string>> {
  const rows = await orgsNamed(db, [...new Set(names)]);
  return new Map(rows.map((r) => [r.name, r.id]));
}
