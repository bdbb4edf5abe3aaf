import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LocalDiskStorage } from './storage.js';

let root: string;
let store: LocalDiskStorage;
beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'files-'));
  store = new LocalDiskStorage(root);
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const read = async (r: Readable) => {
  const chunks: Buffer[] = [];
  for await (const c of r) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
};
const tmpFiles = () => (fs.existsSync(path.join(root, 'tmp')) ? fs.readdirSync(path.join(root, 'tmp')) : []);

describe('LocalDiskStorage', () => {
  it('stores by SHA-256 under ab/cd/<sha256> and streams it back', async () => {
    const data = Buffer.from('科转通 content-addressed');
    const r = await store.put(data);
    expect(r).toEqual({ sha256: sha(data), size: data.length, created: true });
    expect(fs.existsSync(path.join(root, r.sha256.slice(0, 2), r.sha256.slice(2, 4), r.sha256))).toBe(true);
    expect(await read(await store.get(r.sha256))).toEqual(data);
    expect(await store.has(r.sha256)).toBe(true);
  });

  it('keeps one blob for the same bytes uploaded twice', async () => {
    const data = Buffer.from('same bytes twice');
    const a = await store.put(Readable.from([data.subarray(0, 5), data.subarray(5)]));
    const b = await store.put(data);
    expect(a.sha256).toBe(b.sha256);
    expect([a.created, b.created]).toEqual([true, false]);
    const dir = path.dirname(store.pathOf(a.sha256));
    expect(fs.readdirSync(dir).filter((f) => f === a.sha256)).toHaveLength(1);
    expect(tmpFiles()).toEqual([]);
  });

  it('streams a large input without holding it whole, and refuses past the limit leaving nothing', async () => {
    const chunk = Buffer.alloc(64 * 1024, 7);
    let sent = 0;
    const big = new Readable({
      read() {
        sent++;
        this.push(sent <= 32 ? chunk : null); // 2 MiB
      },
    });
    const r = await store.put(big, { maxBytes: 4 * 1024 * 1024 });
    expect(r.size).toBe(2 * 1024 * 1024);
    let n = 0;
    const tooBig = new Readable({
      read() {
        n++;
        this.push(n <= 100 ? chunk : null);
      },
    });
    await expect(store.put(tooBig, { maxBytes: 1024 * 1024 })).rejects.toMatchObject({
      code: 'payload_too_large',
      status: 413,
    });
    expect(n).toBeLessThan(100); // stopped reading early
    expect(tmpFiles()).toEqual([]);
  });

  it('runs the check before committing; a refusal keeps nothing', async () => {
    const data = Buffer.from('refused by check');
    await expect(
      store.put(data, {
        check: async ({ open, sha256 }) => {
          expect(sha256).toBe(sha(data));
          expect(await read(open())).toEqual(data);
          throw new Error('nope');
        },
      }),
    ).rejects.toThrow('nope');
    expect(await store.has(sha(data))).toBe(false);
    expect(tmpFiles()).toEqual([]);
  });

  it('deletes, and answers not_found for a missing or malformed hash', async () => {
    const r = await store.put(Buffer.from('to delete'));
    await store.delete(r.sha256);
    expect(await store.has(r.sha256)).toBe(false);
    await expect(store.get(r.sha256)).rejects.toMatchObject({ code: 'not_found' });
    await expect(store.get('../../etc/passwd')).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('LocalDiskStorage on a full disk (issue 10, faults bench)', () => {
  // a full file store answered 500 "internal" (bench/faults, tmpfs of 20 MB): it must be a clean
  // 507 storage_full in Chinese and English, and keep no half-written temp file
  it('ENOSPC while writing is storage_full (507) and leaves no partial file', async () => {
    // the temp file is created and half written, then the disk is full
    const spy = vi.spyOn(fs, 'createWriteStream').mockImplementation(((p: fs.PathLike) => {
      const fd = fs.openSync(p, 'wx');
      let written = 0;
      return new Writable({
        write(chunk: Buffer, _enc, cb) {
          written += chunk.length;
          if (written > 1024) {
            fs.closeSync(fd);
            return cb(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
          }
          fs.writeSync(fd, chunk);
          cb();
        },
        final(cb) {
          fs.closeSync(fd);
          cb();
        },
      });
    }) as unknown as typeof fs.createWriteStream);
    try {
      const data = Buffer.alloc(256 * 1024, 7);
      const err = (await store
        .put(Readable.from([data.subarray(0, 512), data.subarray(512)]))
        .catch((e: unknown) => e)) as { code?: string; status?: number; zh?: string; en?: string };
      expect(err).toMatchObject({ code: 'storage_full' });
      expect(err.status).toBe(507);
      expect(tmpFiles()).toEqual([]);
      expect(await store.has(sha(data))).toBe(false);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('LocalDiskStorage orphan removal', () => {
  const old = (p: string) => {
    const t = new Date(Date.now() - 7_200_000);
    fs.utimesSync(p, t, t);
  };

  it('removes a stale unreferenced blob, and puts it back when it became referenced while taken out', async () => {
    const gone = await store.put(Buffer.from(`stale ${Math.random()}`));
    old(store.pathOf(gone.sha256));
    const cutoff = Date.now() - 3_600_000;
    expect(await store.removeIfStale(gone.sha256, cutoff, async () => true)).toBe(true);
    expect(await store.has(gone.sha256)).toBe(false);

    const raced = await store.put(Buffer.from(`raced ${Math.random()}`));
    old(store.pathOf(raced.sha256));
    let asked = 0;
    // unreferenced at the first look, referenced by the time it is out of place (a row committed)
    expect(await store.removeIfStale(raced.sha256, cutoff, async () => ++asked === 1)).toBe(false);
    expect(asked).toBe(2);
    expect(await store.has(raced.sha256)).toBe(true);
    expect(tmpFiles().filter((f) => f.endsWith('.sweep'))).toEqual([]);

    const young = await store.put(Buffer.from(`young ${Math.random()}`));
    expect(await store.removeIfStale(young.sha256, cutoff, async () => true)).toBe(false);
    expect(await store.has(young.sha256)).toBe(true);
  });

  it('lists blobs (not temp files) and sweeps only temp files older than the cutoff', async () => {
    const b = await store.put(Buffer.from(`listed ${Math.random()}`));
    const listed: string[] = [];
    for await (const x of store.listBlobs()) listed.push(x.sha256);
    expect(listed).toContain(b.sha256);
    fs.mkdirSync(path.join(root, 'tmp'), { recursive: true });
    const dead = path.join(root, 'tmp', '1-dead.part');
    const live = path.join(root, 'tmp', '2-live.part');
    fs.writeFileSync(dead, 'x');
    fs.writeFileSync(live, 'y');
    old(dead);
    expect(await store.sweepTemp(Date.now() - 3_600_000)).toEqual({ files: 1, bytes: 1 });
    expect(fs.existsSync(dead)).toBe(false);
    expect(fs.existsSync(live)).toBe(true);
    fs.rmSync(live);
  });
});
