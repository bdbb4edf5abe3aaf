/**
 * The score sheet (评分表) a new review round starts with: the programme office adjusts it in the
 * round form before creating the round, and the demo's round uses it as it is. Seed 000 §四 names the
 * two rounds (第一轮通讯评审、第二轮见面会评审) but not their criteria; seed 003 §二 B22 ③ says the
 * remote review uses an expert score sheet (专家评分表, template in its 附件1, which the seed does not
 * reproduce). The criteria are therefore illustrative, not quoted: they follow what seed 000 asks of
 * an application (申报主体“具备建设基础”, each direction's 考核指标, §二.8 “项目经费预算编制应当真实、合理”).
 */
import type { ScoreSheet } from './score-sheet.schema.js';

export const DEFAULT_SCORE_SHEET: ScoreSheet = {
  criteria: [
    {
      key: 'basis',
      label: '建设基础与服务能力',
      labelEn: 'Basis and service capacity',
      maxScore: 25,
      weight: 25,
    },
    {
      key: 'plan',
      label: '建设方案与运行机制',
      labelEn: 'Plan and operating model',
      maxScore: 25,
      weight: 25,
    },
    {
      key: 'targets',
      label: '绩效目标与可考核性',
      labelEn: 'Targets and measurability',
      maxScore: 30,
      weight: 30,
    },
    { key: 'budget', label: '经费预算合理性', labelEn: 'Budget', maxScore: 20, weight: 20 },
  ],
  commentRequiredBelow: 60,
  recommendations: [
    { key: 'fund', label: '建议立项', labelEn: 'Fund', endorses: true },
    { key: 'maybe', label: '可立项', labelEn: 'Could be funded', endorses: false },
    { key: 'reject', label: '不建议立项', labelEn: 'Do not fund', endorses: false },
  ],
  overallCommentRequired: true,
};
