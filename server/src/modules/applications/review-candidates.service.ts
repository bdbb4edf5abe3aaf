/**
 * The applications that go to expert review (issue 12): those of a call whose screening result, after
 * staff decisions, is `pass` (screeningList), with what the review module needs and nothing more — the
 * facts the conflict rules judge (organisation, team members' employers, the structured avoidance
 * list) and the text the affinity is computed on. The review module reads them only through
 * applications/index.ts.
 */
import type { AppContext } from '../../platform/context.js';
import { contentsOf, contentWithOrg } from './applications.repo.js';
import { arr, identityStrings, num, obj, reviewDocument, str, type ReviewDocument } from './blind.rules.js';
import { screeningList } from './screening.service.js';

export interface ReviewCandidate {
  applicationId: string;
  receiptNumber: string | null;
  submittedAt: string | null;
  directionCode: string;
  directionTitle: string;
  orgId: string;
  orgName: string | null;
  leadUserId: string | null;
  projectTitle: string | null;
  /** title, summary, keywords and the feasibility plan's text: what an expert's fields are matched on */
  text: string;
  keywords: string[];
  /** employers named on the team (their organisations are in conflict too) */
  teamEmployers: string[];
  excludedExperts: Array<{ name: string; employer: string | null; reason: string }>;
  requestedGrantFen: number | null;
  firstYearRequestFen: number | null;
  /** awarded already: on this platform (立项) or in an imported call's record */
  awarded: boolean;
}

export async function reviewCandidates(ctx: AppContext, callId: string): Promise<ReviewCandidate[]> {
  const { items } = await screeningList(ctx, callId, { result: 'pass' });
  const rows = new Map(
    (
      await contentsOf(
        ctx.db,
        items.map((i) => i.applicationId),
      )
    ).map((r) => [r.id, r]),
  );
  return items.flatMap((i) => {
    const row = rows.get(i.applicationId);
    if (!row) return [];
    const c = obj(row.content);
    const project = obj(c.project);
    const keywords = arr(project.keywords).map(str).filter(Boolean);
    const plan = arr(obj(c.feasibilityPlan).sections).map((s) => str(obj(s).text));
    const teamEmployers = [
      ...new Set(
        arr(obj(c.team).members)
          .map((m) => str(obj(m).employer).trim())
          .filter(Boolean),
      ),
    ];
    const excludedExperts = arr(c.excludedExperts)
      .map(obj)
      .filter((e) => str(e.name).trim())
      .map((e) => ({
        name: str(e.name).trim(),
        employer: str(e.employer).trim() || null,
        reason: str(e.reason),
      }));
    const budget = obj(c.budget);
    return [
      {
        applicationId: i.applicationId,
        receiptNumber: i.receiptNumber,
        submittedAt: i.submittedAt,
        directionCode: i.directionCode,
        directionTitle: i.directionTitle,
        orgId: i.orgId,
        orgName: i.orgName,
        leadUserId: row.lead_user_id,
        projectTitle: i.projectTitle,
        text: [str(project.title), str(project.summary), keywords.join(' '), ...plan]
          .filter(Boolean)
          .join('\n'),
        keywords,
        teamEmployers,
        excludedExperts,
        requestedGrantFen: num(budget.requestedGrantFen),
        firstYearRequestFen: num(budget.firstYearRequestFen),
        awarded: row.status === 'awarded' || i.outcome?.awarded === true,
      },
    ];
  });
}

/**
 * The copy of an application an expert reads (blind.rules.ts): in a blind round without any of the
 * names the application gives of its organisation and people. Undefined for an unknown id.
 */
export async function reviewDocumentOf(
  ctx: AppContext,
  applicationId: string,
  blind: boolean,
): Promise<(ReviewDocument & { directionCode: string; callId: string }) | undefined> {
  const row = await contentWithOrg(ctx.db, applicationId);
  if (!row) return undefined;
  const content = obj(row.content);
  const doc = reviewDocument(content, blind ? identityStrings(content, row.org_name) : []);
  return { ...doc, directionCode: row.direction_code, callId: row.call_id };
}
