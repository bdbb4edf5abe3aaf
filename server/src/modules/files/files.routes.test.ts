import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../testing/harness.js';
import { createOrg, createUser, loginAs } from '../../testing/factories.js';
import { ALLOW, deny } from '../../platform/permissions.js';
import { PNG_1x1, pdf } from '../../platform/files/fixtures.js';
import { linkFile } from './files.repo.js';
import { registerFileAccessCheck } from './files.policy.js';
import { attachmentDisposition } from './files.service.js';

let env: TestEnv;
let filesDir: string;
const LIMIT = 64 * 1024;

beforeAll(async () => {
  filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'files-http-'));
  env = await createTestEnv({ filesDir, maxUploadBytes: LIMIT });
});
afterAll(async () => {
  await env?.close();
  fs.rmSync(filesDir, { recursive: true, force: true });
});

function multipart(filename: string, content: Buffer, mime = 'application/octet-stream') {
  const boundary = `----to${randomUUID().replace(/-/g, '')}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${mime}\r\n\r\n`,
      'utf8',
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const upload = (cookie: string, filename: string, content: Buffer, mime?: string) => {
  const m = multipart(filename, content, mime);
  return env.app.inject({
    method: 'POST',
    url: '/api/files',
    payload: m.payload,
    headers: { ...m.headers, cookie },
  });
};
const get = (cookie: string, url: string) => env.app.inject({ method: 'GET', url, headers: { cookie } });

function blobCount(): number {
  let n = 0;
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory() && e.name !== 'tmp') walk(path.join(d, e.name));
      else if (e.isFile() && /^[0-9a-f]{64}$/.test(e.name)) n++;
    }
  };
  if (fs.existsSync(filesDir)) walk(filesDir);
  return n;
}

const audits = (action: string, objectId?: string) => {
  let q = env.platform.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', action);
  if (objectId) q = q.where('object_id', '=', objectId);
  return q.orderBy('seq').execute();
};

