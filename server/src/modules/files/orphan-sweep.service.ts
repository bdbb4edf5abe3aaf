import type { AppContext } from '../../platform/context.js';
import type { JobQueue } from '../../platform/jobs/queue.js';
import { auditEvent } from '../../platform/audit.js';
import { sweepOrphanFiles, type SweepResult } from '../../platform/files/sweep.js';
import { referencedShas } from './files.repo.js';

export const FILES_SWEEP_JOB = 'files.orphan-sweep';

/**
 * Removes blobs no `files` row names and stale temp files, both older than FILES_SWEEP_GRACE_MINUTES
 * (what a crash between storing a blob and committing its row leaves); audits a summary when
 * anything went.
 */
export async function sweepOrphans(ctx: AppContext): Promise<SweepResult> {
  if (!ctx.files) throw new Error('file storage is not configured (ctx.files)');
  const r = await sweepOrphanFiles(ctx.files, {
    graceMs: ctx.config.filesSweepGraceMs,
    now: ctx.now(),
    referenced: (shas) => referencedShas(ctx.db, shas),
  });
  if (r.orphanBlobs || r.tempFiles)
    await auditEvent(ctx.db, {
      actor: { id: null, label: 'system' },
      action: 'file.orphans.swept',
      objectType: 'file',
      objectId: '*',
      detail: { ...r, graceMinutes: ctx.config.filesSweepGraceMs / 60_000 },
    });
  return r;
}

/** The files module's scheduled work: the hourly orphan sweep (at :41, Asia/Shanghai). */
export async function registerFilesJobs(ctx: AppContext, jobs: JobQueue): Promise<void> {
  await jobs.work(
    FILES_SWEEP_JOB,
    async () => {
      await sweepOrphans(ctx);
    },
    { retryLimit: 2, retryDelay: 60 },
  );
  await jobs.schedule(FILES_SWEEP_JOB, '41 * * * *');
}
