import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../testing/harness.js';
import { loginAs } from '../../testing/factories.js';
import { PNG_1x1 } from '../files/fixtures.js';

/**
 * Issue 10, fix first 6: "CSRF rests on SameSite=Lax alone: state-changing requests accept
 * `text/plain` and multipart from a foreign Origin (submit an application, publish a call, logout,
 * upload). Check Origin/Fetch-Metadata on every state-changing request."
 *
 * A POST, PUT, PATCH or DELETE is refused 403 `cross_site_refused` when `Sec-Fetch-Site` is
 * `cross-site`, or when it carries an `Origin` that is neither PUBLIC_URL's origin nor the request's
 * own host. A request with neither header (the CLI, server to server, `inject`) passes.
 */
let env: TestEnv;
let filesDir: string;
const EVIL = 'https://evil.example';
const PUBLIC_URL = 'https://kzt.example.cn';

beforeAll(async () => {
  filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cross-site-'));
  env = await createTestEnv({ filesDir, baseUrl: PUBLIC_URL });
});
afterAll(async () => {
  await env?.close();
  fs.rmSync(filesDir, { recursive: true, force: true });
});

function multipart(filename: string, content: Buffer) {
  const boundary = '----crosssite0123456789';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: image/png\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
const upload = (cookie: string, headers: Record<string, string>) => {
  const m = multipart('a.png', PNG_1x1);
  return env.app.inject({
    method: 'POST',
    url: '/api/files',
    payload: m.payload,
    headers: { ...m.headers, cookie, ...headers },
  });
};
const me = (cookie: string) => env.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
const fileCount = async () =>
  Number(
    (
      await env.platform.ctx.db
        .selectFrom('files')
        .select((e) => e.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const refusalAudits = async () =>
  env.platform.ctx.db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', 'security.request.refuse')
    .execute();

function expectRefused(res: { statusCode: number; json: () => any }) {
  expect(res.statusCode).toBe(403);
  const p = res.json();
  expect(p.code).toBe('cross_site_refused');
  expect(p.message).toMatch(/跨站/);
  expect(p.messageEn).toMatch(/another site/i);
}

describe('cross-site requests', () => {
  it('refuses a text/plain submit from a foreign Origin before the body is looked at', async () => {
    const cookie = await loginAs(env, ['projectLead']);
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/applications',
      payload: '{"callId":"x"}',
      headers: { cookie, 'content-type': 'text/plain', origin: EVIL },
    });
    expectRefused(res);
  });

  it('refuses a multipart upload from a foreign Origin, stores nothing and audits the refusal', async () => {
    const cookie = await loginAs(env, ['projectLead']);
    const before = await fileCount();
    const auditsBefore = (await refusalAudits()).length;
    expectRefused(await upload(cookie, { origin: EVIL }));
    expect(await fileCount()).toBe(before);
    const audits = await refusalAudits();
    expect(audits.length).toBe(auditsBefore + 1);
    const a = audits.at(-1)!;
    expect(a.result).toBe('denied');
    expect(a.object_id).toBe('POST /api/files');
    const detail = typeof a.detail === 'string' ? JSON.parse(a.detail) : a.detail;
    expect(detail).toMatchObject({ origin: EVIL });
  });

  it('refuses a cross-site logout (Sec-Fetch-Site: cross-site, no Origin) and the session lives on', async () => {
    const cookie = await loginAs(env, ['projectLead']);
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie, 'sec-fetch-site': 'cross-site' },
    });
    expectRefused(res);
    expect((await me(cookie)).statusCode).toBe(200);
  });

  it('refuses Origin: null (a sandboxed or privacy-redirected form)', async () => {
    const cookie = await loginAs(env, ['projectLead']);
    expectRefused(await upload(cookie, { origin: 'null' }));
  });

  it('passes a same-origin upload: Origin equal to PUBLIC_URL, Sec-Fetch-Site same-origin', async () => {
    const cookie = await loginAs(env, ['projectLead']);
    const res = await upload(cookie, { origin: PUBLIC_URL, 'sec-fetch-site': 'same-origin' });
    expect(res.statusCode).toBe(201);
  });

  it('passes an Origin equal to the request’s own host (PUBLIC_URL unset, or a second address)', async () => {
    const cookie = await loginAs(env, ['projectLead']);
    const res = await upload(cookie, { origin: 'http://127.0.0.1:4321', host: '127.0.0.1:4321' });
    expect(res.statusCode).toBe(201);
    const std = await upload(cookie, { origin: 'http://localhost', host: 'localhost:80' });
    expect(std.statusCode).toBe(201);
  });

  it('passes a request with neither Origin nor Sec-Fetch-Site (CLI, server to server)', async () => {
    const cookie = await loginAs(env, ['projectLead']);
    expect((await upload(cookie, {})).statusCode).toBe(201);
    const out = await env.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect(out.statusCode).toBe(204);
  });

  it('leaves safe methods alone: a cross-site GET is answered', async () => {
    const cookie = await loginAs(env, ['projectLead']);
    const res = await env.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie, origin: EVIL, 'sec-fetch-site': 'cross-site' },
    });
    expect(res.statusCode).toBe(200);
  });
});
