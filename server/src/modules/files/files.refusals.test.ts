/**
 * Each refused upload names its true reason, in Chinese and English (issue 10 §9): an empty file is
 * empty (not "plain text" that disagrees with .pdf), and a JSON file is a type the platform does not
 * take (not "too large"), whether it comes as a multipart file or as a raw JSON body over the 2 MB
 * request limit. Nothing is kept.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../testing/harness.js';
import { loginAs } from '../../testing/factories.js';

let env: TestEnv;
let filesDir: string;
let cookie: string;

beforeAll(async () => {
  filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'files-refusals-'));
  env = await createTestEnv({ filesDir });
  cookie = await loginAs(env, ['projectLead']);
});
afterAll(async () => {
  await env?.close();
  fs.rmSync(filesDir, { recursive: true, force: true });
});

function multipart(filename: string, content: Buffer, mime: string) {
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
const upload = (filename: string, content: Buffer, mime: string) => {
  const m = multipart(filename, content, mime);
  return env.app.inject({
    method: 'POST',
    url: '/api/files',
    payload: m.payload,
    headers: { ...m.headers, cookie },
  });
};
const fileRows = async () => (await env.platform.ctx.db.selectFrom('files').select('id').execute()).length;

/** A 3 MB JSON document: well under the 50 MB upload limit, over the 2 MB request body limit. */
const json3mb = () =>
  Buffer.from(
    JSON.stringify({ rows: Array.from({ length: 80_000 }, (_, i) => ({ i, t: '科技成果转化数据' })) }),
  );

describe('a refused upload says why', () => {
  it('a 0-byte PDF is refused as an empty file, naming the field, in zh and en', async () => {
    const before = await fileRows();
    const res = await upload('申报书.pdf', Buffer.alloc(0), 'application/pdf');
    expect(res.statusCode).toBe(400);
    const p = res.json();
    expect(p.code).toBe('validation_failed');
    expect(p.errors).toEqual([
      expect.objectContaining({ field: 'file', code: 'empty', message: expect.stringMatching(/文件为空/) }),
    ]);
    expect(p.errors[0].messageEn).toMatch(/empty/i);
    expect(JSON.stringify(p)).not.toMatch(/纯文本|plain text/);
    expect(await fileRows()).toBe(before);
  });

  it('a 3 MB JSON file is refused as a type not allowed, not as too large', async () => {
    const body = json3mb();
    expect(body.length).toBeGreaterThan(3 * 1024 * 1024);
    const before = await fileRows();
    const res = await upload('成果清单.json', body, 'application/json');
    expect(res.statusCode).toBe(415);
    const p = res.json();
    expect(p.code).toBe('unsupported_file_type');
    expect(p.message).toMatch(/不支持.*\.json/);
    expect(p.messageEn).toMatch(/\.json.*not accepted/);
    expect(p.message).not.toMatch(/过大/);
    expect(await fileRows()).toBe(before);
  });

  it('a 3 MB JSON body sent instead of a form is refused as a type not allowed, not as too large', async () => {
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/files',
      payload: json3mb(),
      headers: { 'content-type': 'application/json', cookie },
    });
    expect(res.statusCode).toBe(415);
    const p = res.json();
    expect(p.code).toBe('unsupported_file_type');
    expect(p.message).toMatch(/multipart\/form-data/);
    expect(p.messageEn).toMatch(/multipart\/form-data/);
    expect(p.message).not.toMatch(/过大/);
  });
});
