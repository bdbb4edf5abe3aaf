import { describe, it, expect } from 'vitest';
import { Bm25Engine } from './bm25-engine.js';
import { matchAchievement, matchNeed, Recommender } from './matching.js';
import { DOCS } from './test-fixtures.js';

describe('matching', () => {
  it('matches a need to achievements and experts with explaining terms', () => {
    const e = new Bm25Engine();
    e.upsertMany(DOCS);
    const need = DOCS.find((d) => d.id === 'n1')!;
    const m = matchNeed(e, need);
    expect(m.achievements[0].id).toBe('a1');
    expect(m.achievements[0].matchedTerms).toEqual(expect.arrayContaining(['固态', '电解质']));
    expect(m.experts.map((x) => x.id)).toEqual(['e1']);
    expect(m.solutions).toEqual([]);
    expect([...m.achievements, ...m.experts].every((x) => x.id !== 'n1')).toBe(true);
  });

  it('matches an achievement to needs', () => {
    const e = new Bm25Engine();
    e.upsertMany(DOCS);
    expect(matchAchievement(e, DOCS[0]).map((x) => x.id)).toEqual(['n1']);
  });

  it('refreshes recommendations when records change', () => {
    const e = new Bm25Engine();
    e.upsertMany(DOCS);
    const rec = new Recommender(e);
    const need = DOCS.find((d) => d.id === 'n1')!;
    expect(rec.forNeed(need).solutions).toEqual([]);
    e.upsert({ id: 's1', collection: 'solution', title: '固态电池安全方案', abstract: '固态电解质包覆' });
    expect(rec.forNeed(need).solutions.map((s) => s.id)).toEqual(['s1']);
  });
});
