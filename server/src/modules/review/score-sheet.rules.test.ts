/**
 * Decision table of the score sheet (评分表). Seed 003 §二 B22 ③: "对申报的项目进行形式审查和通讯评审，
 * 有专家评分表，模板详见附件1" — the seed does not reproduce 附件1, so the sheet below is an example
 * (four criteria, 建议立项 / 可立项 / 不建议立项), not the commission's template.
 */
import { describe, expect, it } from 'vitest';
import { ScoreSheetSchema, sheetFor, type ScoreEntry, type ScoreSheet } from './score-sheet.schema.js';
import {
  canSubmit,
  commentRequired,
  validateDraft,
  validateSubmission,
  weightedTotal,
} from './score-sheet.rules.js';

const SHEET: ScoreSheet = ScoreSheetSchema.parse({
  criteria: [
    { key: 'basis', label: '建设基础', labelEn: 'Existing capacity', maxScore: 30, weight: 30 },
    { key: 'plan', label: '实施方案', labelEn: 'Implementation plan', maxScore: 30, weight: 30 },
    { key: 'kpis', label: '考核指标', labelEn: 'KPIs', maxScore: 20, weight: 20 },
    { key: 'budget', label: '经费预算', labelEn: 'Budget', maxScore: 10, weight: 20 },
  ],
  commentRequiredBelow: 60,
  recommendations: [
    { key: 'fund', label: '建议立项', labelEn: 'Fund', endorses: true },
    { key: 'fundable', label: '可立项', labelEn: 'Fundable', endorses: false },
    { key: 'reject', label: '不建议立项', labelEn: 'Do not fund', endorses: false },
  ],
  overallCommentRequired: true,
});

const full = (over: Partial<ScoreEntry> = {}): ScoreEntry => ({
  scores: { basis: 27, plan: 24, kpis: 16, budget: 8 },
  comments: {},
  recommendation: 'fund',
  overallComment: '方案可行',
  ...over,
});

describe('score sheet shape', () => {
  it('refuses duplicate criterion keys, naming the field', () => {
    const r = ScoreSheetSchema.safeParse({ ...SHEET, criteria: [SHEET.criteria[0], SHEET.criteria[0]] });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.'))).toContain('criteria.1.key');
  });
  it("a direction without its own sheet takes the '*' sheet", () => {
    const other = { ...SHEET, commentRequiredBelow: 0 };
    expect(sheetFor({ '*': SHEET, '4': other }, '4')).toBe(other);
    expect(sheetFor({ '*': SHEET, '4': other }, '1')).toBe(SHEET);
    expect(sheetFor({ '4': other }, '1')).toBeUndefined();
  });
});

describe('draft and submission', () => {
  const rows: [string, ScoreEntry, string[], string[]][] = [
    // name, entry, draft error fields, submission error fields
    ['complete entry', full(), [], []],
    [
      'empty draft: fine as a draft, every field named on submit',
      { scores: {}, comments: {}, recommendation: null, overallComment: '' },
      [],
      ['scores.basis', 'scores.plan', 'scores.kpis', 'scores.budget', 'recommendation', 'overallComment'],
    ],
    [
      'score above the maximum',
      full({ scores: { basis: 31, plan: 24, kpis: 16, budget: 8 } }),
      ['scores.basis'],
      ['scores.basis'],
    ],
    [
      'negative score',
      full({ scores: { basis: 27, plan: -1, kpis: 16, budget: 8 } }),
      ['scores.plan'],
      ['scores.plan'],
    ],
    [
      'unknown criterion',
      full({ scores: { basis: 27, plan: 24, kpis: 16, budget: 8, x: 1 } }),
      ['scores.x'],
      ['scores.x'],
    ],
    ['unknown recommendation', full({ recommendation: 'maybe' }), ['recommendation'], ['recommendation']],
    // 60 % of 30 is 18: 17 needs a comment, 18 does not
    [
      '17/30 without comment',
      full({ scores: { basis: 17, plan: 24, kpis: 16, budget: 8 } }),
      [],
      ['comments.basis'],
    ],
    [
      '17/30 with comment',
      full({ scores: { basis: 17, plan: 24, kpis: 16, budget: 8 }, comments: { basis: '基础薄弱' } }),
      [],
      [],
    ],
    [
      '18/30 (exactly 60 %) needs none',
      full({ scores: { basis: 18, plan: 24, kpis: 16, budget: 8 } }),
      [],
      [],
    ],
    [
      'blank comment counts as none',
      full({ scores: { basis: 27, plan: 24, kpis: 16, budget: 5 }, comments: { budget: '  ' } }),
      [],
      ['comments.budget'],
    ],
  ];
  it.each(rows)('%s', (_name, entry, draftFields, submitFields) => {
    expect(validateDraft(SHEET, entry).map((e) => e.field)).toEqual(draftFields);
    expect(validateSubmission(SHEET, entry).map((e) => e.field)).toEqual(submitFields);
  });
  it('says each error in Chinese and English with the figures', () => {
    const [e] = validateSubmission(SHEET, full({ scores: { basis: 17, plan: 24, kpis: 16, budget: 8 } }));
    expect(e).toMatchObject({ code: 'comment_required' });
    expect(e.message).toBe('「建设基础」得分 17 低于满分 30 的 60%，须填写理由');
    expect(e.messageEn).toBe('"Existing capacity" scored 17, below 60% of its maximum 30: give the reason');
  });
  it('a threshold of 0 never asks for a comment', () => {
    expect(commentRequired({ ...SHEET, commentRequiredBelow: 0 }, 30, 0)).toBe(false);
  });
});

