/** Shapes of the /api/market/** answers and bodies (server/src/modules/market and matching). */
export interface Label {
  zh: string;
  en: string;
}
export interface Denial {
  action: string;
  code: string;
  zh: string;
  en: string;
}
export interface OrgBrief {
  id: string;
  name: string;
}
export interface PageOf<T> {
  total: number;
  items: T[];
}

export type IpType =
  'patent' | 'softwareCopyright' | 'layoutDesign' | 'plantVariety' | 'tradeSecret' | 'standard' | 'other';
export type Ownership = 'unitOwned' | 'grantFull' | 'grantPartial' | 'longTermUse';
export type TransferMode = 'licence' | 'assignment' | 'equityInvestment';
export type AchievementStatus = 'draft' | 'submitted' | 'returned' | 'published' | 'internal';
export type AchievementAction = 'submit' | 'publish' | 'keepInternal' | 'return' | 'withdraw';

export interface IpItem {
  type: IpType;
  number?: string | null;
  title?: string | null;
}

export interface PublicAchievement {
  id: string;
  title: string;
  abstract: string;
  keywords: string[];
  field: string;
  region: string;
  organisations: Array<{ name: string; role: 'first' | 'participant' }>;
  people: Array<{ name: string; role?: string | null }>;
  ipItems: IpItem[];
  trl: number;
  trlLabel: Label;
  ownership: Ownership;
  ownershipLabel: Label;
  transferModes: TransferMode[];
  priceMinFen: number | null;
  priceMaxFen: number | null;
  owner: OrgBrief;
  contact: { techManagerName: string | null; channel: 'techManager'; note: string };
  status: AchievementStatus;
  publishedAt: string | null;
  source: 'user' | 'import' | 'kppatent' | 'generated';
  sourceNote: Label | null;
}

export interface Achievement extends PublicAchievement {
  researcherContact: { name?: string | null; phone?: string | null; email?: string | null } | null;
  techManagerId: string | null;
  statusLabel: Label;
  returnReason: string | null;
  createdBy: string | null;
  reviewedAt: string | null;
  externalRef: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  actions: string[];
  denials: Denial[];
}

export interface AchievementBody {
  title: string;
  abstract: string;
  keywords: string[];
  field: string;
  organisations: Array<{ name: string; role: 'first' | 'participant' }>;
  people: Array<{ name: string; role?: string | null }>;
  ipItems: IpItem[];
  trl: number;
  ownership: Ownership;
  transferModes: TransferMode[];
  priceMinFen?: number | null;
  priceMaxFen?: number | null;
  researcherContact?: { name?: string | null; phone?: string | null; email?: string | null } | null;
}

export interface ImportReport {
  format: 'xlsx' | 'csv' | 'json';
  dryRun: boolean;
  rows: number;
  created: number;
  updated: number;
  rejected: number;
  report: Array<{
    row: number;
    outcome: 'created' | 'updated' | 'rejected';
    id: string | null;
    title: string | null;
    errors: Array<{ field: string; code: string; message: string; messageEn: string }>;
  }>;
  columns: Array<{ key: string; zh: string; required: boolean }>;
}

export type Confidentiality = 'public' | 'summaryOnly' | 'private';
export interface PublicNeed {
  id: string;
  title: string;
  problem: string | null;
  indicators: string[] | null;
  summary: string | null;
  keywords: string[];
  field: string;
  region: string;
  budgetMinFen: number | null;
  budgetMaxFen: number | null;
  deadline: string | null;
  confidentiality: Confidentiality;
  status: 'draft' | 'published' | 'closed';
  org: OrgBrief;
  challengeId: string | null;
  publishedAt: string | null;
  solutionCount: number;
}
export interface QualityIssue {
  code: string;
  penalty: number;
  zh: string;
  en: string;
  words?: string[];
}
export interface Quality {
  score: number;
  issues: QualityIssue[];
  needsRefinement: boolean;
  threshold: number;
}
export interface Need extends PublicNeed {
  problem: string;
  indicators: string[];
  quality: Quality;
  refinedBy: string | null;
  refinedAt: string | null;
  statusLabel: Label;
  version: number;
  createdAt: string;
  updatedAt: string;
  actions: string[];
}
export interface NeedBody {
  title: string;
  problem: string;
  indicators: string[];
  keywords: string[];
  field: string;
  budgetMinFen?: number | null;
  budgetMaxFen?: number | null;
  deadline?: string | null;
  confidentiality: Confidentiality;
  summary?: string | null;
}

export type SolutionAction =
  'shortlist' | 'reject' | 'introduce' | 'negotiate' | 'sign' | 'close' | 'withdraw';
export type RejectReason =
  'tooEarly' | 'benefitUnclear' | 'routeUnclear' | 'offTarget' | 'costTooHigh' | 'other';
