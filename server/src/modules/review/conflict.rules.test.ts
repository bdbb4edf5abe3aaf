import { describe, expect, it } from 'vitest';
import { conflictsOf, exclusionsOf, normaliseName, type ApplicationConflictFacts } from './conflict.rules.js';

// seed 000 §二.4: 如有需要回避的专家，须出具申报单位公函，写明回避专家名单与理由（不超过3人）
const app: ApplicationConflictFacts = {
  applicationId: 'a1',
  orgId: 'org-sjtu',
  orgName: '上海交通大学',
  teamEmployers: ['张江实验室'],
  excludedExperts: [
    { name: '王立群', employer: '复旦大学' },
    { name: '陈静', employer: null },
  ],
};
const expert = (userId: string, name: string, orgName: string | null, orgId: string | null = null) => ({
  userId,
  name,
  orgName,
  orgId,
});

describe('conflicts of interest (回避)', () => {
  it.each([
    ['on the avoidance list, name and employer', expert('e1', '王立群', '复旦大学'), ['avoidanceList']],
    ['the same name at another employer is not the listed person', expert('e2', '王立群', '同济大学'), []],
    [
      'a listed name without employer excludes that name anywhere',
      expert('e3', '陈 静', '华东师范大学'),
      ['avoidanceList'],
    ],
    [
      'the applicant’s own organisation, by id',
      expert('e4', '刘洋', '交大', 'org-sjtu'),
      ['sameOrganisation'],
    ],
    [
      'the applicant’s own organisation, by name in full-width form',
      expert('e5', '刘洋', '上海交通大学 '),
      ['sameOrganisation'],
    ],
    ['a team member’s organisation', expert('e6', '孙可', '张江实验室'), ['teamOrganisation']],
    ['an unrelated expert', expert('e7', '赵明', '中国科学院上海微系统与信息技术研究所'), []],
  ])('%s', (_n, e, codes) => {
    expect(conflictsOf(app, e).map((c) => c.code)).toEqual(codes);
  });

  it('declared conflicts and earlier-round reviewers, each with zh and en reasons', () => {
    const e = expert('e7', '赵明', '某研究所');
    const got = conflictsOf(app, e, { declared: new Set(['e7']), earlierReviewers: new Set(['e7']) });
    expect(got.map((c) => c.code)).toEqual(['declared', 'earlierRound']);
    for (const c of got) expect(c.zh && c.en).toBeTruthy();
  });

  it('lists every excluded expert of the pool with its reasons', () => {
    const pool = [
      expert('e1', '王立群', '复旦大学'),
      expert('e7', '赵明', '某研究所'),
      expert('e6', '孙可', '张江实验室'),
    ];
    expect(exclusionsOf(app, pool).map((x) => [x.expertUserId, x.conflicts[0]!.zh])).toEqual([
      ['e1', '申报单位申请回避：王立群（复旦大学）'],
      ['e6', '专家所在单位张江实验室有项目组成员'],
    ]);
  });

  it('normalises names: full-width letters, spaces, middle dots', () => {
    expect(normaliseName('  ＡＢＣ 大学 ')).toBe('abc大学');
    expect(normaliseName('阿卜杜·热合曼')).toBe('阿卜杜热合曼');
  });
});
