/**
 * Every field of an application (申报书) with its Chinese and English label: the one table the
 * server's messages (type and format problems, checklist items, the 422 of a submit) and the web
 * form's labels read, so no screen shows a path such as `budget.requestedGrantFen`. The schema is
 * server/src/modules/applications/application.schema.ts (ApplicationContent); a row here per leaf,
 * array elements written `list[].field`. `required`: the guide's checklist needs it before submission
 * (the form marks it *); `format`: the check made at the field (shared/contact.ts, shared/idnumber.ts).
 */
import type { ZhEn } from './i18n.js';

export type FieldFormat = 'phone' | 'email' | 'idNumber' | 'date' | 'money' | 'count';
export interface ApplicationFieldInfo extends ZhEn {
  required?: boolean;
  format?: FieldFormat;
}

export const APPLICATION_FIELDS = {
  project: { zh: '项目信息', en: 'Project' },
  'project.title': { zh: '项目名称', en: 'Project title', required: true },
  'project.summary': { zh: '项目摘要', en: 'Summary' },
  'project.startDate': { zh: '开始日期', en: 'Start date', format: 'date' },
  'project.endDate': { zh: '结束日期', en: 'End date', format: 'date' },
  'project.keywords': { zh: '关键词', en: 'Keywords' },
  applicant: { zh: '申报单位', en: 'Applicant organisation' },
  'applicant.legalForm': { zh: '组织形式', en: 'Legal form', required: true },
  'applicant.prevYearRevenueFen': { zh: '上年度主营业务收入', en: 'Previous-year revenue', format: 'money' },
  'applicant.contactName': { zh: '联系人', en: 'Contact person' },
  'applicant.contactPhone': { zh: '联系电话', en: 'Contact phone', format: 'phone' },
  lead: { zh: '项目负责人', en: 'Project lead' },
  leadUserId: { zh: '项目负责人', en: 'Project lead', required: true },
  'lead.name': { zh: '项目负责人姓名', en: "Lead's name" },
  'lead.title': { zh: '项目负责人职称/职务', en: "Lead's title" },
  'lead.phone': { zh: '项目负责人手机', en: "Lead's phone", format: 'phone' },
  'lead.email': { zh: '项目负责人电子邮箱', en: "Lead's e-mail", format: 'email' },
  'lead.idNumber': { zh: '项目负责人身份证号', en: "Lead's ID number", format: 'idNumber' },
  'lead.declaredOngoingProjects': {
    zh: '项目负责人在研项目数',
    en: "Lead's ongoing commission projects",
    required: true,
    format: 'count',
  },
  feasibilityPlan: { zh: '可行性方案', en: 'Feasibility plan' },
  'feasibilityPlan.sections': { zh: '可行性方案章节', en: 'Feasibility plan sections' },
  'feasibilityPlan.sections[].key': { zh: '章节', en: 'Section' },
  'feasibilityPlan.sections[].title': { zh: '章节标题', en: 'Section title' },
  'feasibilityPlan.sections[].text': { zh: '章节内容', en: 'Section text' },
  budget: { zh: '经费预算', en: 'Budget' },
  'budget.selfFundingFen': { zh: '单位自筹经费', en: 'Self-funding', required: true, format: 'money' },
  'budget.requestedGrantFen': { zh: '申请资助金额', en: 'Requested grant', required: true, format: 'money' },
  'budget.firstYearRequestFen': { zh: '立项当年申请额度', en: 'First-year request', format: 'money' },
  'budget.districtMatchingFen': { zh: '区级配套资金', en: 'District matching funds', format: 'money' },
  'budget.techManagerTrainingFen': {
    zh: '技术经理人聘用和培养经费',
    en: 'Technology-manager hiring and training',
    format: 'money',
  },
  kpis: { zh: '绩效指标承诺', en: 'KPI commitments' },
  'kpis[].kpiId': { zh: '指南指标', en: 'Guide KPI' },
  'kpis[].metric': { zh: '指标名称', en: 'Metric' },
  'kpis[].unit': { zh: '指标单位', en: 'Unit' },
  'kpis[].comparator': { zh: '比较方式', en: 'Comparator' },
  'kpis[].value': { zh: '承诺值', en: 'Committed value' },
  team: { zh: '项目团队', en: 'Team' },
  'team.members': { zh: '项目团队成员', en: 'Team members' },
  'team.members[].name': { zh: '成员姓名', en: "Member's name" },
  'team.members[].role': { zh: '成员分工', en: "Member's role" },
  'team.members[].title': { zh: '成员职称', en: "Member's title" },
  'team.members[].employer': { zh: '成员工作单位', en: "Member's employer" },
  'team.members[].phone': { zh: '成员联系电话', en: "Member's phone", format: 'phone' },
  'team.members[].idNumber': { zh: '成员身份证号', en: "Member's ID number", format: 'idNumber' },
  'team.techManagers': { zh: '推荐的技术经理人', en: 'Technology managers' },
  'team.techManagers[].name': { zh: '技术经理人姓名', en: "Manager's name" },
  'team.techManagers[].role': { zh: '技术经理人角色', en: "Manager's role" },
  'team.techManagers[].yearsFullTime': { zh: '专职从业年限', en: 'Years full-time', format: 'count' },
  'team.techManagers[].isProjectLead': { zh: '是否为项目负责人', en: 'Is the project lead' },
  excludedExperts: { zh: '申请回避的专家', en: 'Experts to exclude' },
  'excludedExperts[].name': { zh: '回避专家姓名', en: "Expert's name" },
  'excludedExperts[].employer': { zh: '回避专家工作单位', en: "Expert's employer" },
  'excludedExperts[].reason': { zh: '回避理由', en: 'Reason to exclude' },
  claimsTechIncome: { zh: '是否填报技术性收入或技术转移成交金额', en: 'Claims technical income' },
  declarations: { zh: '承诺与声明', en: 'Declarations' },
  'declarations.integrityCommitment': { zh: '科研诚信承诺', en: 'Integrity commitment', required: true },
  'declarations.noClassifiedContent': { zh: '不含涉密内容声明', en: 'No classified content', required: true },
  'declarations.ethicsCommitment': { zh: '科技伦理承诺', en: 'Ethics commitment' },
} as const satisfies Record<string, ApplicationFieldInfo>;

