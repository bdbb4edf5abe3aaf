import { defineRefusals } from '../../platform/decision.js';

/** The market's own refusal codes and the problem each is answered with (besides forbidden / invalid_state / deadline_passed). */
export const MARKET_REFUSALS = defineRefusals({
  self_review: 'forbidden',
  org_type_not_allowed: 'forbidden',
});
