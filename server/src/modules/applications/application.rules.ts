/**
 * Pure rules of applications: facts for the screening rules, content completeness, the checklist,
 * the submitted package and its hash, receipt numbers, district matching, staff overrides.
 */
import { canonicalJson, sha256Hex } from '../../platform/canonical.js';
import type { FieldError } from '../../platform/errors.js';
import type { Call, Direction } from '../calls/index.js';
import type { ApplicationFacts, Finding, Overall, ScreeningResult } from '../calls/index.js';
import { tally } from '../calls/index.js';
import { usccDivisionCode } from '../identity/index.js';
import type { z } from 'zod';
import {
  applicationFieldInfo,
  applicationFieldLabel,
  type ApplicationFieldInfo,
} from '../../../../shared/application-fields.js';
import { CONTACT_MESSAGES } from '../../../../shared/contact.js';
import type { ZhEn } from '../../../../shared/i18n.js';
import { ID_NUMBER_MESSAGES, validateIdNumber } from '../../../../shared/idnumber.js';
import { formatFen as fenText } from '../../../../shared/rules/rule.describe.js';
import { DraftContentSchema, MAX_FEN } from './application.schema.js';
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

/** A type/format problem of a draft, with the field's label (shared/application-fields.ts). */
export type DraftFieldError = FieldError & { label: ZhEn };

const EXPECTED: Record<string, ZhEn> = {
  number: { zh: '数字', en: 'a number' },
  int: { zh: '整数', en: 'a whole number' },
  string: { zh: '文字', en: 'text' },
  boolean: { zh: '“是”或“否”', en: 'yes or no' },
  array: { zh: '列表', en: 'a list' },
  object: { zh: '一组信息', en: 'a group of fields' },
};

function valueAt(content: unknown, path: readonly PropertyKey[]): unknown {
  let v = content;
  for (const k of path)
    v = v && typeof v === 'object' ? (v as Record<string, unknown>)[String(k)] : undefined;
  return v;
}

/** The message under one field for one zod issue, naming the field by its label. */
function issueMessage(
  issue: z.core.$ZodIssue,
  label: ZhEn,
  info: ApplicationFieldInfo | undefined,
  value: unknown,
): ZhEn {
  const format = (issue as { params?: { format?: string } }).params?.format;
  if (format === 'phone' || format === 'email' || format === 'date') return CONTACT_MESSAGES[format](label);
  if (format === 'dateOrder')
    return CONTACT_MESSAGES.dateOrder(label, applicationFieldLabel('project.startDate'));
  if (format === 'idNumber') {
    const r = validateIdNumber(typeof value === 'string' ? value : '');
    const m = ID_NUMBER_MESSAGES[r.ok ? 'id_format' : r.problem];
    return { zh: `${label.zh}${m.zh.replace(/^身份证号/, '')}`, en: `${label.en}: ${m.en}` };
  }
  if (info?.format === 'money') {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
      return { zh: `${label.zh}须为不小于 0 的数字`, en: `${label.en} must be a number of at least 0` };
    if (value > MAX_FEN)
      return {
        zh: `${label.zh}超过上限（不超过 ${fenText(MAX_FEN)}）`,
        en: `${label.en} is above the limit (at most ${fenText(MAX_FEN, 'en')})`,
      };
    return { zh: `${label.zh}须精确到分`, en: `${label.en} must come to whole fen (0.01 元)` };
  }
  if (info?.format === 'count')
    return { zh: `${label.zh}须为不小于 0 的整数`, en: `${label.en} must be a whole number of at least 0` };
  switch (issue.code) {
    case 'invalid_type': {
      const e = EXPECTED[issue.expected] ?? { zh: '正确的格式', en: 'the right kind of value' };
      return { zh: `${label.zh}应为${e.zh}`, en: `${label.en} must be ${e.en}` };
    }
    case 'too_big':
      return issue.origin === 'string'
        ? {
            zh: `${label.zh}最多 ${issue.maximum} 个字`,
            en: `${label.en} has at most ${issue.maximum} characters`,
          }
        : issue.origin === 'array'
          ? {
              zh: `${label.zh}最多 ${issue.maximum} 项`,
              en: `${label.en} has at most ${issue.maximum} entries`,
            }
          : { zh: `${label.zh}不能超过 ${issue.maximum}`, en: `${label.en} is at most ${issue.maximum}` };
    case 'too_small':
      return { zh: `${label.zh}不能小于 ${issue.minimum}`, en: `${label.en} is at least ${issue.minimum}` };
    case 'invalid_value':
      return { zh: `${label.zh}不是可选的值`, en: `${label.en} is not one of the choices` };
    default:
      return { zh: `${label.zh}格式不正确`, en: `${label.en} is not in the right form` };
  }
}

/** Type/format problems of a stored draft (never blocks the save): one per field, by label. */
export function draftFieldErrors(content: Record<string, unknown>): DraftFieldError[] {
  const r = DraftContentSchema.safeParse(content);
  if (r.success) return [];
  const out = new Map<string, DraftFieldError>();
  for (const i of r.error.issues) {
    const field = i.path.map(String).join('.') || '(content)';
    if (out.has(field)) continue;
    const label = i.path.length
      ? applicationFieldLabel(i.path.map(String))
      : { zh: '申报书', en: 'Application' };
    const m = issueMessage(i, label, applicationFieldInfo(i.path.map(String)), valueAt(content, i.path));
    out.set(field, { field, code: i.code, label, message: m.zh, messageEn: m.en });
  }
  return [...out.values()];
}

/**
 * A screening result with the draft's format problems as failing findings (group `fields`), so a
 * screening run fails an application whose stored content has a malformed phone, e-mail or date.
 */
export function withFieldFindings(result: ScreeningResult, errors: DraftFieldError[]): ScreeningResult {
  const fields: Finding[] = errors.map((e) => ({
    ruleId: `field.${e.field}`,
    kind: 'compare',
    label: e.label.zh,
    labelEn: e.label.en,
    passed: false,
    applicable: true,
    severity: 'error',
    field: e.field,
    actual: undefined,
    expected: '',
    expectedEn: '',
    explain: e.message,
    reason: { zh: e.message, en: e.messageEn },
    group: 'fields',
    origin: 'fields',
  }));
  const findings = [...result.findings.filter((f) => f.group !== 'fields'), ...fields];
  const { overall, ...counts } = tally(findings);
  return { ...result, findings, overall, counts };
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
  fieldErrors: DraftFieldError[];
}

/** Combines screening, content findings and type errors: fail beats incomplete beats pass. */
export function combineChecklist(
  screening: ScreeningResult,
  content: ContentFinding[],
  fieldErrors: DraftFieldError[],
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
