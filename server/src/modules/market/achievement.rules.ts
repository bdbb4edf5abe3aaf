import { deny, ALLOW, type Decision } from '../../platform/permissions.js';
import type { Role } from '../../platform/roles.js';
import {
  ACHIEVEMENT,
  ACHIEVEMENT_STATUS,
  EDITABLE_ACHIEVEMENT_STATES,
  type AchievementRef,
} from './achievement.workflow.js';

export {
  ACHIEVEMENT_STATUS,
  ACHIEVEMENT_STATUS_NAMES,
  type AchievementAction,
  type AchievementRef,
  type AchievementStatus,
} from './achievement.workflow.js';
import { IP_TYPES, OWNERSHIP, TRANSFER_MODES, TRL_LABELS } from '../../../../shared/market-labels.js';

// The option labels are shared with the web (one copy): shared/market-labels.ts.
export { TRL_LABELS, OWNERSHIP, TRANSFER_MODES, IP_TYPES };
export type Ownership = keyof typeof OWNERSHIP;
export const OWNERSHIP_NAMES = Object.keys(OWNERSHIP) as [Ownership, ...Ownership[]];
export type TransferMode = keyof typeof TRANSFER_MODES;
export const TRANSFER_MODE_NAMES = Object.keys(TRANSFER_MODES) as [TransferMode, ...TransferMode[]];
export type IpType = keyof typeof IP_TYPES;
export const IP_TYPE_NAMES = Object.keys(IP_TYPES) as [IpType, ...IpType[]];

export interface IpItem {
  type: IpType;
  /** 专利号 / 登记号; a trade secret has none */
  number?: string | null;
  title?: string | null;
}
export interface ContributingOrg {
  name: string;
  orgId?: string | null;
  /** first completing organisation (第一完成单位) or participant */
  role: 'first' | 'participant';
}
export interface Person {
  name: string;
  role?: string | null;
}
/** The researcher's own contact: never in a public response (contact goes through the tech manager). */
export interface ResearcherContact {
  name?: string | null;
  phone?: string | null;
  email?: string | null;
}

/** Organisation types whose researchers disclose achievements (科研事业单位). */
export const RESEARCH_ORG_TYPES = ['university', 'researchInstitute', 'hospital'] as const;
/** Roles that draft a disclosure (the researcher) and roles of the transfer office that review it. */
export const AUTHOR_ROLES: readonly Role[] = ['projectLead', 'techManager'];
export const REVIEWER_ROLES: readonly Role[] = ['orgAdmin', 'techManager'];

export interface Who {
  userId: string;
  orgId: string;
  roles: readonly Role[];
}

export function canCreateAchievement(actor: Who, orgType: string): Decision {
  if (!actor.roles.some((r) => AUTHOR_ROLES.includes(r)))
    return deny(
      '只有项目负责人或技术经理人可以登记成果',
      'Only a project lead or technology manager can disclose achievements',
    );
  if (!(RESEARCH_ORG_TYPES as readonly string[]).includes(orgType))
    return deny(
      '成果披露须由高校、科研院所或医疗卫生机构的人员发起',
      'Disclosures are made by researchers of universities, research institutes or hospitals',
      'org_type_not_allowed',
    );
  return ALLOW;
}

export function isReviewer(actor: Who, a: Pick<AchievementRef, 'ownerOrgId'>): boolean {
  return actor.orgId === a.ownerOrgId && actor.roles.some((r) => REVIEWER_ROLES.includes(r));
}

export function canEditAchievement(actor: Who, a: AchievementRef): Decision {
  if (a.createdBy !== actor.userId && !isReviewer(actor, a))
    return deny(
      '只有成果登记人或本单位转化办公室可以修改',
      'Only the author or the institution’s transfer office can edit this',
    );
  if (!EDITABLE_ACHIEVEMENT_STATES.includes(a.status))
    return deny(
      `成果处于“${ACHIEVEMENT_STATUS[a.status].zh}”状态，不能修改`,
      `The achievement is ${ACHIEVEMENT_STATUS[a.status].en.toLowerCase()} and cannot be edited`,
      'invalid_state',
    );
  return ALLOW;
}

/** Who may read the full record (with the researcher's contact): author, owning org, staff. */
export function canReadPrivate(actor: Who | null, a: AchievementRef): boolean {
  if (!actor) return false;
  if (actor.roles.some((r) => r === 'commissionStaff' || r === 'programmeOfficeStaff')) return true;
  return actor.userId === a.createdBy || actor.orgId === a.ownerOrgId;
}

/** Who may see the record at all: published for everyone; otherwise as canReadPrivate. */
export function canSee(actor: Who | null, a: AchievementRef): boolean {
  return a.status === ACHIEVEMENT.state.published || canReadPrivate(actor, a);
}
