import type { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { appendAudit } from '../../platform/audit.js';
import { DomainError } from '../../platform/errors.js';
import { maskPersonal } from '../../platform/mask.js';
import { DEAD_SUFFIX, type JobQueue } from '../../platform/jobs/queue.js';
import { auditActor, type Caller } from '../../platform/caller.js';
import { jobsInstalled, listDeadJobs, queueCounts, takeDeadJob } from './jobs.repo.js';
import type { DeadJobPage, DeadJobQuery, QueuesView } from './jobs.schema.js';

function errorText(output: unknown): string | null {
  if (!output || typeof output !== 'object') return output == null ? null : String(output);
  const o = output as { message?: unknown; value?: { message?: unknown } };
  const m = o.message ?? o.value?.message;
  return typeof m === 'string' ? m : JSON.stringify(output).slice(0, 500);
}

export async function queuesView(ctx: AppContext): Promise<z.infer<typeof QueuesView>> {
  const installed = await jobsInstalled(ctx.db);
  return { running: !!ctx.jobs?.running, installed, queues: installed ? await queueCounts(ctx.db) : [] };
}

export async function deadJobs(
  ctx: AppContext,
  q: z.infer<typeof DeadJobQuery>,
): Promise<z.infer<typeof DeadJobPage>> {
  if (!(await jobsInstalled(ctx.db))) return { items: [], total: 0 };
  const { rows, total } = await listDeadJobs(ctx.db, q);
  return {
    total,
    items: rows.map((r) => ({
      id: r.id,
      queue: r.name.slice(0, -DEAD_SUFFIX.length),
      data: maskPersonal(r.data),
      error: errorText(r.output),
      attempts: Number(r.retry_limit) + 1,
      failedAt: new Date(r.created_on).toISOString(),
    })),
  };
}

function queueOf(ctx: AppContext): JobQueue {
  if (!ctx.jobs) throw new Error('job queue not configured (ctx.jobs)');
  return ctx.jobs;
}

/** Sends a dead-lettered job back to its queue; the removal, the new job and the audit record commit together. */
export async function retryDeadJob(ctx: AppContext, caller: Caller, id: string) {
  const jobs = queueOf(ctx);
  await jobs.ready();
  return ctx.db.transaction().execute(async (trx) => {
    const dead = await takeDeadJob(trx, id);
    if (!dead)
      throw new DomainError('not_found', {
        zh: '死信任务不存在或已重试',
        en: 'No such dead-letter job (or already retried)',
      });
    const queue = dead.name.slice(0, -DEAD_SUFFIX.length);
    const jobId = await jobs.send(queue, (dead.data ?? {}) as object, { db: trx });
    await appendAudit(trx, {
      actor: auditActor(caller),
      action: 'job.retry',
      objectType: 'job',
      objectId: id,
      detail: { queue, newJobId: jobId, error: errorText(dead.output) },
    });
    return { queue, jobId };
  });
}
