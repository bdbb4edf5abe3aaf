import type { Role } from '../platform/roles.js';

/**
 * The object-level authorization registry (issue 10, "authorization generated from the route
 * table"). Every route of the route table whose path names an object (`:id`, `:term`, …) is bound
 * here to the kind of resource it acts on, or exempted with a reviewed reason. A route with a path
 * parameter in neither list fails `testing/object-authz.test.ts`, so a new route without an
 * object-level case fails CI.
 *
 * Each kind has object cases made by `object-authz.test.ts` from the real factories and routes:
 *   own        — owned by the caller's own organisation (the home university: orgAdmin, projectLead, expert)
 *   other      — owned by another organisation, not published/submitted: no role may reach it
 *   unassigned — an application sent to *its* district (浦东) but not to the caller's (徐汇), not yet submitted
 * and per (role, case) an expectation: `deny` (never 2xx, the body never names the object),
 * `pass` (GET answers 2xx), or `any` (a role whose policy lets it see the object, e.g. an oversight role).
 */
export type ObjectKind =
  | 'application'
  | 'org'
  | 'user'
  | 'file'
  | 'need'
  | 'achievement'
  | 'call'
  | 'notice'
  | 'objection'
  | 'notification'
  | 'agreement'
  | 'tranche'
  | 'change';
export type ObjectCase = 'own' | 'other' | 'unassigned';
export type Expectation = 'deny' | 'pass' | 'any';

/** METHOD + route url → the kind of object its first path parameter names. */
export const OBJECT_ROUTES: Record<string, ObjectKind> = {
  'GET /api/orgs/:id': 'org',
  'PATCH /api/orgs/:id': 'org',
  'GET /api/users/:id': 'user',
  'PATCH /api/users/:id': 'user',
  'POST /api/users/:id/reset-password': 'user',
  'POST /api/users/:id/reset-totp': 'user',
  'POST /api/users/:id/unlock': 'user',
  'PUT /api/users/:id/roles': 'user',
  'GET /api/files/:id': 'file',
  'GET /api/files/:id/meta': 'file',
  'GET /api/market/achievements/:id': 'achievement',
  'GET /api/market/achievements/:id/full': 'achievement',
  'PATCH /api/market/achievements/:id': 'achievement',
  'POST /api/market/achievements/:id/:action': 'achievement',
  'GET /api/market/achievements/:id/matches': 'achievement',
  'GET /api/market/needs/:id': 'need',
  'GET /api/market/needs/:id/full': 'need',
  'PATCH /api/market/needs/:id': 'need',
  'POST /api/market/needs/:id/publish': 'need',
  'POST /api/market/needs/:id/close': 'need',
  'POST /api/market/needs/:id/refine': 'need',
  'POST /api/market/needs/:id/solutions': 'need',
  'GET /api/market/needs/:id/solutions': 'need',
  'GET /api/market/needs/:id/funnel': 'need',
  'GET /api/market/needs/:id/matches': 'need',
  'GET /api/calls/:id': 'call',
  'PUT /api/calls/:id': 'call',
  'POST /api/calls/:id/publish': 'call',
  'POST /api/calls/:id/close': 'call',
  'GET /api/calls/:id/public': 'call',
  'GET /api/calls/:id/export': 'call',
  'GET /api/calls/:id/screening': 'call',
  'GET /api/calls/:id/screening/export': 'call',
  'POST /api/calls/:id/screening/run': 'call',
  'GET /api/calls/:id/screening/runs/:runId': 'call',
  'GET /api/applications/:id': 'application',
  'DELETE /api/applications/:id': 'application',
  'PATCH /api/applications/:id/draft': 'application',
  'GET /api/applications/:id/versions': 'application',
  'GET /api/applications/:id/versions/:version': 'application',
  'GET /api/applications/:id/checklist': 'application',
  'GET /api/applications/:id/attachments': 'application',
  'POST /api/applications/:id/attachments': 'application',
  'DELETE /api/applications/:id/attachments/:attachmentId': 'application',
  'POST /api/applications/:id/send-for-review': 'application',
  'POST /api/applications/:id/org-review': 'application',
  'POST /api/applications/:id/district-review': 'application',
  'POST /api/applications/:id/submit': 'application',
  'GET /api/applications/:id/receipt': 'application',
  'GET /api/applications/:id/receipt/document': 'application',
  'GET /api/applications/:id/document': 'application',
  'POST /api/applications/:id/screening/decisions': 'application',
  'GET /api/review/notices/:id': 'notice',
  'POST /api/review/notices/:id/publish': 'notice',
  'POST /api/review/notices/:id/close': 'notice',
  'POST /api/review/notices/:id/award': 'notice',
  'GET /api/public/notices/:id': 'notice',
  'POST /api/public/notices/:id/objections': 'notice',
  'POST /api/review/objections/:id/decide': 'objection',
  'POST /api/notifications/:id/read': 'notification',
  'GET /api/projects/agreements/:id': 'agreement',
  'PATCH /api/projects/agreements/:id': 'agreement',
  'POST /api/projects/agreements/:id/confirm-org': 'agreement',
  'POST /api/projects/agreements/:id/confirm': 'agreement',
  'POST /api/projects/agreements/:id/reopen': 'agreement',
  'GET /api/projects/agreements/:id/agreement.docx': 'agreement',
  'POST /api/projects/tranches/:id/request': 'tranche',
  'POST /api/projects/tranches/:id/approve': 'tranche',
  'POST /api/projects/tranches/:id/refuse': 'tranche',
  'POST /api/projects/tranches/:id/pay': 'tranche',
  'POST /api/projects/agreements/:id/changes': 'agreement',
  'POST /api/projects/changes/:id/approve': 'change',
  'POST /api/projects/changes/:id/refuse': 'change',
};

