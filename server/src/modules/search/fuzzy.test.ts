import { describe, it, expect } from 'vitest';
import { TitleIndex, prefixDistance, titleGrams } from './fuzzy.js';

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

describe('TitleIndex storage', () => {
  it('keeps lists right across packing, growth after packing, and purging', () => {
    const ti = new TitleIndex();
    const titles = ['锂电池回收', '锂电池材料', '固态电池'];
    titles.forEach((t, s) => ti.add(s, t));
    const slotsOf = (gram: string) => {
      const id = ti.gramIds.get((gram.charCodeAt(0) << 16) | gram.charCodeAt(1));
      return id === undefined ? [] : [...ti.list(id)];
    };
    expect(slotsOf('电池')).toEqual([0, 1, 2]);
    ti.purge(Uint8Array.from([1, 0, 1]));
    expect(slotsOf('电池')).toEqual([0, 2]);
    expect(slotsOf('材料')).toEqual([]);
    ti.add(3, '电池材料'); // a packed list grows: it moves to its own array
    expect(slotsOf('电池')).toEqual([0, 2, 3]);
    expect(slotsOf('材料')).toEqual([3]);
    expect(slotsOf('回收')).toEqual([0]); // untouched packed lists stay as they were
    expect(ti.typedBytes()).toBeGreaterThan(0);
  });
});
