import type { Role } from '../../platform/roles.js';
import { partiesOf, type SolutionParties } from './solution.workflow.js';

export {
  SOLUTION_STATUS,
  SOLUTION_STATUS_NAMES,
  partiesOf,
  type Party,
  type SolutionAction,
  type SolutionParties,
  type SolutionStatus,
} from './solution.workflow.js';
import { REJECT_REASONS } from '../../../../shared/market-labels.js';

export interface Who {
  userId: string;
  orgId: string;
  roles: readonly Role[];
}

/** The enterprise's coded reasons for not taking a solution (阅卷结果): shared/market-labels.ts. */
export { REJECT_REASONS };
export type RejectReason = keyof typeof REJECT_REASONS;
export const REJECT_REASON_NAMES = Object.keys(REJECT_REASONS) as [RejectReason, ...RejectReason[]];

/** The parties, brokers and the solver's organisation may read a solution (challenge experts: see the challenge service). */
export function canReadSolution(actor: Who, s: Omit<SolutionParties, 'status'>): boolean {
  return partiesOf(actor, s).length > 0 || actor.orgId === s.solverOrgId;
}
