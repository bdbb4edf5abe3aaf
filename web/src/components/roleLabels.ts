import type { OrgType, Role } from '../api/types.js';
import type { Lang } from '../i18n/index.js';
import type { MessageKey } from '../i18n/zh-CN.js';

/** Role labels as the server's ROLES registry names them (server/src/platform/roles.ts). */
export const ROLE_LABELS: Record<Role, { zh: string; en: string; color: string }> = {
  commissionStaff: { zh: '市科委工作人员', en: 'Commission staff', color: 'red' },
  programmeOfficeStaff: { zh: '项目管理机构工作人员', en: 'Programme-office staff', color: 'volcano' },
  finance: { zh: '财政人员', en: 'Finance', color: 'gold' },
  districtOfficer: { zh: '区科委工作人员', en: 'District officer', color: 'orange' },
  orgAdmin: { zh: '单位管理员', en: 'Organisation admin', color: 'blue' },
  projectLead: { zh: '项目负责人', en: 'Project lead', color: 'geekblue' },
  expert: { zh: '评审专家', en: 'Expert', color: 'purple' },
  enterpriseUser: { zh: '企业用户', en: 'Enterprise user', color: 'cyan' },
  techManager: { zh: '技术经理人', en: 'Technology manager', color: 'green' },
  auditor: { zh: '审计人员', en: 'Auditor', color: 'magenta' },
  systemAdmin: { zh: '系统管理员', en: 'System admin', color: 'default' },
  securityAdmin: { zh: '安全管理员', en: 'Security admin', color: 'default' },
  auditAdmin: { zh: '审计管理员', en: 'Audit admin', color: 'default' },
};

export function roleLabel(role: string, lang: Lang): string {
  const l = ROLE_LABELS[role as Role];
  return l ? (lang === 'en' ? l.en : l.zh) : role;
}

export const orgTypeKey = (t: OrgType | string): MessageKey => `org.type.${t}` as MessageKey;

export const ORG_TYPE_COLORS: Record<OrgType, string> = {
  university: 'blue',
  researchInstitute: 'geekblue',
  hospital: 'cyan',
  enterprise: 'green',
  transferInstitution: 'purple',
  districtOffice: 'orange',
  commission: 'red',
  financeBureau: 'gold',
  other: 'default',
};
