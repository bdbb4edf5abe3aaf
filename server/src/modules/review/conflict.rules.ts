/**
 * Conflicts of interest (回避, issue 12): the hard rules no assignment may break, each with a code and
 * its reason in Chinese and English. Pure: the caller passes the application's facts (the structured
 * avoidance list of seed 000 §二.4, the applicant's and the team's organisations) and the expert's.
 */
export type ConflictCode =
  'avoidanceList' | 'sameOrganisation' | 'teamOrganisation' | 'declared' | 'earlierRound';

export interface Conflict {
  code: ConflictCode;
  zh: string;
  en: string;
}

export interface ApplicationConflictFacts {
  applicationId: string;
  orgId: string;
  orgName: string | null;
  /** employers named on the team (a team member's or a co-applicant's organisation) */
  teamEmployers: readonly string[];
  /** the applicant's avoidance list: names with their employers, as the form takes them */
  excludedExperts: ReadonlyArray<{ name: string; employer: string | null }>;
}

export interface ExpertConflictFacts {
  userId: string;
  name: string;
  orgId: string | null;
  orgName: string | null;
}

export interface ConflictContext {
  /** expert ids that declared a conflict on this application */
  declared?: ReadonlySet<string>;
  /** expert ids that reviewed it in an earlier round, when the call excludes them */
  earlierReviewers?: ReadonlySet<string>;
}

/** Full-width to half-width, no spaces, lower case: 上海交通大学 and ＂上海交通大学 ＂ are one name. */
export function normaliseName(s: string | null | undefined): string {
  return (s ?? '')
    .normalize('NFKC')
    .replace(/[\s\u3000·•]/g, '')
    .toLowerCase();
}

/** Every hard rule the expert breaks for the application (empty: the expert may review it). */
export function conflictsOf(
  app: ApplicationConflictFacts,
  expert: ExpertConflictFacts,
  ctx: ConflictContext = {},
): Conflict[] {
  const out: Conflict[] = [];
  const expertName = normaliseName(expert.name);
  const expertOrg = normaliseName(expert.orgName);
  const listed = app.excludedExperts.find(
    (e) =>
      normaliseName(e.name) === expertName &&
      // a listed name without an employer excludes every expert of that name
      (!normaliseName(e.employer) || normaliseName(e.employer) === expertOrg),
  );
  if (listed)
    out.push({
      code: 'avoidanceList',
      zh: `申报单位申请回避：${listed.name}${listed.employer ? `（${listed.employer}）` : ''}`,
      en: `On the applicant's avoidance list: ${listed.name}${listed.employer ? ` (${listed.employer})` : ''}`,
    });
  if ((expert.orgId && expert.orgId === app.orgId) || (expertOrg && expertOrg === normaliseName(app.orgName)))
    out.push({
      code: 'sameOrganisation',
      zh: `专家与申报单位同属${expert.orgName ?? app.orgName ?? '一个单位'}`,
      en: `The expert works for the applicant (${expert.orgName ?? app.orgName ?? 'same organisation'})`,
    });
  const team = expertOrg ? app.teamEmployers.find((e) => normaliseName(e) === expertOrg) : undefined;
  if (team)
    out.push({
      code: 'teamOrganisation',
      zh: `专家所在单位${team}有项目组成员`,
      en: `A team member works for the expert's organisation (${team})`,
    });
  if (ctx.declared?.has(expert.userId))
    out.push({
      code: 'declared',
      zh: '专家本人申报了利益冲突',
      en: 'The expert declared a conflict of interest',
    });
  if (ctx.earlierReviewers?.has(expert.userId))
    out.push({
      code: 'earlierRound',
      zh: '专家已在前一轮评审过该项目，本指南要求更换',
      en: 'The expert reviewed this application in an earlier round, which the call excludes',
    });
  return out;
}

export interface Exclusion {
  expertUserId: string;
  expertName: string;
  conflicts: Conflict[];
}

/** Per application, every expert of the pool it may not have, with the reasons. */
export function exclusionsOf(
  app: ApplicationConflictFacts,
  pool: readonly ExpertConflictFacts[],
  ctx: ConflictContext = {},
): Exclusion[] {
  return pool.flatMap((e) => {
    const conflicts = conflictsOf(app, e, ctx);
    return conflicts.length ? [{ expertUserId: e.userId, expertName: e.name, conflicts }] : [];
  });
}
