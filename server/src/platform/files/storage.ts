import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DomainError } from '../errors.js';

export interface StoredBlob {
  sha256: string;
  size: number;
  /** False when the same bytes were already stored (content-addressed dedup). */
  created: boolean;
}

export interface PutOptions {
  /** Refuse (413 payload_too_large) past this many bytes; nothing is kept. */
  maxBytes?: number;
  /**
   * Runs on the complete, hashed content before it is committed; throwing refuses the upload
   * and nothing is kept. `open` streams the staged bytes (type detection by content).
   */
  check?: (blob: { sha256: string; size: number; open: () => Readable }) => Promise<void>;
}

/** Content-addressed blob storage: a blob's name is the SHA-256 of its bytes. */
export interface FileStorage {
  put(input: Readable | Buffer, opts?: PutOptions): Promise<StoredBlob>;
  /** Streams a blob; DomainError not_found when absent. */
  get(sha256: string): Promise<Readable>;
  has(sha256: string): Promise<boolean>;
  delete(sha256: string): Promise<void>;
  /** Every stored blob with its last-modified time (a re-put of the same bytes touches it). */
  listBlobs(): AsyncIterable<{ sha256: string; size: number; mtimeMs: number }>;
  /**
   * Removes a blob last modified before `cutoffMs` if `unreferenced()` still says so after the blob
   * was taken out of its place: a concurrent put of the same bytes either touched it first (it is
   * put back) or finds it gone and stores its own copy. True when it was removed.
   */
  removeIfStale(sha256: string, cutoffMs: number, unreferenced: () => Promise<boolean>): Promise<boolean>;
  /** Removes temp files (`tmp/*.part`, interrupted sweeps) last modified before `cutoffMs`. */
  sweepTemp(cutoffMs: number): Promise<{ files: number; bytes: number }>;
}

const SHA = /^[0-9a-f]{64}$/;

/**
 * Blobs on local disk under `root/ab/cd/<sha256>`. A put streams into `root/tmp/` while hashing
 * (never buffering the file), fsyncs, then renames into place atomically: a crash leaves at most
 * a stray temp file, never a half-written blob under its hash. The same bytes twice are stored once.
 */
export class LocalDiskStorage implements FileStorage {
  private readonly tmpDir: string;

  constructor(readonly root: string) {
    this.tmpDir = path.join(root, 'tmp');
  }

