import { describe, expect, it } from 'vitest';
import {
  affinityBound,
  greedyAssignment,
  replacementFor,
  solveAssignment,
  type AssignmentProblem,
} from './assignment.rules.js';

const cands = (applicationId: string, pairs: Array<[string, number]>) => ({
  applicationId,
  experts: pairs.map(([expertUserId, affinity]) => ({ expertUserId, affinity })),
});

describe('automatic assignment (an optimisation, not a greedy loop)', () => {
  it('beats the greedy order: A takes x greedily, leaving B without its only good expert', async () => {
    // each expert may take one application; N = 1
    const p: AssignmentProblem = {
      perApplication: 1,
      candidates: [
        cands('A', [
          ['x', 0.9],
          ['y', 0.8],
        ]),
        cands('B', [
          ['x', 0.85],
          ['y', 0.1],
        ]),
      ],
      capacity: new Map([
        ['x', 1],
        ['y', 1],
      ]),
    };
    const greedy = greedyAssignment(p);
    expect(greedy.assignments.map((a) => `${a.applicationId}:${a.expertUserId}`)).toEqual(['A:x', 'B:y']);
    const best = await solveAssignment(p);
    expect(best.assignments.map((a) => `${a.applicationId}:${a.expertUserId}`)).toEqual(['A:y', 'B:x']);
    expect(best.totalAffinity).toBeCloseTo(1.65);
    expect(best.totalAffinity).toBeGreaterThan(greedy.totalAffinity);
    expect(best.totalAffinity).toBeLessThanOrEqual(affinityBound(p) + 1e-9);
  });

  it('exactly N distinct experts per application, every expert within load', async () => {
    const experts = ['e1', 'e2', 'e3', 'e4', 'e5', 'e6'];
    const p: AssignmentProblem = {
      perApplication: 3,
      candidates: ['a1', 'a2', 'a3', 'a4'].map((a, i) =>
        cands(
          a,
          experts.map((e, j) => [e, (((i + 1) * (j + 3)) % 7) / 7] as [string, number]),
        ),
      ),
      capacity: new Map(experts.map((e) => [e, 2])),
    };
    const r = await solveAssignment(p);
    expect(r.shortfall).toEqual([]);
    for (const a of ['a1', 'a2', 'a3', 'a4']) {
      const mine = r.assignments.filter((x) => x.applicationId === a).map((x) => x.expertUserId);
      expect(mine).toHaveLength(3);
      expect(new Set(mine).size).toBe(3);
    }
    for (const e of experts) expect(r.loads.get(e) ?? 0).toBeLessThanOrEqual(2);
    // same input, same answer
    expect((await solveAssignment(p)).assignments).toEqual(r.assignments);
  });

  it('reports a shortfall with its reason instead of going silently short', async () => {
    const p: AssignmentProblem = {
      perApplication: 3,
      candidates: [
        cands('few', [
          ['e1', 0.5],
          ['e2', 0.4],
        ]),
        cands('busy', [
          ['e1', 0.9],
          ['e2', 0.9],
          ['e3', 0.9],
        ]),
      ],
      capacity: new Map([
        ['e1', 1],
        ['e2', 1],
        ['e3', 1],
      ]),
    };
    const r = await solveAssignment(p);
    const by = Object.fromEntries(r.shortfall.map((s) => [s.applicationId, s]));
    expect(by.few).toMatchObject({ needed: 3, reason: 'conflicts' });
    expect(by.few!.zh).toContain('无利益冲突的专家只有2位');
    // three experts with one place each cover five of the six places at most
    expect(r.assignments).toHaveLength(3);
    expect(r.shortfall.reduce((s, x) => s + x.needed - x.assigned, 0)).toBe(3);
  });

  it('a replacement for a decliner: the best conflict-free expert with capacity not already on it', () => {
    const c = [
      { expertUserId: 'e1', affinity: 0.9 },
      { expertUserId: 'e2', affinity: 0.8 },
      { expertUserId: 'e3', affinity: 0.7 },
    ];
    const cap = new Map([
      ['e1', 3],
      ['e2', 0],
      ['e3', 1],
    ]);
    expect(replacementFor(c, cap, new Set(['e1']))?.expertUserId).toBe('e3');
    expect(replacementFor(c, cap, new Set(['e1', 'e3']))).toBeUndefined();
  });
});
