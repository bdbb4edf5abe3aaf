// The expert pool (专家库) of issue 12: "Expert profiles: name, organisation, title, fields, keywords,
// short bio, contact (masked outside staff views), availability windows, maximum load per round;
// import/export Excel with a row-by-row report."
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../testing/harness.js';
import { createOrg, createUser, loginAs } from '../../testing/factories.js';
import { POOL_COLUMNS } from './pool-import.rules.js';
import { expertsForIndex } from './index.js';

let env: TestEnv;
let office: string;
let auditor: string;
let lead: string;
let sjtuId: string;

beforeAll(async () => {
  env = await createTestEnv();
  sjtuId = (await createOrg(env, { name: '上海交通大学', type: 'university' })).id;
  office = await loginAs(env, ['programmeOfficeStaff']);
  auditor = await loginAs(env, ['auditor']);
  lead = await loginAs(env, ['projectLead']);
}, 120_000);
afterAll(async () => env?.close());

const call = (cookie: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  env.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

async function workbook(rows: Array<Record<string, string | number>>): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('专家');
  ws.addRow(POOL_COLUMNS.map((c) => c.zh));
  for (const r of rows) ws.addRow(POOL_COLUMNS.map((c) => r[c.key] ?? ''));
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

const good = {
  name: '陆建华',
  email: 'lu.jianhua@sjtu.example.cn',
  phone: '13812345678',
  orgName: '上海交通大学',
  title: '教授',
  fields: '技术转移；概念验证',
  keywords: '概念验证中心、成果评估',
  bio: '长期从事高校科技成果转化',
  availability: '2026-03-01～2026-04-30',
  maxLoadPerRound: 8,
  active: '是',
};
const other = {
  ...good,
  name: '沈文静',
  email: 'shen.wenjing@fudan.example.cn',
  orgName: '复旦大学',
  phone: '',
};

const auditRows = (action: string) =>
  env.platform.ctx.db
    .selectFrom('audit_log')
    .select(['actor_id', 'object_id', 'action', 'result', 'before', 'after', 'detail'])
    .where('action', '=', action)
    .orderBy('seq')
    .execute();

let luId: string;

describe('expert pool import', () => {
  it('saves the good rows, saves nothing of a bad row and names each wrong field of it in zh and en', async () => {
    const contentBase64 = await workbook([
      good,
      {
        ...good,
        name: '',
        email: 'bad-address',
        phone: '12345',
        maxLoadPerRound: 'ten',
        availability: '三月',
      },
      other,
      { ...other, name: '重复' },
    ]);
    const res = await call(office, 'POST', '/api/experts/profiles/import', {
      filename: 'pool.xlsx',
      contentBase64,
    });
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect([r.rows, r.created, r.updated, r.rejected]).toEqual([4, 2, 0, 2]);
    expect(r.report.map((x: { row: number; outcome: string }) => [x.row, x.outcome])).toEqual([
      [2, 'created'],
      [3, 'rejected'],
      [4, 'created'],
      [5, 'rejected'],
    ]);
    const bad = r.report[1];
    expect(bad.errors.map((e: { field: string }) => e.field).sort()).toEqual(
      ['availability', 'email', 'maxLoadPerRound', 'name', 'phone'].sort(),
    );
    for (const e of bad.errors) {
      expect(e.message).toMatch(/\p{Script=Han}/u);
      expect(e.messageEn).toMatch(/[a-z]/);
    }
    expect(bad.errors.find((e: { field: string }) => e.field === 'phone').message).toContain('联系电话');
    expect(r.report[3].errors).toEqual([expect.objectContaining({ field: 'email', code: 'duplicate' })]);
    expect(r.report[3].errors[0].message).toContain('第4行');

    const users = await env.platform.ctx.db
      .selectFrom('users')
      .select(['id', 'email', 'roles', 'org_id'])
      .execute();
    expect(users.filter((u) => u.email === 'bad-address')).toEqual([]);
    const lu = users.find((u) => u.email === good.email)!;
    luId = lu.id;
    expect(lu.roles).toEqual(['expert']);
    expect(lu.org_id).toBe(sjtuId); // 上海交通大学 is a platform organisation
    const list = await call(office, 'GET', '/api/experts/profiles?pageSize=50');
    expect(
      list
        .json()
        .items.map((e: { name: string }) => e.name)
        .sort(),
    ).toEqual(['沈文静', '陆建华'].sort());
    const created = await auditRows('experts.expert.create');
    expect(created.map((a) => a.object_id)).toContain(luId);
  });

  it('updates an expert found by e-mail on a second import (outcome updated, version counted)', async () => {
    const contentBase64 = await workbook([{ ...good, title: '讲席教授', active: '否' }]);
    const r = (
      await call(office, 'POST', '/api/experts/profiles/import', { filename: 'p.xlsx', contentBase64 })
    ).json();
    expect(r.report[0]).toMatchObject({ outcome: 'updated', userId: luId });
    const e = (await call(office, 'GET', `/api/experts/profiles/${luId}`)).json();
    expect(e).toMatchObject({
      title: '讲席教授',
      active: false,
      orgId: sjtuId,
      maxLoadPerRound: 8,
      version: 2,
    });
    expect(e.availability).toEqual([{ from: '2026-03-01', to: '2026-04-30' }]);
    // an inactive expert leaves the matching index
    expect(await expertsForIndex(env.platform.ctx.db, [luId])).toEqual([]);
  });

  it('refuses an e-mail that belongs to an account without the expert role', async () => {
    const { user } = await createUser(env, { roles: ['projectLead'], email: 'someone@example.cn' });
    const contentBase64 = await workbook([{ ...good, email: user.email }]);
    const r = (
      await call(office, 'POST', '/api/experts/profiles/import', { filename: 'p.xlsx', contentBase64 })
    ).json();
    expect(r.report[0]).toMatchObject({ outcome: 'rejected' });
    expect(r.report[0].errors[0]).toMatchObject({ field: 'email', code: 'not_an_expert' });
  });

  it('gives a template whose first sheet carries the Chinese headers', async () => {
    const res = await call(office, 'GET', '/api/experts/profiles/template');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const headers: string[] = [];
    wb.worksheets[0].getRow(1).eachCell((c) => headers.push(c.text));
    expect(headers).toEqual(POOL_COLUMNS.map((c) => c.zh));
  });
});

describe('contact details', () => {
  it('are in clear for the programme office and in the export', async () => {
    const e = (await call(office, 'GET', `/api/experts/profiles/${luId}`)).json();
    expect([e.contactPhone, e.contactEmail]).toEqual([good.phone, good.email]);
    const x = await call(office, 'GET', '/api/experts/profiles/export');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const texts: string[] = [];
    wb.worksheets[0].eachRow((row) => row.eachCell((c) => texts.push(c.text)));
    expect(texts).toEqual(expect.arrayContaining([good.phone, good.email]));
    expect((await auditRows('experts.pool.export')).length).toBe(1);
  });

  it('are masked for an auditor, who may read the pool but does not keep it', async () => {
    const list = (await call(auditor, 'GET', '/api/experts/profiles?q=陆')).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0].contactPhone).toBe('138****5678');
    expect(list.items[0].contactEmail).toBe('l***@sjtu.example.cn');
    expect(JSON.stringify(list)).not.toContain(good.phone);
  });
});