  pathOf(sha256: string): string {
    if (!SHA.test(sha256)) throw new DomainError('not_found');
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(input: Readable | Buffer, opts: PutOptions = {}): Promise<StoredBlob> {
    await fsp.mkdir(this.tmpDir, { recursive: true });
    const tmp = path.join(this.tmpDir, `${Date.now()}-${randomBytes(8).toString('hex')}.part`);
    const hash = createHash('sha256');
    let size = 0;
    const max = opts.maxBytes ?? Infinity;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        size += chunk.length;
        if (size > max) return cb(new DomainError('payload_too_large', { params: { maxBytes: max } }));
        hash.update(chunk);
        cb(null, chunk);
      },
    });
    try {
      const src = Buffer.isBuffer(input) ? Readable.from([input]) : input;
      await pipeline(src, meter, fs.createWriteStream(tmp, { flags: 'wx', mode: 0o600 }));
      const sha256 = hash.digest('hex');
      if (opts.check) await opts.check({ sha256, size, open: () => fs.createReadStream(tmp) });
      const fh = await fsp.open(tmp, 'r');
      try {
        await fh.sync();
      } finally {
        await fh.close();
      }
      const dest = this.pathOf(sha256);
      // the same bytes already stored: touch the blob, so the orphan sweep (which takes only blobs
      // older than its grace period) leaves it to the row about to be inserted; gone meanwhile
      // (the sweep took it), this put stores its own copy
      if (await touch(dest)) {
        await fsp.rm(tmp, { force: true });
        return { sha256, size, created: false };
      }
      await fsp.mkdir(path.dirname(dest), { recursive: true });
      await fsp.rename(tmp, dest);
      await syncDir(path.dirname(dest));
      return { sha256, size, created: true };
    } catch (e) {
      await fsp.rm(tmp, { force: true });
      throw diskFull(e) ?? e;
    }
  }

  async get(sha256: string): Promise<Readable> {
    const p = this.pathOf(sha256);
    if (!(await exists(p))) throw new DomainError('not_found');
    return fs.createReadStream(p);
  }

  async has(sha256: string): Promise<boolean> {
    return SHA.test(sha256) && exists(this.pathOf(sha256));
  }

  async delete(sha256: string): Promise<void> {
    await fsp.rm(this.pathOf(sha256), { force: true });
  }

  async *listBlobs(): AsyncIterable<{ sha256: string; size: number; mtimeMs: number }> {
    for (const a of await dirNames(this.root)) {
      if (!/^[0-9a-f]{2}$/.test(a)) continue; // tmp/ and anything else that is not a blob folder
      for (const b of await dirNames(path.join(this.root, a))) {
        if (!/^[0-9a-f]{2}$/.test(b)) continue;
        for (const name of await dirNames(path.join(this.root, a, b))) {
          if (!SHA.test(name) || !name.startsWith(a + b)) continue;
          const st = await statOrNull(path.join(this.root, a, b, name));
          if (st?.isFile()) yield { sha256: name, size: st.size, mtimeMs: st.mtimeMs };
        }
      }
    }
  }

  async removeIfStale(
    sha256: string,
    cutoffMs: number,
    unreferenced: () => Promise<boolean>,
  ): Promise<boolean> {
    const dest = this.pathOf(sha256);
    const before = await statOrNull(dest);
    if (!before || before.mtimeMs >= cutoffMs || !(await unreferenced())) return false;
    await fsp.mkdir(this.tmpDir, { recursive: true });
    const held = path.join(this.tmpDir, `${sha256}.${randomBytes(4).toString('hex')}.sweep`);
    try {
      await fsp.rename(dest, held); // atomic: from here a put of these bytes stores its own copy
    } catch (e) {
      if ((e as { code?: string }).code === 'ENOENT') return false;
      throw e;
    }
    const after = await statOrNull(held);
    if ((after && after.mtimeMs >= cutoffMs) || !(await unreferenced())) {
      // touched by a put between the first look and the rename, or referenced meanwhile: put it back
      // (unless a put already stored the same bytes again)
      try {
        await fsp.link(held, dest);
      } catch (e) {
        if ((e as { code?: string }).code !== 'EEXIST') throw e;
      }
      await fsp.rm(held, { force: true });
      return false;
    }
    await fsp.rm(held, { force: true });
    return true;
  }

  async sweepTemp(cutoffMs: number): Promise<{ files: number; bytes: number }> {
    let files = 0;
    let bytes = 0;
    for (const name of await dirNames(this.tmpDir)) {
      if (!/\.(part|sweep)$/.test(name)) continue;
      const p = path.join(this.tmpDir, name);
      const st = await statOrNull(p);
      if (!st?.isFile() || st.mtimeMs >= cutoffMs) continue;
      await fsp.rm(p, { force: true });
      files += 1;
      bytes += st.size;
    }
    return { files, bytes };
  }
}

async function dirNames(dir: string): Promise<string[]> {
  try {
    return await fsp.readdir(dir);
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') return [];
    throw e;
  }
}

async function statOrNull(p: string): Promise<fs.Stats | null> {
  try {
    return await fsp.stat(p);
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') return null;
    throw e;
  }
}

/** Sets a file's times to now; false when it does not exist. */
async function touch(p: string): Promise<boolean> {
  const t = new Date();
  try {
    await fsp.utimes(p, t, t);
    return true;
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') return false;
    throw e;
  }
}

/** ENOSPC / EDQUOT anywhere in a put (write, fsync, mkdir, rename) is 507 storage_full; nothing is kept. */
function diskFull(e: unknown): DomainError | undefined {
  const code = (e as { code?: string } | null)?.code;
  if (code !== 'ENOSPC' && code !== 'EDQUOT') return undefined;
  return new DomainError('storage_full', { params: { reason: code }, cause: e });
}

async function exists(p: string): Promise<boolean> {
  try {
    await fsp.access(p);
    return true;
  } catch {
    return false;
  }
}

async function syncDir(dir: string): Promise<void> {
  try {
    const fh = await fsp.open(dir, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch {
    /* some file systems refuse fsync on a directory; the rename is still atomic */
  }
}
