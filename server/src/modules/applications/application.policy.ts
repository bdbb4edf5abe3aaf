/**
 * Who may see and do what with an application. State first, then role, then ownership; every
 * refusal carries a zh/en reason the UI shows.
 */
import { registerErrorCodes, type CodeSet } from '../../platform/errors.js';
import { ALLOW, definePermissions, deny, type Decision, type NameSet } from '../../platform/permissions.js';
import type { Actor, Role } from '../../platform/roles.js';
import {
  applicationWorkflow,
  findTransition,
  SUBMITTED_STATUSES,
  type ApplicationAction,
  type ApplicationStatus,
} from './application.workflow.js';

const STAFF: Role[] = ['commissionStaff', 'programmeOfficeStaff'];

export const APPLICATION_PERMISSIONS = definePermissions({
  'application.read': {
    zh: '查看项目申报',
    en: 'View applications',
    roles: [
      'orgAdmin',
      'projectLead',
      'commissionStaff',
      'programmeOfficeStaff',
      'districtOfficer',
      'auditor',
    ],
  },
  'application.create': { zh: '发起项目申报', en: 'Start an application', roles: ['orgAdmin'] },
  'application.edit': {
    zh: '填写项目申报书',
    en: 'Fill in an application',
    roles: ['orgAdmin', 'projectLead'],
  },
  'application.orgReview': {
    zh: '申报单位审核',
    en: 'Review as the applicant organisation',
    roles: ['orgAdmin'],
  },
  'application.districtReview': {
    zh: '推荐部门审核',
    en: 'Recommend as the district office',
    // staff act only on applications routed to the programme office (no district office can act)
    roles: ['districtOfficer', 'commissionStaff', 'programmeOfficeStaff'],
  },
  'application.submit': { zh: '正式提交项目申报', en: 'Submit an application', roles: ['orgAdmin'] },
  'screening.read': {
    zh: '查看形式审查清单',
    en: 'View the screening list',
    roles: ['commissionStaff', 'programmeOfficeStaff', 'auditor'],
  },
  'screening.run': { zh: '运行形式审查', en: 'Run screening', roles: STAFF },
  'screening.decide': {
    zh: '确认或调整形式审查结论',
    en: 'Confirm or override screening findings',
    roles: STAFF,
  },
});

declare module '../../platform/permissions.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface PermissionNames extends NameSet<typeof APPLICATION_PERMISSIONS> {}
}

/** The module's error codes (status, zh-CN, en), merged into the `ErrorCode` type below. */
export const APPLICATION_ERRORS = registerErrorCodes({
  application_incomplete: {
    status: 422,
    zh: '申报书未通过形式审查或信息不完整，不能提交',
    en: 'The application fails screening or is incomplete and cannot be submitted',
  },
  failing_findings: {
    status: 422,
    zh: '申报书有未通过的审查项，须填写理由确认后方可同意',
    en: 'The application fails some checks; give a reason to approve it anyway',
  },
  window_not_open: { status: 409, zh: '网上填报尚未开始', en: 'The application window has not opened yet' },
  submit_failed: {
    status: 503,
    zh: '提交未完成，申报书仍为待提交状态，请重新提交',
    en: 'The application was not submitted; it is still ready to submit, submit it again',
  },
});

declare module '../../platform/errors.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCodes extends CodeSet<typeof APPLICATION_ERRORS> {}
}

export interface AppFacts {
  orgId: string;
  status: ApplicationStatus;
  leadUserId: string | null;
  needsDistrict: boolean;
  /** The district review goes to the programme office (no district office in the platform can act). */
  routedToOffice?: boolean;
}

type Who = Pick<Actor, 'userId' | 'orgId' | 'roles'>;
const has = (a: Who, r: Role) => a.roles.includes(r);
const isStaff = (a: Who) => a.roles.some((r) => STAFF.includes(r) || r === 'auditor');
const OTHER_ORG = () =>
  deny(
    '只能查看和办理本单位的项目申报',
    'You may only see and handle your own organisation’s applications',
    'other_org',
  );

