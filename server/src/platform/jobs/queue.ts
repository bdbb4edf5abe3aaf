import PgBoss from 'pg-boss';
import { CompiledQuery, type Kysely } from 'kysely';
import type { DB } from '../db-types.js';
import { splitSqlStatements } from './sql-split.js';

/** The schema pg-boss keeps its tables in (queue, job, schedule, version …). */
export const JOBS_SCHEMA = 'pgboss';
/** Failed jobs (after their retries) move to `<name>__dead`: the dead-letter queue. */
export const DEAD_SUFFIX = '__dead';
export const SHANGHAI = 'Asia/Shanghai';

export interface JobOptions {
  retryLimit?: number;
  /** Seconds before a retry; with retryBackoff it doubles each time (with jitter). */
  retryDelay?: number;
  retryBackoff?: boolean;
  /** One queued job per key (a second send with the same key is dropped while one waits). */
  singletonKey?: string;
  startAfter?: Date | string | number;
  expireInSeconds?: number;
}

export interface SendOptions extends JobOptions {
  /**
   * A transaction (or the root handle) to enqueue with: the job is inserted in that transaction and
   * exists only if it commits. On PGlite pass the open transaction, never the root handle, while a
   * transaction is open (one connection: the root handle would wait for it forever).
   */
  db?: Kysely<DB>;
}

export interface JobInfo<T> {
  id: string;
  name: string;
  data: T;
  /** 0 on the first attempt. */
  retryCount: number;
  retryLimit: number;
}

export type JobHandler<T = any> = (job: JobInfo<T>) => Promise<unknown>;

interface Registered {
  handler: JobHandler;
  defaults: JobOptions;
}

/**
 * pg-boss's database adapter over our Kysely instance, so jobs share its connection(s): on PGlite
 * the single serialised connection (a job query waits for an open transaction instead of running
 * inside it), on the server the same pool. Multi-statement scripts (pg-boss wraps schema creation
 * and maintenance in BEGIN … COMMIT under an advisory lock) run on one held connection; PGlite
 * prepares every query, so there they are split into statements first.
 */
export function kyselyBossDb(db: Kysely<DB>, kind: 'pglite' | 'pg'): PgBoss.Db {
  return {
    async executeSql(text: string, values?: unknown[]) {
      const params = values ?? [];
      const parts = params.length ? [text] : splitSqlStatements(text);
      if (parts.length <= 1) {
        const r = await db.executeQuery(CompiledQuery.raw(text, params));
        return { rows: (r.rows ?? []) as any[] };
      }
      return db.connection().execute(async (conn) => {
        try {
          if (kind === 'pg') {
            const r = await conn.executeQuery(CompiledQuery.raw(text, []));
            return { rows: (r.rows ?? []) as any[] };
          }
          let last: any[] = [];
          for (const p of parts)
            last = ((await conn.executeQuery(CompiledQuery.raw(p, []))).rows ?? []) as any[];
          return { rows: last };
        } catch (e) {
          // leave no half-open transaction on the shared connection
          await conn.executeQuery(CompiledQuery.raw('rollback', [])).catch(() => undefined);
          throw e;
        }
      });
    },
  };
}

export interface JobQueueOptions {
  /** Run workers, cron schedules and maintenance (config.jobs). Off: jobs are only stored. */
  run: boolean;
  pollingIntervalSeconds?: number;
  /** Jobs fetched per poll (default 5), worked one after another. */
  batchSize?: number;
  log?: (level: 'info' | 'warn' | 'error', msg: string, err?: unknown) => void;
}

/**
 * Background jobs over pg-boss 10, on PGlite and on the server. Register handlers with `work`
 * and schedules with `schedule` at start-up; `send` enqueues. With `run` off (JOBS=off, tests)
 * nothing is worked, but `send` still stores the job (pg-boss's schema is installed on first
 * use), so nothing is lost: a process with JOBS=on works it later.
 */
