/** SQL for the district offices (区科委) in the platform. */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db-types.js';
import './identity.tables.js';

/** Regions of active district offices that have at least one active user with the districtOfficer role. */
export async function listActiveDistrictOfficeRegions(db: Kysely<DB>): Promise<string[]> {
  const rows = await db
    .selectFrom('orgs as o')
    .innerJoin('users as u', 'u.org_id', 'o.id')
    .select('o.region')
    .distinct()
    .where('o.type', '=', 'districtOffice')
    .where('o.status', '=', 'active')
    .where('u.status', '=', 'active')
    .where(sql<boolean>`'districtOfficer' = any(u.roles)`)
    .execute();
  return rows.map((r) => r.region);
}

/** Active users holding orgAdmin in each of the organisations (the 申报单位's contact for its notices). */
export async function listOrgAdmins(
  db: Kysely<DB>,
  orgIds: readonly string[],
): Promise<Array<{ org_id: string; id: string }>> {
  if (!orgIds.length) return [];
  return db
    .selectFrom('users as u')
    .select(['u.org_id', 'u.id'])
    .where('u.org_id', 'in', [...orgIds])
    .where('u.status', '=', 'active')
    .where(sql<boolean>`'orgAdmin' = any(u.roles)`)
    .orderBy('u.id')
    .execute();
}
