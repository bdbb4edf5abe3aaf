/**
 * Automatic assignment of experts (issue 12; the shape of OpenReview's matcher and HotCRP's
 * autoassigner): every application gets exactly N distinct conflict-free experts, every expert stays
 * within their load, and the total affinity is the largest possible. It is a transportation problem,
 * solved as a linear programme (with column generation over the candidates) by HiGHS (npm `highs`, WebAssembly) — not a greedy loop. Its constraint
 * matrix is totally unimodular, so the simplex optimum (a vertex) is whole — checked on every solve.
 *
 * Coverage comes first: each assignment is worth COVER + affinity (affinity is in [0, 1]), so the
 * solver never trades a missing expert for a better one elsewhere, and an application that cannot get
 * N experts (too few conflict-free, or every free expert's load used up) is given as many as possible
 * and reported in `shortfall` with the reason — never silently short.
 *
 * Pure: the caller passes the conflict-free candidates (conflict.rules.ts removes the others) and the
 * loads; no I/O, no clock. Same input, same output (candidates are sorted, HiGHS is deterministic).
 */
import * as highsModule from 'highs';
import type { Highs } from 'highs';

// `highs` is CommonJS: under Node's ESM its loader is the module itself (or its default)
const highsLoader = ((highsModule as { default?: unknown }).default ?? highsModule) as () => Promise<Highs>;
let highs: Promise<Highs> | undefined;
const solver = () => (highs ??= highsLoader());

export interface Candidate {
  expertUserId: string;
  affinity: number;
}

export interface AssignmentProblem {
  perApplication: number;
  /** per application, the experts it may have (conflicts already removed) and their affinity */
  candidates: ReadonlyArray<{ applicationId: string; experts: readonly Candidate[] }>;
  /** per expert, how many more applications they may take in this round */
  capacity: ReadonlyMap<string, number>;
  /** at most this many best candidates per application go to the solver (default: all) */
  candidatesPerApplication?: number;
}

export interface Shortfall {
  applicationId: string;
  needed: number;
  assigned: number;
  /** conflict-free experts with capacity that could be considered */
  available: number;
  reason: 'conflicts' | 'load';
  zh: string;
  en: string;
}

export interface AssignmentResult {
  assignments: Array<{ applicationId: string; expertUserId: string; affinity: number }>;
  totalAffinity: number;
  loads: Map<string, number>;
  shortfall: Shortfall[];
  /** variables the solver saw (after pruning to candidatesPerApplication) */
  variables: number;
}

const COVER = 1000;
const clamp01 = (v: number) => (Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0);

/** The candidates of each application with capacity, best affinity first, ties by id. */
function ranked(p: AssignmentProblem) {
  return p.candidates.map((c) => ({
    applicationId: c.applicationId,
    experts: [...new Map(c.experts.map((e) => [e.expertUserId, e])).values()]
      .filter((e) => (p.capacity.get(e.expertUserId) ?? 0) > 0)
      .map((e) => ({ expertUserId: e.expertUserId, affinity: clamp01(e.affinity) }))
      .sort((a, b) => b.affinity - a.affinity || a.expertUserId.localeCompare(b.expertUserId)),
  }));
}

const dualOf = (row: unknown) => Math.abs((row as { Dual?: number } | undefined)?.Dual ?? 0);

type Var = { a: number; expertUserId: string; affinity: number };

