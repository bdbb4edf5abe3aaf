/**
 * The world the leak snapshots scan (issue 10): personal values planted where each kind of record
 * keeps them, and the readers of every answer format (JSON, Excel read back cell by cell, Word read
 * back from its XML). leak-snapshot.test.ts calls every GET route over it.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { TestEnv } from './harness.js';
import { createOrg, createUser, loginAs, ORG_TYPE_FOR_ROLE } from './factories.js';
import { ROLE_NAMES, type Role } from '../platform/roles.js';
import {
  approve,
  fillApplication,
  httpOf,
  makeApplicant,
  publishGuide,
  type Applicant,
} from '../modules/applications/programme.testkit.js';
import { DEFAULT_SCORE_SHEET } from '../modules/review/index.js';
import { consultedPlan } from '../modules/review/funding-plan.testkit.js';

/** A valid GB 11643 number: 17 digits and their check character. */
const idNumber = (d: string) =>
  d +
  '10X98765432'[
    [...d].reduce((s, c, i) => s + Number(c) * [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2][i], 0) %
      11
  ];

export const PLANTED = {
  // in the application's draft
  contactPhone: '13700001111',
  leadPhone: '13600002222',
  leadEmail: 'planted.lead@leak-test.cn',
  idNumber: idNumber('31010119850612301'),
  // an objector's contact on the public notice (issue 12): the programme office's to call back
  objectorPhone: '13500003333',
  objectorEmail: 'planted.objector@leak-test.cn',
  // the lead's own account (users.phone, users.id_number)
  userPhone: '13900004444',
  userIdNumber: idNumber('31011519900101452'),
  // a published market achievement's researcher contact: never in a public view
  researcherName: '钮研究联系',
  researcherPhone: '13400005555',
  researcherEmail: 'planted.researcher@leak-test.cn',
} as const;
export type Planted = keyof typeof PLANTED;

/** Who may read a planted value in clear although outside its organisation (platform/personal.rules.ts). */
export const ALLOWED: Partial<Record<Planted, readonly Role[]>> = {
  leadEmail: ['systemAdmin'], // manages accounts; e-mail in clear by the rule table
  researcherEmail: ['systemAdmin'],
  // the keepers of the objections (notice.schema.ts OBJECTION_KEEPERS) investigate and call back
  objectorPhone: ['commissionStaff', 'programmeOfficeStaff'],
  objectorEmail: ['commissionStaff', 'programmeOfficeStaff'],
  // a contact's name is business information to signed-in users, never to the public (rule table)
  researcherName: ROLE_NAMES,
};
/** Planted in the application (its organisation sees them). */
export const APPLICANT_PLANTED: Planted[] = ['contactPhone', 'leadPhone', 'leadEmail', 'idNumber'];

/** Who the application says it is: a blind round's expert must read none of it (issue 10, issue 12). */
export const IDENTITY = {
  leadName: '龚立泄',
  contactName: '姚联系',
  memberName: '祁成员',
  employer: '泄漏测试研究院',
} as const;
export const EXPERT_NAME = '邵评审专家';

export function leaksIn(text: string, who: Role | 'anonymous'): Planted[] {
  return (Object.keys(PLANTED) as Planted[]).filter(
    (k) => text.includes(PLANTED[k]) && !(who !== 'anonymous' && ALLOWED[k]?.includes(who)),
  );
}

/** Exports read back, by format. */
export const documentsRead = { xlsx: 0, docx: 0 };

/** The text of an answer: JSON as sent, a workbook's cells, a Word document's XML and its runs joined. */
export async function bodyText(res: { headers: Record<string, unknown>; rawPayload: Buffer; body: string }) {
  const type = String(res.headers['content-type'] ?? '');
  if (type.includes('spreadsheetml')) {
    documentsRead.xlsx++;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const cells: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => cells.push(String(c.text ?? '')))));
    return cells.join('\n');
  }
  if (type.includes('wordprocessingml')) {
    documentsRead.docx++;
    const zip = await JSZip.loadAsync(res.rawPayload);
    const parts: string[] = [];
    for (const f of Object.values(zip.files))
      if (!f.dir && f.name.endsWith('.xml')) {
        const xml = await f.async('string');
        // Word may split a line into several runs: the runs joined, and the XML as it is
        parts.push(xml, [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''));
      }
    return parts.join('\n');
  }
  return res.body;
}

