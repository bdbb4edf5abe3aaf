/**
 * The funding plan (资助计划, issue 12) checked against the call: per direction the number of projects
 * (拟支持不超过 N 个项目), the cap per project and the first-year cap (立项当年支持额度), and the call's
 * total budget; every amount below the request needs its reason. Also the checks on who may be awarded:
 * one application per organisation per year (seed 003 footnote 4) and the project lead's ongoing
 * commission projects (seed 000 §二.7: a lead of 2 or more ongoing projects is refused) — the counts
 * are the caller's input. Money is integer fen. Pure: every breach is returned, zh and en.
 */
import { fieldError, type FieldError } from '../../platform/errors.js';
import type { FundingRules } from '../calls/index.js';

export interface PlanLine {
  applicationId: string;
  directionCode: string;
  orgId: string;
  requestedFen: number;
  grantFen: number;
  firstYearFen: number;
  /** why the grant is below the request (required then) */
  reason?: string;
}

export interface PlanContext {
  rules: ReadonlyMap<string, FundingRules>;
  /** the call's total budget, when it has one */
  totalBudgetFen?: number;
  /** per organisation, applications already awarded this year outside this plan */
  orgAwardedThisYear?: ReadonlyMap<string, number>;
  /** per application, the lead's ongoing commission projects */
  leadOngoing?: ReadonlyMap<string, number>;
  /** seed 000 §二.7: refused at this many ongoing projects (default 2) */
  leadOngoingLimit?: number;
}

const wan = (fen: number) => `${(fen / 1_000_000).toLocaleString('zh-CN', { maximumFractionDigits: 2 })}万元`;
const yuan = (fen: number) => `CNY ${(fen / 100).toLocaleString('en', { maximumFractionDigits: 0 })}`;

export function checkFundingPlan(lines: readonly PlanLine[], ctx: PlanContext): FieldError[] {
  const out: FieldError[] = [];
  const byDirection = new Map<string, PlanLine[]>();
  lines.forEach((l, i) => {
    const f = `lines.${i}`;
    (byDirection.get(l.directionCode) ?? byDirection.set(l.directionCode, []).get(l.directionCode)!).push(l);
    const r = ctx.rules.get(l.directionCode);
    if (!r) {
      out.push(
        fieldError(
          `${f}.directionCode`,
          'plan.direction',
          `方向${l.directionCode}不在本指南中`,
          `Direction ${l.directionCode} is not in this call`,
        ),
      );
      return;
    }
    if (l.grantFen > r.capPerProjectFen)
      out.push(
        fieldError(
          `${f}.grantFen`,
          'plan.capPerProject',
          `资助${wan(l.grantFen)}超过本方向每项最高${wan(r.capPerProjectFen)}`,
          `The grant of ${yuan(l.grantFen)} exceeds the direction's cap of ${yuan(r.capPerProjectFen)} per project`,
        ),
      );
    if (r.firstYearCapFen !== undefined && l.firstYearFen > r.firstYearCapFen)
      out.push(
        fieldError(
          `${f}.firstYearFen`,
          'plan.firstYearCap',
          `立项当年${wan(l.firstYearFen)}超过本方向当年最高${wan(r.firstYearCapFen)}`,
          `The first year's ${yuan(l.firstYearFen)} exceeds the direction's first-year cap of ${yuan(r.firstYearCapFen)}`,
        ),
      );
    if (l.firstYearFen > l.grantFen)
      out.push(
        fieldError(
          `${f}.firstYearFen`,
          'plan.firstYearOverGrant',
          '立项当年额度不能超过资助总额',
          'The first year cannot exceed the whole grant',
        ),
      );
    if (l.grantFen > l.requestedFen)
      out.push(
        fieldError(
          `${f}.grantFen`,
          'plan.overRequest',
          `资助${wan(l.grantFen)}超过申请额${wan(l.requestedFen)}`,
          `The grant of ${yuan(l.grantFen)} exceeds the ${yuan(l.requestedFen)} requested`,
        ),
      );
    if (l.grantFen < l.requestedFen && !l.reason?.trim())
      out.push(
        fieldError(
          `${f}.reason`,
          'plan.reasonRequired',
          `资助额低于申请额${wan(l.requestedFen)}，请写明理由`,
          `The grant is below the ${yuan(l.requestedFen)} requested: give the reason`,
        ),
      );
    const ongoing = ctx.leadOngoing?.get(l.applicationId) ?? 0;
    const limit = ctx.leadOngoingLimit ?? 2;
    if (ongoing >= limit)
      out.push(
        fieldError(
          `${f}.applicationId`,
          'plan.leadOngoing',
          `项目负责人在研市科委项目${ongoing}项，达到${limit}项的限制`,
          `The project lead already leads ${ongoing} ongoing commission projects (limit ${limit})`,
        ),
      );
  });
  for (const [code, list] of byDirection) {
    const r = ctx.rules.get(code);
    if (r?.projectCount !== undefined && list.length > r.projectCount)
      out.push(
        fieldError(
          `directions.${code}`,
          'plan.projectCount',
          `方向${code}拟支持不超过${r.projectCount}个项目，计划列入${list.length}个`,
          `Direction ${code} funds at most ${r.projectCount} projects; the plan has ${list.length}`,
        ),
      );
  }
  const orgs = new Map<string, number>();
  for (const l of lines) orgs.set(l.orgId, (orgs.get(l.orgId) ?? 0) + 1);
  for (const [orgId, n] of orgs) {
    const total = n + (ctx.orgAwardedThisYear?.get(orgId) ?? 0);
    if (total > 1)
      out.push(
        fieldError(
          `orgs.${orgId}`,
          'plan.onePerOrg',
          `同一单位当年只能立项一项，该单位有${total}项`,
          `One project per organisation per year; this organisation would have ${total}`,
        ),
      );
  }
  const sum = lines.reduce((s, l) => s + l.grantFen, 0);
  if (ctx.totalBudgetFen !== undefined && sum > ctx.totalBudgetFen)
    out.push(
      fieldError(
        'total',
        'plan.totalBudget',
        `计划合计${wan(sum)}超过本指南总预算${wan(ctx.totalBudgetFen)}`,
        `The plan's total of ${yuan(sum)} exceeds the call's budget of ${yuan(ctx.totalBudgetFen)}`,
      ),
    );
  return out;
}

