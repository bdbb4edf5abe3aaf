import { definePermissions, type NameSet } from '../../platform/permissions.js';

const STAFF = ['commissionStaff', 'programmeOfficeStaff'] as const;

/**
 * The review module's permissions (issue 12). Who may act on which round or assignment (its state,
 * being the assigned expert) is the workflow's guard, not a permission.
 */
export const REVIEW_PERMISSIONS = definePermissions({
  'review.manage': {
    zh: '组织专家评审（评审轮次、专家分配与调整）',
    en: 'Run expert review (rounds, assigning and changing experts)',
    roles: [...STAFF],
  },
  'review.read': {
    zh: '查看评审进度与评分结果',
    en: 'See review progress and scores',
    roles: [...STAFF, 'auditor'],
  },
  'review.award': {
    zh: '确定立项（公示期满、异议办结后）',
    en: 'Decide the award (after the notice period and the findings)',
    roles: [...STAFF],
    // issue 10: award decisions are sensitive (a fresh proof of identity)
    sensitive: true,
  },
  'review.score': {
    zh: '评审分配给本人的项目',
    en: 'Review the applications assigned to you',
    roles: ['expert'],
  },
});

declare module '../../platform/permissions.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface PermissionNames extends NameSet<typeof REVIEW_PERMISSIONS> {}
}