describe('files over HTTP', () => {
  let orgA: string;
  let ownerCookie: string;
  let ownerId: string;
  let pngId: string;

  beforeAll(async () => {
    orgA = (await createOrg(env)).id;
    const owner = await createUser(env, { roles: ['projectLead'], orgId: orgA });
    ownerId = owner.user.id;
    ownerCookie = await loginAs(env, owner);
  });

  it('refuses an upload without a sign-in', async () => {
    const m = multipart('a.png', PNG_1x1);
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/files',
      payload: m.payload,
      headers: m.headers,
    });
    expect(res.statusCode).toBe(401);
  });

  it('stores an upload, typed by content, and audits it', async () => {
    const res = await upload(ownerCookie, '现场照片.png', PNG_1x1);
    expect(res.statusCode).toBe(201);
    const meta = res.json();
    expect(meta).toMatchObject({
      name: '现场照片.png',
      kind: 'png',
      mime: 'image/png',
      size: PNG_1x1.length,
      ownerUserId: ownerId,
      ownerOrgId: orgA,
    });
    pngId = meta.id;
    const a = await audits('file.upload', pngId);
    expect(a).toHaveLength(1);
    expect(a[0].actor_id).toBe(ownerId);
  });

  it('stores the name without bidi controls (U+202A–U+202E, U+2066–U+2069, U+200E/F), in the answer and the audit', async () => {
    // "报告\u202Egnp.exe" shows as 报告exe.png: the override would hide the real extension
    const bidi = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'];
    const name = `现场${bidi.join('')}照片\u200e\u200f.png`;
    const res = await upload(ownerCookie, name, PNG_1x1);
    expect(res.statusCode).toBe(201);
    expect(res.json().name).toBe('现场照片.png');
    const [a] = await audits('file.upload', res.json().id);
    const after = (typeof a.after === 'string' ? JSON.parse(a.after) : a.after) as { name: string };
    expect(after.name).toBe('现场照片.png');
    const spoof = await upload(ownerCookie, '报告\u202egnp.exe', PNG_1x1);
    expect(spoof.statusCode).toBe(415);
    expect(spoof.json().params).toMatchObject({ declared: 'exe' });
  });

  it('keeps one blob when the same bytes are uploaded twice', async () => {
    const before = blobCount();
    const res = await upload(ownerCookie, 'again.png', PNG_1x1);
    expect(res.statusCode).toBe(201);
    expect(res.json().id).not.toBe(pngId);
    const first = (await get(ownerCookie, `/api/files/${pngId}/meta`)).json();
    expect(res.json().sha256).toBe(first.sha256);
    expect(blobCount()).toBe(before);
  });

  it('refuses a PNG named .pdf, naming the detected type, and keeps nothing', async () => {
    const before = blobCount();
    const rows = await env.platform.ctx.db.selectFrom('files').select('id').execute();
    const bytes = Buffer.concat([PNG_1x1, Buffer.from('different tail')]);
    const res = await upload(ownerCookie, 'report.pdf', bytes, 'application/pdf');
    expect(res.statusCode).toBe(415);
    const p = res.json();
    expect(p.code).toBe('unsupported_file_type');
    expect(p.message).toContain('PNG 图片');
    expect(p.messageEn).toContain('PNG image');
    expect(p.params).toMatchObject({ detected: 'png', declared: 'pdf' });
    expect(blobCount()).toBe(before);
    expect(await env.platform.ctx.db.selectFrom('files').select('id').execute()).toHaveLength(rows.length);
  });

  it('refuses a file over the size limit with 413', async () => {
    const before = blobCount();
    const big = Buffer.concat([pdf(), Buffer.alloc(LIMIT + 10, 0x20)]);
    const res = await upload(ownerCookie, 'big.pdf', big);
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('payload_too_large');
    expect(res.json().message).toMatch(/文件过大/);
    expect(blobCount()).toBe(before);
  });

  it('serves the owner the file as an attachment with nosniff and the detected type', async () => {
    const res = await get(ownerCookie, `/api/files/${pngId}`);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(PNG_1x1)).toBe(true);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toMatch(/^private/);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="____.png"; filename*=UTF-8''${encodeURIComponent('现场照片')}.png`,
    );
    const a = await audits('file.download', pngId);
    expect(a.at(-1)).toMatchObject({ actor_id: ownerId, result: 'ok' });
  });

  it("denies another organisation's user with the reason, and audits the denial", async () => {
    const other = await loginAs(env, ['projectLead']);
    const res = await get(other, `/api/files/${pngId}`);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({
      code: 'forbidden',
      message: '此文件属于其他单位，您无权查看',
      messageEn: 'This file belongs to another organisation',
      params: { reason: 'file_other_org' },
    });
    expect((await get(other, `/api/files/${pngId}/meta`)).statusCode).toBe(403);
    const denied = (await audits('file.download', pngId)).filter((r) => r.result === 'denied');
    expect(denied.length).toBe(2);
  });

  it('lets the same organisation’s admin and programme staff read; a colleague may not', async () => {
    const admin = await loginAs(env, await createUser(env, { roles: ['orgAdmin'], orgId: orgA }));
    expect((await get(admin, `/api/files/${pngId}`)).statusCode).toBe(200);
    const staff = await loginAs(env, ['programmeOfficeStaff']);
    expect((await get(staff, `/api/files/${pngId}`)).statusCode).toBe(200);
    const colleague = await loginAs(env, await createUser(env, { roles: ['projectLead'], orgId: orgA }));
    const res = await get(colleague, `/api/files/${pngId}`);
    expect(res.statusCode).toBe(403);
    expect(res.json().params.reason).toBe('file_not_owner');
  });

  it('asks the linked object’s registered check', async () => {
    const reader = await createUser(env, { roles: ['expert'] });
    registerFileAccessCheck('testReview', async (_ctx, actor, objectId) =>
      actor.userId === reader.user.id && objectId === 'r-1'
        ? ALLOW
        : deny('不是本项目的评审专家', 'Not a reviewer of this project', 'not_reviewer'),
    );
    await linkFile(env.platform.ctx.db, pngId, { objectType: 'testReview', objectId: 'r-1' });
    const cookie = await loginAs(env, reader);
    expect((await get(cookie, `/api/files/${pngId}`)).statusCode).toBe(200);
    const stranger = await loginAs(env, ['expert']);
    const res = await get(stranger, `/api/files/${pngId}`);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ message: '不是本项目的评审专家', params: { reason: 'not_reviewer' } });
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    expect((await get(ownerCookie, `/api/files/${randomUUID()}`)).statusCode).toBe(404);
    expect((await get(ownerCookie, `/api/files/not-a-uuid`)).statusCode).toBe(400);
  });

  it('asks for a file when the form has none', async () => {
    const boundary = `----to${randomUUID().replace(/-/g, '')}`;
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/files',
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nx\r\n--${boundary}--\r\n`,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: ownerCookie },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ field: 'file' });
  });

  it('refuses a JSON body instead of a form for its type (415), naming the file field', async () => {
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/files',
      payload: { x: 1 },
      headers: { cookie: ownerCookie },
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().errors[0]).toMatchObject({ field: 'file', code: 'not_multipart' });
  });
});

describe('attachmentDisposition', () => {
  it('gives an ASCII fallback and the RFC 5987 UTF-8 name', () => {
    expect(attachmentDisposition('a "b".pdf')).toBe(
      `attachment; filename="a _b_.pdf"; filename*=UTF-8''a%20%22b%22.pdf`,
    );
    expect(attachmentDisposition("it's (1).txt")).toBe(
      `attachment; filename="it's (1).txt"; filename*=UTF-8''it%27s%20%281%29.txt`,
    );
  });
});
