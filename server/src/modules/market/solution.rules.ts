import { ALLOW, deny, type Decision } from '../../platform/permissions.js';
import type { Role } from '../../platform/roles.js';

export const SOLUTION_STATUS = {
  submitted: { zh: '已提交', en: 'Submitted' },
  shortlisted: { zh: '入围', en: 'Shortlisted' },
  rejected: { zh: '未入选', en: 'Rejected' },
  introduced: { zh: '已对接引荐', en: 'Introduced' },
  negotiating: { zh: '洽谈中', en: 'Negotiating' },
  contractSigned: { zh: '已签约', en: 'Contract signed' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
  closed: { zh: '洽谈终止', en: 'Closed without a contract' },
} as const;
export type SolutionStatus = keyof typeof SOLUTION_STATUS;
export const SOLUTION_STATUS_NAMES = Object.keys(SOLUTION_STATUS) as [SolutionStatus, ...SolutionStatus[]];

/** The enterprise's coded reasons for not taking a solution (阅卷结果). */
export const REJECT_REASONS = {
  tooEarly: { zh: '技术太早', en: 'Technology too early' },
  benefitUnclear: { zh: '效益不明', en: 'Benefit unclear' },
  routeUnclear: { zh: '路线不清', en: 'Technical route unclear' },
  offTarget: { zh: '不对题', en: 'Off target' },
  costTooHigh: { zh: '成本过高', en: 'Cost too high' },
  other: { zh: '其他', en: 'Other' },
} as const;
export type RejectReason = keyof typeof REJECT_REASONS;
export const REJECT_REASON_NAMES = Object.keys(REJECT_REASONS) as [RejectReason, ...RejectReason[]];

export type SolutionAction =
  'shortlist' | 'reject' | 'introduce' | 'negotiate' | 'sign' | 'close' | 'withdraw';
/** needOwner: the need's enterprise; broker: a technology manager or programme staff; solver: who answered. */
export type Party = 'needOwner' | 'broker' | 'solver';

export interface SolutionTransition {
  to: SolutionStatus;
  by: readonly Party[];
  zh: string;
  en: string;
}

/** The solution workflow as data (judging, then introduction → negotiation → contract). */
export const SOLUTION_WORKFLOW: Record<
  SolutionStatus,
  Partial<Record<SolutionAction, SolutionTransition>>
> = {
  submitted: {
    shortlist: { to: 'shortlisted', by: ['needOwner'], zh: '入围', en: 'Shortlist' },
    reject: { to: 'rejected', by: ['needOwner'], zh: '不采纳', en: 'Reject' },
    withdraw: { to: 'withdrawn', by: ['solver'], zh: '撤回', en: 'Withdraw' },
  },
  shortlisted: {
    introduce: { to: 'introduced', by: ['needOwner', 'broker'], zh: '对接引荐', en: 'Introduce the parties' },
    reject: { to: 'rejected', by: ['needOwner'], zh: '不采纳', en: 'Reject' },
    withdraw: { to: 'withdrawn', by: ['solver'], zh: '撤回', en: 'Withdraw' },
  },
  introduced: {
    negotiate: {
      to: 'negotiating',
      by: ['needOwner', 'broker', 'solver'],
      zh: '进入洽谈',
      en: 'Start negotiation',
    },
    close: { to: 'closed', by: ['needOwner', 'broker'], zh: '终止', en: 'Close' },
  },
  negotiating: {
    sign: {
      to: 'contractSigned',
      by: ['needOwner', 'broker'],
      zh: '登记签约',
      en: 'Record the signed contract',
    },
    close: { to: 'closed', by: ['needOwner', 'broker'], zh: '终止洽谈', en: 'Close the negotiation' },
  },
  rejected: {},
  contractSigned: {},
  withdrawn: {},
  closed: {},
};

export interface SolutionParties {
  status: SolutionStatus;
  needOrgId: string;
  solverOrgId: string;
  solverUserId: string;
}
export interface Who {
  userId: string;
  orgId: string;
  roles: readonly Role[];
}

const BROKER_ROLES: readonly Role[] = ['techManager', 'commissionStaff', 'programmeOfficeStaff'];

export function partiesOf(actor: Who, s: Omit<SolutionParties, 'status'>): Party[] {
  const out: Party[] = [];
  if (actor.orgId === s.needOrgId && actor.roles.includes('enterpriseUser')) out.push('needOwner');
  if (actor.roles.some((r) => BROKER_ROLES.includes(r)) && actor.orgId !== s.solverOrgId) out.push('broker');
  if (actor.userId === s.solverUserId) out.push('solver');
  return out;
}

export function canActOnSolution(actor: Who, s: SolutionParties, action: SolutionAction): Decision {
  const t = SOLUTION_WORKFLOW[s.status][action];
  if (!t)
    return deny(
      `方案处于“${SOLUTION_STATUS[s.status].zh}”状态，不能执行此操作`,
      `Not allowed while the solution is ${SOLUTION_STATUS[s.status].en.toLowerCase()}`,
      'invalid_state',
    );
  const mine = partiesOf(actor, s);
  if (!t.by.some((p) => mine.includes(p))) {
    const who = t.by
      .map((p) => ({ needOwner: '需求企业', broker: '技术经理人', solver: '方案提交人' })[p])
      .join('或');
    const whoEn = t.by
      .map(
        (p) =>
          ({
            needOwner: 'the enterprise that posted the need',
            broker: 'a technology manager',
            solver: 'the solver',
          })[p],
      )
      .join(' or ');
    return deny(`只有${who}可以“${t.zh}”`, `Only ${whoEn} can ${t.en.toLowerCase()}`);
  }
  return ALLOW;
}

export function solutionActions(actor: Who, s: SolutionParties): SolutionAction[] {
  return (Object.keys(SOLUTION_WORKFLOW[s.status]) as SolutionAction[]).filter(
    (a) => canActOnSolution(actor, s, a).allowed,
  );
}

/** The parties, brokers and the solver's organisation may read a solution (challenge experts: see the challenge service). */
export function canReadSolution(actor: Who, s: Omit<SolutionParties, 'status'>): boolean {
  return partiesOf(actor, s).length > 0 || actor.orgId === s.solverOrgId;
}