/** One LP over the given variables; the chosen ones and the rows' duals (per application, per expert). */
async function solveLp(p: AssignmentProblem, apps: number, vars: readonly Var[]) {
  const byApp = new Map<number, number[]>();
  const byExpert = new Map<string, number[]>();
  vars.forEach((v, i) => {
    (byApp.get(v.a) ?? byApp.set(v.a, []).get(v.a)!).push(i);
    (byExpert.get(v.expertUserId) ?? byExpert.set(v.expertUserId, []).get(v.expertUserId)!).push(i);
  });
  const appRows = [...byApp.keys()].sort((x, y) => x - y);
  const expertRows = [...byExpert.keys()].sort();
  const lines = [
    'Maximize',
    ' obj: ' + vars.map((v, i) => `${(COVER + v.affinity).toFixed(6)} x${i}`).join(' + '),
  ];
  lines.push('Subject To');
  for (const a of appRows)
    lines.push(
      ` a${a}: ${byApp
        .get(a)!
        .map((i) => `x${i}`)
        .join(' + ')} <= ${p.perApplication}`,
    );
  expertRows.forEach((id, k) =>
    lines.push(
      ` e${k}: ${byExpert
        .get(id)!
        .map((i) => `x${i}`)
        .join(' + ')} <= ${p.capacity.get(id) ?? 0}`,
    ),
  );
  // 0 ≤ x ≤ 1: a totally unimodular system, so the simplex optimum (a vertex) is whole — checked below
  lines.push('Bounds', ...vars.map((_, i) => ` 0 <= x${i} <= 1`), 'End');
  const r = (await solver()).solve(lines.join('\n'), { log_to_console: false, output_flag: false });
  if (r.Status !== 'Optimal') throw new Error(`assignment solver: ${r.Status}`);
  const chosen = new Set<number>();
  vars.forEach((_, i) => {
    const x = r.Columns[`x${i}`]?.Primal ?? 0;
    if (Math.abs(x - Math.round(x)) > 1e-6) throw new Error(`assignment solver: fractional x${i} = ${x}`);
    if (x > 0.5) chosen.add(i);
  });
  const appDual = new Array<number>(apps).fill(0);
  appRows.forEach((a, k) => (appDual[a] = dualOf(r.Rows[k])));
  const expertDual = new Map(expertRows.map((id, k) => [id, dualOf(r.Rows[appRows.length + k])]));
  return { chosen, appDual, expertDual };
}

/**
 * The optimum over every candidate, by column generation: the LP starts with the best
 * `candidatesPerApplication` of each application; while a left-out candidate would pay (its reduced
 * cost, value − the application's dual − the expert's dual, is positive) the best of them are added
 * and the LP solved again. At the end no left-out candidate can improve it, so the result is optimal
 * for the whole problem, not only for the pruned one.
 */
export async function solveAssignment(p: AssignmentProblem): Promise<AssignmentResult> {
  const apps = ranked(p);
  const k0 = p.candidatesPerApplication ?? Infinity;
  const inModel = apps.map((app) => new Set(app.experts.slice(0, k0).map((e) => e.expertUserId)));
  let vars: Var[] = [];
  let chosen = new Set<number>();
  for (let round = 0; round < 50; round++) {
    vars = apps.flatMap((app, a) =>
      app.experts.filter((e) => inModel[a]!.has(e.expertUserId)).map((e) => ({ a, ...e })),
    );
    if (!vars.length) break;
    const lp = await solveLp(p, apps.length, vars);
    chosen = lp.chosen;
    let added = 0;
    apps.forEach((app, a) => {
      const pays = app.experts.filter(
        (e) =>
          !inModel[a]!.has(e.expertUserId) &&
          COVER + e.affinity - lp.appDual[a]! - (lp.expertDual.get(e.expertUserId) ?? 0) > 1e-7,
      );
      for (const e of pays.slice(0, Math.max(p.perApplication * 4, 20))) {
        inModel[a]!.add(e.expertUserId);
        added += 1;
      }
    });
    if (!added) break;
  }
  const assignments = [...chosen]
    .map((i) => ({
      applicationId: apps[vars[i]!.a]!.applicationId,
      expertUserId: vars[i]!.expertUserId,
      affinity: vars[i]!.affinity,
    }))
    .sort(
      (x, y) =>
        x.applicationId.localeCompare(y.applicationId) ||
        y.affinity - x.affinity ||
        x.expertUserId.localeCompare(y.expertUserId),
    );
  const loads = new Map<string, number>();
  for (const x of assignments) loads.set(x.expertUserId, (loads.get(x.expertUserId) ?? 0) + 1);
  const shortfall: Shortfall[] = apps.flatMap((app) => {
    const assigned = assignments.filter((x) => x.applicationId === app.applicationId).length;
    if (assigned >= p.perApplication) return [];
    const all = p.candidates.find((c) => c.applicationId === app.applicationId)?.experts.length ?? 0;
    const reason = all < p.perApplication ? 'conflicts' : 'load';
    return [
      {
        applicationId: app.applicationId,
        needed: p.perApplication,
        assigned,
        available: app.experts.length,
        reason,
        zh:
          reason === 'conflicts'
            ? `需要${p.perApplication}位专家，无利益冲突的专家只有${all}位，已分配${assigned}位`
            : `需要${p.perApplication}位专家，其余无冲突专家的评审量已满，已分配${assigned}位`,
        en:
          reason === 'conflicts'
            ? `Needs ${p.perApplication} experts; only ${all} are free of conflicts; ${assigned} assigned`
            : `Needs ${p.perApplication} experts; the other conflict-free experts are at their load; ${assigned} assigned`,
      },
    ];
  });
  return {
    assignments,
    totalAffinity: assignments.reduce((s, x) => s + x.affinity, 0),
    loads,
    shortfall,
    variables: vars.length,
  };
}