export type ApplicationFieldPath = keyof typeof APPLICATION_FIELDS;

/** The field's pair as written in the table (numeric indexes read as `[]`), or undefined. */
export function applicationFieldInfo(
  path: string | readonly (string | number)[],
): ApplicationFieldInfo | undefined {
  const parts = typeof path === 'string' ? path.replace(/^application\./, '').split('.') : path.map(String);
  const key = parts
    .map((p) => (/^\d+$/.test(p) ? null : p))
    .reduce<string>((acc, p) => {
      if (p === null) return `${acc}[]`;
      return acc ? `${acc}.${p}` : p;
    }, '');
  return (APPLICATION_FIELDS as Record<string, ApplicationFieldInfo>)[key];
}

/**
 * The label to show for a path: 成员联系电话（第2行） for team.members.1.phone; the nearest labelled
 * ancestor when a leaf has no row; the path itself only for a field outside the schema.
 */
export function applicationFieldLabel(path: string | readonly (string | number)[]): ZhEn {
  const parts = typeof path === 'string' ? path.replace(/^application\./, '').split('.') : path.map(String);
  const isRow = (p: string) => /^\d+$/.test(p);
  for (let n = parts.length; n > 0; n--) {
    const info = applicationFieldInfo(parts.slice(0, n));
    if (!info) continue;
    const row = parts.slice(0, n).find(isRow);
    return row === undefined
      ? { zh: info.zh, en: info.en }
      : { zh: `${info.zh}（第${Number(row) + 1}行）`, en: `${info.en} (row ${Number(row) + 1})` };
  }
  const raw = parts.join('.');
  return { zh: raw, en: raw };
}
