import { definePermissions, type NameSet } from '../../platform/permissions.js';

const STAFF = ['commissionStaff', 'programmeOfficeStaff'] as const;

/** Permissions of the technology market (the registry's labels; policies add state and ownership). */
export const MARKET_PERMISSIONS = definePermissions({
  'achievement.write': {
    zh: '登记和提交科技成果',
    en: 'Disclose and submit achievements',
    roles: ['projectLead', 'techManager'],
  },
  'achievement.review': {
    zh: '审核本单位科技成果披露',
    en: 'Review disclosures of your institution',
    roles: ['orgAdmin', 'techManager'],
  },
  'achievement.import': {
    zh: '批量导入科技成果',
    en: 'Import achievements in bulk',
    roles: ['projectLead', 'techManager', 'orgAdmin'],
  },
  'need.write': { zh: '发布企业技术需求', en: 'Publish enterprise needs', roles: ['enterpriseUser'] },
  'need.refine': {
    zh: '完善企业需求描述',
    en: 'Refine an enterprise need',
    roles: ['techManager'],
  },
  'solution.write': {
    zh: '提交解决方案',
    en: 'Submit solutions',
    roles: ['projectLead', 'techManager', 'orgAdmin', 'enterpriseUser'],
  },
  'solution.act': {
    zh: '阅卷与对接（入围、不采纳、引荐、洽谈、签约）',
    en: 'Judge and broker solutions (shortlist, reject, introduce, negotiate, sign)',
    roles: ['enterpriseUser', 'techManager', 'projectLead', 'orgAdmin', ...STAFF],
  },
  'challenge.manage': { zh: '组织揭榜挂帅/创新挑战赛', en: 'Run challenges', roles: [...STAFF] },
  'challenge.award': {
    zh: '确定挑战赛获胜方案',
    en: 'Decide challenge winners',
    roles: [...STAFF],
    sensitive: true,
  },
  'challenge.score': {
    zh: '挑战赛专家初筛评分',
    en: 'Pre-screen challenge solutions',
    roles: ['expert'],
  },
  'expertProfile.write': { zh: '维护专家擅长领域', en: 'Edit your expert fields', roles: ['expert'] },
  'dictionary.manage': {
    zh: '维护检索领域词典',
    en: 'Maintain the search domain dictionary',
    roles: [...STAFF, 'systemAdmin'],
  },
  'search.admin': {
    zh: '查看与重建检索索引',
    en: 'Inspect and rebuild the search index',
    roles: [...STAFF, 'systemAdmin'],
  },
  'marketStats.read': {
    zh: '查看技术市场漏斗统计',
    en: 'View market funnel statistics',
    roles: [...STAFF, 'techManager', 'districtOfficer', 'auditor'],
  },
});

declare module '../../platform/permissions.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface PermissionNames extends NameSet<typeof MARKET_PERMISSIONS> {}
}