export interface LeakWorld {
  cookies: Map<Role, string>;
  foreign: Applicant;
  appId: string;
  callId: string;
  noticeId: string;
  orgName: string;
  taskId: string;
  /** the blind round the application is in */
  roundId: string;
  achievementId: string;
  /** users of the organisations the planted values belong to */
  insiderOrgs: string[];
}

/**
 * Every role signed in from an organisation of its own; one applicant organisation's application
 * planted, reviewed, submitted, on a published notice with a public objection and in a blind round;
 * its lead's account planted; a university's achievement with a planted researcher contact, published.
 */
export async function plantLeakWorld(env: TestEnv): Promise<LeakWorld> {
  const http = httpOf(env);
  const db = env.platform.ctx.db;
  const cookies = new Map<Role, string>();
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
  const foreign = await makeApplicant(env, 'enterprise', '上海市徐汇区');
  await db
    .updateTable('users')
    .set({ phone: PLANTED.userPhone, id_number: PLANTED.userIdNumber })
    .where('id', '=', foreign.lead.id)
    .execute();
  const appId = await fillApplication(env, call, callId, foreign, '3');
  const content = (await http(foreign.lead.cookie, 'GET', `/api/applications/${appId}`)).json().content;
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
  const noticeId = notice.json().id as string;
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

  const orgName = (
    await db.selectFrom('orgs').select('name').where('id', '=', foreign.orgId).executeTakeFirstOrThrow()
  ).name;
  const { taskId, roundId } = await blindRound(env, staff, callId, expertEmail);
  const { achievementId, orgId: uniId } = await plantedAchievement(env);
  return {
    cookies,
    foreign,
    appId,
    callId,
    noticeId,
    orgName,
    taskId,
    roundId,
    achievementId,
    insiderOrgs: [foreign.orgId, uniId],
  };
}

/** A blind remote round: the expert role's user joins the pool (the Excel import binds the account) and is assigned. */
async function blindRound(env: TestEnv, staff: string, callId: string, expertEmail: string) {
  const http = httpOf(env);
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
  return {
    taskId: opened.json().items[0].experts[0].assignmentId as string,
    roundId: round.json().id as string,
  };
}

/** A university researcher discloses an achievement with a contact; its transfer office publishes it. */
async function plantedAchievement(env: TestEnv) {
  const http = httpOf(env);
  const uni = await createOrg(env, { type: 'university', region: '上海市杨浦区' });
  const researcher = await loginAs(env, await createUser(env, { roles: ['projectLead'], orgId: uni.id }));
  const office = await loginAs(env, await createUser(env, { roles: ['techManager'], orgId: uni.id }));
  const made = await http(researcher, 'POST', '/api/market/achievements', {
    title: '泄漏测试用高通量光互连模块',
    abstract: '本成果提出一种硅光集成电路光互连模块，采用微环调制器与锗探测器，单通道速率达到100Gbps。',
    keywords: ['硅光'],
    field: '集成电路',
    trl: 5,
    ownership: 'grantPartial',
    transferModes: ['licence'],
    researcherContact: {
      name: PLANTED.researcherName,
      phone: PLANTED.researcherPhone,
      email: PLANTED.researcherEmail,
    },
  });
  if (made.statusCode !== 201) throw new Error(`achievement: ${made.statusCode} ${made.body}`);
  const id = made.json().id as string;
  const sub = await http(researcher, 'POST', `/api/market/achievements/${id}/submit`, {});
  if (sub.statusCode !== 200) throw new Error(`achievement submit: ${sub.statusCode} ${sub.body}`);
  const pub = await http(office, 'POST', `/api/market/achievements/${id}/publish`, {});
  if (pub.json().status !== 'published')
    throw new Error(`achievement publish: ${pub.statusCode} ${pub.body}`);
  return { achievementId: id, orgId: uni.id };
}
