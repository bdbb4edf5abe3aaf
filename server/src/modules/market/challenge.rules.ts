import { ALLOW, deny, type Decision } from '../../platform/permissions.js';

export const CHALLENGE_STATUS = {
  draft: { zh: '筹备中', en: 'Draft' },
  open: { zh: '征集中', en: 'Open for solutions' },
  screening: { zh: '专家初筛', en: 'Expert pre-screening' },
  closed: { zh: '评选结束', en: 'Judging closed' },
  resultsPublished: { zh: '结果已公布', en: 'Results published' },
} as const;
export type ChallengeStatus = keyof typeof CHALLENGE_STATUS;
export const CHALLENGE_STATUS_NAMES = Object.keys(CHALLENGE_STATUS) as [
  ChallengeStatus,
  ...ChallengeStatus[],
];

export type ChallengeAction = 'open' | 'startScreening' | 'nextRound' | 'close' | 'publishResults';
/** The challenge lifecycle as data. nextRound goes back to `open` for the next solution round. */
export const CHALLENGE_WORKFLOW: Record<
  ChallengeStatus,
  Partial<Record<ChallengeAction, ChallengeStatus>>
> = {
  draft: { open: 'open' },
  open: { startScreening: 'screening' },
  screening: { nextRound: 'open', close: 'closed' },
  closed: { publishResults: 'resultsPublished' },
  resultsPublished: {},
};

export function canChallengeAct(
  c: { status: ChallengeStatus; currentRound: number; rounds: number },
  action: ChallengeAction,
): Decision {
  if (!CHALLENGE_WORKFLOW[c.status][action])
    return deny(
      `挑战赛处于“${CHALLENGE_STATUS[c.status].zh}”阶段，不能执行此操作`,
      `Not allowed while the challenge is ${CHALLENGE_STATUS[c.status].en.toLowerCase()}`,
      'invalid_state',
    );
  if (action === 'nextRound' && c.currentRound >= c.rounds)
    return deny(
      `已是最后一轮（共${c.rounds}轮）`,
      `This is the last round (of ${c.rounds})`,
      'invalid_state',
    );
  return ALLOW;
}

/** Solutions are accepted for a challenge need only while it is open and within its dates. */
export function challengeAccepts(
  c: { status: ChallengeStatus; opensAt: Date; closesAt: Date },
  now: Date,
): Decision {
  if (c.status !== 'open')
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