describe('refusals', () => {
  it('refuses a project lead the pool (403) and an auditor the edit and the export, each audited', async () => {
    expect((await call(lead, 'GET', '/api/experts/profiles')).statusCode).toBe(403);
    const edit = await call(auditor, 'PUT', `/api/experts/profiles/${luId}`, { version: 2 });
    expect(edit.statusCode).toBe(403);
    expect((await call(auditor, 'GET', '/api/experts/profiles/export')).statusCode).toBe(403);
    const denied = await auditRows('permission.denied');
    const attempted = denied.map((d) => JSON.stringify(d.detail));
    expect(attempted.some((d) => d.includes('expertPool.read'))).toBe(true);
    expect(attempted.filter((d) => d.includes('expertPool.write')).length).toBeGreaterThanOrEqual(2);
  });
});

describe('staff edit', () => {
  const body = {
    orgName: '上海交通大学',
    orgId: null as string | null,
    title: '教授',
    fields: ['技术转移'],
    keywords: ['成果评估'],
    bio: '',
    contactPhone: '13900001111',
    contactEmail: good.email,
    availability: [{ from: '2026-05-01', to: '2026-05-31' }],
    maxLoadPerRound: 5,
    active: true,
  };

  it('saves the edit and audits the changed fields, contact masked', async () => {
    const res = await call(office, 'PUT', `/api/experts/profiles/${luId}`, {
      ...body,
      orgId: sjtuId,
      version: 2,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ maxLoadPerRound: 5, active: true, version: 3 });
    const [a] = (await auditRows('experts.expert.update')).filter((x) => x.object_id === luId).slice(-1);
    const after = typeof a.after === 'string' ? JSON.parse(a.after) : a.after;
    expect(after).toMatchObject({ maxLoadPerRound: 5, active: true, contactPhone: '139****1111' });
    expect(after).not.toHaveProperty('bio', '长期从事高校科技成果转化');
  });

  it('answers 409 on a stale version and 400 naming overlapping windows and a wrong organisation', async () => {
    const stale = await call(office, 'PUT', `/api/experts/profiles/${luId}`, { ...body, version: 2 });
    expect(stale.statusCode).toBe(409);
    const bad = await call(office, 'PUT', `/api/experts/profiles/${luId}`, {
      ...body,
      orgId: 'not-this-org',
      availability: [
        { from: '2026-05-01', to: '2026-05-31' },
        { from: '2026-05-20', to: '2026-06-10' },
      ],
      version: 3,
    });
    expect(bad.statusCode).toBe(400);
    const fields = bad.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['availability.1', 'orgId']));
  });
});
