import type { Role } from '../../platform/roles.js';
import { REFINE_THRESHOLD, type NeedQualityIssue } from './need.rules.js';
import type { NeedRow } from './need.repo.js';

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

const STATUS_LABEL = {
  draft: { zh: '草稿', en: 'Draft' },
  published: { zh: '已发布', en: 'Published' },
  closed: { zh: '已关闭', en: 'Closed' },
} as const;

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
) => canReadFullNeed(actor, n) || (n.status === 'published' && n.confidentiality !== 'private');

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

export function needActions(
  actor: Who,
  r: Pick<NeedRow, 'org_id' | 'status' | 'needs_refinement'>,
): string[] {
  const out: string[] = [];
  const owner = isNeedOwner(actor, r);
  if (owner && r.status !== 'closed') out.push('edit');
  if (owner && r.status === 'draft') out.push('publish');
  if (owner && r.status === 'published') out.push('close');
  if (actor.roles.includes('techManager') && r.status !== 'closed') out.push('refine');
  if (!owner && r.status === 'published' && actor.orgId !== r.org_id) out.push('answer');
  return out;
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
    statusLabel: STATUS_LABEL[r.status],
    version: r.version,
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
    actions: needActions(actor, r),
  };
}
