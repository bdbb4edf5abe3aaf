/**
 * The malicious-upload corpus (platform/files/malicious-corpus.ts) through the real HTTP route: every
 * case is refused 4xx with a zh+en reason about what is wrong, and leaves no row and no blob.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../testing/harness.js';
import { loginAs } from '../../testing/factories.js';
import { maliciousCorpus } from '../../platform/files/malicious-corpus.js';

const LIMIT = 1024 * 1024;
let env: TestEnv;
let filesDir: string;
let cookie: string;

beforeAll(async () => {
  filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'files-malicious-'));
  env = await createTestEnv({ filesDir, maxUploadBytes: LIMIT });
  cookie = await loginAs(env, ['projectLead']);
});
afterAll(async () => {
  await env?.close();
  fs.rmSync(filesDir, { recursive: true, force: true });
});

function multipart(filename: string, content: Buffer, mime: string) {
  const boundary = `----to${randomUUID().replace(/-/g, '')}`;
  const name = filename.replace(/"/g, '%22');
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${mime}\r\n\r\n`,
      'utf8',
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

function storedFiles(): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name));
      else out.push(path.join(d, e.name));
    }
  };
  if (fs.existsSync(filesDir)) walk(filesDir);
  return out;
}

const corpus = maliciousCorpus(LIMIT);

describe('malicious uploads', () => {
  it('the corpus holds at least 50 distinct cases', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(50);
    expect(new Set(corpus.map((c) => c.id)).size).toBe(corpus.length);
  });

  it.each(corpus.map((c) => [c.id, c] as const))(
    '%s is refused with a reason, nothing kept',
    async (_id, c) => {
      const rowsBefore = (await env.platform.ctx.db.selectFrom('files').select('id').execute()).length;
      const filesBefore = storedFiles().length;
      const m = multipart(c.name, c.content, c.mime);
      const res = await env.app.inject({
        method: 'POST',
        url: '/api/files',
        payload: m.payload,
        headers: { ...m.headers, cookie },
      });
      expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, res.body).toBeLessThan(500);
      const p = res.json();
      const zh = [p.message, ...(p.errors ?? []).map((e: { message: string }) => e.message)].join(' ');
      const en = [p.messageEn, ...(p.errors ?? []).map((e: { messageEn: string }) => e.messageEn)].join(' ');
      expect(zh).toMatch(/[\u4e00-\u9fff]/);
      expect(en).toMatch(/[a-z]/i);
      expect(`${zh} ${en}`, res.body).toMatch(c.why);
      expect((await env.platform.ctx.db.selectFrom('files').select('id').execute()).length).toBe(rowsBefore);
      expect(storedFiles().length).toBe(filesBefore);
    },
  );
});
