/**
 * The score sheet a new round starts with (the demo's 专家评分表, server/src/modules/review/review.demo.ts):
 * staff adjust it in the form before creating the round.
 */
import type { ScoreSheet } from '../../api/review.js';

export const DEFAULT_SHEET: ScoreSheet = {
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
