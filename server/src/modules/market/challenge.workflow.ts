/**
 * The challenge lifecycle (揭榜挂帅 / 创新挑战赛): draft → open for solutions → expert pre-screening →
 * (next round → open again, up to `rounds`) → judging closed → results published. Attaching needs,
 * scoring and naming winners are actions that keep the state and are allowed only in some states.
 * The only place that names a challenge's states; services use `CHALLENGE.state`.
 */
import { ALLOW, deny } from '../../platform/decision.js';
import { defineWorkflow, type WorkflowActor } from '../../platform/workflow.js';
import './market.permissions.js';

export const CHALLENGE_STATUS = {
  draft: { zh: '筹备中', en: 'Draft' },
  open: { zh: '征集中', en: 'Open for solutions' },
  screening: { zh: '专家初筛', en: 'Expert pre-screening' },
  closed: { zh: '评选结束', en: 'Judging closed' },
  resultsPublished: { zh: '结果已公布', en: 'Results published', terminal: true },
} as const;
export type ChallengeStatus = keyof typeof CHALLENGE_STATUS;

export interface ChallengeRef {
  status: ChallengeStatus;
  currentRound: number;
  rounds: number;
  /** whether the actor is one of the challenge's experts (looked up by the service; scoring only) */
  isExpert?: boolean;
}

const MANAGE = 'challenge.manage';

export const CHALLENGE = defineWorkflow<ChallengeRef>()({
  name: 'market.challenge',
  noun: { zh: '挑战赛', en: 'challenge' },
  states: CHALLENGE_STATUS,
  initial: 'draft',
  transitions: [
    { action: 'open', from: 'draft', to: 'open', permission: MANAGE, label: { zh: '开始征集', en: 'Open' } },
    {
      action: 'startScreening',
      from: 'open',
      to: 'screening',
      permission: MANAGE,
      label: { zh: '进入专家初筛', en: 'Start pre-screening' },
    },
    {
      action: 'nextRound',
      from: 'screening',
      to: 'open',
      permission: MANAGE,
      guard: (_actor: WorkflowActor, c: ChallengeRef) =>
        c.currentRound < c.rounds
          ? ALLOW
          : deny(
              `已是最后一轮（共${c.rounds}轮）`,
              `This is the last round (of ${c.rounds})`,
              'invalid_state',
            ),
      label: { zh: '进入下一轮', en: 'Next round' },
    },
    {
      action: 'close',
      from: 'screening',
      to: 'closed',
      permission: MANAGE,
      label: { zh: '结束评选', en: 'Close judging' },
    },
    {
      action: 'publishResults',
      from: 'closed',
      to: 'resultsPublished',
      permission: MANAGE,
      label: { zh: '公布结果', en: 'Publish the results' },
    },
    {
      action: 'attachNeeds',
      from: ['draft', 'open', 'screening'],
      permission: MANAGE,
      label: { zh: '挂榜需求', en: 'Attach needs' },
      stateDenial: {
        zh: '评选已结束，不能再挂榜需求',
        en: 'Judging is closed; no more needs can be attached',
      },
    },
    {
      action: 'score',
      from: 'screening',
      permission: 'challenge.score',
      guard: (_actor: WorkflowActor, c: ChallengeRef) =>
        c.isExpert ? ALLOW : deny('您不是本挑战赛的评审专家', 'You are not an expert of this challenge'),
      label: { zh: '初筛评分', en: 'Score' },
      stateDenial: { zh: '挑战赛不在专家初筛阶段', en: 'The challenge is not in pre-screening' },
    },
    {
      action: 'setWinners',
      from: 'closed',
      permission: MANAGE,
      label: { zh: '确定获胜方案', en: 'Name the winners' },
      stateDenial: { zh: '请先结束评选再确定获胜方案', en: 'Close judging before naming winners' },
    },
  ],
});
export type ChallengeAction = (typeof CHALLENGE.actionNames)[number];
/** The lifecycle steps the `/challenges/:id/:action` route takes (the others have their own routes). */
export const CHALLENGE_STEPS = ['open', 'startScreening', 'nextRound', 'close', 'publishResults'] as const;
export type ChallengeStep = (typeof CHALLENGE_STEPS)[number];
export const CHALLENGE_STATUS_NAMES = CHALLENGE.stateNames;