/** Routes with a path parameter that have no object case, each with the reason (reviewed). */
export const OBJECT_EXEMPT: Record<string, string> = {
  'GET /api/review/rounds/:id':
    "a review round is the commission's own record, not owned by an organisation: programme staff (review.manage / review.read) only, by permission; review.round.test.ts checks the refusals",
  'POST /api/review/rounds/:id/assign':
    "a review round is the commission's own record, not owned by an organisation: programme staff (review.manage / review.read) only, by permission; review.round.test.ts checks the refusals",
  'POST /api/review/rounds/:id/open':
    "a review round is the commission's own record, not owned by an organisation: programme staff (review.manage / review.read) only, by permission; review.round.test.ts checks the refusals",
  'POST /api/review/rounds/:id/close':
    "a review round is the commission's own record, not owned by an organisation: programme staff (review.manage / review.read) only, by permission; review.round.test.ts checks the refusals",
  'POST /api/review/rounds/:id/assignments':
    "a review round is the commission's own record, not owned by an organisation: programme staff (review.manage / review.read) only, by permission; review.round.test.ts checks the refusals",
  'GET /api/review/rounds/:id/results/export':
    "a review round is the commission's own record, not owned by an organisation: programme staff and auditors (review.read) only, by permission; review.round.test.ts reads the export back",
  'POST /api/review/rounds/:id/sessions':
    "a panel session belongs to the commission's review round, not to an organisation: programme staff (review.manage / review.read) only, by permission; review.panel.test.ts checks the refusals",
  'GET /api/review/rounds/:id/sessions':
    "a panel session belongs to the commission's review round, not to an organisation: programme staff (review.manage / review.read) only, by permission; review.panel.test.ts checks the refusals",
  'GET /api/review/sessions/:id':
    "a panel session belongs to the commission's review round, not to an organisation: programme staff (review.manage / review.read) only, by permission; review.panel.test.ts checks the refusals",
  'POST /api/review/sessions/:id/notify':
    "a panel session belongs to the commission's review round, not to an organisation: programme staff (review.manage / review.read) only, by permission; review.panel.test.ts checks the refusals",
  'POST /api/review/sessions/:id/minutes':
    "a panel session belongs to the commission's review round, not to an organisation: programme staff (review.manage / review.read) only, by permission; review.panel.test.ts checks the refusals",
  'GET /api/review/calls/:id/funding-plan':
    "a call's funding plan is the commission's own record, not owned by an organisation: programme staff and auditors (review.read; changes review.manage) only, by permission; funding-plan.test.ts checks the refusals",
  'GET /api/review/funding-plans/:id':
    "a call's funding plan is the commission's own record, not owned by an organisation: programme staff and auditors (review.read; changes review.manage) only, by permission; funding-plan.test.ts checks the refusals",
  'PATCH /api/review/funding-plans/:id':
    "a call's funding plan is the commission's own record, not owned by an organisation: programme staff and auditors (review.read; changes review.manage) only, by permission; funding-plan.test.ts checks the refusals",
  'POST /api/review/funding-plans/:id/consult':
    "a call's funding plan is the commission's own record, not owned by an organisation: programme staff and auditors (review.read; changes review.manage) only, by permission; funding-plan.test.ts checks the refusals",
  'POST /api/review/funding-plans/:id/reopen':
    "a call's funding plan is the commission's own record, not owned by an organisation: programme staff and auditors (review.read; changes review.manage) only, by permission; funding-plan.test.ts checks the refusals",
  'GET /api/review/funding-plans/:id/plan.docx':
    "a call's funding plan is the commission's own record, not owned by an organisation: programme staff and auditors (review.read; changes review.manage) only, by permission; funding-plan.test.ts checks the refusals",
  'GET /api/review/calls/:id/final-ranking':
    "a call's ranking is the commission's own record: programme staff and auditors (review.read) only, by permission; review.panel.test.ts checks the refusals",
  'GET /api/review/rounds/:id/applications/:applicationId/opinion.docx':
    "a review round is the commission's own record, not owned by an organisation: programme staff and auditors (review.read) only, by permission; review.panel.test.ts reads the form back",
  'GET /api/review/rounds/:id/results':
    "a review round is the commission's own record, not owned by an organisation: programme staff (review.manage / review.read) only, by permission; review.round.test.ts checks the refusals",
  'POST /api/review/assignments/:id/change':
    "a review round is the commission's own record, not owned by an organisation: programme staff (review.manage / review.read) only, by permission; review.round.test.ts checks the refusals",
  'GET /api/review/tasks/:id':
    "a review task is bound to its assigned expert by the assignment workflow (byExpert guard) and answers 404 to any other caller; review.round.test.ts checks another expert's task and the staff routes",
  'POST /api/review/tasks/:id/accept':
    "a review task is bound to its assigned expert by the assignment workflow (byExpert guard) and answers 404 to any other caller; review.round.test.ts checks another expert's task and the staff routes",
  'POST /api/review/tasks/:id/decline':
    "a review task is bound to its assigned expert by the assignment workflow (byExpert guard) and answers 404 to any other caller; review.round.test.ts checks another expert's task and the staff routes",
  'POST /api/review/tasks/:id/scores':
    "a review task is bound to its assigned expert by the assignment workflow (byExpert guard) and answers 404 to any other caller; review.round.test.ts checks another expert's task and the staff routes",
  'POST /api/review/tasks/:id/submit':
    "a review task is bound to its assigned expert by the assignment workflow (byExpert guard) and answers 404 to any other caller; review.round.test.ts checks another expert's task and the staff routes",
  'GET /api/experts/profiles/:id':
    'the expert pool (专家库) is a commission-wide register, not owned by an organisation: programme staff only, by permission (expertPool.read); experts.pool.test.ts checks the refusals and the masking',
  'PUT /api/experts/profiles/:id':
    'the expert pool is a commission-wide register: programme staff only, by permission (expertPool.write), audited',
  'POST /api/jobs/dead/:id/retry':
    'a dead job is a system-wide record with no owning organisation; staff-only by permission',
  'DELETE /api/market/dictionary/:term': 'a dictionary term is global reference data, not an owned object',
  'GET /api/market/solutions/:id':
    'left for a follow-up: needs a solution factory (a published need + broker)',
  'POST /api/market/solutions/:id/:action': 'left for a follow-up: needs a solution factory',
  'GET /api/market/challenges/:id':
    'left for a follow-up: challenges are commission-run; needs a challenge factory',
  'POST /api/market/challenges/:id/needs': 'left for a follow-up: needs a challenge factory',
  'POST /api/market/challenges/:id/experts': 'left for a follow-up: needs a challenge factory',
  'POST /api/market/challenges/:id/winners': 'left for a follow-up: needs a challenge factory',
  'GET /api/market/challenges/:id/screening':
    'left for a follow-up: needs a challenge factory (blind/conflicted experts)',
  'POST /api/market/challenges/:id/scores':
    'left for a follow-up: needs a challenge factory (blind/conflicted experts)',
  'POST /api/market/challenges/:id/:action': 'left for a follow-up: needs a challenge factory',
};

