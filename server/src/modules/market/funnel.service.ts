import type { AppContext } from '../../platform/context.js';
import type { Caller } from '../../platform/caller.js';
import { DomainError } from '../../platform/errors.js';
import { canReadFullNeed } from './need.dto.js';
import { findNeed } from './need.repo.js';
import { MATCH_RATE_DEFINITION, conversions, matchRate } from './funnel.rules.js';
import { funnelCounts, rejectReasonCounts, type FunnelFilter } from './funnel.repo.js';
import { REJECT_REASONS, type RejectReason } from './solution.rules.js';

/** Dates are Shanghai calendar days: the window starts at 00:00 +08:00. */
const shanghaiMidnight = (d?: string) => (d ? new Date(`${d}T00:00:00+08:00`).toISOString() : undefined);

export async function funnel(ctx: AppContext, f: FunnelFilter) {
  const filter = { ...f, from: shanghaiMidnight(f.from), to: shanghaiMidnight(f.to) };
  const c = await funnelCounts(ctx.db, filter);
  const reasons = await rejectReasonCounts(ctx.db, filter);
  return {
    scope: {
      needId: f.needId ?? null,
      field: f.field ?? null,
      challengeId: f.challengeId ?? null,
      from: f.from ?? null,
      to: f.to ?? null,
    },
    needs: c.needs,
    solutions: c.solutions,
    conversions: conversions(c.needs),
    matchRate: {
      ...matchRate(c.needs),
      definition: { zh: MATCH_RATE_DEFINITION.zh, en: MATCH_RATE_DEFINITION.en },
      benchmark: MATCH_RATE_DEFINITION.benchmark,
    },
    rejectReasons: reasons.map((r) => ({
      reason: r.reason,
      label: r.reason ? REJECT_REASONS[r.reason as RejectReason] : null,
      count: r.count,
    })),
  };
}

export async function needFunnel(ctx: AppContext, caller: Caller, needId: string) {
  const { actor } = caller;
  const n = await findNeed(ctx.db, needId);
  if (!n || !canReadFullNeed(actor, n)) throw new DomainError('not_found');
  return funnel(ctx, { needId });
}
