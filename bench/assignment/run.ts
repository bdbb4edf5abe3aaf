/**
 * Expert assignment (issue 12): 600 applications × 5 experts from a pool of 5,000, 20 conflicts per
 * application, against the greedy baseline (best free expert first, application by application) and
 * the upper bound (each application its 5 best conflict-free experts, loads ignored).
 *
 *   npx tsx bench/assignment/run.ts            # ASSIGN_APPS=600 ASSIGN_EXPERTS=5000 ASSIGN_N=5 ASSIGN_CONFLICTS=20 ASSIGN_LOAD=2 ASSIGN_K=60
 *
 * Affinities come from topics (seeded PRNG): 40 technology fields with a skewed popularity, an
 * application in one field and an expert in one to three, so the popular fields' experts are scarce
 * and loads bind. A benchmark, not a test.
 */
import os from 'node:os';
import {
  affinityBound,
  greedyAssignment,
  solveAssignment,
  type AssignmentProblem,
} from '../../server/src/modules/review/assignment.rules.js';

const num = (k: string, d: number) => Number(process.env[k] ?? d);
const APPS = num('ASSIGN_APPS', 600);
const EXPERTS = num('ASSIGN_EXPERTS', 5000);
const N = num('ASSIGN_N', 5);
const CONFLICTS = num('ASSIGN_CONFLICTS', 20);
const LOAD = num('ASSIGN_LOAD', 2);
const K = num('ASSIGN_K', 60);
const TOPICS = 40;

let seed = 20261203;
const rnd = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
// Zipf-like popularity: applications crowd the first fields
const pick = (skew: number) => Math.min(TOPICS - 1, Math.floor(TOPICS * Math.pow(rnd(), skew)));

const experts = Array.from({ length: EXPERTS }, (_, i) => {
  const fields = new Set([pick(1), ...(rnd() < 0.5 ? [pick(1)] : []), ...(rnd() < 0.2 ? [pick(1)] : [])]);
  return { id: `e${String(i).padStart(4, '0')}`, fields, depth: 0.5 + rnd() / 2 };
});
const byField = new Map<number, typeof experts>();
for (const e of experts) for (const f of e.fields) (byField.get(f) ?? byField.set(f, []).get(f)!).push(e);

const t0 = performance.now();
const candidates = Array.from({ length: APPS }, (_, a) => {
  const field = pick(2.5);
  const near = [field - 1, field + 1].filter((f) => f >= 0 && f < TOPICS);
  const conflicted = new Set(
    Array.from({ length: CONFLICTS }, () => experts[Math.floor(rnd() * EXPERTS)]!.id),
  );
  const seen = new Map<string, number>();
  for (const e of byField.get(field) ?? []) seen.set(e.id, e.depth * (0.7 + 0.3 * rnd()));
  for (const f of near)
    for (const e of byField.get(f) ?? []) if (!seen.has(e.id)) seen.set(e.id, 0.3 * e.depth * rnd());
  // the conflicted experts are taken out, as conflict.rules.ts does
  for (const id of conflicted) seen.delete(id);
  return {
    applicationId: `a${String(a).padStart(3, '0')}`,
    experts: [...seen].map(([expertUserId, affinity]) => ({ expertUserId, affinity })),
  };
});
const genMs = performance.now() - t0;
const p: AssignmentProblem = {
  perApplication: N,
  candidates,
  capacity: new Map(experts.map((e) => [e.id, LOAD])),
  candidatesPerApplication: K,
};

const spread = (loads: Map<string, number>) => {
  const v = [...loads.values()];
  const mean = v.reduce((s, x) => s + x, 0) / v.length;
  const sd = Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / v.length);
  return { experts: v.length, min: Math.min(...v), max: Math.max(...v), sd: Number(sd.toFixed(2)) };
};

const bound = affinityBound(p);
const g0 = performance.now();
const greedy = greedyAssignment(p);
const greedyMs = performance.now() - g0;
const s0 = performance.now();
const solved = await solveAssignment(p);
const solveMs = performance.now() - s0;
const rss = process.memoryUsage().rss / 1048576;

const pct = (x: number) => `${((100 * x) / bound).toFixed(2)} %`;
const short = (r: typeof solved) => r.shortfall.reduce((s, x) => s + x.needed - x.assigned, 0);
const avgCandidates = candidates.reduce((s, c) => s + c.experts.length, 0) / candidates.length;
console.log(`# Expert assignment — ${new Date().toISOString().slice(0, 10)}

\`npx tsx bench/assignment/run.ts\` (ASSIGN_APPS=${APPS} ASSIGN_EXPERTS=${EXPERTS} ASSIGN_N=${N} ASSIGN_CONFLICTS=${CONFLICTS} ASSIGN_LOAD=${LOAD} ASSIGN_K=${K}); ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, Node ${process.version}

Generated in ${genMs.toFixed(0)} ms: ${avgCandidates.toFixed(0)} conflict-free experts with any affinity per application on average; the solver starts from the best ${K} of each and ends with ${solved.variables} variables (column generation).

| method | time | total affinity | of the bound | places unfilled | load min / max / sd (experts used) |
|---|---|---|---|---|---|
| upper bound (N best each, loads ignored) | – | ${bound.toFixed(2)} | 100 % | – | – |
| greedy (best free expert first) | ${greedyMs.toFixed(0)} ms | ${greedy.totalAffinity.toFixed(2)} | ${pct(greedy.totalAffinity)} | ${short(greedy)} | ${Object.values(spread(greedy.loads)).slice(1).join(' / ')} (${greedy.loads.size}) |
| HiGHS (transportation LP, column generation; optimal: no left-out candidate has a positive reduced cost, so this is the LP bound with loads) | ${solveMs.toFixed(0)} ms | ${solved.totalAffinity.toFixed(2)} | ${pct(solved.totalAffinity)} | ${short(solved)} | ${Object.values(spread(solved.loads)).slice(1).join(' / ')} (${solved.loads.size}) |

Peak RSS ${rss.toFixed(0)} MB.`);
