import type { FileStorage } from './storage.js';

export interface SweepResult {
  /** Blobs removed: on disk, older than the grace period, referenced by no row. */
  orphanBlobs: number;
  orphanBytes: number;
  /** Temp files (`tmp/*.part`, interrupted sweeps) older than the grace period, removed. */
  tempFiles: number;
  tempBytes: number;
  /** Blobs looked at (all ages). */
  scanned: number;
}

/**
 * Removes what a crash leaves in the file store: a blob is moved into place before its metadata
 * row commits, so a kill -9 (or a database crash failing the insert) in between leaves a blob no
 * row names, and an interrupted put a `tmp/*.part` file. Only files last modified more than
 * `graceMs` ago are taken (a put in flight is younger), and each blob only after `referenced`
 * (the database) says that no row names its hash — asked once per batch and again for each blob
 * just before it goes.
 */
export async function sweepOrphanFiles(
  storage: FileStorage,
  opts: { graceMs: number; now: Date; referenced: (sha256s: string[]) => Promise<Set<string>> },
): Promise<SweepResult> {
  const cutoff = opts.now.getTime() - opts.graceMs;
  const result: SweepResult = { orphanBlobs: 0, orphanBytes: 0, tempFiles: 0, tempBytes: 0, scanned: 0 };
  let batch: { sha256: string; size: number }[] = [];
  const flush = async () => {
    const used = await opts.referenced(batch.map((b) => b.sha256));
    for (const b of batch) {
      if (used.has(b.sha256)) continue;
      const gone = await storage.removeIfStale(
        b.sha256,
        cutoff,
        async () => !(await opts.referenced([b.sha256])).has(b.sha256),
      );
      if (gone) {
        result.orphanBlobs += 1;
        result.orphanBytes += b.size;
      }
    }
    batch = [];
  };
  for await (const blob of storage.listBlobs()) {
    result.scanned += 1;
    if (blob.mtimeMs >= cutoff) continue;
    batch.push(blob);
    if (batch.length >= 500) await flush();
  }
  if (batch.length) await flush();
  const tmp = await storage.sweepTemp(cutoff);
  result.tempFiles = tmp.files;
  result.tempBytes = tmp.bytes;
  return result;
}
