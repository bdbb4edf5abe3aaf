import { definePermissions, type NameSet } from '../../platform/permissions.js';

const STAFF = ['commissionStaff', 'programmeOfficeStaff'] as const;

/**
 * The projects module's permissions (Programme III, issue 13: agreements 任务书 and disbursements 拨付).
 * Who may act on which agreement or tranche (its state, its organisation, not approving one's own
 * request) is the workflow's guard.
 */
export const PROJECTS_PERMISSIONS = definePermissions({
  'agreement.read': {
    zh: '查看任务书与拨付台账（本单位或全部）',
    en: "See agreements and the disbursement ledger (one's own organisation's or all)",
    roles: [...STAFF, 'finance', 'auditor', 'orgAdmin', 'projectLead'],
  },
  'agreement.manage': {
    zh: '生成和修改任务书（立项后）',
    en: 'Draft and edit agreements (after the award)',
    roles: [...STAFF],
  },
  'agreement.sign': {
    zh: '以承担单位身份确认任务书',
    en: 'Confirm an agreement for the organisation that carries the project',
    roles: ['orgAdmin'],
    sensitive: true,
  },
  'agreement.approve': {
    zh: '以市科委身份确认任务书',
    en: 'Confirm an agreement for the commission',
    roles: ['commissionStaff'],
    sensitive: true,
  },
  'agreement.change': {
    zh: '提出任务书变更申请（延期、指标或预算调整）',
    en: 'File a change request on a signed agreement (extension, KPI or budget adjustment)',
    roles: ['orgAdmin', 'projectLead'],
  },
  'payment.request': {
    zh: '提出请款报告',
    en: 'Raise a payment request',
    roles: [...STAFF],
  },
  'payment.approve': {
    zh: '审批请款报告（财政）',
    en: 'Approve or refuse a payment request (finance)',
    roles: ['finance'],
    // issue 10: money approvals are sensitive
    sensitive: true,
  },
  'payment.record': {
    zh: '登记拨付（日期与凭证号）',
    en: 'Record a payment (date and reference)',
    roles: ['finance'],
  },
});

declare module '../../platform/permissions.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface PermissionNames extends NameSet<typeof PROJECTS_PERMISSIONS> {}
}
