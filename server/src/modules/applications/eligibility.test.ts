/**
 * Issue 8, items 2, 4 and 5: the facts behind three eligibility rules come from their real sources.
 *  (2) guide 2023 §二.7 "已作为项目负责人承担市科委科技计划在研项目2项及以上者，不得作为项目负责人申报":
 *      the count is the larger of the applicant's declaration and the commission's project registry
 *      (imported from Excel by staff), and a disagreement is flagged in the screening list.
 *  (4) seed 003 footnote 4 "每家企业/机构同一年度仅能申报一个项目": call data, counting submitted
 *      applications of the same organisation in the same programme and year — no unique index.
 *  (5) guide 2023 §二.1 "注册在本市": judged from the USCC's administrative-division code (characters 3–8).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { createTestEnv, type TestEnv } from '../../testing/harness.js';
import { createOrg, createUser, loginAs } from '../../testing/factories.js';
import { usccCheckChar } from '../identity/index.js';
import type { OrgType } from '../identity/index.js';
import type { Call } from '../calls/index.js';
import { findDirection } from '../calls/index.js';
import { neededAttachments, passingContent } from './programme.fixtures.js';
import {
  approve,
  DURING,
  httpOf,
  publishGuide,
  uploadPdf,
  type Applicant,
  type Http,
} from './programme.testkit.js';

let env: TestEnv;
let http: Http;
let staff: string;
let call: Call;
let callId: string;
let filesDir: string;

const uscc = (first17: string) => first17 + usccCheckChar(first17);
const ID_LEAD_1 = '310104198506120027';
const ID_LEAD_2 = '320102198001010016';

async function applicant(
  type: OrgType,
  o: { uscc?: string; region?: string; idNumber?: string } = {},
): Promise<Applicant> {
  const org = await createOrg(env, {
    type,
    name: `${type}-${randomUUID().slice(0, 6)}`,
    ...(o.uscc ? { uscc: o.uscc } : {}),
    region: o.region ?? '上海市徐汇区',
  });
  const admin = await createUser(env, { roles: ['orgAdmin'], orgId: org.id });
  const lead = await createUser(env, { roles: ['projectLead'], orgId: org.id, idNumber: o.idNumber ?? null });
  return {
    orgId: org.id,
    orgType: type,
    admin: { id: admin.user.id, cookie: await loginAs(env, admin) },
    lead: { id: lead.user.id, cookie: await loginAs(env, lead) },
  };
}

async function start(a: Applicant, cid: string, dir: string) {
  return http(a.admin.cookie, 'POST', '/api/applications', {
    callId: cid,
    directionCode: dir,
    leadUserId: a.lead.id,
  });
}

/** Starts and fills an application; `declared` is the lead's declared number of ongoing projects. */
async function filled(a: Applicant, c: Call, cid: string, dir: string, declared: number | null = 0) {
  const s = await start(a, cid, dir);
  if (s.statusCode !== 201) throw new Error(`start: ${s.statusCode} ${s.body}`);
  const id = s.json().id as string;
  const content = passingContent(c, dir, a.orgType, `${findDirection(c, dir)!.direction.title}项目`);
  const lead = content.lead as Record<string, unknown>;
  if (declared === null) delete lead.declaredOngoingProjects;
  else lead.declaredOngoingProjects = declared;
  const save = await http(a.lead.cookie, 'PATCH', `/api/applications/${id}/draft`, { content });
  if (save.statusCode !== 200) throw new Error(`save: ${save.statusCode} ${save.body}`);
  for (const type of neededAttachments(c, dir, a.orgType)) {
    const f = await uploadPdf(env, a.lead.cookie, `${type}.pdf`);
    await http(a.lead.cookie, 'POST', `/api/applications/${id}/attachments`, { type, fileId: f.id });
  }
  return id;
}

const checklist = async (a: Applicant, id: string) =>
  (await http(a.lead.cookie, 'GET', `/api/applications/${id}/checklist`)).json();
const finding = (cl: any, ruleId: string) =>
  cl.screening.findings.find((f: { ruleId: string }) => f.ruleId === ruleId);

async function submit(a: Applicant, id: string) {
  await approve(env, id, a);
  const r = await http(a.admin.cookie, 'POST', `/api/applications/${id}/submit`);
  if (r.statusCode !== 201) throw new Error(`submit: ${r.statusCode} ${r.body}`);
}

async function xlsx(rows: (string | null)[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('在研项目');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

beforeAll(async () => {
  filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'eligibility-'));
  env = await createTestEnv({ filesDir });
  env.setNow(DURING);
  http = httpOf(env);
  staff = await loginAs(env, ['programmeOfficeStaff']);
  ({ id: callId, call } = await publishGuide(env, staff));
});
afterAll(async () => {
  await env?.close();
  fs.rmSync(filesDir, { recursive: true, force: true });
});

