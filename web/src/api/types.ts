/**
 * Names for the server's answers and bodies, every one derived from the generated OpenAPI types
 * (schema.d.ts): nothing here is written by hand, so a page that reads a field the server does not
 * send fails to compile. Add a name here when a page needs one.
 */
import type { BodyOf, QueryOf, ResponseOf, components } from './client.js';
import type { ZhEn } from '../../../shared/i18n.js';

type S = components['schemas'];
type Item<A> = A extends ReadonlyArray<infer T> ? T : never;

/** A zh/en pair (the one shape of a bilingual text, shared/i18n.ts). */
export type Label = ZhEn;
export type Bilingual = ZhEn;
export type Page<T> = { total: number; items: T[] };

// identity, audit, system
export type Me = S['Me'];
export type Role = Item<Me['roles']>;
export type OrgType = Me['orgType'];
export type Org = S['Org'];
export type OrgBody = BodyOf<'/api/orgs', 'post'>;
export type OrgPatch = BodyOf<'/api/orgs/{id}', 'patch'>;
export type User = S['User'];
export type UserStatus = User['status'];
export type UserBody = BodyOf<'/api/users', 'post'>;
export type UserPatch = BodyOf<'/api/users/{id}', 'patch'>;
export type LoginResult = ResponseOf<'/api/auth/login', 'post'>;
export type TotpEnrolment = ResponseOf<'/api/auth/totp/enrol', 'post'>;
export type AuditRecord = Item<ResponseOf<'/api/audit', 'get'>['items']>;
export type AuditQuery = QueryOf<'/api/audit', 'get'>;
export type AuditVerifyResult = ResponseOf<'/api/audit/verify', 'post'>;
export type PermissionRegistry = ResponseOf<'/api/permissions', 'get'>;
/** A name of the server's permission registry (`resource.action`), generated as an enum. */
export type PermissionName = S['PermissionName'];
export type NotificationItem = Item<ResponseOf<'/api/notifications', 'get'>['items']>;

/** Every role, in the order the registry lists them (checked against the generated union). */
export const ROLE_CODES = [
  'commissionStaff',
  'programmeOfficeStaff',
  'finance',
  'districtOfficer',
  'orgAdmin',
  'projectLead',
  'expert',
  'enterpriseUser',
  'techManager',
  'auditor',
  'systemAdmin',
  'securityAdmin',
  'auditAdmin',
] as const satisfies readonly Role[];
export const ORG_TYPES = [
  'university',
  'researchInstitute',
  'hospital',
  'enterprise',
  'transferInstitution',
  'districtOffice',
  'commission',
  'financeBureau',
  'other',
] as const satisfies readonly OrgType[];
// A role or organisation type the server adds and these lists lack fails here.
type Missing<U, L extends readonly unknown[]> = Exclude<U, L[number]>;
const _allRoles: [Missing<Role, typeof ROLE_CODES>] extends [never] ? true : false = true;
const _allOrgTypes: [Missing<OrgType, typeof ORG_TYPES>] extends [never] ? true : false = true;
void _allRoles;
void _allOrgTypes;

// market
export type PublicAchievement = S['PublicAchievement'];
export type Achievement = S['Achievement'];
export type AchievementBody = BodyOf<'/api/market/achievements', 'post'>;
export type AchievementAction = paths_action<'/api/market/achievements/{id}/{action}'>;
export type IpItem = Item<Achievement['ipItems']>;
export type IpType = IpItem['type'];
export type Ownership = Achievement['ownership'];
export type TransferMode = Item<Achievement['transferModes']>;
export type Denial = Item<Achievement['denials']>;
export type ImportReport = S['AchievementImportReport'];
export type PublicNeed = S['PublicNeed'];
export type Need = S['Need'];
export type NeedBody = BodyOf<'/api/market/needs', 'post'>;
export type Confidentiality = Need['confidentiality'];
export type Quality = S['NeedQuality'];
export type Solution = S['Solution'];
export type SolutionBody = BodyOf<'/api/market/needs/{id}/solutions', 'post'>;
export type SolutionAction = paths_action<'/api/market/solutions/{id}/{action}'>;
export type SolutionActionBody = S['SolutionActionBody'];
export type RejectReason = NonNullable<Solution['rejectReason']>;
export type Funnel = S['MarketFunnel'];
export type SearchResult = S['MarketSearchResult'];
export type SearchHit = Item<SearchResult['hits']>;
export type Suggestion = Item<ResponseOf<'/api/market/suggest', 'get'>['items']>;
export type NeedMatches = S['NeedMatches'];
export type AchievementMatches = S['AchievementMatches'];
export type Challenge = S['Challenge'];
export type ChallengeBrief = Item<ResponseOf<'/api/market/challenges', 'get'>['items']>;
export type ChallengeBody = BodyOf<'/api/market/challenges', 'post'>;
export type ChallengeAction = paths_action<'/api/market/challenges/{id}/{action}'>;
export type ChallengeWinner = Item<Challenge['winners']>;
export type Screening = ResponseOf<'/api/market/challenges/{id}/screening', 'get'>;
export type ScreeningRow = Item<Screening['rows']>;
export type Dictionary = ResponseOf<'/api/market/dictionary', 'get'>;
export type DictionaryChange = ResponseOf<'/api/market/dictionary', 'post'>;

// Programme I: calls, applications, screening
export type CallSummary = S['CallSummary'];
export type CallDetail = S['CallDetail'];
export type CallStatus = CallSummary['status'];
export type DeadlineState = NonNullable<CallSummary['deadline']>;
export type ImportProblem = Item<CallDetail['problems']>;
export type CallTransition = Item<CallDetail['transitions']>;
export type PublicCall = S['PublicCall'];
export type DescribedRule = Item<PublicCall['commonRules']>;
export type ApplicationSummary = S['ApplicationSummary'];
export type ApplicationDetail = S['ApplicationDetail'];
export type ApplicationStatus = ApplicationSummary['status'];
export type ActionDto = Item<ApplicationDetail['actions']>;
export type AttachmentDto = Item<ApplicationDetail['attachments']>;
export type Receipt = S['Receipt'];
export type SaveResult = ResponseOf<'/api/applications/{id}/draft', 'patch'>;
export type VersionDto = Item<ResponseOf<'/api/applications/{id}/versions', 'get'>['items']>;
export type Checklist = S['Checklist'];
export type RuleFinding = Item<Checklist['screening']['findings']>;
export type Verdict = RuleFinding['passed'];
export type Overall = Checklist['overall'];
export type ScreeningItem = S['ScreeningItem'];
export type ScreeningList = ResponseOf<'/api/calls/{id}/screening', 'get'>;
export type ScreeningRun = S['ScreeningRun'];
export type FileMeta = ResponseOf<'/api/files', 'post'>;
export type DistrictRoute = NonNullable<ApplicationDetail['districtRoute']>;
export type ScreeningFlag = Item<ScreeningItem['flags']>;
export type OngoingImportReport = ResponseOf<'/api/programme/ongoing-projects/import', 'post'>;
export type OngoingProject = Item<ResponseOf<'/api/programme/ongoing-projects', 'get'>['items']>;

/** The `{action}` path parameter of an action route. */
type paths_action<
  P extends
    | '/api/market/achievements/{id}/{action}'
    | '/api/market/solutions/{id}/{action}'
    | '/api/market/challenges/{id}/{action}',
> = import('./schema.js').paths[P]['post']['parameters']['path']['action'];
