/** Shapes of the Programme I answers and bodies (server/src/modules/calls and applications). */

export interface Bilingual {
  zh: string;
  en: string;
}
export type CallStatus = 'draft' | 'published' | 'closed';
export type DeadlineState = 'notOpen' | 'open' | 'closed';

export interface CallSummary {
  id: string;
  year: number | null;
  number: string | null;
  title: string | null;
  status: CallStatus;
  statusLabel: Bilingual;
  opensAt: string | null;
  closesAt: string | null;
  deadline: DeadlineState | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  closedAt: string | null;
  /** A historical call imported for the record (已导入): read-only. */
  imported: boolean;
  importedAt: string | null;
  importSource: string | null;
}
export interface ImportProblem {
  path: string;
  code: string;
  message: string;
  messageEn: string;
}
export interface CallTransition {
  to: CallStatus;
  action: string;
  label: string;
  labelEn: string;
  allowed: boolean;
  reason?: Bilingual;
}
export interface CallDetail extends CallSummary {
  content: Record<string, any>;
  problems: ImportProblem[];
  transitions: CallTransition[];
}
export interface DescribedRule {
  id: string;
  label: string;
  labelEn: string;
  kind: string;
  severity: 'error' | 'warning';
  source?: string;
  description: Bilingual;
}
export interface PublicCall extends CallSummary {
  call: Record<string, any>;
  commonRules: DescribedRule[];
  directions: Array<{
    topicCode: string;
    code: string;
    title: string;
    needsDistrictRecommendation: boolean;
    rules: DescribedRule[];
  }>;
}

export type ApplicationStatus =
  'draft' | 'orgReview' | 'districtReview' | 'approved' | 'returned' | 'submitted' | 'awarded';

export interface ApplicationSummary {
  id: string;
  callId: string;
  callYear: number;
  callNumber: string | null;
  directionCode: string;
  directionTitle: string | null;
  orgId: string;
  orgName: string;
  orgType: string;
  leadUserId: string | null;
  projectTitle: string | null;
  status: ApplicationStatus;
  statusLabel: Bilingual;
  version: number;
  updatedAt: string;
  submittedAt: string | null;
  receiptNumber: string | null;
  imported: boolean;
}
export interface FieldProblemDto {
  field: string;
  code: string;
  message: string;
  messageEn: string;
}
export interface AttachmentDto {
  id: string;
  type: string;
  typeLabel: Bilingual;
  fileId: string;
  name: string;
  size: number;
  sha256: string;
  createdAt: string;
}
export interface ReviewDto {
  id: string;
  stage: 'org' | 'district';
  decision: 'approve' | 'return';
  reason: string | null;
  commitmentFen: number | null;
  opinion: string | null;
  /** Why it was approved although findings failed, and those findings. */
  overrideReason: string | null;
  overriddenFindings: FailingFinding[] | null;
  actorId: string;
  at: string;
}
export interface FailingFinding {
  ruleId: string;
  field: string;
  label: Bilingual;
  reason: Bilingual;
}
/** Set when the district review goes to the programme office (no district office can act). */
export interface DistrictRoute {
  to: 'programmeOffice';
  code: 'outsideShanghai' | 'noDistrictNamed' | 'noDistrictOffice';
  reason: Bilingual;
}
export interface Receipt {
  applicationId: string;
  number: string;
  submittedAt: string;
  sha256: string;
  callNumber: string;
  directionCode: string;
}
export interface ActionDto {
  action: string;
  to: ApplicationStatus;
  label: string;
  labelEn: string;
  allowed: boolean;
  reason?: Bilingual;
}
export interface ApplicationDetail extends ApplicationSummary {
  content: Record<string, any>;
  fieldErrors: FieldProblemDto[];
  needsDistrictRecommendation: boolean;
  returnReason: string | null;
  returnedByStage: 'org' | 'district' | null;
  districtRoute: DistrictRoute | null;
  attachments: AttachmentDto[];
  requiredAttachments: Array<{ type: string; label: Bilingual }>;
  reviews: ReviewDto[];
  receipt: Receipt | null;
  actions: ActionDto[];
}
export interface SaveResult {
  application: ApplicationDetail;
  fieldErrors: FieldProblemDto[];
  saved: boolean;
}
export interface VersionDto {
  version: number;
  savedAt: string;
  savedBy: string;
  findingCount: number;
}