describe('registered in Shanghai (guide 2023 §二.1) is judged from the USCC', () => {
  it('refuses a Jiangsu credit code whatever region was typed, naming the division', async () => {
    const a = await applicant('enterprise', { uscc: uscc('91320102MA1XY2345'), region: '上海市杨浦区' });
    const id = await filled(a, call, callId, '2');
    const f = finding(await checklist(a, id), 'common.registeredInShanghai');
    expect(f.passed).toBe(false);
    expect(f.actual).toBe('320102');
    expect(f.reason.zh).toMatch(/江苏省南京市/);
    expect(f.reason.en).toMatch(/Jiangsu/);
  });

  it('passes a Shanghai code and flags a typed region that disagrees with it', async () => {
    // 91310104…: the credit code was issued in 徐汇区 (310104); the typed region says 杨浦区
    const a = await applicant('enterprise', { uscc: uscc('91310104MA1K4AB12'), region: '上海市杨浦区' });
    const id = await filled(a, call, callId, '2');
    const f = finding(await checklist(a, id), 'common.registeredInShanghai');
    expect(f.passed).toBe(true);
    expect(f.reason.zh).toMatch(/上海市徐汇区/);
    await submit(a, id);
    const list = (await http(staff, 'GET', `/api/calls/${callId}/screening`)).json();
    const item = list.items.find((i: { applicationId: string }) => i.applicationId === id);
    const flag = item.flags.find((x: { code: string }) => x.code === 'regionMismatch');
    expect(flag.zh).toMatch(/杨浦区/);
    expect(flag.zh).toMatch(/徐汇区/);
    expect(flag.en).toMatch(/Xuhui/);
    expect(list.summary.flagged).toBeGreaterThanOrEqual(1);
    // and in the Excel export, in its own column
    const x = await http(staff, 'GET', `/api/calls/${callId}/screening/export`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as never);
    const ws = wb.getWorksheet('形式审查清单')!;
    const header = (ws.getRow(1).values as unknown[]).map(String);
    const col = header.indexOf('需核对');
    expect(col).toBeGreaterThan(0);
    const cells: string[] = [];
    ws.eachRow((row, n) => n > 1 && cells.push(String(row.getCell(col).value ?? '')));
    expect(cells.join('|')).toMatch(/与统一社会信用代码的登记地 上海市徐汇区/);
  });
});

describe('one application per organisation per year (seed 003 footnote 4) is call data', () => {
  it('is a rule of the 2023 guide with its source, and no unique index stops a second start', async () => {
    const rule = call.commonEligibility.find((r) => r.id === 'common.oneApplicationPerOrg')!;
    expect(rule.source).toMatch(/^evaluation 2024/);
    expect(rule).toMatchObject({ field: 'context.orgSubmittedThisProgrammeYear', op: '=', value: 0 });
    const a = await applicant('university');
    const first = await filled(a, call, callId, '1');
    const second = await start(a, callId, '4');
    expect(second.statusCode).toBe(201);
    // the first is only a draft: it does not count
    const before = finding(await checklist(a, second.json().id), 'common.oneApplicationPerOrg');
    expect(before.passed).toBe(true);
    expect(before.reason.zh).toMatch(/已提交/);
    await submit(a, first);
    const after = finding(await checklist(a, second.json().id), 'common.oneApplicationPerOrg');
    expect(after.passed).toBe(false);
    expect(after.actual).toBe(1);
    expect(after.explain).toMatch(/同一计划.*同一年度.*已提交/);
  });

  it('counts only the same programme; a call without the rule accepts a second application', async () => {
    const other = await publishGuide(env, staff, (c) => {
      c.number = '沪科指南〔2023〕99号';
      c.programme = { code: 'otherProgramme', title: '另一计划' };
    });
    const noRule = await publishGuide(env, staff, (c) => {
      c.number = '沪科指南〔2023〕98号';
      c.commonEligibility = c.commonEligibility.filter((r) => r.id !== 'common.oneApplicationPerOrg');
    });
    const a = await applicant('university');
    await submit(a, await filled(a, call, callId, '1'));
    const inOther = await filled(a, other.call, other.id, '1');
    expect(finding(await checklist(a, inOther), 'common.oneApplicationPerOrg').passed).toBe(true);
    const inNoRule = await filled(a, noRule.call, noRule.id, '1');
    const cl = await checklist(a, inNoRule);
    expect(finding(cl, 'common.oneApplicationPerOrg')).toBeUndefined();
    expect(cl.overall).toBe('pass');
  });
});