/** Roles that oversee every organisation's records of a kind (policy, not an IDOR). */
const OVERSIGHT: Record<ObjectKind, Role[]> = {
  // staff and auditors see an application only once submitted or routed to them: none of these cases
  application: [],
  // organisation records are read by oversight roles (identity policy: org.read)
  org: ['systemAdmin', 'commissionStaff', 'programmeOfficeStaff', 'auditor', 'finance', 'districtOfficer'],
  // the security admin (MLPS 三员) unlocks, resets second factors and grants roles installation-wide
  user: ['systemAdmin', 'securityAdmin', 'commissionStaff', 'programmeOfficeStaff', 'auditor'],
  // files.policy FILE_READER_ROLES: programme supervision and audit read any upload
  file: ['commissionStaff', 'programmeOfficeStaff', 'auditor'],
  // market staff moderate drafts; the technology manager refines needs (need.refine)
  need: ['commissionStaff', 'programmeOfficeStaff', 'techManager'],
  achievement: ['commissionStaff', 'programmeOfficeStaff'],
  // a draft call is commission business: staff manage it, auditors read it
  call: ['commissionStaff', 'programmeOfficeStaff', 'systemAdmin', 'auditor'],
  // a draft notice and its objections are programme business: staff run them, auditors read them
  // (review.read); the public sees a notice only once published
  notice: ['commissionStaff', 'programmeOfficeStaff', 'auditor'],
  objection: ['commissionStaff', 'programmeOfficeStaff', 'auditor'],
  // a notification is its addressee's alone: nobody else reads or marks it
  notification: [],
  // the programme's staff, finance and auditors see every agreement and its tranches (projects.rules.ts)
  agreement: ['commissionStaff', 'programmeOfficeStaff', 'finance', 'auditor'],
  tranche: ['commissionStaff', 'programmeOfficeStaff', 'finance', 'auditor'],
  change: ['commissionStaff', 'programmeOfficeStaff', 'finance', 'auditor'],
};

