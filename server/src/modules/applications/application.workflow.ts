/**
 * The application lifecycle (seed 003 §一.6): draft → 申报单位审核 (orgReview) →
 * [推荐部门审核 (districtReview) where the direction needs it] → approved (待提交) → submitted.
 * Each review can return the application with reasons (→ returned, editable again); the
 * organisation admin can take an approved one back. The only place that names an application's
 * states; services use `APPLICATION.state`.
 *
 * The district review is routed to the programme office when no district office in the platform can
 * act for the applicant (`district_route`, review.service.ts): then commission and programme-office
 * staff hold it instead of the district officer (the `routedToOffice` branch of each district step).
 */
import { ALLOW, deny } from '../../platform/decision.js';
import { defineWorkflow, type WorkflowActor } from '../../platform/workflow.js';
import './applications.permissions.js';
import { APPLICATION_REFUSALS, type ApplicationRefusal } from './applications.refusals.js';

export const APPLICATION_STATUS = {
  draft: { zh: '填报中', en: 'Draft' },
  orgReview: { zh: '申报单位审核中', en: 'Organisation review' },
  districtReview: { zh: '推荐部门审核中', en: 'District recommendation' },
  approved: { zh: '待提交', en: 'Ready to submit' },
  returned: { zh: '已退回修改', en: 'Returned for changes' },
  // Programme II (issue 12): the award after the public notice leaves it
  submitted: { zh: '已提交', en: 'Submitted' },
  // the award (立项) of the review module's notice (review/award.service.ts); the historical import stores it too
  awarded: { zh: '已立项', en: 'Awarded', terminal: true },
} as const;
export type ApplicationStatus = keyof typeof APPLICATION_STATUS;

/** What the workflow needs to know about an application. */
export interface ApplicationRef {
  status: ApplicationStatus;
  orgId?: string;
  leadUserId?: string | null;
  /** the direction needs a district recommendation (推荐部门审核) */
  needsDistrict?: boolean;
  /** the district review goes to the programme office (no district office in the platform can act) */
  routedToOffice?: boolean;
  /** the applicant's district (districtOf its registered region) */
  district?: string | null;
}

/** Who acts: besides roles, a district officer's own district. */
export interface ApplicationActor extends WorkflowActor {
  district?: string | null;
}

const R = APPLICATION_REFUSALS;
const OFFICE_ROLES = ['commissionStaff', 'programmeOfficeStaff'] as const;

export const otherOrg = () =>
  deny(
    '只能查看和办理本单位的项目申报',
    'You may only see and handle your own organisation’s applications',
    R.other_org,
  );
const ownOrg = (actor: ApplicationActor, a: ApplicationRef) => (actor.orgId === a.orgId ? ALLOW : otherOrg());
/** the organisation admin, or the project lead of this application */
const adminOrLead = (zh: string, en: string) => (actor: ApplicationActor, a: ApplicationRef) => {
  if (actor.orgId !== a.orgId) return otherOrg();
  if (actor.roles.includes('orgAdmin')) return ALLOW;
  if (actor.roles.includes('projectLead') && !!a.leadUserId && a.leadUserId === actor.userId) return ALLOW;
  return deny(zh, en, R.not_lead);
};
export const inDistrict = (actor: ApplicationActor, a: ApplicationRef) =>
  !!actor.district && actor.district === a.district;
const ownDistrict = (actor: ApplicationActor, a: ApplicationRef) =>
  inDistrict(actor, a)
    ? ALLOW
    : deny(
        '只能审核本区单位的申报',
        'You may only recommend applications from your district',
        R.other_district,
      );

const ROUTED = {
  zh: '申报单位所在区没有推荐部门，推荐部门审核已转由项目管理机构（市科委）办理',
  en: 'No district office can act for this organisation; the programme office handles its district review',
};
const routed = (a: ApplicationRef) => !!a.routedToOffice;
const notRouted = (a: ApplicationRef) => !a.routedToOffice;
const byOrgAdmin = (label: string, labelEn: string) => ({
  zh: `只有申报单位管理员可以「${label}」`,
  en: `Only the organisation admin may “${labelEn}”`,
});
const byDistrict = (label: string, labelEn: string) => ({
  zh: `只有推荐部门（区科委）可以「${label}」`,
  en: `Only the district office may “${labelEn}”`,
});

/**
 * One district step: the district officer of the applicant's district, or, when routed, staff.
 * Approve and return act on 推荐部门审核; revise (no state change) replaces the district's own
 * recommendation while the application waits for 正式提交 (issue 11: a commitment below the guide's
 * ratio left the applicant only a withdrawal and every review again).
 */
const districtStep = <A extends string>(
  action: A,
  from: 'districtReview' | 'approved',
  to: 'approved' | 'returned' | undefined,
  zh: string,
  en: string,
  stateDenial?: { zh: string; en: string },
) =>
  [
    {
      action,
      from,
      to,
      permission: 'application.districtReview',
      roles: ['districtOfficer'],
      when: (a: ApplicationRef) => notRouted(a) && (from === 'districtReview' || !!a.needsDistrict),
      whoDenial: byDistrict(zh, en),
      guard: ownDistrict,
      label: { zh, en },
      stateDenial,
    },
    {
      action,
      from,
      to,
      permission: 'application.districtReview',
      roles: OFFICE_ROLES,
      when: (a: ApplicationRef) => routed(a) && (from === 'districtReview' || !!a.needsDistrict),
      whoDenial: ROUTED,
      label: { zh, en },
      stateDenial,
    },
  ] as const;

