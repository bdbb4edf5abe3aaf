import type { Role } from '../../platform/roles.js';
import { REFINE_THRESHOLD, type NeedQualityIssue } from './need.rules.js';
import type { NeedRow } from './need.repo.js';
import { NEED, NEED_STATUS } from './need.workflow.js';

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);
const num = (v: number | string | null | undefined) => (v == null ? null : Number(v));
const day = (d: Date | string | null) =>
  d == null
    ? null
    : typeof d === 'string'
      ? d.slice(0, 10)
      : new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 10);

export interface Who {
  userId: string;
  orgId: string;
  roles: readonly Role[];
}

export const isNeedOwner = (actor: Who | null, n: { org_id: string }) =>
  !!actor && actor.orgId === n.org_id && actor.roles.includes('enterpriseUser');
export const isStaff = (actor: Who | null) =>
  !!actor && actor.roles.some((r) => r === 'commissionStaff' || r === 'programmeOfficeStaff');
/** Full text: the enterprise's own users, technology managers (who refine needs) and staff. */
export const canReadFullNeed = (actor: Who | null, n: { org_id: string }) =>
  !!actor && (actor.orgId === n.org_id || isStaff(actor) || actor.roles.includes('techManager'));
/** Listed or opened by others: published and not private. */
export const canSeeNeed = (
  actor: Who | null,
  n: { org_id: string; status: string; confidentiality: string },
) => canReadFullNeed(actor, n) || (n.status === NEED.state.published && n.confidentiality !== 'private');

export function publicNeed(r: NeedRow) {
  const hidden = r.confidentiality !== 'public';
  return {
    id: r.id,
    title: r.title,
    problem: hidden ? null : r.problem,
    indicators: hidden ? null : (r.indicators ?? []),
    summary: r.summary,
    keywords: r.keywords ?? [],
    field: r.field,
    region: r.region,
    budgetMinFen: num(r.budget_min_fen),
    budgetMaxFen: num(r.budget_max_fen),
    deadline: day(r.deadline),
    confidentiality: r.confidentiality,
    status: r.status,
    org: { id: r.org_id, name: r.org_name },
    challengeId: r.challenge_id,
    publishedAt: iso(r.published_at),
    solutionCount: Number(r.solution_count ?? 0),
  };
}

/** The UI's actions[] and denials[] for a need (the need workflow's answer). */
export function needActions(actor: Who, r: Pick<NeedRow, 'org_id' | 'status'>) {
  return NEED.available(actor, { status: r.status, orgId: r.org_id });
}

export function fullNeed(r: NeedRow, actor: Who) {
  return {
    ...publicNeed(r),
    problem: r.problem,
    indicators: r.indicators ?? [],
    quality: {
      score: r.quality_score,
      issues: (r.quality_issues as NeedQualityIssue[]) ?? [],
      needsRefinement: r.needs_refinement,
      threshold: REFINE_THRESHOLD,
    },
    refinedBy: r.refined_by,
    refinedAt: iso(r.refined_at),
    statusLabel: { zh: NEED_STATUS[r.status].zh, en: NEED_STATUS[r.status].en },
    version: r.version,
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
    ...needActions(actor, r),
  };
}
