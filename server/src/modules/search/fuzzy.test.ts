import { describe, it, expect } from 'vitest';
import { prefixDistance, titleGrams } from './fuzzy.js';

describe('fuzzy title lookup', () => {
  it('measures the distance to the closest prefix', () => {
    expect(prefixDistance('锂电池', '锂电池回收工艺')).toBe(0);
    expect(prefixDistance('锂电他回收', '锂电池回收工艺')).toBe(1);
    expect(prefixDistance('电锂池', '锂电池')).toBe(1);
    expect(prefixDistance('abc', 'xyz')).toBe(3);
  });
  it('builds a start gram and bigrams', () => {
    expect(titleGrams('Ａ电池')).toEqual(['\u0001a', 'a电', '电池']);
  });
});
