// Affinity of experts to an application (issue 12, "Experts"): "the application's direction, title,
// content and keywords against the expert's fields and keywords, with the matched terms shown".
import { describe, expect, it } from 'vitest';
import {
  expertAffinity,
  AffinityIndex,
  type AffinityExpert,
  type ApplicationText,
} from './affinity.rules.js';
import { availableFor, parseWindows, windowsOverlap } from './experts.rules.js';

const POOL: AffinityExpert[] = [
  { userId: 'pov', fields: ['技术转移', '概念验证'], keywords: ['概念验证中心', '成果评估'] },
  { userId: 'bio', fields: ['生物医药'], keywords: ['新药研发', '临床前研究'] },
  { userId: 'open', fields: ['开放式创新'], keywords: ['大企业创新', '产学研合作'] },
  { userId: 'empty', fields: [], keywords: [] },
];

// seed 000 (the 2023 guide), direction 1: 构建科技成果转化概念验证网络 / 概念验证中心建设
const APPLICATION: ApplicationText = {
  direction: '概念验证中心建设',
  title: '高校生物医药概念验证中心建设项目',
  content:
    '依托高校建设概念验证中心，面向新药研发早期成果开展概念验证、成果评估和技术转移服务，每年验证项目不少于20项。',
  keywords: ['概念验证', '新药研发'],
};

describe('expertAffinity', () => {
  const result = expertAffinity(POOL, APPLICATION);
  const of = (id: string) => result.find((a) => a.userId === id)!;

  it('scores every expert of the pool in [0, 1], in the pool’s order', () => {
    expect(result.map((a) => a.userId)).toEqual(['pov', 'bio', 'open', 'empty']);
    for (const a of result) expect(a.score).toBeGreaterThanOrEqual(0);
    for (const a of result) expect(a.score).toBeLessThanOrEqual(1);
  });

  it('ranks the concept-verification expert first and names the shared terms', () => {
    expect(of('pov').score).toBeGreaterThan(of('bio').score);
    expect(of('pov').matchedTerms).toEqual(expect.arrayContaining(['概念验证', '成果评估', '技术转移']));
  });

  it('gives the drug-development expert a partial score explained by 新药研发, not by 临床前研究', () => {
    expect(of('bio').score).toBeGreaterThan(0);
    expect(of('bio').score).toBeLessThan(1);
    expect(of('bio').matchedTerms).toContain('新药研发');
    expect(of('bio').matchedTerms).not.toContain('临床前研究');
  });

  it('gives 0 and no terms to an expert the application does not touch, and to an empty profile', () => {
    expect(of('open')).toEqual({ userId: 'open', score: 0, matchedTerms: [] });
    expect(of('empty')).toEqual({ userId: 'empty', score: 0, matchedTerms: [] });
  });

  it('reaches 1 when the application covers everything the expert lists', () => {
    const [a] = expertAffinity([POOL[1]], {
      direction: '生物医药',
      title: '新药研发平台',
      content: '开展临床前研究',
      keywords: [],
    });
    expect(a.score).toBe(1);
  });

  it('never shows a single character or a bare number as a matched term', () => {
    for (const a of result) for (const t of a.matchedTerms) expect([...t].length).toBeGreaterThan(1);
    for (const a of result) for (const t of a.matchedTerms) expect(t).not.toMatch(/^\d+$/);
  });

  it('indexes the pool once and answers the same for many applications', () => {
    const index = new AffinityIndex(POOL);
    expect(index.of(APPLICATION)).toEqual(result);
    expect(index.of({ ...APPLICATION, content: '', title: '', keywords: [], direction: '' })).toEqual(
      POOL.map((e) => ({ userId: e.userId, score: 0, matchedTerms: [] })),
    );
  });
});

describe('availability windows (Asia/Shanghai dates, inclusive)', () => {
  it.each([
    ['no window: always available', [], '2026-03-01', '2026-03-31', true],
    ['inside one window', [{ from: '2026-03-01', to: '2026-04-30' }], '2026-03-10', '2026-03-20', true],
    [
      'the window’s own first and last day',
      [{ from: '2026-03-01', to: '2026-03-31' }],
      '2026-03-01',
      '2026-03-31',
      true,
    ],
    ['runs past the window', [{ from: '2026-03-01', to: '2026-03-31' }], '2026-03-25', '2026-04-02', false],
    [
      'split over two windows is not one window',
      [
        { from: '2026-03-01', to: '2026-03-15' },
        { from: '2026-03-16', to: '2026-03-31' },
      ],
      '2026-03-10',
      '2026-03-20',
      false,
    ],
  ])('%s', (_n, windows, from, to, expected) => {
    expect(availableFor(windows, from, to)).toBe(expected);
  });

  it('reads the spreadsheet form and names the part it cannot read', () => {
    expect(parseWindows('2026-03-01～2026-03-31；2026-05-01 至 2026-05-15; 三月')).toEqual({
      windows: [
        { from: '2026-03-01', to: '2026-03-31' },
        { from: '2026-05-01', to: '2026-05-15' },
      ],
      bad: ['三月'],
    });
  });

  it('names the later of two overlapping windows', () => {
    const errors = windowsOverlap([
      { from: '2026-05-01', to: '2026-05-20' },
      { from: '2026-05-10', to: '2026-06-01' },
    ]);
    expect(errors.map((e) => [e.field, e.code])).toEqual([['availability.1', 'overlap']]);
    expect(errors[0].message).toContain('重叠');
  });
});
