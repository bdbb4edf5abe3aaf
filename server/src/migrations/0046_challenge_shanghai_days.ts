import { sql, type Kysely } from 'kysely';

/**
 * Challenge windows picked as calendar days were stored as the UTC end of day before 0d9dd82 (the web
 * sent `endOf('day').toISOString()` from a browser on UTC): "until 2027-01-31" became
 * 2027-01-31T23:59:59.999Z, which is 2027-02-01 07:59 in Shanghai, so the challenge showed and stayed
 * open one day too long (issue 11). Such a row is moved to the end of the same day in Asia/Shanghai
 * (2027-01-31T23:59:59.999+08:00, 8 hours earlier), and its start, when it is the UTC start of a day,
 * to 00:00 Beijing time of that day. A close at any other time of day was typed as an instant and
 * is left as it is. Every moved row gets a version and updated_at.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    update market_challenges set
      opens_at = case
        when (opens_at at time zone 'UTC')::time = time '00:00:00' then opens_at - interval '8 hours'
        else opens_at end,
      closes_at = closes_at - interval '8 hours',
      version = version + 1,
      updated_at = now()
    where (closes_at at time zone 'UTC')::time >= time '23:59:59'
      and opens_at < closes_at - interval '8 hours'`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('irreversible');
}
