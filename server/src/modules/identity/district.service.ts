/**
 * The district offices that can act in the platform: other modules ask here whether an
 * organisation's district has a recommending department (推荐部门) with someone to act.
 */
import type { AppContext } from '../../platform/context.js';
import { listActiveDistrictOfficeRegions, listOrgAdmins } from './district.repo.js';

export function districtOfficeRegions(ctx: AppContext): Promise<string[]> {
  return listActiveDistrictOfficeRegions(ctx.db);
}

/** The organisations' active admins (orgAdmin), by organisation: who is told an organisation's results. */
export async function orgAdminsOf(
  db: AppContext['db'],
  orgIds: readonly string[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const r of await listOrgAdmins(db, orgIds)) out.set(r.org_id, [...(out.get(r.org_id) ?? []), r.id]);
  return out;
}
