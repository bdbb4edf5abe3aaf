/**
 * Receipt numbers across calls of one year (issue 8 §1) and a failure inside the submit transaction.
 * The commission publishes several calls a year; `application_receipts.number` is unique across all
 * of them, so the number must be unique by construction: one sequence per call year, shared by every
 * call of that year (SQ-<year>-<sequence within the year>).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { createTestEnv, type TestEnv } from '../../testing/harness.js';
import { loginAs } from '../../testing/factories.js';
import type { Call } from '../calls/index.js';
import {
  approve,
  DURING,
  fillApplication,
  httpOf,
  makeApplicant,
  publishGuide,
  type Http,
} from './programme.testkit.js';

let env: TestEnv;
let http: Http;
let staff: string;
let filesDir: string;
let first: { id: string; call: Call };
let second: { id: string; call: Call };

beforeAll(async () => {
  filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'receipts-'));
  env = await createTestEnv({ filesDir });
  env.setNow(DURING);
  http = httpOf(env);
  staff = await loginAs(env, ['commissionStaff']);
  first = await publishGuide(env, staff);
  // a second programme of the same year, published side by side (same window, its own number)
  second = await publishGuide(env, staff, (c) => {
    c.number = '沪科指南〔2023〕35号';
    c.title = '上海市2023年度第二批科技成果转化服务体系建设项目申报指南';
  });
});
afterAll(async () => {
  await env?.close();
  fs.rmSync(filesDir, { recursive: true, force: true });
});

async function approvedApplication(c: { id: string; call: Call }) {
  const a = await makeApplicant(env, 'university');
  const id = await fillApplication(env, c.call, c.id, a, '1');
  await approve(env, id, a);
  return { id, a };
}

describe('receipt numbers across the calls of one year', () => {
  it('gives submissions to two calls of 2023 distinct receipt numbers from one year sequence', async () => {
    const x = await approvedApplication(first);
    const y = await approvedApplication(second);
    const z = await approvedApplication(first);
    const rx = await http(x.a.admin.cookie, 'POST', `/api/applications/${x.id}/submit`);
    const ry = await http(y.a.admin.cookie, 'POST', `/api/applications/${y.id}/submit`);
    const rz = await http(z.a.admin.cookie, 'POST', `/api/applications/${z.id}/submit`);
    expect([rx.statusCode, ry.statusCode, rz.statusCode]).toEqual([201, 201, 201]);
    const numbers = [rx, ry, rz].map((r) => r.json().number as string);
    expect(new Set(numbers).size).toBe(3);
    for (const n of numbers) expect(n).toMatch(/^SQ-2023-\d{6}$/);
    // one sequence for the year: 1, 2, 3 in the order received, whichever call
    expect(numbers).toEqual(['SQ-2023-000001', 'SQ-2023-000002', 'SQ-2023-000003']);
    expect(ry.json().callNumber).toBe('沪科指南〔2023〕35号');
    const stored = await env.platform.ctx.db
      .selectFrom('application_receipts')
      .select(['call_id', 'number'])
      .orderBy('seq')
      .execute();
    expect(stored.map((r) => r.call_id)).toEqual([first.id, second.id, first.id]);
  });

  it('a failure inside the submit transaction leaves the application approved and retryable', async () => {
    const x = await approvedApplication(second);
    // inject a failure at the receipt insert (a fault in the database, not a rule)
    await sql`
      create or replace function test_fail_receipt() returns trigger language plpgsql as $$
      begin raise exception 'injected receipt failure'; end $$`.execute(env.platform.ctx.db);
    await sql`create trigger test_fail_receipt before insert on application_receipts
      for each row execute function test_fail_receipt()`.execute(env.platform.ctx.db);
    const key = { 'idempotency-key': `retry-${x.id}` };
    const failed = await http(x.a.admin.cookie, 'POST', `/api/applications/${x.id}/submit`, undefined, key);
    await sql`drop trigger test_fail_receipt on application_receipts`.execute(env.platform.ctx.db);

    expect(failed.statusCode).toBe(503);
    const p = failed.json();
    expect(String(failed.headers['content-type'])).toMatch(/problem\+json/);
    expect(p.code).toBe('submit_failed');
    expect(p.message).toMatch(/未完成.*待提交.*截止前.*重新提交/);
    expect(p.message).toMatch(/2023-10-30 16:30/);
    expect(p.messageEn).toMatch(/not submitted.*ready to submit.*again before/i);
    expect(JSON.stringify(p)).not.toMatch(/injected receipt failure/);

    // the applicant sees it still ready to submit, with the submit button available
    const detail = (await http(x.a.admin.cookie, 'GET', `/api/applications/${x.id}`)).json();
    expect(detail.status).toBe('approved');
    expect(detail.receipt).toBeNull();
    const cl = (await http(x.a.admin.cookie, 'GET', `/api/applications/${x.id}/checklist`)).json();
    expect(cl.canSubmit).toBe(true);
    const noted = await env.platform.ctx.db
      .selectFrom('audit_log')
      .select(['result', 'detail'])
      .where('object_id', '=', x.id)
      .where('action', '=', 'application.submit.failed')
      .execute();
    expect(noted).toHaveLength(1);
    expect(noted[0].result).toBe('failed');

    // the retry (same Idempotency-Key: a 5xx answer is not kept) succeeds with the next number
    const retry = await http(x.a.admin.cookie, 'POST', `/api/applications/${x.id}/submit`, undefined, key);
    expect(retry.statusCode).toBe(201);
    expect(retry.json().number).toBe('SQ-2023-000004');
    const after = await http(x.a.admin.cookie, 'GET', `/api/applications/${x.id}/receipt`);
    expect(after.json().number).toBe('SQ-2023-000004');
  });
});