export const APPLICATION = defineWorkflow<ApplicationRef, ApplicationActor, ApplicationRefusal>()({
  name: 'applications.application',
  noun: { zh: '申报书', en: 'application' },
  states: APPLICATION_STATUS,
  initial: 'draft',
  transitions: [
    {
      action: 'edit',
      from: ['draft', 'returned'],
      permission: 'application.edit',
      whoDenial: {
        zh: '只有本单位管理员或该项目的负责人可以填写',
        en: 'Only your organisation admin or this project’s lead may fill it in',
      },
      guard: adminOrLead(
        '只有本单位管理员或该项目的负责人可以填写',
        'Only your organisation admin or this project’s lead may fill it in',
      ),
      label: { zh: '填写申报书', en: 'Fill in' },
      stateDenial: {
        zh: '申报书已送审或已提交，不能修改（只有填报中或被退回时可修改）',
        en: 'The application can be edited only as a draft or when returned',
      },
    },
    {
      action: 'sendForReview',
      from: ['draft', 'returned'],
      to: 'orgReview',
      permission: 'application.edit',
      whoDenial: {
        zh: '只有申报单位管理员或项目负责人可以「提交单位审核」',
        en: 'Only the organisation admin or the project lead may send it for review',
      },
      guard: adminOrLead(
        '只有本单位管理员或该项目的负责人可以提交审核',
        'Only the organisation admin or this project’s lead may send it for review',
      ),
      label: { zh: '提交单位审核', en: 'Send for organisation review' },
    },
    {
      action: 'orgApprove',
      from: 'orgReview',
      to: 'districtReview',
      when: (a) => !!a.needsDistrict,
      permission: 'application.orgReview',
      whoDenial: byOrgAdmin('单位审核通过', 'Approve'),
      guard: ownOrg,
      label: { zh: '单位审核通过，报送推荐部门', en: 'Approve and send to the district' },
    },
    {
      action: 'orgApprove',
      from: 'orgReview',
      to: 'approved',
      when: (a) => !a.needsDistrict,
      permission: 'application.orgReview',
      whoDenial: byOrgAdmin('单位审核通过', 'Approve'),
      guard: ownOrg,
      label: { zh: '单位审核通过', en: 'Approve' },
    },
    {
      action: 'orgReturn',
      from: 'orgReview',
      to: 'returned',
      permission: 'application.orgReview',
      whoDenial: byOrgAdmin('退回修改', 'Return for changes'),
      guard: ownOrg,
      label: { zh: '退回修改', en: 'Return for changes' },
    },
    ...districtStep('districtApprove', 'districtReview', 'approved', '同意推荐', 'Recommend'),
    ...districtStep('districtReturn', 'districtReview', 'returned', '退回修改', 'Return for changes'),
    {
      action: 'submit',
      from: 'approved',
      to: 'submitted',
      permission: 'application.submit',
      whoDenial: byOrgAdmin('正式提交', 'Submit'),
      guard: ownOrg,
      label: { zh: '正式提交', en: 'Submit' },
    },
    {
      action: 'orgReturn',
      from: 'approved',
      to: 'returned',
      permission: 'application.orgReview',
      whoDenial: byOrgAdmin('撤回修改', 'Take back for changes'),
      guard: ownOrg,
      label: { zh: '撤回修改', en: 'Take back for changes' },
    },
    {
      // 立项 (issue 12): the review module's award after the public notice and its findings
      action: 'award',
      from: 'submitted',
      to: 'awarded',
      permission: 'review.award',
      label: { zh: '立项', en: 'Award' },
      stateDenial: {
        zh: '只有已正式提交的申报可以立项',
        en: 'Only a submitted application can be awarded',
      },
    },
    ...districtStep('districtRevise', 'approved', undefined, '修改推荐意见', 'Revise the recommendation', {
      zh: '只能在推荐后、正式提交前修改推荐意见',
      en: 'The district may revise its recommendation only after recommending and before submission',
    }),
  ],
});
export type ApplicationAction = (typeof APPLICATION.actionNames)[number];
export const APPLICATION_STATUSES = APPLICATION.stateNames;

const S = APPLICATION.state;
/** Statuses staff see (the application has reached the programme office). */
export const SUBMITTED_STATUSES: readonly ApplicationStatus[] = [S.submitted, S.awarded];
/** Statuses staff also see when the district review was routed to them. */
export const ROUTED_STATUSES: readonly ApplicationStatus[] = [S.districtReview, S.approved, S.returned];
/** Statuses a district officer sees (the organisation has sent it on, or it came back). */
export const SENT_TO_DISTRICT: readonly ApplicationStatus[] = [
  S.districtReview,
  S.approved,
  S.submitted,
  S.returned,
  S.awarded,
];

/** The applicant may fill in (and delete) the application only as a draft or once returned. */
export const isEditableState = (status: ApplicationStatus): boolean =>
  APPLICATION.from(status).some((t) => t.action === 'edit');
