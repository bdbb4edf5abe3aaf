/**
 * The awarded applications (立项) as Programme III drafts their agreements from them (issue 13): the
 * project's title, period and budget as the applicant gave them, the KPIs of the direction that apply
 * to the organisation with the applicant's commitments, the district's committed matching funds and,
 * for an imported call, the grant its record states. The projects module reads them only through
 * applications/index.ts.
 */
import type { AppContext } from '../../platform/context.js';
import { findDirection, loadCall, type Kpi } from '../calls/index.js';
import { applicableKpis, ruleOrgType } from './application.rules.js';
import { awardRows, districtCommitments } from './applications.repo.js';
import { arr, num, obj, str } from './blind.rules.js';
import { outcomesOf } from './historical.repo.js';
import { reviewCandidates } from './review-candidates.service.js';

export interface AwardedApplicationFacts {
  applicationId: string;
  callId: string;
  callYear: number;
  callTitle: string;
  orgId: string;
  orgName: string | null;
  leadUserId: string | null;
  receiptNumber: string | null;
  directionCode: string;
  directionTitle: string;
  projectTitle: string;
  /** the applicant's own period, else the direction's execution period */
  period: { start: string; end: string };
  requestedGrantFen: number | null;
  /** the grant an imported call's record states (null for a call awarded on the platform) */
  recordedGrantFen: number | null;
  selfFundingFen: number;
  /** the district's committed matching funds (its approval), else what the applicant declared */
  districtMatchingFen: number;
  firstYearCapFen: number | null;
  directionKpis: Kpi[];
  commitments: Array<{
    kpiId?: string;
    metric: string;
    unit?: string;
    comparator?: Kpi['comparator'];
    value: number;
  }>;
}

const isDate = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
const CMP = new Set(['>=', '<=', '=', '>', '<']);

/** The call's awarded applications (on the platform or in its imported record), in screening order. */
export async function awardedApplications(
  ctx: AppContext,
  callId: string,
): Promise<AwardedApplicationFacts[]> {
  const { call } = await loadCall(ctx, callId);
  const awarded = (await reviewCandidates(ctx, callId)).filter((c) => c.awarded);
  const ids = awarded.map((a) => a.applicationId);
  const rows = new Map((await awardRows(ctx.db, ids)).map((r) => [r.id, r]));
  const outcomes = new Map((await outcomesOf(ctx.db, ids)).map((o) => [o.application_id, o]));
  const district = new Map((await districtCommitments(ctx.db, ids)).map((d) => [d.application_id, d]));
  return awarded.flatMap((a) => {
    const row = rows.get(a.applicationId);
    const direction = findDirection(call, a.directionCode)?.direction;
    if (!row || !direction) return [];
    const c = obj(row.content);
    const project = obj(c.project);
    const budget = obj(c.budget);
    const granted = outcomes.get(a.applicationId)?.granted_fen;
    const committed = district.get(a.applicationId)?.commitment_fen;
    const commitments = arr(c.kpis)
      .map(obj)
      .filter((k) => typeof k.value === 'number')
      .map((k) => ({
        ...(str(k.kpiId) ? { kpiId: str(k.kpiId) } : {}),
        metric: str(k.metric),
        ...(str(k.unit) ? { unit: str(k.unit) } : {}),
        ...(CMP.has(str(k.comparator)) ? { comparator: str(k.comparator) as Kpi['comparator'] } : {}),
        value: k.value as number,
      }));
    return [
      {
        applicationId: a.applicationId,
        callId,
        callYear: call.year,
        callTitle: call.title,
        orgId: a.orgId,
        orgName: a.orgName,
        leadUserId: a.leadUserId,
        receiptNumber: a.receiptNumber,
        directionCode: a.directionCode,
        directionTitle: a.directionTitle,
        projectTitle: a.projectTitle ?? str(project.title),
        period:
          isDate(project.startDate) && isDate(project.endDate)
            ? { start: project.startDate, end: project.endDate }
            : { ...direction.executionPeriod },
        requestedGrantFen: num(budget.requestedGrantFen),
        recordedGrantFen: granted == null ? null : Number(granted),
        selfFundingFen: num(budget.selfFundingFen) ?? 0,
        districtMatchingFen: committed != null ? Number(committed) : (num(budget.districtMatchingFen) ?? 0),
        firstYearCapFen: direction.fundingRules.firstYearCapFen ?? null,
        directionKpis: applicableKpis(direction, ruleOrgType(row.org_type)),
        commitments,
      },
    ];
  });
}