/** `district`: whether the actor's district matches the applicant's (only asked for district officers). */
export function canReadApplication(actor: Who, app: AppFacts, district?: boolean): Decision {
  if (actor.orgId === app.orgId && (has(actor, 'orgAdmin') || has(actor, 'projectLead'))) return ALLOW;
  if (isStaff(actor)) {
    if (SUBMITTED_STATUSES.includes(app.status)) return ALLOW;
    if (app.routedToOffice && ['districtReview', 'approved', 'returned'].includes(app.status)) return ALLOW;
    return deny(
      '申报书尚未正式提交，管理部门暂不可见',
      'Staff see an application only once it has been submitted',
      'not_submitted',
    );
  }
  if (has(actor, 'districtOfficer')) {
    if (!app.needsDistrict)
      return deny('该方向无需推荐部门审核', 'This direction needs no district recommendation', 'no_district');
    if (!district)
      return deny(
        '只能查看本区单位的申报',
        'You may only see applications from your district',
        'other_district',
      );
    if (app.status === 'draft' || app.status === 'orgReview')
      return deny(
        '申报单位尚未报送推荐部门',
        'The organisation has not sent it to the district yet',
        'not_sent',
      );
    return ALLOW;
  }
  return OTHER_ORG();
}

export function canEditApplication(actor: Who, app: AppFacts): Decision {
  if (!applicationWorkflow[app.status].editable)
    return deny(
      `申报书处于「${applicationWorkflow[app.status].label}」状态，不能修改（只有填报中或被退回时可修改）`,
      `The application is “${applicationWorkflow[app.status].labelEn}”; it can be edited only as a draft or when returned`,
      'not_editable',
    );
  if (actor.orgId !== app.orgId) return OTHER_ORG();
  if (has(actor, 'orgAdmin')) return ALLOW;
  if (has(actor, 'projectLead') && app.leadUserId === actor.userId) return ALLOW;
  return deny(
    '只有本单位管理员或该项目的负责人可以填写',
    'Only your organisation admin or this project’s lead may fill it in',
    'not_lead',
  );
}

/** Whether the actor may take `action` now: the workflow table, then role, then ownership/district. */
export function canAct(actor: Who, app: AppFacts, action: ApplicationAction, district?: boolean): Decision {
  const t = findTransition(app.status, action, app.needsDistrict);
  if (!t)
    return deny(
      `申报书处于「${applicationWorkflow[app.status].label}」状态，不能执行此操作`,
      `Not possible while the application is “${applicationWorkflow[app.status].labelEn}”`,
      'invalid_state',
    );
  if (app.routedToOffice && t.officeRoles) {
    if (t.officeRoles.some((r) => has(actor, r))) return ALLOW;
    return deny(
      '申报单位所在区没有推荐部门，推荐部门审核已转由项目管理机构（市科委）办理',
      'No district office can act for this organisation; the programme office handles its district review',
      'routed_to_office',
    );
  }
  if (!t.roles.some((r) => has(actor, r)))
    return deny(
      `只有${t.roles.includes('districtOfficer') ? '推荐部门（区科委）' : '申报单位管理员'}可以「${t.label}」`,
      `Your role may not “${t.labelEn}”`,
      'role',
    );
  if (t.roles.includes('districtOfficer')) {
    if (!district)
      return deny(
        '只能审核本区单位的申报',
        'You may only recommend applications from your district',
        'other_district',
      );
    return ALLOW;
  }
  if (actor.orgId !== app.orgId) return OTHER_ORG();
  if (action === 'sendForReview' && !has(actor, 'orgAdmin') && app.leadUserId !== actor.userId)
    return deny(
      '只有本单位管理员或该项目的负责人可以提交审核',
      'Only the organisation admin or this project’s lead may send it for review',
      'not_lead',
    );
  return ALLOW;
}

export function canStart(actor: Who): Decision {
  return has(actor, 'orgAdmin')
    ? ALLOW
    : deny('只有单位管理员可以发起申报', 'Only an organisation admin may start an application', 'role');
}
