import { describe, expect, it } from 'vitest';
import { explainMatches, isMeaningfulTerm, meaningfulTerms, relevanceOf } from './match-explain.rules.js';

describe('match explanations use meaningful terms only', () => {
  it('drops single Chinese characters, digits, numbers with units and stop-words', () => {
    for (const t of [
      '一',
      '可',
      '秒',
      '3',
      '0.1',
      '10kg',
      '95%',
      '的',
      '可以',
      '通过',
      '基于',
      'the',
      'a',
      ' ',
    ])
      expect(isMeaningfulTerm(t), t).toBe(false);
    for (const t of ['灵巧手', '力控', '人形机器人', 'AI', 'mRNA', '5G基站'])
      expect(isMeaningfulTerm(t), t).toBe(true);
    expect(meaningfulTerms(['一', '灵巧手', '3', '力控', '灵巧手', '秒'])).toEqual(['灵巧手', '力控']);
  });
});

describe('relevance in words', () => {
  it('grades a score against the best of its list and refuses below 20 %', () => {
    expect(relevanceOf(10, 10)).toBe('high');
    expect(relevanceOf(6, 10)).toBe('high');
    expect(relevanceOf(5.9, 10)).toBe('medium');
    expect(relevanceOf(3.5, 10)).toBe('medium');
    expect(relevanceOf(3.4, 10)).toBe('low');
    expect(relevanceOf(2, 10)).toBe('low');
    expect(relevanceOf(1.9, 10)).toBeNull();
    expect(relevanceOf(0, 0)).toBeNull();
  });

  it('suggests nothing matched only on stop-words and digits, and grades the rest without them', () => {
    const hits = [
      { id: 'noise', score: 20, matchedTerms: ['一', '可', '秒', '3'] },
      { id: 'good', score: 10, matchedTerms: ['灵巧手', '力控', '一'] },
      { id: 'fair', score: 4, matchedTerms: ['力控'] },
      { id: 'faint', score: 1, matchedTerms: ['传感'] },
    ];
    const out = explainMatches(hits);
    expect(out.map((h) => [h.hit.id, h.relevance, h.matchedTerms])).toEqual([
      ['good', 'high', ['灵巧手', '力控']],
      ['fair', 'medium', ['力控']],
    ]);
    expect(out[0].relevanceLabel.zh).toBe('高相关');
    expect(explainMatches([{ score: 5, matchedTerms: ['3', '秒'] }])).toEqual([]);
  });
});
