/**
 * The solution workflow (阅卷 → 对接引荐 → 洽谈 → 签约): the enterprise that posted the need judges a
 * solution with a coded reason; the parties or a broker introduce, negotiate and record the contract.
 * The only place that names a solution's states; services use `SOLUTION.state`.
 */
import { ALLOW, deny } from '../../platform/decision.js';
import type { Role } from '../../platform/roles.js';
import { defineWorkflow, type Label, type WorkflowActor } from '../../platform/workflow.js';
import './market.permissions.js';

export const SOLUTION_STATUS = {
  submitted: { zh: '已提交', en: 'Submitted' },
  shortlisted: { zh: '入围', en: 'Shortlisted' },
  rejected: { zh: '未入选', en: 'Rejected', terminal: true },
  introduced: { zh: '已对接引荐', en: 'Introduced' },
  negotiating: { zh: '洽谈中', en: 'Negotiating' },
  contractSigned: { zh: '已签约', en: 'Contract signed', terminal: true },
  withdrawn: { zh: '已撤回', en: 'Withdrawn', terminal: true },
  closed: { zh: '洽谈终止', en: 'Closed without a contract', terminal: true },
} as const;
export type SolutionStatus = keyof typeof SOLUTION_STATUS;

/** needOwner: the need's enterprise; broker: a technology manager or programme staff; solver: who answered. */
export type Party = 'needOwner' | 'broker' | 'solver';
export interface SolutionParties {
  status: SolutionStatus;
  needOrgId: string;
  solverOrgId: string;
  solverUserId: string;
}

const BROKER_ROLES: readonly Role[] = ['techManager', 'commissionStaff', 'programmeOfficeStaff'];

export function partiesOf(actor: WorkflowActor, s: Omit<SolutionParties, 'status'>): Party[] {
  const out: Party[] = [];
  if (actor.orgId === s.needOrgId && actor.roles.includes('enterpriseUser')) out.push('needOwner');
  if (actor.roles.some((r) => BROKER_ROLES.includes(r)) && actor.orgId !== s.solverOrgId) out.push('broker');
  if (actor.userId === s.solverUserId) out.push('solver');
  return out;
}

const PARTY = {
  needOwner: { zh: '需求企业', en: 'the enterprise that posted the need' },
  broker: { zh: '技术经理人', en: 'a technology manager' },
  solver: { zh: '方案提交人', en: 'the solver' },
} as const;

/** “Only X or Y can <action>”: the refusal of an actor who is none of the parties. */
const onlyParties = (by: readonly Party[], label: Label): Label => ({
  zh: `只有${by.map((p) => PARTY[p].zh).join('或')}可以“${label.zh}”`,
  en: `Only ${by.map((p) => PARTY[p].en).join(' or ')} can ${label.en.toLowerCase()}`,
});

/** A transition taken by one of the parties (the permission `solution.act` gives the roles). */
function by<const A extends string>(
  action: A,
  from: SolutionStatus,
  to: SolutionStatus,
  parties: readonly Party[],
  label: Label,
) {
  const who = onlyParties(parties, label);
  return {
    action,
    from,
    to,
    permission: 'solution.act' as const,
    whoDenial: who,
    guard: (actor: WorkflowActor, s: SolutionParties) =>
      partiesOf(actor, s).some((p) => parties.includes(p)) ? ALLOW : deny(who.zh, who.en),
    label,
  };
}

export const SOLUTION = defineWorkflow<SolutionParties>()({
  name: 'market.solution',
  noun: { zh: '方案', en: 'solution' },
  states: SOLUTION_STATUS,
  initial: 'submitted',
  transitions: [
    by('shortlist', 'submitted', 'shortlisted', ['needOwner'], { zh: '入围', en: 'Shortlist' }),
    by('reject', 'submitted', 'rejected', ['needOwner'], { zh: '不采纳', en: 'Reject' }),
    by('withdraw', 'submitted', 'withdrawn', ['solver'], { zh: '撤回', en: 'Withdraw' }),
    by('introduce', 'shortlisted', 'introduced', ['needOwner', 'broker'], {
      zh: '对接引荐',
      en: 'Introduce the parties',
    }),
    by('reject', 'shortlisted', 'rejected', ['needOwner'], { zh: '不采纳', en: 'Reject' }),
    by('withdraw', 'shortlisted', 'withdrawn', ['solver'], { zh: '撤回', en: 'Withdraw' }),
    by('negotiate', 'introduced', 'negotiating', ['needOwner', 'broker', 'solver'], {
      zh: '进入洽谈',
      en: 'Start negotiation',
    }),
    by('close', 'introduced', 'closed', ['needOwner', 'broker'], { zh: '终止', en: 'Close' }),
    by('sign', 'negotiating', 'contractSigned', ['needOwner', 'broker'], {
      zh: '登记签约',
      en: 'Record the signed contract',
    }),
    by('close', 'negotiating', 'closed', ['needOwner', 'broker'], {
      zh: '终止洽谈',
      en: 'Close the negotiation',
    }),
  ],
});
export type SolutionAction = (typeof SOLUTION.actionNames)[number];
export const SOLUTION_STATUS_NAMES = SOLUTION.stateNames;
export const SOLUTION_ACTIONS = SOLUTION.actionNames;