export interface Solution {
  id: string;
  needId: string;
  needTitle: string;
  needOrg: OrgBrief;
  title: string;
  summary: string;
  approach: string;
  keywords: string[];
  trl: number | null;
  quoteFen: number | null;
  achievementId: string | null;
  solverOrg: OrgBrief;
  solverUserId: string;
  status: string;
  statusLabel: Label;
  round: number;
  rejectReason: RejectReason | null;
  rejectReasonLabel: Label | null;
  rejectText: string | null;
  feedback: string | null;
  contractAmountFen: number | null;
  judgedAt: string | null;
  shortlistedAt: string | null;
  introducedAt: string | null;
  signedAt: string | null;
  expertScore: number | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  actions: SolutionAction[];
  events: Array<{ from: string | null; to: string; actorId: string | null; note: string | null; at: string }>;
}
export interface SolutionBody {
  title: string;
  summary: string;
  approach?: string;
  keywords?: string[];
  trl?: number | null;
  quoteFen?: number | null;
  achievementId?: string | null;
}
export interface SolutionActionBody {
  reasonCode?: RejectReason;
  reasonText?: string;
  feedback?: string;
  contractAmountFen?: number;
  note?: string;
  version?: number;
}

export interface Stages {
  published: number;
  answered: number;
  shortlisted: number;
  introduced: number;
  signed: number;
  signedAmountFen: number;
}
export interface Funnel {
  scope: {
    needId: string | null;
    field: string | null;
    challengeId: string | null;
    from: string | null;
    to: string | null;
  };
  needs: Stages;
  solutions: { answered: number; shortlisted: number; introduced: number; signed: number };
  conversions: {
    answered: number | null;
    shortlisted: number | null;
    introduced: number | null;
    signed: number | null;
  };
  matchRate: {
    numerator: number;
    denominator: number;
    value: number | null;
    definition: Label;
    benchmark: { value: number; zh: string; en: string };
  };
  rejectReasons: Array<{ reason: string | null; label: Label | null; count: number }>;
}

export interface Highlights {
  title?: string;
  abstract?: string;
}
export interface SearchHit {
  id: string;
  type: 'achievement' | 'need' | 'solution';
  score: number;
  title: string;
  field: string | null;
  region: string | null;
  trl: number | null;
  orgName: string | null;
  transferModes: string[];
  ipTypes: string[];
  matchedTerms: string[];
  highlights: Highlights;
  source: string | null;
}
export interface SearchResult {
  q: string;
  type: 'achievement' | 'need' | 'solution';
  queryTerms: string[];
  total: number;
  page: number;
  pageSize: number;
  tookMs: number;
  hits: SearchHit[];
}
export interface Suggestion {
  id: string;
  title: string;
  type: 'achievement' | 'need';
  distance: number;
}
interface Why {
  score: number;
  matchedTerms: string[];
  highlights: Highlights;
}
export interface NeedMatches {
  needId: string;
  indexVersion: number;
  achievements: Array<
    Why & {
      id: string;
      title: string;
      field: string;
      trl: number;
      owner: OrgBrief;
      transferModes: string[];
    }
  >;
  solutions: Array<Why & { id: string; title: string; needId: string; solverName: string; status: string }>;
  experts: Array<Why & { id: string; name: string; orgName: string; fields: string[] }>;
  institutions: Array<Why & { id: string; name: string; type: string; region: string }>;
}
export interface AchievementMatches {
  achievementId: string;
  indexVersion: number;
  needs: Array<
    Why & {
      id: string;
      title: string;
      field: string;
      orgName: string;
      budgetMinFen: number | null;
      budgetMaxFen: number | null;
      deadline: string | null;
    }
  >;
}

export interface ChallengeWinner {
  rank: number;
  award: string;
  solutionId: string;
  solutionTitle: string;
  solverName: string;
  needId: string;
  needTitle: string;
  needOrgName: string;
}
export type ChallengeStatus = 'draft' | 'open' | 'screening' | 'closed' | 'resultsPublished';
export interface Challenge {
  id: string;
  title: string;
  description: string;
  kind: 'challenge' | 'jiebang';
  organiser: OrgBrief;
  status: ChallengeStatus;
  statusLabel: Label;
  opensAt: string;
  closesAt: string;
  rounds: number;
  currentRound: number;
  resultNote: string | null;
  resultsPublishedAt: string | null;
  needs: PublicNeed[];
  winners: ChallengeWinner[];
}
export type ChallengeBrief = Omit<Challenge, 'needs' | 'winners'>;
export interface ChallengeBody {
  title: string;
  description: string;
  kind: 'challenge' | 'jiebang';
  opensAt: string;
  closesAt: string;
  rounds: number;
  needIds: string[];
}
export interface ScreeningRow {
  solutionId: string;
  title: string;
  summary: string;
  needId: string;
  needTitle: string;
  solverName: string;
  round: number;
  status: string;
  meanScore: number | null;
  scoreCount: number;
  myScore: number | null;
}
export interface Screening {
  challengeId: string;
  round: number;
  experts: Array<{ id: string; name: string }>;
  rows: ScreeningRow[];
}
export type ChallengeAction = 'open' | 'startScreening' | 'nextRound' | 'close' | 'publishResults';

export interface Dictionary {
  builtIn: string[];
  custom: Array<{ term: string; note: string | null; createdAt: string }>;
}
export interface DictionaryChange {
  added: number;
  removed: number;
  reindexedDocs: number;
  ms: number;
}