describe('weighted total (0-100)', () => {
  it.each([
    // (27/30·30 + 24/30·30 + 16/20·20 + 8/10·20) / 100 × 100 = 27 + 24 + 16 + 16 = 83
    [{ basis: 27, plan: 24, kpis: 16, budget: 8 }, 83],
    [{ basis: 30, plan: 30, kpis: 20, budget: 10 }, 100],
    [{ basis: 0, plan: 0, kpis: 0, budget: 0 }, 0],
    // 20/30·30 = 20, 10/30·30 = 10, 7/20·20 = 7, 3/10·20 = 6 → 43
    [{ basis: 20, plan: 10, kpis: 7, budget: 3 }, 43],
    [{ basis: 27, plan: 24, kpis: 16, budget: null }, null],
  ])('%o → %s', (scores, total) => expect(weightedTotal(SHEET, scores)).toBe(total));
  it('normalises weights that do not add up to 100 and rounds to two decimals', () => {
    const s = { ...SHEET, criteria: [SHEET.criteria[0], { ...SHEET.criteria[1], weight: 60 }] };
    // (1·30 + 2/3·60) / 90 × 100 = 77.777… → 77.78
    expect(weightedTotal(s, { basis: 30, plan: 20 })).toBe(77.78);
  });
});

describe('canSubmit: the round deadline judged like the application deadline', () => {
  // Seed 000 §三.2 "截止时间…为2023年10月30日16:30": the same half-open window, here as a round deadline.
  const round = { opensAt: '2023-11-06T09:00:00+08:00', closesAt: '2023-11-17T16:30:00+08:00' };
  it.each([
    ['before the round opens', '2023-11-06T08:59:59.999+08:00', false, 'invalid_state'],
    ['at the opening', '2023-11-06T09:00:00+08:00', true, undefined],
    ['one millisecond before the deadline', '2023-11-17T16:29:59.999+08:00', true, undefined],
    ['exactly at the deadline', '2023-11-17T16:30:00+08:00', false, 'deadline_passed'],
    ['after the deadline', '2023-11-18T10:00:00+08:00', false, 'deadline_passed'],
  ])('%s', (_n, at, allowed, code) => {
    const d = canSubmit(new Date(at), round);
    expect(d.allowed).toBe(allowed);
    if (!d.allowed) expect(d.code).toBe(code);
  });
  it('names the deadline in Beijing time', () => {
    const d = canSubmit(new Date('2023-11-17T08:30:00Z'), round);
    expect(d).toMatchObject({ zh: '评审截止时间 2023-11-17 16:30:00（北京时间）已过，不能再提交评分' });
  });
  it('without opensAt, only the deadline counts', () => {
    expect(canSubmit(new Date('2020-01-01T00:00:00Z'), { closesAt: round.closesAt }).allowed).toBe(true);
  });
});
