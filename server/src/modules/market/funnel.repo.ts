import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db-types.js';
import './market.tables.js';

type Db = Kysely<DB>;

export interface FunnelFilter {
  needId?: string;
  field?: string;
  challengeId?: string;
  orgId?: string;
  from?: string;
  to?: string;
}

/** Counts per need (one row per need that was ever published), aggregated into need-level and solution-level stages. */
export async function funnelCounts(db: Db, f: FunnelFilter) {
  const conds = [sql`n.published_at is not null`];
  if (f.needId) conds.push(sql`n.id = ${f.needId}`);
  if (f.field) conds.push(sql`n.field = ${f.field}`);
  if (f.challengeId) conds.push(sql`n.challenge_id = ${f.challengeId}`);
  if (f.orgId) conds.push(sql`n.org_id = ${f.orgId}`);
  if (f.from) conds.push(sql`n.published_at >= ${f.from}`);
  if (f.to) conds.push(sql`n.published_at < ${f.to}`);
  const where = sql.join(conds, sql` and `);
  const r = await sql<{
    published: string;
    answered: string;
    shortlisted: string;
    introduced: string;
    signed: string;
    s_answered: string;
    s_shortlisted: string;
    s_introduced: string;
    s_signed: string;
    amount: string | null;
  }>`
    with per_need as (
      select n.id,
        count(s.id) filter (where s.status <> 'withdrawn') as answered,
        count(s.shortlisted_at) as shortlisted,
        count(s.introduced_at) as introduced,
        count(s.signed_at) as signed,
        coalesce(sum(s.contract_amount_fen) filter (where s.signed_at is not null), 0) as amount
      from market_needs n left join market_solutions s on s.need_id = n.id
      where ${where}
      group by n.id
    )
    select count(*) as published,
      count(*) filter (where answered > 0) as answered,
      count(*) filter (where shortlisted > 0) as shortlisted,
      count(*) filter (where introduced > 0) as introduced,
      count(*) filter (where signed > 0) as signed,
      coalesce(sum(answered), 0) as s_answered,
      coalesce(sum(shortlisted), 0) as s_shortlisted,
      coalesce(sum(introduced), 0) as s_introduced,
      coalesce(sum(signed), 0) as s_signed,
      coalesce(sum(amount), 0) as amount
    from per_need`.execute(db);
  const x = r.rows[0];
  return {
    needs: {
      published: Number(x.published),
      answered: Number(x.answered),
      shortlisted: Number(x.shortlisted),
      introduced: Number(x.introduced),
      signed: Number(x.signed),
      signedAmountFen: Number(x.amount ?? 0),
    },
    solutions: {
      answered: Number(x.s_answered),
      shortlisted: Number(x.s_shortlisted),
      introduced: Number(x.s_introduced),
      signed: Number(x.s_signed),
    },
  };
}

export async function rejectReasonCounts(db: Db, f: FunnelFilter) {
  let q = db
    .selectFrom('market_solutions as s')
    .innerJoin('market_needs as n', 'n.id', 's.need_id')
    .select(['s.reject_reason', (eb) => eb.fn.countAll().as('n')])
    .where('s.status', '=', 'rejected')
    .groupBy('s.reject_reason');
  if (f.needId) q = q.where('n.id', '=', f.needId);
  if (f.field) q = q.where('n.field', '=', f.field);
  if (f.challengeId) q = q.where('n.challenge_id', '=', f.challengeId);
  if (f.orgId) q = q.where('n.org_id', '=', f.orgId);
  const rows = await q.execute();
  return rows.map((r) => ({ reason: r.reject_reason, count: Number(r.n) }));
}