/** Reads an owner may get 404 on for the own case because the thing does not exist yet. */
export const OWN_NOT_YET: Record<string, string> = {
  'GET /api/applications/:id/receipt': 'a draft has no submission receipt yet',
  'GET /api/applications/:id/receipt/document': 'a draft has no submission receipt yet',
};

/**
 * Unexpected allows found by this matrix and not fixed yet (each a finding in the report). The test
 * fails when one of them stops happening, so the entry is removed with its fix.
 */
export const KNOWN_FINDINGS: Record<string, string> = {};

/** Roles of the home organisation that own its objects of a kind. */
const OWNERS: Partial<Record<ObjectKind, Role[]>> = {
  application: ['orgAdmin', 'projectLead'],
  org: ['orgAdmin'],
  user: ['orgAdmin'],
  // the organisation that carries the project reads its agreement
  agreement: ['orgAdmin', 'projectLead'],
};

/** The policy expectation for a role on a case of a kind. */
export function expectation(kind: ObjectKind, role: Role, c: ObjectCase): Expectation {
  if (c === 'own')
    return OWNERS[kind]?.includes(role) ? 'pass' : OVERSIGHT[kind].includes(role) ? 'any' : 'deny';
  return OVERSIGHT[kind].includes(role) ? 'any' : 'deny';
}

/** The cases each kind is tested with. */
export const KIND_CASES: Record<ObjectKind, ObjectCase[]> = {
  application: ['own', 'other', 'unassigned'],
  org: ['own', 'other'],
  user: ['own', 'other'],
  file: ['other'],
  need: ['other'],
  achievement: ['other'],
  call: ['other'],
  notice: ['other'],
  objection: ['other'],
  notification: ['other'],
  agreement: ['own', 'other'],
  tranche: ['other'],
  change: ['other'],
};
