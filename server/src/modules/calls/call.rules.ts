/**
 * Pure rules of the calls module: screening (形式审查) and the deadline (the lifecycle: call.workflow.ts).
 * No I/O, no clock: the caller passes the server's receive instant.
 */
import { findDirection, type Call, type Direction, type RequiredAttachment } from './call.schema.js';
import { evaluateRule, type ApplicationFacts, type Facts, type RuleResult } from './rule.eval.js';
import type { Rule } from './rule.schema.js';
import { formatFen } from './rule.describe.js';
import { DomainError } from '../../platform/errors.js';
import './calls.permissions.js';

export { evaluateRule } from './rule.eval.js';
export type { ApplicationFacts, Facts, RuleResult, Verdict } from './rule.eval.js';
export { describeRule } from './rule.describe.js';
export * from './call.deadline.js';

/** `kpis`: the applicant's KPI commitments, judged by applications' kpiFindings and merged in for staff. */
/** `fields`: a typed value in the wrong form (added by the applications module to a screening run). */
export type FindingGroup = 'eligibility' | 'funding' | 'attachments' | 'kpis' | 'fields';
export interface Finding extends RuleResult {
  group: FindingGroup;
  /** Where the rule came from in the call: shared requirements, the direction, or derived from fundingRules. */
  origin: 'common' | 'direction' | 'fundingRules' | 'attachments' | 'kpis' | 'fields';
}
export type Overall = 'pass' | 'fail' | 'incomplete';
export interface ScreeningResult {
  callNumber: string;
  directionCode: string;
  /** fail: an error-severity rule is not met; incomplete: none fails but some cannot be judged yet. */
  overall: Overall;
  findings: Finding[];
  counts: { passed: number; failed: number; unknown: number; warnings: number; notApplicable: number };
  /**
   * Disagreements between what was typed and a registry, for staff (typed region vs. USCC division,
   * declared vs. registered ongoing projects). Added by the applications module; never fail screening.
   */
  flags?: { code: 'regionMismatch' | 'ongoingProjectsMismatch'; zh: string; en: string }[];
}

const FUNDING = 'application.budget';

function attachmentRule(a: RequiredAttachment, origin: string): Rule {
  return {
    id: `attachment.${a.type}`,
    kind: 'attachmentRequired',
    label: `附件：${a.label}`,
    labelEn: `Attachment: ${a.labelEn ?? a.type}`,
    explain: `须上传「${a.label}」。`,
    explainEn: `"${a.labelEn ?? a.label}" must be uploaded.`,
    attachmentType: a.type,
    attachmentLabel: a.label,
    ...(a.labelEn ? { attachmentLabelEn: a.labelEn } : {}),
    ...(a.when ? { when: a.when } : {}),
    source: a.source ?? origin,
  };
}

/** Rules implied by a direction's fundingRules and attachment lists (so they are stated once, as data). */
export function derivedRules(
  call: Call,
  direction: Direction,
): { rule: Rule; group: FindingGroup; origin: Finding['origin'] }[] {
  const f = direction.fundingRules;
  const src = f.source;
  const out: { rule: Rule; group: FindingGroup; origin: Finding['origin'] }[] = [];
  const add = (rule: Rule, group: FindingGroup = 'funding', origin: Finding['origin'] = 'fundingRules') =>
    out.push({ rule, group, origin });
  add({
    id: 'funding.capPerProject',
    kind: 'cap',
    label: '申请资助经费上限',
    labelEn: 'Grant cap per project',
    explain: `每项资助额度不超过${formatFen(f.capPerProjectFen)}；您申请的是{actual}。`,
    explainEn: `The grant per project may not exceed ${formatFen(f.capPerProjectFen, 'en')}; you requested {actual}.`,
    field: `${FUNDING}.requestedGrantFen`,
    max: f.capPerProjectFen,
    ...(src ? { source: src } : {}),
  });
  if (f.firstYearCapFen !== undefined)
    add({
      id: 'funding.firstYearCap',
      kind: 'cap',
      label: '立项当年支持额度上限',
      labelEn: 'First-year grant cap',
      explain: `立项当年支持额度不超过${formatFen(f.firstYearCapFen)}；您填写的是{actual}。`,
      explainEn: `The first-year grant may not exceed ${formatFen(f.firstYearCapFen, 'en')}; you entered {actual}.`,
      field: `${FUNDING}.firstYearRequestFen`,
      max: f.firstYearCapFen,
      ...(src ? { source: src } : {}),
    });
  if (f.coFundingRatio)
    add({
      id: 'funding.coFundingRatio',
      kind: 'ratio',
      label: '自筹经费与申请资助经费比例',
      labelEn: 'Co-funding ratio',
      explain: `单位自筹经费与申请资助经费的比例不低于${f.coFundingRatio.self}:${f.coFundingRatio.requested}。`,
      explainEn: `Self-funding : requested grant must be at least ${f.coFundingRatio.self}:${f.coFundingRatio.requested}.`,
      field: `${FUNDING}.selfFundingFen`,
      denominatorField: `${FUNDING}.requestedGrantFen`,
      op: '>=',
      ratio: { a: f.coFundingRatio.self, b: f.coFundingRatio.requested },
      ...(src ? { source: src } : {}),
    });
  if (f.districtMatching)
    add({
      id: 'funding.districtMatching',
      kind: 'ratio',
      label: '区级配套资金',
      labelEn: 'District matching funds',
      explain:
        f.districtMatching.district === f.districtMatching.municipal
          ? '区已投入资金或承诺投入的资金不低于市级支持额度。'
          : `区已投入或承诺投入资金与市级支持额度之比不低于${f.districtMatching.district}:${f.districtMatching.municipal}。`,
      explainEn:
        'District funds invested or committed must be at least the municipal grant (in the stated ratio).',
      field: `${FUNDING}.districtMatchingFen`,
      denominatorField: `${FUNDING}.requestedGrantFen`,
      op: '>=',
      ratio: { a: f.districtMatching.district, b: f.districtMatching.municipal },
      ...(src ? { source: src } : {}),
    });
  const attachments = [...call.commonAttachments, ...direction.requiredAttachments];
  if (
    direction.needsDistrictRecommendation &&
    !attachments.some((a) => a.type === 'districtRecommendationLetter')
  )
    attachments.push({
      type: 'districtRecommendationLetter',
      label: '区科技主管部门出具的推荐函（含资金支持意见）',
      labelEn: 'Recommendation letter from the district S&T office (with its funding opinion)',
    });
  const seen = new Set<string>();
  for (const a of attachments) {
    if (seen.has(a.type)) continue;
    seen.add(a.type);
    add(attachmentRule(a, 'platform'), 'attachments', 'attachments');
  }
  return out;
}

