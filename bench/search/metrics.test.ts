import { describe, it, expect } from 'vitest';
import { ndcgAt, percentile, recallAt, rrAt } from './metrics.js';

describe('bench metrics', () => {
  const rel = new Map([
    ['a', 2],
    ['b', 1],
  ]);
  it('scores a perfect ranking 1 and a reversed one lower', () => {
    expect(ndcgAt(['a', 'b', 'x'], rel)).toBeCloseTo(1);
    expect(ndcgAt(['b', 'a'], rel)).toBeLessThan(1);
    expect(ndcgAt(['x', 'y'], rel)).toBe(0);
  });
  it('computes recall, reciprocal rank and percentiles', () => {
    expect(recallAt(['x', 'b'], rel)).toBe(0.5);
    expect(rrAt(['x', 'y', 'b'], rel)).toBeCloseTo(1 / 3);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(percentile([1, 2, 3, 4], 99)).toBe(4);
  });
});
