import { definePermissions, type NameSet } from '../../platform/permissions.js';
import type { Role } from '../../platform/roles.js';

const STAFF: Role[] = ['commissionStaff', 'programmeOfficeStaff'];

/**
 * Permissions of Programme I applications and screening (the registry's labels; the application
 * workflow, application.workflow.ts, adds the state, the organisation and the district).
 */
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
  'screening.export': {
    zh: '导出形式审查清单（Excel）',
    en: 'Export the screening list (Excel)',
    roles: ['commissionStaff', 'programmeOfficeStaff', 'auditor'],
    sensitive: true,
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
