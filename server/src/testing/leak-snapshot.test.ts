import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from './harness.js';
import { createOrg, createUser, loginAs, ORG_TYPE_FOR_ROLE } from './factories.js';
import { routeTable, type RouteEntry } from '../platform/http/app.js';
import { ROLE_NAMES, type Role } from '../platform/roles.js';
import { OBJECT_ROUTES } from './object-cases.js';
import {
  approve,
  DURING,
  fillApplication,
  httpOf,
  makeApplicant,
  publishGuide,
  type Applicant,
} from '../modules/applications/programme.testkit.js';
import { REDACTED } from '../modules/applications/index.js';
import { DEFAULT_SCORE_SHEET } from '../modules/review/index.js';
import { consultedPlan } from '../modules/review/funding-plan.testkit.js';

/**
 * Leak snapshots (issue 10): personal values planted in one organisation's submitted application
 * must never reach anyone outside that organisation in clear — not through any GET route of the
 * route table (JSON, and Excel exports read back cell by cell), not in an e-mail, not in a
 * notification. Every role signs in from an organisation of its own, so none of them may see the
 * planted values in clear, except where ALLOWED says so (with the reason).
 */
const first17 = '31010119850612301';
/** GB 11643 check character. */
const idNumberCheckChar = (d: string) =>
  '10X98765432'[
    [...d].reduce((s, c, i) => s + Number(c) * [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2][i], 0) %
      11
  ];
const PLANTED = {
  contactPhone: '13700001111',
  leadPhone: '13600002222',
  leadEmail: 'planted.lead@leak-test.cn',
  idNumber: first17 + idNumberCheckChar(first17),
  // an objector's contact on the public notice (issue 12): the programme office's to call back
  objectorPhone: '13500003333',
  objectorEmail: 'planted.objector@leak-test.cn',
} as const;
type Planted = keyof typeof PLANTED;

/** Who may read a planted value in clear although outside the organisation (platform/personal.rules.ts). */
const ALLOWED: Partial<Record<Planted, Role[]>> = {
  leadEmail: ['systemAdmin'], // manages accounts; e-mail in clear by the rule table
  // the keepers of the objections (notice.schema.ts OBJECTION_KEEPERS) investigate and call back
  objectorPhone: ['commissionStaff', 'programmeOfficeStaff'],
  objectorEmail: ['commissionStaff', 'programmeOfficeStaff'],
};
/** Planted in the application (its organisation sees them); the objector's are not the applicant's. */
const APPLICANT_PLANTED: Planted[] = ['contactPhone', 'leadPhone', 'leadEmail', 'idNumber'];

let env: TestEnv;
let filesDir = '';
let routes: RouteEntry[];
let foreign: Applicant;
let appId = '';
let theCallId = '';
let noticeId = '';
let workbooks = 0;
let orgName = '';
let taskId = '';
/** Who the application says it is: a blind round's expert must read none of it (issue 10, issue 12). */
const IDENTITY = {
  leadName: '龚立泄',
  contactName: '姚联系',
  memberName: '祁成员',
  employer: '泄漏测试研究院',
} as const;
const EXPERT_NAME = '邵评审专家';
const cookies = new Map<Role, string>();
const SECOND: Record<string, string> = { version: '1' };

function concrete(url: string, id: string) {
  return url.replace(/:([A-Za-z]+)/g, (_m, name: string, offset: number) =>
    offset === url.indexOf(':') ? id : (SECOND[name] ?? 'x'),
  );
}

async function bodyText(res: { headers: Record<string, unknown>; rawPayload: Buffer; body: string }) {
  const type = String(res.headers['content-type'] ?? '');
  if (!type.includes('spreadsheetml')) return res.body;
  workbooks++;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const cells: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => cells.push(String(c.text ?? '')))));
  return cells.join('\n');
}

function leaksIn(text: string, who: Role | 'anonymous'): Planted[] {
  return (Object.keys(PLANTED) as Planted[]).filter(
    (k) => text.includes(PLANTED[k]) && !(who !== 'anonymous' && ALLOWED[k]?.includes(who)),
  );
}