export type Verdict = boolean | 'unknown';
export type Overall = 'pass' | 'fail' | 'incomplete';
export interface RuleFinding {
  ruleId: string;
  kind: string;
  label: string;
  labelEn: string;
  group: 'eligibility' | 'funding' | 'attachments';
  origin: string;
  passed: Verdict;
  applicable: boolean;
  severity: 'error' | 'warning';
  source?: string;
  field: string | string[];
  expected: string;
  expectedEn: string;
  explain: string;
  reason: Bilingual;
  missing?: string[];
}
export interface ContentFinding {
  id: string;
  label: string;
  labelEn: string;
  passed: Verdict;
  field: string;
  reason: Bilingual;
}
export interface Checklist {
  applicationId: string;
  version: number;
  status: string;
  deadline: DeadlineState;
  closesAt: string;
  serverTime: string;
  overall: Overall;
  canSubmit: boolean;
  screening: {
    callNumber: string;
    directionCode: string;
    overall: Overall;
    findings: RuleFinding[];
    counts: { passed: number; failed: number; unknown: number; warnings: number; notApplicable: number };
  };
  content: ContentFinding[];
  fieldErrors: FieldProblemDto[];
}

export interface ScreeningDecision {
  ruleId: string;
  action: 'confirm' | 'override';
  verdict: 'pass' | 'fail';
  reason: string;
  actorId: string;
  at: string;
}
export interface ScreeningFlag {
  code: 'regionMismatch' | 'ongoingProjectsMismatch';
  zh: string;
  en: string;
}
export interface ScreeningItem {
  applicationId: string;
  receiptNumber: string | null;
  submittedAt: string | null;
  directionCode: string;
  directionTitle: string;
  orgId: string;
  orgName: string;
  orgType: string;
  orgTypeLabel: Bilingual;
  projectTitle: string | null;
  leadName: string | null;
  leadPhone: string | null;
  requestedGrantFen: number | null;
  selfFundingFen: number | null;
  screenedAt: string | null;
  screenedBy: 'submission' | 'run' | null;
  automatic: Overall | null;
  result: Overall | null;
  overridden: boolean;
  /** Typed region vs. USCC division; declared vs. registered ongoing projects (for staff to check). */
  flags: ScreeningFlag[];
  /** KPI commitments against the direction's KPIs (units converted), after staff decisions. */
  kpiCheck: { overall: Overall; passed: number; failed: number; unknown: number };
  imported: boolean;
  outcome: { screening: 'pass' | 'fail'; awarded: boolean; grantedFen: number | null } | null;
  findings: Array<{
    ruleId: string;
    label: string;
    labelEn: string;
    group: string;
    severity: 'error' | 'warning';
    applicable: boolean;
    passed: Verdict;
    automatic: Verdict;
    reason: Bilingual;
    decision: ScreeningDecision | null;
  }>;
}
export interface ScreeningList {
  summary: {
    total: number;
    pass: number;
    fail: number;
    incomplete: number;
    unscreened: number;
    overridden: number;
    flagged: number;
  };
  items: ScreeningItem[];
}
export interface ScreeningRun {
  id: string;
  callId: string;
  status: 'running' | 'done' | 'failed';
  total: number;
  done: number;
  summary: Record<string, number> | null;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
}
export interface FileMeta {
  id: string;
  name?: string;
  size?: number;
  sha256: string;
}

/** The ongoing-projects registry (在研项目登记) import report and list. */
export interface OngoingImportReport {
  dryRun: boolean;
  rows: number;
  created: number;
  updated: number;
  rejected: number;
  report: Array<{
    row: number;
    outcome: 'created' | 'updated' | 'rejected';
    projectNumber: string | null;
    leadName: string | null;
    leadIdNumber: string | null;
    errors: Array<{ field: string; code: string; message: string; messageEn: string }>;
  }>;
  columns: Array<{ key: string; zh: string; required: boolean }>;
}
export interface OngoingProject {
  id: string;
  projectNumber: string;
  title: string;
  programme: string | null;
  leadName: string;
  leadIdNumber: string;
  orgUscc: string;
  orgName: string | null;
  startsOn: string | null;
  endsOn: string | null;
  status: 'ongoing' | 'closed';
  sourceFile: string;
  importedAt: string;
}
