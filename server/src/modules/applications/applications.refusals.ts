import { defineRefusals } from '../../platform/decision.js';

/**
 * The applications module's own refusal codes and the problem each is answered with (besides
 * forbidden / invalid_state / deadline_passed): the guards of application.workflow.ts and the read
 * policy of application.policy.ts.
 */
export const APPLICATION_REFUSALS = defineRefusals({
  other_org: 'forbidden',
  not_lead: 'forbidden',
  other_district: 'forbidden',
  not_submitted: 'forbidden',
  no_district: 'forbidden',
  not_sent: 'forbidden',
});
export type ApplicationRefusal = keyof typeof APPLICATION_REFUSALS;
