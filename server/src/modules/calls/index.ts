/**
 * The calls module's public face (module boundaries, docs/ARCHITECTURE.md): what applications,
 * screening and the demo use of a call. Everything else in this folder is internal.
 */
import './calls.tables.js';

export { callRoutes } from './calls.routes.js';
export { CALL_ERRORS } from './calls.permissions.js';
export { loadCall, shanghaiIso, importCallDraft, publishCall } from './calls.service.js';
export { seedProgrammeDemo } from './calls.demo.js';
export { guide2023, GUIDE_2023_PATH } from './guide-2023.js';
export { CALL, isCallOpenForApplications, isCallPublic } from './call.workflow.js';
export {
  findDirection,
  type Call,
  type Direction,
  type FundingRules,
  type Kpi,
  type ReviewMode,
  type Topic,
} from './call.schema.js';
export {
  deadlineState,
  formatShanghai,
  screenApplication,
  type ApplicationFacts,
  type Finding,
  type Overall,
  type ScreeningResult,
} from './call.rules.js';
export { formatFen } from './rule.describe.js';
export {
  CMP_SYMBOL,
  DIMENSION_LABEL,
  commitmentMeets,
  dimensionOf,
  inUnit,
  isComparator,
  toBase,
  unitsFitting,
} from './kpi.units.js';
export { type Comparator } from './rule.schema.js';
export { tally } from './call.rules.js';
export { findCallByNumber } from './calls.repo.js';
export { importCall } from './call.io.js';
export { insertImportedCall } from './calls.historical.js';
