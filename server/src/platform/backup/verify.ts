import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unpackTar } from './archive.js';
import {
  BACKUP_FORMAT,
  MANIFEST,
  MANIFEST_SUM,
  safeRelative,
  sha256File,
  walkFiles,
  type Manifest,
} from './manifest.js';

export class BackupInvalidError extends Error {
  constructor(
    public readonly problems: string[],
    source: string,
  ) {
    super(
      `备份校验失败，未改动数据库：${source}\nBackup verification failed; the database was not touched: ${source}\n` +
        problems.map((p) => `  - ${p}`).join('\n'),
    );
    this.name = 'BackupInvalidError';
  }
}

export interface OpenedBackup {
  dir: string;
  manifest: Manifest;
  /** Removes the temporary folder a .tar was unpacked into. */
  cleanup(): Promise<void>;
}

/**
 * Opens a backup (a folder or a .tar) and checks it completely: the manifest's own checksum, the
 * size and SHA-256 of every file it lists, that no unlisted file is present, and that every
 * table file has the row count the manifest states. Throws BackupInvalidError listing every problem.
 */
export async function openAndVerifyBackup(
  source: string,
  onProgress?: (done: number, total: number, label: string) => void,
): Promise<OpenedBackup> {
  const src = path.resolve(source);
  const stat = await fs.promises.stat(src).catch(() => null);
  if (!stat) throw new BackupInvalidError([`找不到 ${src} / ${src} does not exist`], src);
  let dir = src;
  let tmp: string | null = null;
  const cleanup = async () => {
    if (tmp) await fs.promises.rm(tmp, { recursive: true, force: true });
  };
  try {
    if (stat.isFile()) {
      tmp = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'transferone-restore-'));
      await unpackTar(src, tmp);
      dir = tmp;
    }
    const problems: string[] = [];
    const manifestPath = path.join(dir, MANIFEST);
    if (!fs.existsSync(manifestPath))
      throw new BackupInvalidError([`缺少 ${MANIFEST} / ${MANIFEST} is missing`], src);
    const sumLine = await fs.promises.readFile(path.join(dir, MANIFEST_SUM), 'utf8').catch(() => '');
    const expectedSum = sumLine.split(/\s+/)[0];
    const actualSum = (await sha256File(manifestPath)).sha256;
    if (expectedSum !== actualSum) {
      throw new BackupInvalidError(
        [
          `${MANIFEST} 的校验和不符 / ${MANIFEST} checksum mismatch (expected ${expectedSum || '—'}, got ${actualSum})`,
        ],
        src,
      );
    }
    let manifest: Manifest;
    try {
      manifest = JSON.parse(await fs.promises.readFile(manifestPath, 'utf8'));
    } catch {
      throw new BackupInvalidError([`${MANIFEST} 不是有效的 JSON / ${MANIFEST} is not valid JSON`], src);
    }
    if (
      manifest.format !== BACKUP_FORMAT ||
      !Array.isArray(manifest.files) ||
      !Array.isArray(manifest.tables)
    ) {
      throw new BackupInvalidError([`不是科转通备份 / Not a TransferOne backup`], src);
    }

    const listed = new Set(manifest.files.map((f) => f.path));
    const present = (await walkFiles(dir)).filter((p) => p !== MANIFEST && p !== MANIFEST_SUM);
    for (const p of present) if (!listed.has(p)) problems.push(`多出未登记的文件 ${p} / unlisted file ${p}`);

    let done = 0;
    for (const f of manifest.files) {
      done++;
      onProgress?.(done, manifest.files.length, f.path);
      if (!safeRelative(f.path)) {
        problems.push(`不允许的路径 ${f.path} / disallowed path ${f.path}`);
        continue;
      }
      const full = path.join(dir, f.path);
      if (!fs.existsSync(full)) {
        problems.push(`缺少文件 ${f.path} / missing file ${f.path}`);
        continue;
      }
      const { sha256, size } = await sha256File(full);
      if (size !== f.size) problems.push(`${f.path}: 大小不符 / size mismatch (${size} ≠ ${f.size})`);
      if (sha256 !== f.sha256) problems.push(`${f.path}: SHA-256 校验和不符 / SHA-256 mismatch`);
    }
    for (const t of manifest.tables) {
      if (!listed.has(t.file)) {
        problems.push(`表 ${t.name} 的文件未登记 / table ${t.name}: its file is not listed`);
        continue;
      }
      if (!fs.existsSync(path.join(dir, t.file))) continue;
      const text = await fs.promises.readFile(path.join(dir, t.file), 'utf8');
      const lines = text === '' ? 0 : text.split('\n').filter((l) => l !== '').length;
      if (lines !== t.rows)
        problems.push(
          `表 ${t.name}: 行数 ${lines} ≠ ${t.rows} / table ${t.name}: ${lines} rows, manifest says ${t.rows}`,
        );
    }
    if (problems.length) throw new BackupInvalidError(problems, src);
    return { dir, manifest, cleanup };
  } catch (e) {
    await cleanup();
    throw e;
  }
}