beforeAll(async () => {
  filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'leaks-'));
  env = await createTestEnv({ filesDir });
  env.setNow(DURING);
  const http = httpOf(env);
  routes = routeTable(env.app).filter(
    (r) => r.url.startsWith('/api/') && r.permission !== undefined && r.method === 'GET',
  );
  let expertEmail = '';
  for (const role of ROLE_NAMES) {
    const org = await createOrg(env, { type: ORG_TYPE_FOR_ROLE[role], region: '上海市徐汇区' });
    const u = await createUser(env, {
      roles: [role],
      orgId: org.id,
      name: role === 'expert' ? EXPERT_NAME : undefined,
    });
    if (role === 'expert') expertEmail = u.user.email;
    cookies.set(role, await loginAs(env, u));
  }
  const staff = cookies.get('commissionStaff')!;
  const { id: callId, call } = await publishGuide(env, staff);
  theCallId = callId;
  foreign = await makeApplicant(env, 'enterprise', '上海市徐汇区');
  appId = await fillApplication(env, call, callId, foreign, '3');
  const draft = (await http(foreign.lead.cookie, 'GET', `/api/applications/${appId}`)).json();
  const content = draft.content;
  content.applicant.contactPhone = PLANTED.contactPhone;
  content.lead.phone = PLANTED.leadPhone;
  content.lead.email = PLANTED.leadEmail;
  content.lead.idNumber = PLANTED.idNumber;
  content.lead.name = IDENTITY.leadName;
  content.applicant.contactName = IDENTITY.contactName;
  content.team.members = [{ name: IDENTITY.memberName, role: '骨干', employer: IDENTITY.employer }];
  // an applicant who writes its own name into the summary is not identified by it either
  content.project.summary = `${IDENTITY.employer}与${IDENTITY.leadName}团队联合建设。${content.project.summary}`;
  const saved = await http(foreign.lead.cookie, 'PATCH', `/api/applications/${appId}/draft`, { content });
  if (saved.statusCode !== 200) throw new Error(`save: ${saved.statusCode} ${saved.body}`);
  await approve(env, appId, foreign, { cookie: cookies.get('districtOfficer')! });
  const sub = await http(foreign.admin.cookie, 'POST', `/api/applications/${appId}/submit`);
  if (sub.statusCode !== 201) throw new Error(`submit: ${sub.statusCode} ${sub.body}`);

  // the application on a published notice (open at DURING), with an objection from the public
  const planId = await consultedPlan(
    http,
    staff,
    callId,
    [{ applicationId: appId, grantFen: 100_000_000, reason: '按年度预算核定' }],
    '2023-10-19',
  );
  const notice = await http(staff, 'POST', '/api/review/notices', {
    planId,
    title: '拟立项项目公示',
    startDate: '2023-10-20',
  });
  if (notice.statusCode !== 201) throw new Error(`notice: ${notice.statusCode} ${notice.body}`);
  noticeId = notice.json().id;
  const pub = await http(staff, 'POST', `/api/review/notices/${noticeId}/publish`);
  if (pub.statusCode !== 200) throw new Error(`publish: ${pub.statusCode} ${pub.body}`);
  const obj = await http(null, 'POST', `/api/public/notices/${noticeId}/objections`, {
    applicationId: appId,
    name: '公众异议人',
    phone: PLANTED.objectorPhone,
    email: PLANTED.objectorEmail,
    statement: '该项目申报材料中的合作单位信息与事实不符，请核实。',
  });
  if (obj.statusCode !== 201) throw new Error(`objection: ${obj.statusCode} ${obj.body}`);

  // a blind remote review round: the expert role's user joins the pool (the Excel import binds the
  // existing account) and is assigned the application
  orgName = (
    await env.platform.ctx.db
      .selectFrom('orgs')
      .select('name')
      .where('id', '=', foreign.orgId)
      .executeTakeFirstOrThrow()
  ).name;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('专家');
  ws.addRow([
    '姓名',
    '电子邮箱',
    '联系电话',
    '工作单位',
    '职称',
    '技术领域',
    '关键词',
    '个人简介',
    '可评审时间',
    '每轮最多评审数',
    '是否在库',
  ]);
  ws.addRow([EXPERT_NAME, expertEmail, '', '同济大学', '教授', '技术转移', '', '', '', 5, '是']);
  const contentBase64 = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
  const imp = await http(staff, 'POST', '/api/experts/profiles/import', {
    filename: 'p.xlsx',
    contentBase64,
  });
  if (imp.statusCode !== 200 || imp.json().rejected) throw new Error(`pool: ${imp.statusCode} ${imp.body}`);
  const round = await http(staff, 'POST', '/api/review/rounds', {
    callId,
    roundNo: 1,
    expertsPerApplication: 1,
    blind: true,
    scoreSheet: DEFAULT_SCORE_SHEET,
    deadlineAt: '2023-11-20T17:00:00+08:00',
  });
  if (round.statusCode !== 200) throw new Error(`round: ${round.statusCode} ${round.body}`);
  const assigned = await http(staff, 'POST', `/api/review/rounds/${round.json().id}/assign`);
  if (assigned.statusCode !== 200) throw new Error(`assign: ${assigned.statusCode} ${assigned.body}`);
  const opened = await http(staff, 'POST', `/api/review/rounds/${round.json().id}/open`, {
    version: assigned.json().version,
  });
  if (opened.statusCode !== 200) throw new Error(`open: ${opened.statusCode} ${opened.body}`);
  taskId = opened.json().items[0].experts[0].assignmentId;
}, 240_000);
afterAll(async () => {
  await env?.close();
  if (filesDir) fs.rmSync(filesDir, { recursive: true, force: true });
});

