import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
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
let call: Call;
let callId: string;
let filesDir: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'screening-'));
  env = await createTestEnv({ filesDir });
  env.setNow(DURING);
  http = httpOf(env);
  staff = await loginAs(env, ['programmeOfficeStaff']);
  ({ id: callId, call } = await publishGuide(env, staff));
  for (const [key, type, dir] of [
    ['uni', 'university', '1'],
    ['ent', 'enterprise', '2'],
    ['inst', 'transferInstitution', '4'],
  ] as const) {
    const a = await makeApplicant(env, type);
    ids[key] = await fillApplication(env, call, callId, a, dir);
    await approve(env, ids[key], a);
    const r = await http(a.admin.cookie, 'POST', `/api/applications/${ids[key]}/submit`);
    if (r.statusCode !== 201) throw new Error(r.body);
  }
  // after submission the enterprise's lead becomes a lead of two awarded projects elsewhere:
  // a staff re-run finds the "lead ongoing projects" rule failing
  const ent = await env.platform.ctx.db
    .selectFrom('applications')
    .selectAll()
    .where('id', '=', ids.ent)
    .executeTakeFirstOrThrow();
  const { createOrg } = await import('../../testing/factories.js');
  const earlier = await http(staff, 'POST', '/api/calls', {
    content: { year: 2021, number: '沪科指南〔2021〕测试', title: '往年指南' },
  });
  for (const year of [2021, 2022]) {
    const org = await createOrg(env, { type: 'enterprise' });
    await env.platform.ctx.db
      .insertInto('applications')
      .values({
        id: `old-${year}`,
        call_id: earlier.json().id,
        call_year: year,
        direction_code: '2',
        org_id: org.id,
        lead_user_id: ent.lead_user_id,
        created_by: ent.created_by,
        status: 'awarded',
        content: '{}',
        created_at: DURING,
        updated_at: DURING,
        returned_by_stage: null,
        return_reason: null,
        submitted_at: DURING,
      })
      .execute();
  }
});
afterAll(async () => {
  await env?.close();
  fs.rmSync(filesDir, { recursive: true, force: true });
});

