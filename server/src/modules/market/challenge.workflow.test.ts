/** The challenge lifecycle as a table (database-free): rounds, screening, winners. */
import { describe, expect, it } from 'vitest';
import type { Role } from '../../platform/roles.js';
import {
  CHALLENGE,
  type ChallengeAction,
  type ChallengeRef,
  type ChallengeStatus,
} from './challenge.workflow.js';

const who = (roles: Role[]) => ({ userId: 'u', orgId: 'o', roles });
const staff = who(['programmeOfficeStaff']);
const expert = who(['expert']);
const enterprise = who(['enterpriseUser']);

type Row = [string, typeof staff, ChallengeStatus, ChallengeAction, Partial<ChallengeRef>, string, string?];
const rows: Row[] = [
  ['staff open a draft', staff, 'draft', 'open', {}, 'allowed'],
  ['an enterprise cannot run a challenge', enterprise, 'draft', 'open', {}, 'forbidden'],
  ['screening follows the open round', staff, 'open', 'startScreening', {}, 'allowed'],
  [
    'a next round while rounds remain',
    staff,
    'screening',
    'nextRound',
    { currentRound: 1, rounds: 2 },
    'allowed',
  ],
  [
    'no round after the last',
    staff,
    'screening',
    'nextRound',
    { currentRound: 2, rounds: 2 },
    'invalid_state',
    '已是最后一轮（共2轮）',
  ],
  ['closing a draft is refused', staff, 'draft', 'close', {}, 'invalid_state', '挑战赛处于“筹备中”状态'],
  ['results follow closing', staff, 'closed', 'publishResults', {}, 'allowed'],
  ['needs are attached until judging closes', staff, 'screening', 'attachNeeds', {}, 'allowed'],
  ['no needs after judging', staff, 'closed', 'attachNeeds', {}, 'invalid_state', '评选已结束'],
  ['the challenge’s expert scores in screening', expert, 'screening', 'score', { isExpert: true }, 'allowed'],
  [
    'another expert may not score',
    expert,
    'screening',
    'score',
    { isExpert: false },
    'forbidden',
    '您不是本挑战赛的评审专家',
  ],
  [
    'no scores before screening',
    expert,
    'open',
    'score',
    { isExpert: true },
    'invalid_state',
    '不在专家初筛阶段',
  ],
  [
    'winners only once judging is closed',
    staff,
    'screening',
    'setWinners',
    {},
    'invalid_state',
    '请先结束评选',
  ],
  ['winners after closing', staff, 'closed', 'setWinners', {}, 'allowed'],
  ['published results are final', staff, 'resultsPublished', 'open', {}, 'invalid_state'],
];

describe('challenge workflow decisions', () => {
  it.each(rows)('%s', (_name, actor, status, action, more, expected, text) => {
    const d = CHALLENGE.decide(actor, { status, currentRound: 1, rounds: 1, ...more }, action);
    expect(d.allowed ? 'allowed' : d.code).toBe(expected);
    if (!d.allowed && text) expect(d.zh).toContain(text);
  });

  it('a next round goes back to open', () => {
    expect(CHALLENGE.transition({ status: 'screening', currentRound: 1, rounds: 2 }, 'nextRound')?.to).toBe(
      'open',
    );
  });
});
