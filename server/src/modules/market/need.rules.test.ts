import { describe, expect, it } from 'vitest';
import { assessNeed, findVagueWords, REFINE_THRESHOLD } from './need.rules.js';

const good = {
  problem:
    '我司12英寸晶圆产线的光刻胶残留检测依赖人工目检，每片耗时约6分钟，漏检率约3%。希望引入基于机器视觉的自动检测设备，能接入现有MES系统，在洁净室环境下连续运行。',
  indicators: ['检出率≥99.5%', '单片检测时间≤30秒'],
  budgetMinFen: 200_000_000,
  budgetMaxFen: 500_000_000,
  deadline: '2026-06-30',
  keywords: ['机器视觉', '缺陷检测'],
};

describe('need quality check', () => {
  it('a complete, quantified need scores 100 and is not flagged', () => {
    expect(assessNeed(good)).toEqual({ score: 100, issues: [], needsRefinement: false });
  });

  it('names each missing or vague part and flags the need', () => {
    const q = assessNeed({
      problem: '需要相关技术解决若干问题等',
      indicators: ['效果较好'],
      keywords: [],
      deadline: null,
    });
    const codes = q.issues.map((i) => i.code);
    expect(codes).toEqual([
      'problemTooShort',
      'noQuantifiedIndicator',
      'budgetMissing',
      'deadlineMissing',
      'keywordsMissing',
      'vagueWords',
    ]);
    expect(q.issues.find((i) => i.code === 'vagueWords')!.words).toEqual(
      expect.arrayContaining(['相关', '若干', '等', '较好']),
    );
    expect(q.score).toBe(100 - 25 - 20 - 15 - 10 - 10 - 15);
    expect(q.needsRefinement).toBe(true);
    expect(q.score).toBeLessThan(REFINE_THRESHOLD);
  });

  it('no indicator at all costs more than an unquantified one', () => {
    const none = assessNeed({ ...good, indicators: [] });
    const vague = assessNeed({ ...good, indicators: ['尽可能提高精度'] });
    expect(none.issues.map((i) => i.code)).toEqual(['noIndicator']);
    expect(none.score).toBe(75);
    expect(vague.issues.map((i) => i.code)).toEqual(['noQuantifiedIndicator']);
    expect(vague.score).toBe(80);
  });

  it('等 as “etc.” is vague, 等级 and 同等 are not', () => {
    expect(findVagueWords('提高产品等级')).toEqual([]);
    expect(findVagueWords('同等条件下')).toEqual([]);
    expect(findVagueWords('涂层、电镀等。')).toEqual(['等']);
  });
});