describe('screening', () => {
  it('lists submission snapshots, runs over all applications with progress, filters', async () => {
    const before = (await http(staff, 'GET', `/api/calls/${callId}/screening`)).json();
    expect(before.summary).toMatchObject({ total: 3, pass: 3, fail: 0 });
    expect(before.items.every((i: { screenedBy: string }) => i.screenedBy === 'submission')).toBe(true);
    expect(before.items[0].leadPhone).toBe('139****5678');
    const run = await http(staff, 'POST', `/api/calls/${callId}/screening/run`);
    expect(run.statusCode).toBe(200);
    expect(run.json()).toMatchObject({
      status: 'done',
      total: 3,
      done: 3,
      summary: { pass: 2, fail: 1, incomplete: 0 },
    });
    const progress = await http(staff, 'GET', `/api/calls/${callId}/screening/runs/${run.json().id}`);
    expect(progress.json().status).toBe('done');
    const failed = (await http(staff, 'GET', `/api/calls/${callId}/screening?result=fail`)).json();
    expect(failed.items.map((i: { applicationId: string }) => i.applicationId)).toEqual([ids.ent]);
    const f = failed.items[0].findings.find(
      (x: { ruleId: string }) => x.ruleId === 'common.leadOngoingProjects',
    );
    expect(f.passed).toBe(false);
    expect(f.reason.zh).toMatch(/2项/);
    expect(
      (await http(staff, 'GET', `/api/calls/${callId}/screening?direction=4`)).json().items,
    ).toHaveLength(1);
    expect(
      (await http(staff, 'GET', `/api/calls/${callId}/screening?orgType=university`))
        .json()
        .items.map((i: { applicationId: string }) => i.applicationId),
    ).toEqual([ids.uni]);
  });

  it('overrides a finding with a written reason (audited) and exports the list to Excel', async () => {
    const noReason = await http(staff, 'POST', `/api/applications/${ids.ent}/screening/decisions`, {
      ruleId: 'common.leadOngoingProjects',
      action: 'override',
      verdict: 'pass',
    });
    expect(noReason.statusCode).toBe(400);
    const unknown = await http(staff, 'POST', `/api/applications/${ids.ent}/screening/decisions`, {
      ruleId: 'nope',
      action: 'confirm',
      reason: '核对',
    });
    expect(unknown.statusCode).toBe(400);
    const ov = await http(staff, 'POST', `/api/applications/${ids.ent}/screening/decisions`, {
      ruleId: 'common.leadOngoingProjects',
      action: 'override',
      verdict: 'pass',
      reason: '其中一项已于本月结题验收，经核实不计入在研项目',
    });
    expect(ov.statusCode).toBe(200);
    expect(ov.json()).toMatchObject({ result: 'pass', automatic: 'fail', overridden: true });
    const conf = await http(staff, 'POST', `/api/applications/${ids.uni}/screening/decisions`, {
      ruleId: 'common.registeredInShanghai',
      action: 'confirm',
      reason: '已核对营业执照',
    });
    expect(conf.json()).toMatchObject({ result: 'pass', overridden: false });
    const list = (await http(staff, 'GET', `/api/calls/${callId}/screening?overridden=true`)).json();
    expect(list.items.map((i: { applicationId: string }) => i.applicationId)).toEqual([ids.ent]);
    // the decider is shown by name, not by an id fragment (issue 11)
    const staffName = (await http(staff, 'GET', '/api/auth/me')).json().name as string;
    const decided = list.items[0].findings.find(
      (f: { ruleId: string }) => f.ruleId === 'common.leadOngoingProjects',
    );
    expect(decided.decision).toMatchObject({ action: 'override', actorName: staffName });
    expect(staffName).toBeTruthy();
    const audit = await env.platform.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('object_id', '=', ids.ent)
      .where('action', '=', 'screening.override')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0].detail)).toMatch(/结题验收/);

    const x = await http(staff, 'GET', `/api/calls/${callId}/screening/export`);
    expect(x.statusCode).toBe(200);
    expect(String(x.headers['content-type'])).toMatch(/spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as never);
    const ws = wb.getWorksheet('形式审查清单')!;
    expect(ws.rowCount).toBe(4);
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toContain('回执编号');
    const rows = [2, 3, 4].map((n) =>
      (ws.getRow(n).values as unknown[]).slice(1).map((v) => String(v ?? '')),
    );
    const entRow = rows.find((r) => r.includes('是'))!;
    expect(entRow.join('|')).toMatch(/结题验收/);
    expect(entRow.join('|')).toMatch(/139\*\*\*\*5678/);
    expect(rows.flat().join('|')).not.toMatch(/13912345678|110101199003071233/);
    expect(rows.every((r) => /^SQ-2023-\d{6}$/.test(r[0]))).toBe(true);

    // amounts are numbers in 万元 with two decimals (issue 11), not text: the workbook read back
    const col = (name: string) => header.indexOf(name) + 1;
    expect(header).toContain('申请资助经费（万元）');
    const saved = await env.platform.ctx.db
      .selectFrom('applications')
      .select(['content'])
      .where('id', 'in', Object.values(ids))
      .execute();
    const expected = (k: string) =>
      saved
        .map((a) => Math.round(((a.content as any).budget[k] as number) / 1e4) / 100)
        .sort((x, y) => x - y);
    for (const [name, key] of [
      ['申请资助经费（万元）', 'requestedGrantFen'],
      ['单位自筹经费（万元）', 'selfFundingFen'],
    ] as const) {
      const cells = [2, 3, 4].map((n) => ws.getRow(n).getCell(col(name)));
      for (const c of cells) {
        expect(c.type).toBe(ExcelJS.ValueType.Number);
        expect(typeof c.value).toBe('number');
        expect(c.numFmt).toBe('0.00');
      }
      expect(cells.map((c) => c.value as number).sort((x, y) => x - y)).toEqual(expected(key));
    }
  });

  it('is for staff only', async () => {
    const a = await loginAs(env, ['orgAdmin']);
    const r = await http(a, 'GET', `/api/calls/${callId}/screening`);
    expect(r.statusCode).toBe(403);
    expect(r.json().message).toMatch(/形式审查/);
    expect((await http(a, 'POST', `/api/calls/${callId}/screening/run`)).statusCode).toBe(403);
  });
});
