/** The identity module's public face (module boundaries, docs/ARCHITECTURE.md). */
import './identity.tables.js';

export { identityRoutes, createActorResolver, registerIdentityJobs } from './identity.module.js';
export { IDENTITY_ERRORS } from './identity.permissions.js';
export { buildMe, meOf } from './me.js';
export { listOrgsFor } from './org.service.js';
export { getOrg, createOrg } from './org.service.js';
export { createUserFor, listUsersFor } from './user.service.js';
export { ORG_TYPES, ORG_TYPE_NAMES, type OrgType } from './org.rules.js';
export { usccCheckChar, usccDivisionCode, validateUscc } from './uscc.rules.js';
export { totpCode } from './totp.rules.js';
export { idNumberForMatching } from './user.service.js';
export { validateIdNumber, ID_NUMBER_MESSAGES } from './idnumber.rules.js';
export { usccMessage } from './uscc.rules.js';
export { districtOfficeRegions, orgAdminsOf } from './district.service.js';
export {
  MLPS_PASSWORD_HISTORY,
  MLPS_PASSWORD_MAX_AGE_DAYS,
  MLPS_PASSWORD_MIN_CLASSES,
  MLPS_PASSWORD_MIN_LENGTH,
} from './password.rules.js';
export { sessionLimits } from './session.service.js';
export {
  accountByEmail,
  createExpertAccount,
  platformOrgsNamed,
  type AccountByEmail,
} from './expert-account.service.js';