describe("the project lead's ongoing commission projects (guide 2023 §二.7)", () => {
  const header = [
    '项目编号',
    '项目名称',
    '项目负责人',
    '负责人身份证号',
    '承担单位',
    '统一社会信用代码',
    '状态',
  ];
  const goodUscc = uscc('12310000425006117');
  let file: string;

  it('imports the registry: row-by-row report, dry run first, then commit (audited, staff only)', async () => {
    file = await xlsx([
      header,
      ['22DZ1100100', '概念验证平台建设', '赵一', ID_LEAD_1, '某大学', goodUscc, '在研'],
      ['21DZ2200200', '技术转移服务', '赵一', ID_LEAD_1, '某大学', goodUscc, '在研'],
      ['20DZ0000300', '已结题项目', '赵一', ID_LEAD_1, '某大学', goodUscc, '结题'],
      ['23DZ3300400', '另一负责人的项目', '钱二', ID_LEAD_2, '某公司', goodUscc, null],
      ['23DZ0000500', '校验位错误', '孙三', '310104198506120028', '某大学', goodUscc, '在研'],
      ['23DZ0000600', '信用代码错误', '李四', ID_LEAD_2, '某公司', '91310000MA1K4ABC1X', '在研'],
      ['23DZ0000700', null, '周五', ID_LEAD_2, '某公司', goodUscc, '在研'],
    ]);
    const body = { filename: '在研项目.xlsx', contentBase64: file, dryRun: true };
    const lead = await loginAs(env, ['orgAdmin']);
    expect((await http(lead, 'POST', '/api/programme/ongoing-projects/import', body)).statusCode).toBe(403);
    const dry = await http(staff, 'POST', '/api/programme/ongoing-projects/import', body);
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, rows: 7, created: 4, updated: 0, rejected: 3 });
    const byRow = Object.fromEntries(dry.json().report.map((r: { row: number }) => [r.row, r]));
    expect(byRow[6].errors[0]).toMatchObject({ field: 'leadIdNumber' });
    expect(byRow[6].errors[0].message).toMatch(/负责人身份证号.*校验位/);
    expect(byRow[7].errors[0]).toMatchObject({ field: 'orgUscc' });
    expect(byRow[7].errors[0].messageEn).toMatch(/check character/);
    expect(byRow[8].errors[0]).toMatchObject({ field: 'title', code: 'required' });
    expect(byRow[8].errors[0].message).toMatch(/项目名称/);
    // the report shows ID numbers masked; nothing saved on a dry run
    expect(JSON.stringify(dry.json())).not.toContain(ID_LEAD_1);
    expect(byRow[2].leadIdNumber).toBe('310104********0027');
    expect((await http(staff, 'GET', '/api/programme/ongoing-projects')).json().total).toBe(0);

    const commit = await http(staff, 'POST', '/api/programme/ongoing-projects/import', {
      ...body,
      dryRun: false,
    });
    expect(commit.json()).toMatchObject({ dryRun: false, created: 4, rejected: 3 });
    const list = (await http(staff, 'GET', '/api/programme/ongoing-projects')).json();
    expect(list.total).toBe(4);
    expect(JSON.stringify(list)).not.toContain(ID_LEAD_1);
    const audit = await env.platform.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('action', '=', 'programme.ongoingProjects.import')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0].detail)).not.toContain(ID_LEAD_1);
    // the same file again updates the same projects (keyed by project number)
    const again = await http(staff, 'POST', '/api/programme/ongoing-projects/import', {
      ...body,
      dryRun: false,
    });
    expect(again.json()).toMatchObject({ created: 0, updated: 4 });
  });

  it('judges the larger of the declaration and the registry, and flags the mismatch for staff', async () => {
    // lead 1: declares 0, the registry has 2 ongoing (the closed one does not count) → fails
    const a = await applicant('university', { idNumber: ID_LEAD_1 });
    const id = await filled(a, call, callId, '1', 0);
    const f = finding(await checklist(a, id), 'common.leadOngoingProjects');
    expect(f.passed).toBe(false);
    expect(f.actual).toBe(2);
    expect(f.reason.zh).toMatch(/2项/);
    // lead 2: declares 0, the registry has 1 → passes, submitted, flagged
    const b = await applicant('university', { idNumber: ID_LEAD_2 });
    const idB = await filled(b, call, callId, '1', 0);
    expect(finding(await checklist(b, idB), 'common.leadOngoingProjects').passed).toBe(true);
    await submit(b, idB);
    const list = (await http(staff, 'GET', `/api/calls/${callId}/screening`)).json();
    const item = list.items.find((i: { applicationId: string }) => i.applicationId === idB);
    const flag = item.flags.find((x: { code: string }) => x.code === 'ongoingProjectsMismatch');
    expect(flag.zh).toMatch(/填报0项.*登记1项/);
    expect(flag.en).toMatch(/declared 0.*registry 1/);
    // declaring more than the registry knows counts too
    const c = await applicant('university');
    const idC = await filled(c, call, callId, '1', 2);
    expect(finding(await checklist(c, idC), 'common.leadOngoingProjects').passed).toBe(false);
    // without a declaration the rule cannot be judged and names the field to fill in
    const d = await applicant('university');
    const idD = await filled(d, call, callId, '1', null);
    const fd = finding(await checklist(d, idD), 'common.leadOngoingProjects');
    expect(fd.passed).toBe('unknown');
    expect(fd.reason.zh).toMatch(/申报人填报/);
  });
});
