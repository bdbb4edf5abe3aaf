/**
 * The search index on disk: DATA_DIR/search/engine.bin (the engine's binary snapshot) and
 * manifest.json (format, dictionary hash, engine size, and a hash of every indexed record), so that a
 * restart can tell whether the snapshot may be used and which records changed meanwhile.
 */
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { canonicalJson, sha256Hex } from '../../platform/canonical.js';
import type { Bm25Engine, SearchDoc } from '../search/index.js';

const MANIFEST_FORMAT = 1;

interface Manifest {
  format: number;
  dictionary: string;
  engineBytes: number;
  docs: Array<[string, string]>;
}

/** Short content hash of an indexable record (what the restart check compares). */
export const docHash = (d: SearchDoc) => sha256Hex(canonicalJson(d)).slice(0, 16);

export class SnapshotStore {
  constructor(readonly dir: string) {}

  get enginePath() {
    return path.join(this.dir, 'engine.bin');
  }
  get manifestPath() {
    return path.join(this.dir, 'manifest.json');
  }

  /**
   * Loads the snapshot into `engine` and returns the record hashes it was written with, or a reason
   * why it cannot be used (`engine` is then in an unknown state and must be discarded).
   */
  async restore(engine: Bm25Engine, dictionary: string): Promise<Map<string, string> | string> {
    try {
      const m = JSON.parse(await readFile(this.manifestPath, 'utf8')) as Manifest;
      if (m.format !== MANIFEST_FORMAT) return 'manifest format changed';
      if (m.dictionary !== dictionary) return 'domain dictionary changed';
      await engine.restore(this.enginePath);
      if (engine.stats().liveDocs !== new Set(m.docs.map(([id]) => id)).size)
        throw new Error('snapshot and manifest disagree');
      return new Map(m.docs);
    } catch (e) {
      return (e as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'no snapshot'
        : `snapshot unusable: ${(e as Error).message}`;
    }
  }

  /** Writes engine.bin then manifest.json (atomic renames); a crash between them is caught by the size check. */
  async save(engine: Bm25Engine, dictionary: string, hashes: Map<string, string>): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await rm(this.manifestPath, { force: true });
    await engine.snapshot(this.enginePath);
    const { size } = await stat(this.enginePath);
    const m: Manifest = {
      format: MANIFEST_FORMAT,
      dictionary,
      engineBytes: size,
      docs: [...hashes.entries()],
    };
    const tmp = `${this.manifestPath}.tmp-${process.pid}`;
    await writeFile(tmp, JSON.stringify(m));
    await rename(tmp, this.manifestPath);
  }
}

/** `dir` when it exists or can be made, else null (the index then lives in memory only). */
export async function writableDir(dir: string): Promise<string | null> {
  try {
    await mkdir(dir, { recursive: true });
    return dir;
  } catch {
    return null;
  }
}
