/**
 * The fact catalogue: the fact paths screening understands, with zh/en labels and units, used by
 * describeRule and in reasons. A path outside the catalogue still works; it is shown as the raw path.
 */
import { z } from 'zod';

/** Fact catalogue: the fields the screening understands, with labels for describeRule and reasons. */
export interface FactFieldInfo {
  zh: string;
  en: string;
  unitZh?: string;
  unitEn?: string;
  /** Labels of enumerated values (code → zh / en). */
  values?: Record<string, { zh: string; en: string }>;
  /** A GB/T 2260 division code: shown by name, compared by containment in `equals` / `in`. */
  division?: boolean;
}

export const ORG_TYPES = {
  university: { zh: '高校', en: 'university' },
  researchInstitute: { zh: '科研院所', en: 'research institute' },
  medicalInstitution: { zh: '医疗卫生机构', en: 'medical and health institution' },
  enterprise: { zh: '企业', en: 'enterprise' },
  transferInstitution: { zh: '社会化技术转移机构', en: 'independent technology-transfer institution' },
  other: { zh: '其他组织', en: 'other organisation' },
} as const;
export type OrgType = keyof typeof ORG_TYPES;
export const OrgTypeSchema = z.enum(Object.keys(ORG_TYPES) as [OrgType, ...OrgType[]]);

export const FACT_FIELDS: Record<string, FactFieldInfo> = {
  'org.type': { zh: '申报单位类型', en: 'applicant organisation type', values: ORG_TYPES },
  'org.legalForm': {
    zh: '申报单位组织形式',
    en: 'legal form of the applicant',
    values: {
      legalPerson: { zh: '法人', en: 'legal person' },
      unincorporated: { zh: '非法人组织', en: 'unincorporated organisation' },
    },
  },
  'org.registeredRegion': {
    // read from characters 3–8 of the USCC (GB/T 2260), never from the typed region
    zh: '申报单位注册地',
    en: 'place of registration',
    division: true,
  },
  'org.prevYearRevenueFen': { zh: '上年度主营业务收入', en: 'previous-year main business revenue' },
  'application.budget.selfFundingFen': { zh: '单位自筹经费', en: 'self-funding' },
  'application.budget.requestedGrantFen': { zh: '申请资助经费', en: 'requested grant' },
  'application.budget.firstYearRequestFen': { zh: '立项当年申请支持额度', en: 'first-year grant request' },
  'application.budget.districtMatchingFen': {
    zh: '区已投入或承诺投入资金',
    en: 'district funds committed or invested',
  },
  'application.budget.techManagerTrainingFen': {
    zh: '用于技术经理人聘用和培养的资助经费',
    en: 'grant budget for hiring and training technology managers',
  },
  'application.team.techManagers': {
    zh: '推荐的优秀技术经理人（团队）成员',
    en: 'recommended technology managers (team)',
    unitZh: '人',
    unitEn: 'person(s)',
  },
  'application.attachments': { zh: '已上传附件', en: 'uploaded attachments', unitZh: '份', unitEn: 'files' },
  'application.excludedExperts': {
    zh: '回避专家名单',
    en: 'experts to exclude (avoidance list)',
    unitZh: '人',
    unitEn: 'person(s)',
  },
  'application.claimsTechIncome': {
    zh: '是否填报技术性收入或技术转移成交金额',
    en: 'claims technical income or transfer deal value',
  },
  'application.declarations.integrityCommitment': {
    zh: '项目负责人材料真实性承诺',
    en: "project lead's commitment that the materials are true",
  },
  'application.declarations.noClassifiedContent': {
    zh: '不含涉密内容声明',
    en: 'declaration that nothing classified is included',
  },
  'lead.ongoingCommissionProjects': {
    zh: '项目负责人作为负责人承担的市科委在研项目数（申报人填报数与在研项目登记数取较大者）',
    en: 'ongoing commission projects the lead already leads (the larger of the declaration and the registry)',
    unitZh: '项',
    unitEn: 'projects',
  },
  'lead.declaredOngoingProjects': {
    zh: '申报人填报的项目负责人在研项目数',
    en: 'ongoing projects declared for the lead',
    unitZh: '项',
    unitEn: 'projects',
  },
  'lead.registryOngoingProjects': {
    zh: '在研项目登记（含本平台已立项）中项目负责人的在研项目数',
    en: "the lead's ongoing projects in the registry (and awarded on this platform)",
    unitZh: '项',
    unitEn: 'projects',
  },
  'context.orgSubmittedThisProgrammeYear': {
    zh: '本单位在同一计划、同一年度已提交的其他申报数（不含草稿）',
    en: "the organisation's other submitted applications in the same programme and year (drafts excluded)",
    unitZh: '项',
    unitEn: 'applications',
  },
  'context.orgSubmittedThisCall': {
    zh: '本单位在本指南下已提交的其他申报数（不含草稿）',
    en: "the organisation's other submitted applications to this call (drafts excluded)",
    unitZh: '项',
    unitEn: 'applications',
  },
};

/** Labels of element fields used in `count.where` for known array facts. */
export const ELEMENT_FIELDS: Record<string, Record<string, FactFieldInfo>> = {
  'application.team.techManagers': {
    role: {
      zh: '角色',
      en: 'role',
      values: {
        lead: { zh: '优秀技术经理人', en: 'lead technology manager' },
        core: { zh: '骨干成员', en: 'core member' },
      },
    },
    yearsFullTime: {
      zh: '专职从事技术转移服务年限',
      en: 'years full-time in technology transfer',
      unitZh: '年',
      unitEn: 'years',
    },
    isProjectLead: { zh: '是否为项目负责人', en: 'is the project lead' },
  },
};