/** Counts and the overall verdict of a list of findings (error-severity ones decide). */
export function tally(findings: Finding[]): ScreeningResult['counts'] & { overall: Overall } {
  const blocking = findings.filter((f) => f.severity === 'error');
  const counts = {
    passed: findings.filter((f) => f.passed === true && f.applicable).length,
    failed: blocking.filter((f) => f.passed === false).length,
    unknown: findings.filter((f) => f.passed === 'unknown').length,
    warnings: findings.filter((f) => f.severity === 'warning' && f.passed !== true).length,
    notApplicable: findings.filter((f) => !f.applicable).length,
  };
  const overall: Overall = counts.failed
    ? 'fail'
    : blocking.some((f) => f.passed === 'unknown')
      ? 'incomplete'
      : 'pass';
  return { ...counts, overall };
}

/**
 * Screens one application against a call's direction: the call's common requirements, the direction's
 * eligibility, rules derived from its fundingRules, and required attachments. Used live while the
 * applicant types, at submission, and by staff over all applications of a call (screenApplications).
 */
export function screenApplication(
  call: Call,
  directionCode: string,
  facts: Facts | ApplicationFacts,
): ScreeningResult {
  const found = findDirection(call, directionCode);
  if (!found)
    throw new DomainError('unknown_direction', {
      zh: `指南${call.number}中没有方向「${directionCode}」`,
      en: `Call ${call.number} has no direction "${directionCode}"`,
      params: { directionCode },
    });
  const { direction } = found;
  const findings: Finding[] = [
    ...call.commonEligibility.map((rule) => ({
      rule,
      group: 'eligibility' as const,
      origin: 'common' as const,
    })),
    ...direction.eligibility.map((rule) => ({
      rule,
      group: 'eligibility' as const,
      origin: 'direction' as const,
    })),
    ...derivedRules(call, direction),
  ].map(({ rule, group, origin }) => ({ ...evaluateRule(rule, facts), group, origin }));
  const { overall, ...counts } = tally(findings);
  return { callNumber: call.number, directionCode, overall, findings, counts };
}

export interface ScreeningRow {
  applicationId: string;
  directionCode: string;
  facts: Facts | ApplicationFacts;
}

/** Staff view: screens every application of a call; a bad direction code becomes a failed row, not a crash. */
export function screenApplications(
  call: Call,
  rows: ScreeningRow[],
): {
  results: ({ applicationId: string } & (ScreeningResult | { error: DomainError }))[];
  summary: Record<Overall | 'error', number>;
} {
  const summary = { pass: 0, fail: 0, incomplete: 0, error: 0 };
  const results = rows.map((row) => {
    try {
      const r = screenApplication(call, row.directionCode, row.facts);
      summary[r.overall] += 1;
      return { applicationId: row.applicationId, ...r };
    } catch (e) {
      if (!(e instanceof DomainError) || e.code !== 'unknown_direction') throw e;
      summary.error += 1;
      return { applicationId: row.applicationId, error: e };
    }
  });
  return { results, summary };
}