export class JobQueue {
  private boss?: PgBoss;
  private mode: 'stopped' | 'store' | 'run' = 'stopped';
  private starting?: Promise<void>;
  private readonly handlers = new Map<string, Registered>();
  private readonly schedules = new Map<string, { cron: string; data: object; tz: string }>();
  private readonly queues = new Set<string>();
  private readonly defined = new Map<string, JobOptions>();
  private readonly workerIds = new Map<string, string>();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly kind: 'pglite' | 'pg',
    private readonly opts: JobQueueOptions,
  ) {}

  /** True when workers and schedules are running. */
  get running(): boolean {
    return this.mode === 'run';
  }

  /** Names of the queues that have a handler. */
  get handledQueues(): string[] {
    return [...this.handlers.keys()].sort();
  }

  scheduled(): Array<{ name: string; cron: string; tz: string }> {
    return [...this.schedules.entries()].map(([name, s]) => ({ name, cron: s.cron, tz: s.tz }));
  }

  /** Installs pg-boss's schema; with `run` (default: the constructor's) also starts workers and cron. */
  async start(run = this.opts.run): Promise<void> {
    if (this.starting) await this.starting;
    if (this.mode === 'run' || (this.mode === 'store' && !run)) return;
    this.starting = this.doStart(run);
    try {
      await this.starting;
    } finally {
      this.starting = undefined;
    }
  }

  private async doStart(run: boolean): Promise<void> {
    if (this.boss) await this.stop();
    const boss = new PgBoss({
      db: kyselyBossDb(this.db, this.kind),
      schema: JOBS_SCHEMA,
      migrate: true,
      supervise: run,
      schedule: run,
      pollingIntervalSeconds: this.opts.pollingIntervalSeconds ?? 2,
      // cron is checked every 30 s by default; a minute is the smallest cron step anyway
    });
    boss.on('error', (e) => this.opts.log?.('error', `job queue: ${(e as Error).message}`, e));
    await boss.start();
    this.boss = boss;
    this.queues.clear();
    this.mode = run ? 'run' : 'store';
    for (const [name, d] of this.defined) await this.ensureQueue(name, d);
    for (const [name, reg] of this.handlers) await this.ensureQueue(name, reg.defaults);
    if (!run) return;
    for (const [name, reg] of this.handlers) await this.attach(name, reg);
    for (const [name, s] of this.schedules) {
      await this.ensureQueue(name, this.defaultsOf(name));
      await boss.schedule(name, s.cron, s.data, { tz: s.tz });
    }
  }

  async stop(): Promise<void> {
    const boss = this.boss;
    this.boss = undefined;
    this.mode = 'stopped';
    this.workerIds.clear();
    if (boss) await boss.stop({ graceful: true, wait: true, close: false, timeout: 10_000 });
  }

  /** Creates the queue and its dead-letter queue (idempotent). */
  async ensureQueue(name: string, defaults: JobOptions = {}): Promise<void> {
    const boss = await this.ready();
    if (this.queues.has(name)) return;
    const dead = name + DEAD_SUFFIX;
    if (!(await boss.getQueue(dead))) await boss.createQueue(dead, { name: dead });
    const q: PgBoss.Queue = {
      name,
      deadLetter: dead,
      retryLimit: defaults.retryLimit ?? 3,
      retryDelay: defaults.retryDelay ?? 30,
      retryBackoff: defaults.retryBackoff ?? true,
      ...(defaults.expireInSeconds ? { expireInSeconds: defaults.expireInSeconds } : {}),
    };
    if (await boss.getQueue(name)) await boss.updateQueue(name, q);
    else await boss.createQueue(name, q);
    this.queues.add(name);
  }

  private defaultsOf(name: string): JobOptions | undefined {
    return this.handlers.get(name)?.defaults ?? this.defined.get(name);
  }

  /** Installs pg-boss's schema if needed (call before using `send({ db: trx })` in a fresh process). */
  async ready(): Promise<PgBoss> {
    if (!this.boss) await this.start(false);
    return this.boss!;
  }

  /** Enqueues a job; returns its id (null when a singleton with the same key is already waiting). */
  async send(name: string, data: object, options: SendOptions = {}): Promise<string | null> {
    if (name.endsWith(DEAD_SUFFIX)) throw new Error(`cannot send to a dead-letter queue: ${name}`);
    const boss = await this.ready();
    const { db, ...rest } = options;
    if (!db) await this.ensureQueue(name, this.defaultsOf(name));
    else if (!this.queues.has(name)) {
      // inside a transaction the root handle must not be used (PGlite: one connection)
      const r = await db.executeQuery(
        CompiledQuery.raw(`select 1 from ${JOBS_SCHEMA}.queue where name = $1`, [name]),
      );
      if (!r.rows.length) {
        throw new Error(
          `job queue ${name} does not exist yet: register it (work/define) before sending in a transaction`,
        );
      }
    }
    const o: PgBoss.SendOptions = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
    if (db) o.db = kyselyBossDb(db, this.kind);
    const id = await boss.send(name, data, o);
    // a worker in this process picks it up now rather than at its next poll (in a transaction the
    // job is visible only after commit; the worker then finds it at its next poll)
    const worker = this.workerIds.get(name);
    if (worker && !db && !o.startAfter) boss.notifyWorker(worker);
    return id;
  }

  /** Declares a queue this process sends to but does not work (created at start). */
  define(name: string, defaults: JobOptions = {}): void {
    this.defined.set(name, defaults);
  }

  /** Registers the handler for a queue; a thrown error fails the attempt (retried, then dead-lettered). */
  async work<T = any>(name: string, handler: JobHandler<T>, defaults: JobOptions = {}): Promise<void> {
    if (this.handlers.has(name)) throw new Error(`job handler for ${name} registered twice`);
    const reg = { handler: handler as JobHandler, defaults };
    this.handlers.set(name, reg);
    if (this.mode === 'run') await this.attach(name, reg);
  }

  /** Runs `name` on a cron schedule (5 fields, minute precision), judged in Asia/Shanghai by default. */
  async schedule(name: string, cron: string, data: object = {}, opts: { tz?: string } = {}): Promise<void> {
    const s = { cron, data, tz: opts.tz ?? SHANGHAI };
    this.schedules.set(name, s);
    if (this.mode === 'run') {
      await this.ensureQueue(name, this.defaultsOf(name));
      await this.boss!.schedule(name, s.cron, s.data, { tz: s.tz });
    }
  }

  private async attach(name: string, reg: Registered): Promise<void> {
    const boss = this.boss!;
    await this.ensureQueue(name, reg.defaults);
    const batchSize = this.opts.batchSize ?? 5;
    const workerId = await boss.work(
      name,
      { includeMetadata: true, batchSize, pollingIntervalSeconds: this.opts.pollingIntervalSeconds ?? 2 },
      async (jobs) => {
        // one by one: a failing job is failed alone (retried, then dead-lettered); pg-boss
        // completes the rest of the batch when this returns
        for (const j of jobs) {
          try {
            await reg.handler({
              id: j.id,
              name: j.name,
              data: j.data,
              retryCount: j.retryCount,
              retryLimit: j.retryLimit,
            });
          } catch (e) {
            const err = e instanceof Error ? e : new Error(String(e));
            this.opts.log?.(
              'warn',
              `job ${name} ${j.id} failed (attempt ${j.retryCount + 1}/${j.retryLimit + 1}): ${err.message}`,
            );
            await boss.fail(name, j.id, { name: err.name, message: err.message, stack: err.stack });
          }
        }
        // there may be more waiting: fetch again at once instead of after the polling interval
        if (jobs.length) boss.notifyWorker(workerId);
      },
    );
    this.workerIds.set(name, workerId);
  }

  /** pg-boss itself, for what this wrapper does not cover. */
  get raw(): PgBoss | undefined {
    return this.boss;
  }
}
