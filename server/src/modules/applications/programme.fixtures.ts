/**
 * Complete, passing application content for the 2023 guide's directions (tests, demo and the
 * deadline-rush benchmark share it). Money in integer fen: 1 万元 = 1 000 000 分.
 */
import type { Call, Direction } from '../calls/index.js';
import { findDirection } from '../calls/index.js';
import { applicableKpis, ruleOrgType } from './application.rules.js';

export { GUIDE_2023_PATH, guide2023 } from '../calls/index.js';

export const WAN = 1_000_000;
export const YI = 10_000_000_000;

/** Content that passes every rule of `directionCode` for an organisation of `orgType` (identity type). */
export function passingContent(
  call: Call,
  directionCode: string,
  orgType: string,
  title = '示范项目',
): Record<string, unknown> {
  const { direction } = findDirection(call, directionCode)!;
  const requested = Math.min(direction.fundingRules.capPerProjectFen, 400 * WAN);
  const ratio = direction.fundingRules.coFundingRatio;
  const self = ratio ? Math.ceil((requested * ratio.self) / ratio.requested) : requested;
  return {
    project: {
      title,
      summary: `${direction.title}：建设内容摘要。`,
      startDate: '2024-01-01',
      endDate: '2026-12-31',
      keywords: ['概念验证'],
    },
    applicant: {
      legalForm: 'legalPerson',
      prevYearRevenueFen: 3 * YI,
      contactName: '联系人',
      contactPhone: '13812345678',
    },
    lead: {
      name: '张三',
      title: '教授',
      phone: '13912345678',
      email: 'lead@example.cn',
      idNumber: '110101199003071233',
      // guide 2023 §二.7: the lead leads no ongoing commission project
      declaredOngoingProjects: 0,
    },
    feasibilityPlan: {
      sections: [{ key: 'basis', title: '建设基础', text: '已有概念验证平台和专业团队。' }],
    },
    budget: {
      selfFundingFen: self,
      requestedGrantFen: requested,
      firstYearRequestFen: Math.min(requested, direction.fundingRules.firstYearCapFen ?? requested),
      ...(direction.fundingRules.districtMatching ? { districtMatchingFen: requested } : {}),
      techManagerTrainingFen: 50 * WAN,
    },
    kpis: kpiCommitments(direction, orgType),
    team: {
      members: [{ name: '李四', role: '骨干', title: '高级工程师' }],
      techManagers: [
        { name: '张三', role: 'lead', yearsFullTime: 5, isProjectLead: true },
        { name: '王五', role: 'core', yearsFullTime: 2, isProjectLead: false },
      ],
    },
    excludedExperts: [],
    claimsTechIncome: false,
    declarations: { integrityCommitment: true, noClassifiedContent: true, ethicsCommitment: true },
  };
}

export function kpiCommitments(direction: Direction, orgType: string) {
  return applicableKpis(direction, ruleOrgType(orgType)).map((k) => ({
    kpiId: k.id,
    metric: k.metric,
    unit: k.unit,
    comparator: k.comparator,
    value: k.value,
  }));
}

/** The attachment types a passing application of this direction and organisation type needs. */
export function neededAttachments(call: Call, directionCode: string, orgType: string): string[] {
  const { direction } = findDirection(call, directionCode)!;
  const out = ['feasibilityPlan'];
  if (direction.needsDistrictRecommendation) out.push('districtRecommendationLetter');
  if (direction.code === '4')
    out.push(
      ['university', 'researchInstitute', 'hospital'].includes(orgType)
        ? 'annualTransferReport'
        : 'serviceInstitutionAnnualReport',
    );
  return out;
}

export { pdf } from '../../platform/files/fixtures.js';
