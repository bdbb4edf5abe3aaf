/** Who sees which agreement (pure): the programme's staff, finance and auditors all; others their organisation's. */
import type { WorkflowActor } from '../../platform/workflow.js';

const SEE_ALL = new Set(['commissionStaff', 'programmeOfficeStaff', 'finance', 'auditor']);

export function seesEveryAgreement(actor: WorkflowActor | null): boolean {
  return !!actor && actor.roles.some((r) => SEE_ALL.has(r));
}

export function canSeeAgreement(actor: WorkflowActor | null, a: { orgId: string }): boolean {
  return !!actor && (seesEveryAgreement(actor) || actor.orgId === a.orgId);
}
