/**
 * The district offices that can act in the platform: other modules ask here whether an
 * organisation's district has a recommending department (推荐部门) with someone to act.
 */
import type { AppContext } from '../../platform/context.js';
import { listActiveDistrictOfficeRegions } from './district.repo.js';

export function districtOfficeRegions(ctx: AppContext): Promise<string[]> {
  return listActiveDistrictOfficeRegions(ctx.db);
}
