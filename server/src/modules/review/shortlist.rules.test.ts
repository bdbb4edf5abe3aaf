import { describe, expect, it } from 'vitest';
import { aggregate, rankByDirection, type SheetScore } from './aggregation.rules.js';
import { finalRanking, shortlist } from './shortlist.rules.js';

// direction 1 with five applications after round 1, direction 4 with two
const sheets: SheetScore[] = [
  ['a', 91],
  ['b', 88],
  ['c', 85],
  ['d', 80],
  ['e', 70],
  ['x', 75],
  ['y', 72],
].flatMap(([id, t]) =>
  ['e1', 'e2', 'e3'].map((e) => ({
    applicationId: id as string,
    expertUserId: e,
    total: t as number,
    endorses: false,
  })),
);
const facts = new Map(
  ['a', 'b', 'c', 'd', 'e', 'x', 'y'].map((id) => [
    id,
    { directionCode: ['x', 'y'].includes(id) ? '4' : '1', submittedAt: null },
  ]),
);
const round1 = rankByDirection(aggregate(sheets), facts);

describe('one or two rounds', () => {
  it('one round (2021, 2022): the round-1 ranking is final', () => {
    expect(
      finalRanking('oneRound', round1).map((f) => `${f.directionCode}:${f.rank}:${f.applicationId}`),
    ).toEqual(['1:1:a', '1:2:b', '1:3:c', '1:4:d', '1:5:e', '4:1:x', '4:2:y']);
  });

  it('two rounds (2023): the quota per direction goes to the panel', () => {
    expect(shortlist(round1, { '1': 3, '4': 1 }).map((s) => s.applicationId)).toEqual(['a', 'b', 'c', 'x']);
    expect(shortlist(round1).length).toBe(7);
  });

  it('the panel decides; combined by weights when the call says so; ties keep the round-1 order', () => {
    const panel = new Map([
      ['a', 80],
      ['b', 90],
      ['c', 90],
      ['x', 85],
    ]);
    const quota = { '1': 3, '4': 1 };
    expect(
      finalRanking('twoRounds', round1, panel, { quota }).map(
        (f) => `${f.directionCode}:${f.rank}:${f.applicationId}`,
      ),
    ).toEqual(['1:1:b', '1:2:c', '1:3:a', '4:1:x']);
    const combined = finalRanking('twoRounds', round1, panel, { quota, combine: { round1: 1, round2: 1 } });
    expect(combined.filter((f) => f.directionCode === '1').map((f) => [f.applicationId, f.score])).toEqual([
      ['b', 89],
      ['c', 87.5],
      ['a', 85.5],
    ]);
  });

  it('a shortlisted application without a panel score is not ranked (it did not defend)', () => {
    const final = finalRanking('twoRounds', round1, new Map([['a', 70]]), { quota: { '1': 2 } });
    expect(final.map((f) => f.applicationId)).toEqual(['a']);
  });
});