describe('leak snapshots', () => {
  it('the applicant organisation sees its own planted values (the test can see them)', async () => {
    const res = await httpOf(env)(foreign.admin.cookie, 'GET', `/api/applications/${appId}`);
    expect(res.statusCode).toBe(200);
    expect(leaksIn(res.body, 'orgAdmin').sort()).toEqual([...APPLICANT_PLANTED].sort());
  });

  it('the objection keepers read the objector in clear, an auditor masked, the public not at all', async () => {
    const url = `/api/review/notices/${noticeId}`;
    const staffView = await httpOf(env)(cookies.get('programmeOfficeStaff')!, 'GET', url);
    expect(leaksIn(staffView.body, 'anonymous')).toEqual(['objectorPhone', 'objectorEmail']);
    const auditorView = await httpOf(env)(cookies.get('auditor')!, 'GET', url);
    expect(auditorView.statusCode).toBe(200);
    expect(auditorView.json().objections[0].contactPhone).toBe('135****3333');
    const publicView = await httpOf(env)(null, 'GET', `/api/public/notices/${noticeId}`);
    expect(publicView.statusCode).toBe(200);
    expect(publicView.body).not.toContain('公众异议人');
  });

  it("a blind round's expert reads no identity of the applicant; the applicant reads no expert's name", async () => {
    const http = httpOf(env);
    const expert = cookies.get('expert')!;
    const list = await http(expert, 'GET', '/api/review/tasks');
    const task = await http(expert, 'GET', `/api/review/tasks/${taskId}`);
    expect(task.statusCode, task.body).toBe(200);
    expect(list.json()).toHaveLength(1);
    const seen = `${list.body}\n${task.body}`;
    for (const v of [orgName, ...Object.values(IDENTITY), ...Object.values(PLANTED)])
      expect(seen).not.toContain(v);
    expect(task.json().document.project.summary).toContain(REDACTED);
    // and the expert is a name only staff see: not the applicant, on any of its own pages
    for (const cookie of [foreign.admin.cookie, foreign.lead.cookie])
      for (const url of [
        `/api/applications/${appId}`,
        '/api/applications',
        `/api/applications/${appId}/receipt`,
      ]) {
        const res = await http(cookie, 'GET', url);
        expect(res.statusCode, url).toBeLessThan(300);
        expect(res.body, url).not.toContain(EXPERT_NAME);
      }
  });

  it('no GET route answers a planted value in clear to anyone outside the organisation', async () => {
    const ids: Record<string, string> = {
      application: appId,
      org: foreign.orgId,
      user: foreign.lead.id,
      call: theCallId, // its screening list and Excel export hold the application
      notice: noticeId, // the public notice and staff's view of its objections
    };
    const leaks: string[] = [];
    let requests = 0;
    let readable = 0;
    const callers: Array<[Role | 'anonymous', string | undefined]> = [
      ...ROLE_NAMES.map((r) => [r, cookies.get(r)] as [Role, string]),
      ['anonymous', undefined],
    ];
    for (const r of routes) {
      const kind = OBJECT_ROUTES[`${r.method} ${r.url}`];
      let url = r.url;
      if (/:[A-Za-z]/.test(r.url)) {
        const id = kind && ids[kind];
        if (!id) continue; // objects of other kinds hold no planted value
        url = concrete(r.url, id);
      }
      for (const [who, cookie] of callers) {
        requests++;
        const res = await env.app.inject({
          method: 'GET',
          url,
          headers: cookie ? { cookie } : {},
        });
        if (res.statusCode >= 200 && res.statusCode < 300) readable++;
        for (const k of leaksIn(await bodyText(res), who)) leaks.push(`${r.method} ${url} ${who}: ${k}`);
      }
    }
    console.log(
      `leak snapshots: ${requests} requests (${routes.length} GET routes × ${callers.length} callers), ` +
        `${readable} answered 2xx (${workbooks} Excel workbooks read), ${Object.keys(PLANTED).length} planted values, ${leaks.length} leaks`,
    );
    expect(workbooks, 'the screening export was read back').toBeGreaterThan(0);
    expect(leaks).toEqual([]);
  }, 240_000);

  it('no e-mail or notification carries a planted value to anyone outside the organisation', async () => {
    const db = env.platform.ctx.db;
    const insiders = new Set(
      (
        await db.selectFrom('users').select(['id', 'email']).where('org_id', '=', foreign.orgId).execute()
      ).flatMap((u) => [u.id, u.email]),
    );
    const mails = await db
      .selectFrom('mail_outbox')
      .select(['to_address', 'subject', 'text_body', 'html_body'])
      .execute();
    const notes = await db
      .selectFrom('notifications')
      .select(['user_id', 'title_zh', 'title_en', 'body'])
      .execute();
    const leaks: string[] = [];
    for (const m of mails)
      if (!insiders.has(m.to_address))
        for (const k of leaksIn(`${m.subject}\n${m.text_body}\n${m.html_body ?? ''}`, 'anonymous'))
          leaks.push(`mail to ${m.to_address}: ${k}`);
    for (const n of notes)
      if (!insiders.has(n.user_id))
        for (const k of leaksIn(`${n.title_zh}\n${n.title_en}\n${n.body}`, 'anonymous'))
          leaks.push(`notification to ${n.user_id}: ${k}`);
    console.log(
      `leak snapshots: ${mails.length} e-mails, ${notes.length} notifications scanned, ${leaks.length} leaks`,
    );
    expect(notes.length + mails.length, 'the flow sent something to scan').toBeGreaterThan(0);
    expect(leaks).toEqual([]);
  });
});
