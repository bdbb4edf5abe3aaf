/**
 * The market module's public face: what other modules may use (module boundaries,
 * docs/ARCHITECTURE.md). Everything else in this folder is internal.
 */
import './market.tables.js';

export { marketRoutes } from './market.module.js';
export { marketChanged, type MarketChanges } from './market.events.js';
export { seedMarketDemo, marketDemoSeeded } from './market.demo.js';
// Records and their visibility, for search and matching over the market.
export { achievementsByIds, findAchievement } from './achievement.repo.js';
export { needsByIds, findNeed } from './need.repo.js';
export { listSolutions } from './solution.repo.js';
export {
  canSee as canSeeAchievement,
  IP_TYPE_NAMES,
  TRANSFER_MODE_NAMES,
  type IpItem,
} from './achievement.rules.js';
export { canReadFullNeed } from './need.dto.js';
export { canReadSolution } from './solution.rules.js';
export { IdParams } from './common.schema.js';
