/**
 * The grant each awarded application was awarded on this platform (立项: the notice's entry, and the
 * funding plan's first-year amount it was drafted from), for the agreements of Programme III. An
 * application awarded only in an imported record is not in the answer.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db-types.js';
import { awardedEntries } from './notice.repo.js';

export interface AwardedGrant {
  grantFen: number;
  /** the funding plan's 立项当年 amount (null when the notice had no plan) */
  planFirstYearFen: number | null;
  awardedAt: string | null;
  noticeId: string;
}

export async function awardedGrants(
  db: Kysely<DB>,
  applicationIds: readonly string[],
): Promise<Map<string, AwardedGrant>> {
  const rows = await awardedEntries(db, applicationIds);
  return new Map(
    rows.map((r) => [
      r.application_id,
      {
        grantFen: Number(r.proposed_grant_fen),
        planFirstYearFen: r.first_year_fen == null ? null : Number(r.first_year_fen),
        awardedAt: r.awarded_at ? new Date(r.awarded_at).toISOString() : null,
        noticeId: r.notice_id,
      },
    ]),
  );
}
