import { ALLOW, deny, type Decision } from '../../platform/decision.js';
import { CHALLENGE, type ChallengeStatus } from './challenge.workflow.js';

export {
  CHALLENGE_STATUS,
  CHALLENGE_STATUS_NAMES,
  type ChallengeAction,
  type ChallengeStatus,
} from './challenge.workflow.js';

/** Solutions are accepted for a challenge need only while it is open and within its dates. */
export function challengeAccepts(
  c: { status: ChallengeStatus; opensAt: Date; closesAt: Date },
  now: Date,
): Decision {
  if (c.status !== CHALLENGE.state.open)
    return deny('挑战赛当前不接受方案', 'The challenge is not accepting solutions now', 'invalid_state');
  if (now < c.opensAt) return deny('挑战赛尚未开始征集', 'The challenge has not opened yet', 'invalid_state');
  if (now >= c.closesAt) return deny('挑战赛征集已截止', 'The challenge has closed', 'deadline_passed');
  return ALLOW;
}

/** Mean expert score rounded to one decimal, or null without scores. */
export function meanScore(scores: readonly number[]): number | null {
  if (scores.length === 0) return null;
  return Math.round((scores.reduce((a, b) => a + b, 0) * 10) / scores.length) / 10;
}
