import { describe, it, expect } from 'vitest';
import { findSpans, highlight } from './highlight.js';

describe('highlight', () => {
  it('marks every occurrence, merges overlaps and escapes HTML', () => {
    expect(highlight('概念验证中心<b>与概念验证', ['概念验证', '验证中心'])).toBe(
      '<mark>概念验证中心</mark>&#60;b&#62;与<mark>概念验证</mark>',
    );
  });
  it('matches regardless of width and case', () => {
    expect(findSpans('采用ＬｉＤＡＲ雷达', ['lidar'])).toEqual([[2, 7]]);
  });
  it('cuts a snippet around the matches', () => {
    const text = '甲'.repeat(200) + '石墨烯' + '乙'.repeat(200);
    const s = highlight(text, ['石墨烯'], { maxLength: 40 });
    expect(s.startsWith('…')).toBe(true);
    expect(s.endsWith('…')).toBe(true);
    expect(s).toContain('<mark>石墨烯</mark>');
    expect(s.replace(/<\/?mark>|…/g, '').length).toBe(40);
  });
});
