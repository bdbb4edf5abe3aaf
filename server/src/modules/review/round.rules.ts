/**
 * Rules of a review round as a whole (issue 12): when staff may open and close it, which applications
 * a round reviews, and the capacity each expert has left. Pure: the caller passes `now` and the facts.
 */
import { ALLOW, deny, type Decision } from '../../platform/decision.js';
import { formatShanghai } from '../../../../shared/time.js';

export interface ApplicationCoverage {
  applicationId: string;
  label: string;
  live: number;
}

/**
 * A round opens only when every application has its experts: an application short of them would be
 * reviewed by fewer people than the call says, so staff add or change experts first.
 */
export function canOpen(
  perApplication: number,
  coverage: readonly ApplicationCoverage[],
): Decision<'invalid_state'> {
  if (coverage.length === 0)
    return deny('本轮没有待评审的项目', 'The round has no applications to review', 'invalid_state');
  const short = coverage.filter((c) => c.live < perApplication);
  if (short.length === 0) return ALLOW;
  const names = short.slice(0, 5).map((s) => `${s.label}（${s.live}/${perApplication}）`);
  const more = short.length > 5 ? ` 等 ${short.length} 项` : '';
  return deny(
    `以下项目的评审专家不足 ${perApplication} 位：${names.join('、')}${more}；请先补充专家`,
    `${short.length} application(s) have fewer than ${perApplication} experts (${short
      .slice(0, 5)
      .map((s) => `${s.label} ${s.live}/${perApplication}`)
      .join('; ')}); add experts first`,
    'invalid_state',
  );
}

/** A round closes at its deadline, or earlier once every live assignment is submitted. */
export function canClose(now: Date, deadlineAt: string, pending: number): Decision<'invalid_state'> {
  if (now.getTime() >= new Date(deadlineAt).getTime() || pending === 0) return ALLOW;
  return deny(
    `还有 ${pending} 份评分未提交，评审截止时间 ${formatShanghai(deadlineAt)}（北京时间）前不能结束评审`,
    `${pending} score sheet(s) are not submitted; the round cannot close before its deadline ${formatShanghai(deadlineAt)} (Beijing time)`,
    'invalid_state',
  );
}

/** What an expert may still take in a round: their maximum load less what they hold in it. */
export function capacityLeft(
  maxLoad: ReadonlyMap<string, number>,
  used: ReadonlyMap<string, number>,
): Map<string, number> {
  return new Map([...maxLoad].map(([id, max]) => [id, Math.max(0, max - (used.get(id) ?? 0))]));
}

/** The round's deadline must lie ahead, and an expert must be free for the days up to it. */
export function roundDays(now: Date, deadlineAt: string): { from: string; to: string } {
  const day = (d: Date | string) => formatShanghai(d, 'YYYY-MM-DD');
  return { from: day(now), to: day(deadlineAt) };
}
