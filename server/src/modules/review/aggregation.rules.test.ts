import { describe, expect, it } from 'vitest';
import {
  aggregate,
  rankByDirection,
  standardise,
  trimmedMean,
  type SheetScore,
} from './aggregation.rules.js';

const sheet = (applicationId: string, expertUserId: string, total: number, endorses = false): SheetScore => ({
  applicationId,
  expertUserId,
  total,
  endorses,
});

describe('aggregating round-1 scores', () => {
  it('trimmed mean drops the highest and lowest with five or more scores, else is the mean', () => {
    expect(trimmedMean([90, 80, 70])).toBe(80);
    expect(trimmedMean([95, 82, 80, 78, 40])).toBe(80);
  });

  it('warns when one expert is far from the others, with the figures', () => {
    const [a] = aggregate([sheet('a', 'e1', 85), sheet('a', 'e2', 82), sheet('a', 'e3', 50)]);
    expect(a).toMatchObject({ count: 3, mean: 72.33, trimmedMean: 72.33, min: 50, max: 85 });
    expect(a!.warnings).toHaveLength(1);
    expect(a!.warnings[0]).toMatchObject({ expertUserId: 'e3', total: 50, othersMean: 83.5 });
    expect(a!.warnings[0]!.zh).toBe('一位专家评分50分，其他专家平均83.5分，相差33.5分（超过20分）');
  });

  it('standardisation: a severe expert’s scores count like a lenient one’s', () => {
    // e1 gives 60/70/80, e2 gives 80/90/100 to the same three applications: after standardising they agree
    const raw = ['x', 'y', 'z'].flatMap((app, i) => [
      sheet(app, 'e1', 60 + 10 * i),
      sheet(app, 'e2', 80 + 10 * i),
    ]);
    const std = standardise(raw);
    for (const app of ['x', 'y', 'z']) {
      const [a, b] = std.filter((s) => s.applicationId === app);
      expect(a!.total).toBeCloseTo(b!.total, 6);
    }
  });

  it('ranks per direction with the tie-break: trimmed mean, endorsements, lowest score, receipt time, id', () => {
    const scored = aggregate([
      sheet('p', 'e1', 80, true),
      sheet('p', 'e2', 80, true),
      sheet('p', 'e3', 80),
      sheet('q', 'e1', 80, true),
      sheet('q', 'e2', 80),
      sheet('q', 'e3', 80),
      sheet('r', 'e1', 90),
      sheet('r', 'e2', 70),
      sheet('r', 'e3', 80, true), // same mean, lower minimum
      sheet('s', 'e1', 80, true),
      sheet('s', 'e2', 80),
      sheet('s', 'e3', 80), // ties q, submitted earlier
      sheet('t', 'e1', 95),
      sheet('t', 'e2', 95),
      sheet('t', 'e3', 95),
    ]);
    const facts = new Map([
      ['p', { directionCode: '1', submittedAt: '2023-10-30T10:00:00+08:00' }],
      ['q', { directionCode: '1', submittedAt: '2023-10-30T12:00:00+08:00' }],
      ['r', { directionCode: '1', submittedAt: '2023-10-20T09:00:00+08:00' }],
      ['s', { directionCode: '1', submittedAt: '2023-10-29T16:00:00+08:00' }],
      ['t', { directionCode: '2', submittedAt: '2023-10-30T16:29:59+08:00' }],
    ]);
    const ranked = rankByDirection(scored, facts);
    expect(ranked.map((r) => `${r.directionCode}:${r.rank}:${r.applicationId}`)).toEqual([
      '1:1:p',
      '1:2:s',
      '1:3:q',
      '1:4:r',
      '2:1:t',
    ]);
  });
});
