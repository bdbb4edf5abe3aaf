// The package ships no types; a program that reaches this file without the whole tree (e.g. a
// generated module type-checked alone, scripts/new-module.test.ts) needs the declaration named here.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./tar-stream.d.ts" />
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import { safeRelative, walkFiles } from './manifest.js';

/** Packs every file under dir into a tar file (plain ustar, no compression: blobs are usually compressed already). */
export async function packDir(dir: string, tarFile: string): Promise<void> {
  const pack = tar.pack();
  const out = fs.createWriteStream(tarFile);
  const done = pipeline(pack, out);
  for (const rel of await walkFiles(dir)) {
    const full = path.join(dir, rel);
    const { size, mtime } = await fs.promises.stat(full);
    await new Promise<void>((resolve, reject) => {
      const entry = pack.entry({ name: rel, size, mtime, mode: 0o600 }, (err) =>
        err ? reject(err) : resolve(),
      );
      fs.createReadStream(full).on('error', reject).pipe(entry);
    });
  }
  pack.finalize();
  await done;
  const fd = await fs.promises.open(tarFile, 'r+');
  await fd.sync();
  await fd.close();
}

/** Unpacks a tar into dir, refusing entries that would land outside it or are not plain files. */
export async function unpackTar(tarFile: string, dir: string): Promise<void> {
  const extract = tar.extract();
  extract.on('entry', (header, stream, next) => {
    const name = header.name.replace(/^\.\//, '');
    if (header.type === 'directory') {
      stream.resume();
      return next();
    }
    if (header.type !== 'file' || !safeRelative(name)) {
      stream.resume();
      return next(
        new Error(
          `备份中含有不允许的条目 ${header.name} / The backup holds a disallowed entry: ${header.name}`,
        ),
      );
    }
    const target = path.join(dir, name);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    pipeline(stream, fs.createWriteStream(target)).then(() => next(), next);
  });
  await pipeline(fs.createReadStream(tarFile), extract);
}
