/**
 * Pure rules of applications: facts for the screening rules, content completeness, the checklist,
 * the submitted package and its hash, receipt numbers, district matching, staff overrides.
 */
import { canonicalJson, sha256Hex } from '../../platform/canonical.js';
import type { FieldError } from '../../platform/errors.js';
import type { Call, Direction } from '../calls/index.js';
import type { ApplicationFacts, Finding, Overall, ScreeningResult } from '../calls/index.js';
import { usccDivisionCode } from '../identity/index.js';
import { DraftContentSchema } from './application.schema.js';
import { declaredCount, judgedOngoing } from './eligibility.rules.js';
import { kpiFindings, type ContentFinding } from './application.kpis.js';

/** Identity's organisation types → the rule language's (`hospital` is 医疗卫生机构). */
export function ruleOrgType(t: string): string {
  if (t === 'hospital') return 'medicalInstitution';
  if (['university', 'researchInstitute', 'enterprise', 'transferInstitution'].includes(t)) return t;
  return 'other';
}

/** The district part of a region, e.g. 上海市徐汇区 → 徐汇区; null when none is named. */
export function districtOf(region: string): string | null {
  const m = /(?:上海市?)?([^市省]{1,6}?[区县])/.exec(region.trim());
  return m ? m[1] : null;
}

export interface FactInputs {
  content: Record<string, unknown>;
  org: { type: string; region: string; uscc: string };
  attachments: { type: string; fileId: string; name: string }[];
  /** Ongoing projects the registry knows for the lead (imported registry + awarded here). */
  leadRegistryOngoing: number;
  /** The organisation's other submitted applications: same programme and year; same call. */
  orgSubmittedThisProgrammeYear: number;
  orgSubmittedThisCall: number;
  /** The district's recorded commitment (推荐部门审核); when present it is the figure the rules read. */
  districtCommitmentFen?: number | null;
}

const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** Facts the screening rules read, assembled from the draft, the organisation and counts. */
export function buildFacts(i: FactInputs): ApplicationFacts {
  const c = i.content;
  const applicant = obj(c.applicant);
  const declared = declaredCount(obj(c.lead).declaredOngoingProjects);
  return {
    org: {
      type: ruleOrgType(i.org.type),
      // where the organisation is registered is read from its credit code, not from the typed region
      registeredRegion: usccDivisionCode(i.org.uscc) ?? undefined,
      legalForm: applicant.legalForm as never,
      prevYearRevenueFen: applicant.prevYearRevenueFen as never,
    },
    application: {
      budget: (i.districtCommitmentFen !== undefined && i.districtCommitmentFen !== null
        ? { ...obj(c.budget), districtMatchingFen: i.districtCommitmentFen }
        : obj(c.budget)) as never,
      team: { techManagers: obj(c.team).techManagers as never },
      attachments: i.attachments.map((a) => ({ type: a.type, fileId: a.fileId, name: a.name })),
      excludedExperts: (c.excludedExperts ?? []) as never,
      claimsTechIncome: (c.claimsTechIncome ?? false) as boolean,
      declarations: obj(c.declarations) as never,
    },
    lead: {
      ongoingCommissionProjects: judgedOngoing(declared, i.leadRegistryOngoing),
      declaredOngoingProjects: declared,
      registryOngoingProjects: i.leadRegistryOngoing,
    },
    context: {
      orgSubmittedThisProgrammeYear: i.orgSubmittedThisProgrammeYear,
      orgSubmittedThisCall: i.orgSubmittedThisCall,
    },
  };
}

/** Type/format problems of a stored draft (never blocks the save). */
export function draftFieldErrors(content: Record<string, unknown>): FieldError[] {
  const r = DraftContentSchema.safeParse(content);
  if (r.success) return [];
  return r.error.issues.map((i) => {
    const field = i.path.map(String).join('.') || '(content)';
    const zh =
      i.code === 'invalid_type'
        ? `「${field}」类型不正确，应为${({ number: '数字', string: '文本', boolean: '是/否', array: '列表', object: '对象' } as Record<string, string>)[(i as { expected?: string }).expected ?? ''] ?? '正确的格式'}`
        : i.code === 'too_big'
          ? `「${field}」过长或过大`
          : i.code === 'too_small'
            ? `「${field}」不能为负数或过小`
            : `「${field}」格式不正确`;
    return { field, code: i.code, message: zh, messageEn: `${field}: ${i.message}` };
  });
}

export { applicableKpis, kpiFindings, type ContentFinding } from './application.kpis.js';