/** A ranked application the plan may fund: the final ranking's row with the application's request. */
export interface PlanCandidate {
  applicationId: string;
  directionCode: string;
  orgId: string;
  requestedFen: number;
  firstYearRequestFen: number | null;
  /** the panel did not recommend it, or it did not attend: never proposed */
  excluded?: boolean;
}

/**
 * The plan staff start from: down the final ranking, per direction up to its number of projects, one
 * per organisation, within the budget; the grant is the request up to the direction's cap, the first
 * year the first-year request up to the first-year cap — each reduction with its reason. The result
 * passes checkFundingPlan by construction (tested).
 */
export function proposePlan(
  ranking: readonly PlanCandidate[],
  ctx: Pick<PlanContext, 'rules' | 'totalBudgetFen'>,
): PlanLine[] {
  const out: PlanLine[] = [];
  const perDirection = new Map<string, number>();
  const orgs = new Set<string>();
  let total = 0;
  for (const c of ranking) {
    const r = ctx.rules.get(c.directionCode);
    if (!r || c.excluded || orgs.has(c.orgId)) continue;
    if (r.projectCount !== undefined && (perDirection.get(c.directionCode) ?? 0) >= r.projectCount) continue;
    const grantFen = Math.min(c.requestedFen, r.capPerProjectFen);
    if (ctx.totalBudgetFen !== undefined && total + grantFen > ctx.totalBudgetFen) continue;
    const firstYearFen = Math.min(
      grantFen,
      c.firstYearRequestFen ?? grantFen,
      r.firstYearCapFen ?? Number.MAX_SAFE_INTEGER,
    );
    out.push({
      applicationId: c.applicationId,
      directionCode: c.directionCode,
      orgId: c.orgId,
      requestedFen: c.requestedFen,
      grantFen,
      firstYearFen,
      ...(grantFen < c.requestedFen
        ? { reason: `申请额超过本方向每项最高${wan(r.capPerProjectFen)}，按上限核定` }
        : {}),
    });
    perDirection.set(c.directionCode, (perDirection.get(c.directionCode) ?? 0) + 1);
    orgs.add(c.orgId);
    total += grantFen;
  }
  return out;
}
