/**
 * The application lifecycle as data (seed 003 §一.6): draft → 申报单位审核 (orgReview) →
 * [推荐部门审核 (districtReview) where the direction needs it] → approved → submitted.
 * Each review can return the application with reasons (→ returned, editable again).
 * Services ask this table; they never hard-code `if status == …`.
 */
import type { Role } from '../../platform/roles.js';

export const APPLICATION_STATUSES = [
  'draft',
  'orgReview',
  'districtReview',
  'approved',
  'returned',
  'submitted',
  'awarded',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export type ApplicationAction =
  'sendForReview' | 'orgApprove' | 'orgReturn' | 'districtApprove' | 'districtReturn' | 'submit';

export interface ApplicationTransition {
  action: ApplicationAction;
  to: ApplicationStatus;
  roles: readonly Role[];
  /**
   * Who acts instead when the application is routed to the programme office (its organisation has
   * no district office in the platform: registered outside Shanghai, or no district officer).
   */
  officeRoles?: readonly Role[];
  /** Only when the direction needs (or does not need) a district recommendation. */
  when?: 'district' | 'noDistrict';
  label: string;
  labelEn: string;
}

export const applicationWorkflow: Record<
  ApplicationStatus,
  { label: string; labelEn: string; editable: boolean; transitions: readonly ApplicationTransition[] }
> = {
  draft: {
    label: '填报中',
    labelEn: 'Draft',
    editable: true,
    transitions: [
      {
        action: 'sendForReview',
        to: 'orgReview',
        roles: ['orgAdmin', 'projectLead'],
        label: '提交单位审核',
        labelEn: 'Send for organisation review',
      },
    ],
  },
  returned: {
    label: '已退回修改',
    labelEn: 'Returned for changes',
    editable: true,
    transitions: [
      {
        action: 'sendForReview',
        to: 'orgReview',
        roles: ['orgAdmin', 'projectLead'],
        label: '提交单位审核',
        labelEn: 'Send for organisation review',
      },
    ],
  },
  orgReview: {
    label: '申报单位审核中',
    labelEn: 'Organisation review',
    editable: false,
    transitions: [
      {
        action: 'orgApprove',
        to: 'districtReview',
        when: 'district',
        roles: ['orgAdmin'],
        label: '单位审核通过，报送推荐部门',
        labelEn: 'Approve and send to the district',
      },
      {
        action: 'orgApprove',
        to: 'approved',
        when: 'noDistrict',
        roles: ['orgAdmin'],
        label: '单位审核通过',
        labelEn: 'Approve',
      },
      {
        action: 'orgReturn',
        to: 'returned',
        roles: ['orgAdmin'],
        label: '退回修改',
        labelEn: 'Return for changes',
      },
    ],
  },
  districtReview: {
    label: '推荐部门审核中',
    labelEn: 'District recommendation',
    editable: false,
    transitions: [
      {
        action: 'districtApprove',
        to: 'approved',
        roles: ['districtOfficer'],
        officeRoles: ['commissionStaff', 'programmeOfficeStaff'],
        label: '同意推荐',
        labelEn: 'Recommend',
      },
      {
        action: 'districtReturn',
        to: 'returned',
        roles: ['districtOfficer'],
        officeRoles: ['commissionStaff', 'programmeOfficeStaff'],
        label: '退回修改',
        labelEn: 'Return for changes',
      },
    ],
  },
  approved: {
    label: '待提交',
    labelEn: 'Ready to submit',
    editable: false,
    transitions: [
      { action: 'submit', to: 'submitted', roles: ['orgAdmin'], label: '正式提交', labelEn: 'Submit' },
      {
        action: 'orgReturn',
        to: 'returned',
        roles: ['orgAdmin'],
        label: '撤回修改',
        labelEn: 'Take back for changes',
      },
    ],
  },
  submitted: { label: '已提交', labelEn: 'Submitted', editable: false, transitions: [] },
  awarded: { label: '已立项', labelEn: 'Awarded', editable: false, transitions: [] },
};

/** The transition for `action` from `status`, given whether the direction needs a district recommendation. */
export function findTransition(
  status: ApplicationStatus,
  action: ApplicationAction,
  needsDistrict: boolean,
): ApplicationTransition | undefined {
  return applicationWorkflow[status].transitions.find(
    (t) => t.action === action && (!t.when || (t.when === 'district') === needsDistrict),
  );
}

/** Statuses staff see (the application has reached the programme office). */
export const SUBMITTED_STATUSES: readonly ApplicationStatus[] = ['submitted', 'awarded'];
