/**
 * Pure rules of the __name__ module (no I/O, no clock): who may see a record, and checks of a
 * record's content that are not a state transition. A transition's rule is the workflow's guard.
 */
import { STAFF_ROLES } from '../../platform/roles.js';
import type { WorkflowActor } from '../../platform/workflow.js';

/** Commission and programme office staff see every record. */
export const seesEvery__Name__ = (actor: WorkflowActor | null): boolean =>
  !!actor && actor.roles.some((role) => STAFF_ROLES.includes(role));

/** Staff see every record; others only their organisation's. */
export const canSee__Name__ = (actor: WorkflowActor | null, r: { orgId: string }): boolean =>
  !!actor && (actor.orgId === r.orgId || seesEvery__Name__(actor));