/** The best replacement for an expert who declined: conflict-free, with capacity, not already assigned. */
export function replacementFor(
  candidates: readonly Candidate[],
  capacity: ReadonlyMap<string, number>,
  alreadyAssigned: ReadonlySet<string>,
): Candidate | undefined {
  return [...candidates]
    .filter((c) => !alreadyAssigned.has(c.expertUserId) && (capacity.get(c.expertUserId) ?? 0) > 0)
    .sort((a, b) => b.affinity - a.affinity || a.expertUserId.localeCompare(b.expertUserId))[0];
}

/** Upper bound on total affinity: each application its N best conflict-free experts, loads ignored. */
export function affinityBound(p: Pick<AssignmentProblem, 'perApplication' | 'candidates'>): number {
  return p.candidates.reduce(
    (s, c) =>
      s +
      [...c.experts]
        .map((e) => clamp01(e.affinity))
        .sort((a, b) => b - a)
        .slice(0, p.perApplication)
        .reduce((x, y) => x + y, 0),
    0,
  );
}

/** The greedy baseline (the benchmark's peer): application by application, the best free experts first. */
export function greedyAssignment(p: AssignmentProblem): AssignmentResult {
  const left = new Map(p.capacity);
  const assignments: AssignmentResult['assignments'] = [];
  for (const c of p.candidates) {
    const best = [...c.experts].sort(
      (a, b) => b.affinity - a.affinity || a.expertUserId.localeCompare(b.expertUserId),
    );
    let n = 0;
    for (const e of best) {
      if (n >= p.perApplication) break;
      if ((left.get(e.expertUserId) ?? 0) <= 0) continue;
      left.set(e.expertUserId, left.get(e.expertUserId)! - 1);
      assignments.push({
        applicationId: c.applicationId,
        expertUserId: e.expertUserId,
        affinity: clamp01(e.affinity),
      });
      n += 1;
    }
  }
  const loads = new Map<string, number>();
  for (const x of assignments) loads.set(x.expertUserId, (loads.get(x.expertUserId) ?? 0) + 1);
  const shortfall = p.candidates
    .map((c) => ({ c, n: assignments.filter((x) => x.applicationId === c.applicationId).length }))
    .filter(({ n }) => n < p.perApplication)
    .map(({ c, n }) => ({
      applicationId: c.applicationId,
      needed: p.perApplication,
      assigned: n,
      available: c.experts.length,
      reason: (c.experts.length < p.perApplication ? 'conflicts' : 'load') as Shortfall['reason'],
      zh: '',
      en: '',
    }));
  return {
    assignments,
    totalAffinity: assignments.reduce((s, x) => s + x.affinity, 0),
    loads,
    shortfall,
    variables: 0,
  };
}
