/**
 * Pure rules of the score sheet (评分表): checking a draft or a submission against the call's sheet,
 * the weighted total, and whether a score may still be submitted. No I/O, no clock: the caller passes
 * the server's receive instant.
 */
import { deadlineState, formatShanghai } from '../calls/index.js';
import { fieldError, type FieldError } from '../../platform/errors.js';
import { ALLOW, deny, type Decision } from '../../platform/decision.js';
import type { ScoreEntry, ScoreSheet } from './score-sheet.schema.js';

const field = {
  score: (k: string) => `scores.${k}`,
  comment: (k: string) => `comments.${k}`,
};

/** True when a criterion's score is low enough that the sheet asks for a comment on it. */
export function commentRequired(sheet: ScoreSheet, maxScore: number, score: number): boolean {
  return score * 100 < sheet.commentRequiredBelow * maxScore;
}

/**
 * A draft (草稿) may leave any field empty, but what it holds must fit the sheet: known criteria,
 * scores within 0..maxScore, a recommendation from the sheet's options.
 */
export function validateDraft(sheet: ScoreSheet, entry: ScoreEntry): FieldError[] {
  const errors: FieldError[] = [];
  const keys = new Set(sheet.criteria.map((c) => c.key));
  for (const k of Object.keys(entry.scores))
    if (!keys.has(k))
      errors.push(
        fieldError(
          field.score(k),
          'unknown_criterion',
          `评分表中没有评分项「${k}」`,
          `The score sheet has no criterion "${k}"`,
        ),
      );
  for (const k of Object.keys(entry.comments))
    if (!keys.has(k))
      errors.push(
        fieldError(
          field.comment(k),
          'unknown_criterion',
          `评分表中没有评分项「${k}」`,
          `The score sheet has no criterion "${k}"`,
        ),
      );
  for (const c of sheet.criteria) {
    const s = entry.scores[c.key];
    if (s === undefined || s === null) continue;
    if (!Number.isFinite(s) || s < 0 || s > c.maxScore)
      errors.push(
        fieldError(
          field.score(c.key),
          'score_out_of_range',
          `「${c.label}」的分数应在 0 至 ${c.maxScore} 分之间，填写的是 ${s}`,
          `"${c.labelEn}" must be scored from 0 to ${c.maxScore}; ${s} was entered`,
        ),
      );
  }
  if (entry.recommendation !== null && !sheet.recommendations.some((r) => r.key === entry.recommendation))
    errors.push(
      fieldError(
        'recommendation',
        'unknown_recommendation',
        `推荐意见应为：${sheet.recommendations.map((r) => r.label).join('、')}`,
        `The recommendation must be one of: ${sheet.recommendations.map((r) => r.labelEn).join(', ')}`,
      ),
    );
  return errors;
}

/**
 * A submission (提交) is a draft that is complete: every criterion scored, a comment on each score
 * below the sheet's threshold, a recommendation chosen and, where the sheet says so, the overall
 * opinion written. Every missing field is named.
 */
export function validateSubmission(sheet: ScoreSheet, entry: ScoreEntry): FieldError[] {
  const errors = validateDraft(sheet, entry);
  const bad = new Set(errors.map((e) => e.field));
  for (const c of sheet.criteria) {
    const s = entry.scores[c.key];
    if (s === undefined || s === null) {
      errors.push(
        fieldError(field.score(c.key), 'required', `请为「${c.label}」打分`, `Score "${c.labelEn}"`),
      );
      continue;
    }
    if (bad.has(field.score(c.key))) continue;
    if (commentRequired(sheet, c.maxScore, s) && !(entry.comments[c.key] ?? '').trim())
      errors.push(
        fieldError(
          field.comment(c.key),
          'comment_required',
          `「${c.label}」得分 ${s} 低于满分 ${c.maxScore} 的 ${sheet.commentRequiredBelow}%，须填写理由`,
          `"${c.labelEn}" scored ${s}, below ${sheet.commentRequiredBelow}% of its maximum ${c.maxScore}: give the reason`,
        ),
      );
  }
  if (entry.recommendation === null)
    errors.push(
      fieldError(
        'recommendation',
        'required',
        `请选择推荐意见（${sheet.recommendations.map((r) => r.label).join('、')}）`,
        `Choose a recommendation (${sheet.recommendations.map((r) => r.labelEn).join(', ')})`,
      ),
    );
  if (sheet.overallCommentRequired && !entry.overallComment.trim())
    errors.push(fieldError('overallComment', 'required', '请填写专家综合意见', 'Write the overall opinion'));
  return errors;
}

/**
 * The weighted total on a 0-100 scale: Σ weightᵢ · scoreᵢ / maxᵢ × 100 / Σ weightᵢ, rounded to two
 * decimals (the figure staff see, so equal displayed totals go to the ranking's tie-break). Null when
 * a criterion is not scored yet.
 */
export function weightedTotal(sheet: ScoreSheet, scores: ScoreEntry['scores']): number | null {
  let sum = 0;
  let weights = 0;
  for (const c of sheet.criteria) {
    const s = scores[c.key];
    if (s === undefined || s === null) return null;
    sum += (c.weight * s) / c.maxScore;
    weights += c.weight;
  }
  return Math.round(((sum * 100) / weights) * 100) / 100;
}

/** The recommendation option an entry chose, if any. */
export function chosenRecommendation(sheet: ScoreSheet, entry: Pick<ScoreEntry, 'recommendation'>) {
  return sheet.recommendations.find((r) => r.key === entry.recommendation);
}

export interface RoundWindow {
  /** When experts may start scoring; absent: from the assignment on. */
  opensAt?: string;
  /** The round's deadline (+08:00 instant): a score received at or after it is refused. */
  closesAt: string;
}

const BEFORE_EVERYTHING = '1970-01-01T08:00:00+08:00';

/**
 * Whether a score received at `now` (the server's instant) may be submitted: the same half-open window
 * [opensAt, closesAt) as the application deadline (calls' deadlineState), so a score received at
 * 16:29:59.999 is accepted and one at 16:30:00.000 refused.
 */
export function canSubmit(now: Date, round: RoundWindow): Decision<'deadline_passed' | 'invalid_state'> {
  const state = deadlineState(
    { window: { opensAt: round.opensAt ?? BEFORE_EVERYTHING, closesAt: round.closesAt } },
    now,
  );
  if (state === 'open') return ALLOW;
  if (state === 'closed')
    return deny(
      `评审截止时间 ${formatShanghai(round.closesAt)}（北京时间）已过，不能再提交评分`,
      `The review deadline ${formatShanghai(round.closesAt)} (Beijing time) has passed; scores are no longer accepted`,
      'deadline_passed',
    );
  return deny(
    `评审将于 ${formatShanghai(round.opensAt!)}（北京时间）开始，尚不能提交评分`,
    `The review opens at ${formatShanghai(round.opensAt!)} (Beijing time); scores cannot be submitted yet`,
    'invalid_state',
  );
}
