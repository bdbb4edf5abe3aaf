/**
 * issue 8 §6: a call cannot be published with its real past dates, so the 2021-2023 calls the
 * evaluation needs are imported for the record. Seed 003 §一.6 and tables 1-8/1-9: the 2022 call,
 * window 2022-08-03 09:00 to 08-22 16:30, one review round; "2022年有25家机构申报", "2022年共有17个
 * 项目通过形式审查，最后立项11项".
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../testing/harness.js';
import { createOrg, loginAs } from '../../testing/factories.js';
import { httpOf, type Http } from './programme.testkit.js';
import { HISTORICAL_XLSX_HEADERS } from './historical.rules.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const CALL_2022 = JSON.parse(fs.readFileSync(path.join(here, '../calls/fixtures/call-2022.json'), 'utf8'));
const APPS_2022 = JSON.parse(fs.readFileSync(path.join(here, 'fixtures/historical-2022.json'), 'utf8'));
const SOURCE = '绩效评价报告(2024) 表1-8、1-9';

let env: TestEnv;
let http: Http;
let staff: string;
let callId: string;

beforeAll(async () => {
  env = await createTestEnv();
  env.setNow(new Date('2024-06-01T10:00:00+08:00'));
  http = httpOf(env);
  staff = await loginAs(env, ['programmeOfficeStaff']);
  for (const o of APPS_2022.orgs) await createOrg(env, o);
});
afterAll(async () => {
  await env?.close();
});

const count = async (table: 'calls' | 'applications') =>
  Number(
    (
      await env.platform.ctx.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('historical call import', () => {
  it('the 2022 call cannot be published with its real dates (why the import exists)', async () => {
    const c = { ...CALL_2022, number: `${CALL_2022.number}-草稿`, status: 'draft' };
    const imp = await http(staff, 'POST', '/api/calls/import', c);
    expect(imp.statusCode).toBe(201);
    const pub = await http(staff, 'POST', `/api/calls/${imp.json().id}/publish`);
    expect(pub.statusCode).toBe(400);
    expect(pub.json().errors[0]).toMatchObject({ field: 'window.closesAt', code: 'in_past' });
  });

  it('refuses bad rows, naming every field, and saves nothing', async () => {
    const [calls, apps] = [await count('calls'), await count('applications')];
    const good = APPS_2022.applications[0];
    const res = await http(staff, 'POST', '/api/calls/import-historical', {
      call: { ...CALL_2022, number: '坏数据' },
      source: SOURCE,
      applications: [
        { ...good, orgUscc: '91310104MA1K99999X' },
        { ...good, projectTitle: '另一项', screening: 'fail', awarded: true },
        { ...good, projectTitle: '超上限', grantFen: 101 * 1_000_000 },
        { ...good, projectTitle: '无此方向', directionCode: '9' },
        { ...good, projectTitle: '' },
      ],
    });
    expect(res.statusCode).toBe(400);
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'applications.1.awarded',
        'applications.2.grantFen',
        'applications.3.directionCode',
        'applications.4.projectTitle',
      ]),
    );
    const cap = res.json().errors.find((e: { field: string }) => e.field === 'applications.2.grantFen');
    expect(cap.message).toMatch(/101万元.*100万元/);
    expect(cap.messageEn).toBeTruthy();
    // the unknown organisation is reported once the rows themselves are right
    const org = await http(staff, 'POST', '/api/calls/import-historical', {
      call: { ...CALL_2022, number: '坏数据' },
      source: SOURCE,
      applications: [{ ...good, orgUscc: '91310104MA1K99999X' }],
    });
    expect(org.json().errors).toEqual([
      expect.objectContaining({ field: 'applications.0.orgUscc', code: 'unknown_org' }),
    ]);
    // a call still open is published, not imported
    const open = await http(staff, 'POST', '/api/calls/import-historical', {
      call: {
        ...CALL_2022,
        number: '未截止',
        window: { opensAt: '2024-05-01T09:00:00+08:00', closesAt: '2024-07-01T16:30:00+08:00' },
      },
      source: SOURCE,
      applications: [],
    });
    expect(open.json().errors[0]).toMatchObject({ field: 'call.window.closesAt', code: 'not_past' });
    expect([await count('calls'), await count('applications')]).toEqual([calls, apps]);
  });

  it('imports the 2022 call of seed 003 with 25 applications: 17 passed screening, 11 awarded', async () => {
    const res = await http(staff, 'POST', '/api/calls/import-historical', {
      call: CALL_2022,
      source: SOURCE,
      applications: APPS_2022.applications,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ applications: 25, passedScreening: 17, awarded: 11 });
    callId = res.json().callId;

    const detail = (await http(staff, 'GET', `/api/calls/${callId}`)).json();
    expect(detail).toMatchObject({
      status: 'closed',
      imported: true,
      importSource: SOURCE,
      opensAt: '2022-08-03T09:00:00+08:00',
      closesAt: '2022-08-22T16:30:00+08:00',
      transitions: [],
      problems: [],
    });
    expect(detail.content.reviewMode).toBe('oneRound');
    const list = (await http(staff, 'GET', '/api/calls?year=2022')).json();
    expect(list.items.find((c: { id: string }) => c.id === callId).imported).toBe(true);

    const screening = (await http(staff, 'GET', `/api/calls/${callId}/screening`)).json();
    expect(screening.summary).toMatchObject({ total: 25, pass: 17, fail: 8 });
    expect(screening.items.every((i: { imported: boolean }) => i.imported)).toBe(true);
    expect(screening.items.filter((i: { outcome: { awarded: boolean } }) => i.outcome.awarded)).toHaveLength(
      11,
    );
    expect(screening.items[0].screenedBy).toBe('import');
    expect(screening.items[0].findings[0].reason.zh).toMatch(/历史形式审查结论/);
    // the recorded KPI commitment of the regional project is judged with its unit: 160000 万元 = 16 亿元 ≥ 15 亿元
    const regional = screening.items.find((i: { directionCode: string }) => i.directionCode === '4');
    expect(regional.kpiCheck.passed).toBe(1);

    const apps = (await http(staff, 'GET', `/api/applications?callId=${callId}&pageSize=100`)).json();
    expect(apps.total).toBe(25);
    expect(apps.items.every((a: { imported: boolean }) => a.imported)).toBe(true);
    expect(apps.items.filter((a: { status: string }) => a.status === 'awarded')).toHaveLength(11);

    const audit = await env.platform.ctx.db
      .selectFrom('audit_log')
      .select(['action'])
      .where('action', 'in', ['call.importHistorical', 'application.importHistorical'])
      .execute();
    expect(audit.filter((a) => a.action === 'call.importHistorical')).toHaveLength(1);
    expect(audit.filter((a) => a.action === 'application.importHistorical')).toHaveLength(25);
  });

  it('the imported call and its applications are read-only', async () => {
    expect((await http(staff, 'PUT', `/api/calls/${callId}`, { content: CALL_2022 })).statusCode).toBe(409);
    expect((await http(staff, 'POST', `/api/calls/${callId}/publish`)).statusCode).toBeGreaterThanOrEqual(
      400,
    );
    const run = await http(staff, 'POST', `/api/calls/${callId}/screening/run`);
    expect(run.statusCode).toBe(409);
    expect(run.json().message).toMatch(/只读/);
    const item = (await http(staff, 'GET', `/api/calls/${callId}/screening`)).json().items[0];
    const dec = await http(staff, 'POST', `/api/applications/${item.applicationId}/screening/decisions`, {
      ruleId: 'import.screening',
      action: 'override',
      verdict: 'fail',
      reason: '试图修改历史结论',
    });
    expect(dec.statusCode).toBe(409);
  });

  it('takes the applications as an Excel sheet too (money in 万元, converted exactly)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('申报');
    ws.addRow(HISTORICAL_XLSX_HEADERS);
    const o = APPS_2022.orgs[0];
    ws.addRow([o.uscc, o.name, '1', 'Excel 导入的项目', 75.5, 151, '通过', '', '是', 75.5]);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await http(staff, 'POST', '/api/calls/import-historical', {
      call: { ...CALL_2022, year: 2021, number: '2021-Excel' },
      source: SOURCE,
      applicationsXlsxBase64: buf.toString('base64'),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ applications: 1, awarded: 1, grantedFen: 75_500_000 });
  });
});
