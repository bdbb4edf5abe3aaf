import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db-types.js';
import { DEAD_SUFFIX, JOBS_SCHEMA } from '../../platform/jobs/queue.js';

/*
 * Reads pg-boss's own tables (schema `pgboss`, layout of pg-boss 10), which its API does not list:
 * queue counts and the jobs waiting in dead-letter queues (`<name>__dead`). Nobody works a
 * dead-letter queue, so its jobs stay `created` until an admin retries or they expire.
 */
const S = sql.raw(JOBS_SCHEMA);
const DEAD_LIKE = `%${DEAD_SUFFIX.replace(/_/g, '\\_')}`;

export async function jobsInstalled(db: Kysely<DB>): Promise<boolean> {
  const r = await sql<{ ok: boolean }>`select to_regclass(${`${JOBS_SCHEMA}.job`}) is not null as ok`.execute(
    db,
  );
  return !!r.rows[0]?.ok;
}

export interface QueueCountRow {
  name: string;
  created: number;
  retry: number;
  active: number;
  completed: number;
  failed: number;
  cancelled: number;
}

export async function queueCounts(db: Kysely<DB>): Promise<QueueCountRow[]> {
  const r = await sql<QueueCountRow>`
    select q.name,
           count(j.id) filter (where j.state = 'created')::int as created,
           count(j.id) filter (where j.state = 'retry')::int as retry,
           count(j.id) filter (where j.state = 'active')::int as active,
           count(j.id) filter (where j.state = 'completed')::int as completed,
           count(j.id) filter (where j.state = 'failed')::int as failed,
           count(j.id) filter (where j.state = 'cancelled')::int as cancelled
      from ${S}.queue q
      left join ${S}.job j on j.name = q.name
     group by q.name
     order by q.name`.execute(db);
  return r.rows;
}

export interface DeadJobRow {
  id: string;
  name: string;
  data: unknown;
  output: unknown;
  retry_limit: number;
  created_on: Date;
}

export async function listDeadJobs(
  db: Kysely<DB>,
  opts: { queue?: string; limit: number; offset: number },
): Promise<{ rows: DeadJobRow[]; total: number }> {
  const where = opts.queue ? sql`j.name = ${opts.queue + DEAD_SUFFIX}` : sql`j.name like ${DEAD_LIKE}`;
  const rows = await sql<DeadJobRow>`
    select j.id, j.name, j.data, j.output, j.retry_limit, j.created_on
      from ${S}.job j
     where ${where} and j.state = 'created'
     order by j.created_on desc, j.id
     limit ${opts.limit} offset ${opts.offset}`.execute(db);
  const total = await sql<{ n: number }>`
    select count(*)::int as n from ${S}.job j where ${where} and j.state = 'created'`.execute(db);
  return { rows: rows.rows, total: Number(total.rows[0]?.n ?? 0) };
}

/** Takes a job out of its dead-letter queue (in the caller's transaction). */
export async function takeDeadJob(db: Kysely<DB>, id: string): Promise<DeadJobRow | undefined> {
  const r = await sql<DeadJobRow>`
    delete from ${S}.job j
     where j.id = ${id}::uuid and j.name like ${DEAD_LIKE} and j.state = 'created'
    returning j.id, j.name, j.data, j.output, j.retry_limit, j.created_on`.execute(db);
  return r.rows[0];
}
