import { describe, expect, it } from 'vitest';
import type { FundingRules } from '../calls/index.js';
import { checkFundingPlan, proposePlan, type PlanCandidate, type PlanLine } from './funding-plan.rules.js';

const WAN = 1_000_000; // fen per 万元
// the 2023 guide (seed 000 §一): directions 1–3 up to 500万元 per project, 300万元 in the first year,
// 3 / 3 / 2 projects; direction 4 up to 100万元, 20 projects
const rules = new Map<string, FundingRules>([
  ['1', { capPerProjectFen: 500 * WAN, firstYearCapFen: 300 * WAN, projectCount: 3 }],
  ['2', { capPerProjectFen: 500 * WAN, firstYearCapFen: 300 * WAN, projectCount: 3 }],
  ['3', { capPerProjectFen: 500 * WAN, firstYearCapFen: 300 * WAN, projectCount: 2 }],
  ['4', { capPerProjectFen: 100 * WAN, projectCount: 20 }],
]);
const line = (
  id: string,
  dir: string,
  grant: number,
  first: number,
  extra: Partial<PlanLine> = {},
): PlanLine => ({
  applicationId: id,
  directionCode: dir,
  orgId: `org-${id}`,
  requestedFen: grant * WAN,
  grantFen: grant * WAN,
  firstYearFen: first * WAN,
  ...extra,
});
const codes = (lines: PlanLine[], ctx = {}) =>
  checkFundingPlan(lines, { rules, ...ctx }).map((e) => `${e.field}:${e.code}`);

describe('the funding plan against the guide', () => {
  it('a plan within every limit passes', () => {
    expect(
      codes([
        line('a', '1', 500, 300),
        line('b', '1', 450, 250),
        line('c', '3', 400, 200),
        line('d', '4', 100, 100),
      ]),
    ).toEqual([]);
  });

  it('names each breach: cap per project, first-year cap, project count, total budget', () => {
    const plan = [line('a', '3', 520, 310), line('b', '3', 300, 100), line('c', '3', 200, 100)];
    expect(codes(plan, { totalBudgetFen: 900 * WAN })).toEqual([
      'lines.0.grantFen:plan.capPerProject',
      'lines.0.firstYearFen:plan.firstYearCap',
      'directions.3:plan.projectCount',
      'total:plan.totalBudget',
    ]);
    const [cap] = checkFundingPlan(plan, { rules });
    expect(cap!.message).toBe('资助520万元超过本方向每项最高500万元');
    expect(cap!.messageEn).toContain('CNY 5,200,000');
  });

  it('an amount below the request needs its reason', () => {
    const cut = line('a', '2', 300, 200, { requestedFen: 500 * WAN });
    expect(codes([cut])).toEqual(['lines.0.reason:plan.reasonRequired']);
    expect(codes([{ ...cut, reason: '会商意见：设备费压减' }])).toEqual([]);
  });

  it('one project per organisation per year (seed 003 note 4) and the lead’s ongoing projects (seed 000 §二.7)', () => {
    const same = [line('a', '1', 500, 300, { orgId: 'sjtu' }), line('b', '2', 500, 300, { orgId: 'sjtu' })];
    expect(codes(same)).toEqual(['orgs.sjtu:plan.onePerOrg']);
    expect(codes([line('c', '4', 100, 100)], { orgAwardedThisYear: new Map([['org-c', 1]]) })).toEqual([
      'orgs.org-c:plan.onePerOrg',
    ]);
    expect(codes([line('d', '4', 100, 100)], { leadOngoing: new Map([['d', 2]]) })).toEqual([
      'lines.0.applicationId:plan.leadOngoing',
    ]);
    expect(codes([line('d', '4', 100, 100)], { leadOngoing: new Map([['d', 1]]) })).toEqual([]);
  });
});

describe('the proposed plan', () => {
  const cand = (id: string, dir: string, requested: number, extra: Partial<PlanCandidate> = {}) => ({
    applicationId: id,
    directionCode: dir,
    orgId: `org-${id}`,
    requestedFen: requested * WAN,
    firstYearRequestFen: null,
    ...extra,
  });

  it("takes the ranking down to each direction's number of projects and caps every amount, with the reason", () => {
    const ranking = [
      cand('a', '3', 600, { firstYearRequestFen: 400 * WAN }),
      cand('b', '3', 300),
      cand('c', '3', 200), // direction 3 funds 2 projects (seed 000 §一.3)
      cand('d', '4', 80),
    ];
    const plan = proposePlan(ranking, { rules });
    expect(plan.map((l) => l.applicationId)).toEqual(['a', 'b', 'd']);
    expect(plan[0]).toMatchObject({ grantFen: 500 * WAN, firstYearFen: 300 * WAN });
    expect(plan[0]!.reason).toContain('500万元');
    expect(plan[1]).toMatchObject({ grantFen: 300 * WAN, firstYearFen: 300 * WAN });
    expect(plan[1]!.reason).toBeUndefined();
    expect(checkFundingPlan(plan, { rules })).toEqual([]);
  });

  it('skips the excluded, a second project of one organisation and whatever the budget cannot hold', () => {
    const ranking = [
      cand('a', '1', 500),
      cand('x', '1', 400, { excluded: true }),
      cand('b', '2', 300, { orgId: 'org-a' }),
      cand('c', '2', 450),
      cand('d', '4', 90),
    ];
    const plan = proposePlan(ranking, { rules, totalBudgetFen: 1000 * WAN });
    expect(plan.map((l) => l.applicationId)).toEqual(['a', 'c']);
    expect(checkFundingPlan(plan, { rules, totalBudgetFen: 1000 * WAN })).toEqual([]);
  });
});
