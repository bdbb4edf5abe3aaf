import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../testing/harness.js';
import { createOrg, createUser, loginAs } from '../../testing/factories.js';
import { pdf } from '../../platform/files/fixtures.js';
import { sweepOrphans } from './orphan-sweep.service.js';

let env: TestEnv;
let filesDir: string;
const HOUR = 3_600_000;

beforeAll(async () => {
  filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'files-sweep-'));
  env = await createTestEnv({ filesDir });
}, 180_000); // a loaded 2-core machine
afterAll(async () => {
  await env?.close();
  fs.rmSync(filesDir, { recursive: true, force: true });
});

/** Sets a file's modification time `ms` into the past. */
/** The whole upload over HTTP: the blob, then its row and audit record. */
async function upload(bytes: Buffer, filename: string): Promise<{ id: string; sha256: string }> {
  const org = await createOrg(env, { type: 'enterprise' });
  const user = await createUser(env, { roles: ['orgAdmin'], orgId: org.id });
  const cookie = await loginAs(env, user);
  const boundary = `----sweep${randomUUID().replace(/-/g, '')}`;
  const r = await env.app.inject({
    method: 'POST',
    url: '/api/files',
    headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  });
  expect(r.statusCode).toBe(201);
  return r.json();
}

const age = (p: string, ms: number) => {
  const t = new Date(Date.now() - ms);
  fs.utimesSync(p, t, t);
};

describe('orphan file sweep', () => {
  it('after a crash between storing the blob and inserting its row, removes the orphan past the grace period and keeps referenced and young files', async () => {
    const store = env.platform.ctx.files!;
    const disk = store as unknown as { pathOf(sha: string): string; root: string };
    // a referenced file: the whole upload (blob, then row and audit record), aged past the grace
    const kept = await upload(pdf(`kept ${randomUUID()}`), 'kept.pdf');
    age(disk.pathOf(kept.sha256), 2 * HOUR);

    // the crash: the upload's first step (the blob moved into place) without its second (the row)
    const orphan = await store.put(pdf(`orphan ${randomUUID()}`));
    age(disk.pathOf(orphan.sha256), 2 * HOUR);
    // the same crash a moment ago: within the grace period (an upload could still be inserting it)
    const young = await store.put(pdf(`young ${randomUUID()}`));
    // stray temp files of interrupted puts, old and young
    fs.mkdirSync(path.join(disk.root, 'tmp'), { recursive: true });
    const oldPart = path.join(disk.root, 'tmp', `${Date.now() - 2 * HOUR}-dead.part`);
    const youngPart = path.join(disk.root, 'tmp', `${Date.now()}-live.part`);
    fs.writeFileSync(oldPart, 'half an upload');
    fs.writeFileSync(youngPart, 'an upload in flight');
    age(oldPart, 2 * HOUR);

    const r = await sweepOrphans(env.platform.ctx);

    expect(fs.existsSync(disk.pathOf(orphan.sha256))).toBe(false);
    expect(fs.existsSync(disk.pathOf(kept.sha256))).toBe(true);
    expect(fs.existsSync(disk.pathOf(young.sha256))).toBe(true);
    expect(fs.existsSync(oldPart)).toBe(false);
    expect(fs.existsSync(youngPart)).toBe(true);
    expect(r).toMatchObject({ orphanBlobs: 1, orphanBytes: orphan.size, tempFiles: 1 });
    const audit = await env.platform.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'file.orphans.swept')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].actor_label).toBe('system');
    expect(JSON.stringify(audit[0].detail)).toContain('"orphanBlobs":1');

    // the kept file still downloads; a second sweep finds nothing and audits nothing
    expect(await store.has(kept.sha256)).toBe(true);
    const again = await sweepOrphans(env.platform.ctx);
    expect(again).toMatchObject({ orphanBlobs: 0, tempFiles: 0 });
    expect(
      await env.platform.ctx.db
        .selectFrom('audit_log')
        .select('seq')
        .where('action', '=', 'file.orphans.swept')
        .execute(),
    ).toHaveLength(1);
  });

  it('keeps an old unreferenced blob while an upload of the same bytes is between its put and its row: the put touches it', async () => {
    const store = env.platform.ctx.files!;
    const disk = store as unknown as { pathOf(sha: string): string };
    const bytes = pdf(`dedup ${randomUUID()}`);
    const left = await store.put(bytes); // a crash left it, long ago
    age(disk.pathOf(left.sha256), 2 * HOUR);
    const again = await store.put(bytes); // a new upload's first step; its row is not inserted yet
    expect(again).toMatchObject({ sha256: left.sha256, created: false });
    await sweepOrphans(env.platform.ctx);
    expect(fs.existsSync(disk.pathOf(left.sha256))).toBe(true);
    // once its row is there the blob stays whatever its age
    const up = await upload(bytes, 'again.pdf');
    expect(up.sha256).toBe(left.sha256);
    age(disk.pathOf(left.sha256), 2 * HOUR);
    await sweepOrphans(env.platform.ctx);
    expect(fs.existsSync(disk.pathOf(left.sha256))).toBe(true);
  });
});