/** Content the guide demands besides the rules: project title, the lead, KPI commitments (application.kpis.ts). */
export function contentFindings(
  content: Record<string, unknown>,
  direction: Direction,
  orgType: string,
  leadUserId: string | null,
): ContentFinding[] {
  const out: ContentFinding[] = [];
  const project = obj(content.project);
  const title = typeof project.title === 'string' ? project.title.trim() : '';
  out.push({
    id: 'content.projectTitle',
    label: '项目名称',
    labelEn: 'Project title',
    field: 'project.title',
    passed: title.length > 0,
    reason: title
      ? { zh: '已填写项目名称', en: 'Project title given' }
      : { zh: '请填写项目名称', en: 'Enter the project title' },
  });
  out.push({
    id: 'content.projectLead',
    label: '项目负责人',
    labelEn: 'Project lead',
    field: 'leadUserId',
    passed: !!leadUserId,
    reason: leadUserId
      ? { zh: '已指定项目负责人', en: 'Project lead chosen' }
      : { zh: '请指定项目负责人（本单位用户）', en: 'Choose the project lead (a user of your organisation)' },
  });
  out.push(...kpiFindings(content, direction, ruleOrgType(orgType)));
  return out;
}

export interface Checklist {
  overall: Overall;
  screening: ScreeningResult;
  content: ContentFinding[];
  fieldErrors: FieldError[];
}

/** Combines screening, content findings and type errors: fail beats incomplete beats pass. */
export function combineChecklist(
  screening: ScreeningResult,
  content: ContentFinding[],
  fieldErrors: FieldError[],
): Checklist {
  let overall: Overall = screening.overall;
  if (content.some((f) => f.passed === false) || fieldErrors.length) overall = 'fail';
  else if (overall === 'pass' && content.some((f) => f.passed === 'unknown')) overall = 'incomplete';
  return { overall, screening, content, fieldErrors };
}

/**
 * Receipt number: SQ-<call year>-<sequence within the year, six digits>. One sequence per year is
 * shared by every call of that year (the commission runs several programmes side by side), so a
 * number is unique across all calls by construction; the call is on the receipt (callNumber).
 */
export function receiptNumber(year: number, seq: number): string {
  return `SQ-${year}-${String(seq).padStart(6, '0')}`;
}

export interface PackageInput {
  applicationId: string;
  callId: string;
  callNumber: string;
  directionCode: string;
  orgId: string;
  leadUserId: string | null;
  content: Record<string, unknown>;
  attachments: { type: string; fileId: string; name: string; size: number; sha256: string }[];
}

/** The submitted package (what the receipt's hash covers) and its SHA-256 over canonical JSON. */
export function submissionPackage(p: PackageInput): { pkg: Record<string, unknown>; sha256: string } {
  const attachments = [...p.attachments]
    .map((a) => ({ type: a.type, fileId: a.fileId, name: a.name, size: a.size, sha256: a.sha256 }))
    .sort((a, b) => (a.type + a.fileId).localeCompare(b.type + b.fileId));
  const pkg = {
    format: 'transferone.application-package/1',
    applicationId: p.applicationId,
    callId: p.callId,
    callNumber: p.callNumber,
    directionCode: p.directionCode,
    orgId: p.orgId,
    leadUserId: p.leadUserId,
    content: p.content,
    attachments,
  };
  return { pkg, sha256: sha256Hex(canonicalJson(pkg)) };
}

export interface Decision {
  ruleId: string;
  action: 'confirm' | 'override';
  verdict: 'pass' | 'fail';
  reason: string;
  actorId: string;
  /** the decider by name, for the screen */
  actorName?: string | null;
  at: string;
}

/**
 * A screening result after staff decisions: the latest decision per rule wins; an override sets the
 * finding's verdict; overall is recomputed over error-severity findings.
 */
export function applyDecisions(result: ScreeningResult, decisions: Decision[]) {
  const latest = new Map<string, Decision>();
  for (const d of [...decisions].sort((a, b) => a.at.localeCompare(b.at))) latest.set(d.ruleId, d);
  const findings = result.findings.map((f: Finding) => {
    const d = latest.get(f.ruleId);
    if (!d) return { ...f, decision: null };
    const passed = d.action === 'override' ? d.verdict === 'pass' : f.passed;
    return { ...f, passed, decision: d };
  });
  const blocking = findings.filter((f) => f.severity === 'error' && f.applicable);
  const overall: Overall = blocking.some((f) => f.passed === false)
    ? 'fail'
    : blocking.some((f) => f.passed === 'unknown')
      ? 'incomplete'
      : 'pass';
  return { overall, findings, overridden: [...latest.values()].some((d) => d.action === 'override') };
}

/** Attachment types a direction asks for (common + direction + district letter), with labels. */
export function attachmentTypes(
  call: Call,
  direction: Direction,
): { type: string; label: { zh: string; en: string } }[] {
  const list = [...call.commonAttachments, ...direction.requiredAttachments];
  const out = new Map<string, { zh: string; en: string }>();
  for (const a of list) if (!out.has(a.type)) out.set(a.type, { zh: a.label, en: a.labelEn ?? a.type });
  if (direction.needsDistrictRecommendation && !out.has('districtRecommendationLetter'))
    out.set('districtRecommendationLetter', {
      zh: '区科技主管部门出具的推荐函（含资金支持意见）',
      en: 'District recommendation letter',
    });
  out.set('other', out.get('other') ?? { zh: '其他材料', en: 'Other material' });
  return [...out.entries()].map(([type, label]) => ({ type, label }));
}
