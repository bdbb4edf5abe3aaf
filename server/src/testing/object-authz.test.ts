import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from './harness.js';
import { createOrg, createUser, loginAs, ORG_TYPE_FOR_ROLE } from './factories.js';
import { routeTable, type RouteEntry } from '../platform/http/app.js';
import { ROLE_NAMES, type Role } from '../platform/roles.js';
import {
  expectation,
  KIND_CASES,
  KNOWN_FINDINGS,
  OBJECT_EXEMPT,
  OWN_NOT_YET,
  OBJECT_ROUTES,
  type ObjectCase,
  type ObjectKind,
} from './object-cases.js';
import {
  approve,
  DURING,
  fillApplication,
  httpOf,
  makeApplicant,
  publishGuide,
  uploadPdf,
} from '../modules/applications/programme.testkit.js';
import { guide2023 } from '../modules/applications/programme.fixtures.js';
import { insertDraftNotice, insertTestObjection } from '../modules/review/notice.testkit.js';
import { insertTestAgreement, insertTestChange } from '../modules/projects/projects.testkit.js';

/**
 * The object-level matrix: every route whose path names an object × every role × the object cases
 * of its kind (testing/object-cases.ts), with real objects made through the real routes. Expected
 * outcomes come from the policy rule in `expectation`; any unexpected allow (2xx, or a refusal whose
 * body names the object) fails. A route with a path parameter and no binding fails too.
 */
let env: TestEnv;
let filesDir = '';
let routes: RouteEntry[];
const cookies = new Map<Role, string>();
/** kind → case → { id, marker }: the marker is text only the object's readers may see. */
const objects = new Map<ObjectKind, Partial<Record<ObjectCase, { id: string; marker: string }>>>();
const HOME_ROLES: Role[] = ['orgAdmin', 'projectLead', 'expert'];
const key = (r: RouteEntry) => `${r.method} ${r.url}`;
const hasParam = (r: RouteEntry) => /:[A-Za-z]/.test(r.url);
const isRead = (r: RouteEntry) => r.method === 'GET';

beforeAll(async () => {
  filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'objauthz-'));
  env = await createTestEnv({ filesDir });
  env.setNow(DURING);
  const http = httpOf(env);
  routes = routeTable(env.app).filter((r) => r.url.startsWith('/api/') && r.permission !== undefined);

  // the callers: one user per role; orgAdmin, projectLead and expert share the home university
  const home = await createOrg(env, {
    type: 'university',
    region: '上海市徐汇区',
    name: `本单位${Date.now()}`,
  });
  const roleUsers = new Map<Role, string>();
  for (const role of ROLE_NAMES) {
    const org = HOME_ROLES.includes(role)
      ? home
      : await createOrg(env, { type: ORG_TYPE_FOR_ROLE[role], region: '上海市徐汇区' });
    const u = await createUser(env, { roles: [role], orgId: org.id, username: `oa_${role}` });
    roleUsers.set(role, u.user.id);
    cookies.set(role, await loginAs(env, u));
  }
  const staff = cookies.get('commissionStaff')!;
  const { id: callId, call } = await publishGuide(env, staff);
  const set = (k: ObjectKind, c: ObjectCase, id: string, marker: string) =>
    objects.set(k, { ...objects.get(k), [c]: { id, marker } });
  // an application's marker is its applicant's name, which its view shows
  const orgName = async (id: string) =>
    (
      await env.platform.ctx.db
        .selectFrom('orgs')
        .select('name')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).name;

  // applications: own (home draft), other (foreign draft), unassigned (sent to 浦东's district, caller is 徐汇's)
  const homeApplicant = {
    orgId: home.id,
    orgType: 'university' as const,
    admin: { id: roleUsers.get('orgAdmin')!, cookie: cookies.get('orgAdmin')! },
    lead: { id: roleUsers.get('projectLead')!, cookie: cookies.get('projectLead')! },
  };
  const own = await fillApplication(env, call, callId, homeApplicant, '1');
  const foreign = await makeApplicant(env, 'university', '上海市浦东新区');
  const other = await fillApplication(env, call, callId, foreign, '1');
  // 浦东 has its own district office, so the review is not routed to the commission
  const pudongOffice = await createOrg(env, { type: 'districtOffice', region: '上海市浦东新区' });
  await createUser(env, { roles: ['districtOfficer'], orgId: pudongOffice.id });
  const pudong = await makeApplicant(env, 'enterprise', '上海市浦东新区');
  const unassigned = await fillApplication(env, call, callId, pudong, '3');
  await approve(env, unassigned, pudong);
  set('application', 'own', own, home.name);
  set('application', 'other', other, await orgName(foreign.orgId));
  set('application', 'unassigned', unassigned, await orgName(pudong.orgId));

  // orgs and users: own = the home organisation / a home colleague; other = the foreign applicant's
  set('org', 'own', home.id, home.name);
  set('org', 'other', foreign.orgId, await orgName(foreign.orgId));
  const colleague = await createUser(env, { roles: ['projectLead'], orgId: home.id, name: '本单位同事甲' });
  const stranger = await createUser(env, {
    roles: ['projectLead'],
    orgId: foreign.orgId,
    name: '外单位人员乙',
  });
  set('user', 'own', colleague.user.id, colleague.user.username);
  set('user', 'other', stranger.user.id, stranger.user.username);

  // a file the foreign lead uploaded to their draft
  const f = await uploadPdf(env, foreign.lead.cookie, '外单位保密附件.pdf');
  set('file', 'other', f.id, '外单位保密附件');

  // market drafts of a foreign enterprise and a foreign researcher
  const ent = await createOrg(env, { type: 'enterprise', region: '上海市闵行区' });
  const entUser = await loginAs(env, await createUser(env, { roles: ['enterpriseUser'], orgId: ent.id }));
  const need = await http(entUser, 'POST', '/api/market/needs', {
    title: '外单位草稿需求晶圆键合',
    problem: '晶圆键合良率低，需要工艺改进方案',
    field: '集成电路',
  });
  if (need.statusCode !== 201) throw new Error(`need: ${need.statusCode} ${need.body}`);
  set('need', 'other', need.json().id, '外单位草稿需求晶圆键合');
  const uni = await createOrg(env, { type: 'university', region: '上海市杨浦区' });
  const researcher = await loginAs(env, await createUser(env, { roles: ['projectLead'], orgId: uni.id }));
  const ach = await http(researcher, 'POST', '/api/market/achievements', {
    title: '外单位草稿成果离子注入',
    abstract: '本成果提出一种离子注入工艺参数的优化方法，用于提高掺杂均匀性。',
    keywords: ['离子注入'],
    field: '集成电路',
    trl: 3,
    organisations: [],
    ownership: 'unitOwned',
    transferModes: ['licence'],
  });
  if (ach.statusCode !== 201) throw new Error(`achievement: ${ach.statusCode} ${ach.body}`);
  set('achievement', 'other', ach.json().id, '外单位草稿成果离子注入');

  // a draft call (commission business, not yet public)
  const draft = guide2023();
  draft.status = 'draft';
  draft.title = '未发布的草稿指南';
  draft.number = '沪科指南〔2099〕1号';
  const imp = await http(staff, 'POST', '/api/calls/import', draft);
  if (imp.statusCode !== 201) throw new Error(`call: ${imp.statusCode} ${imp.body}`);
  set('call', 'other', imp.json().id, '未发布的草稿指南');

  // a draft public notice (not yet published) and an objection on it: staff and auditors only
  const noticeId = await insertDraftNotice(env, {
    callId,
    createdBy: roleUsers.get('commissionStaff')!,
    applicationIds: [other],
    title: '未发布的草稿公示',
  });
  set('notice', 'other', noticeId, '未发布的草稿公示');
  const objectionId = await insertTestObjection(env, {
    noticeId,
    applicationId: other,
    name: '异议人丙某',
  });
  set('objection', 'other', objectionId, '异议人丙某');

  // agreements (任务书): the home organisation's and the foreign applicant's, with their tranches
  const ownAgreement = await insertTestAgreement(env, {
    applicationId: own,
    callId,
    orgId: home.id,
    title: '本单位任务书项目',
    createdBy: roleUsers.get('commissionStaff')!,
  });
  set('agreement', 'own', ownAgreement.agreementId, '本单位任务书项目');
  const otherAgreement = await insertTestAgreement(env, {
    applicationId: other,
    callId,
    orgId: foreign.orgId,
    title: '外单位任务书项目',
    createdBy: roleUsers.get('commissionStaff')!,
  });
  set('agreement', 'other', otherAgreement.agreementId, '外单位任务书项目');
  set('tranche', 'other', otherAgreement.trancheIds[0]!, '外单位任务书项目');
  const changeId = await insertTestChange(env, otherAgreement.agreementId, roleUsers.get('orgAdmin')!);
  set('change', 'other', changeId, '外单位任务书项目');

  // a notification addressed to the foreign organisation's user
  const note = await env.platform.ctx.db
    .insertInto('notifications')
    .values({
      user_id: stranger.user.id,
      kind: 'test',
      title_zh: '外单位通知丁某',
      title_en: 'A foreign notification',
      body: '外单位通知丁某的正文',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  set('notification', 'other', note.id, '外单位通知丁某');
}, 240_000);
afterAll(async () => {
  await env?.close();
  if (filesDir) fs.rmSync(filesDir, { recursive: true, force: true });
});

const SECOND = { version: '1', attachmentId: '00000000-0000-4000-8000-000000000001', action: 'submit' };
function concrete(url: string, id: string) {
  return url.replace(/:([A-Za-z]+)/g, (_m, name: string, offset: number) =>
    offset === url.indexOf(':') ? id : (SECOND[name as keyof typeof SECOND] ?? 'x'),
  );
}

describe('object-level authorization matrix', () => {
  it('binds every route with a path parameter to an object kind or a reviewed exemption', () => {
    const unbound = routes.filter(hasParam).filter((r) => !OBJECT_ROUTES[key(r)] && !OBJECT_EXEMPT[key(r)]);
    expect(unbound.map(key), 'routes with a path id and no object case').toEqual([]);
    const stale = [...Object.keys(OBJECT_ROUTES), ...Object.keys(OBJECT_EXEMPT)].filter(
      (k) => !routes.some((r) => key(r) === k),
    );
    expect(stale, 'registry entries for routes that no longer exist').toEqual([]);
  });

  it('no unexpected allow over routes × roles × object cases', async () => {
    const bound = routes.filter((r) => OBJECT_ROUTES[key(r)]);
    // reads first, mutations after, deletes last; mutations only on cases every role must not change
    const ordered = [...bound].sort(
      (a, b) =>
        Number(!isRead(a)) - Number(!isRead(b)) ||
        Number(a.method === 'DELETE') - Number(b.method === 'DELETE'),
    );
    const wrong: string[] = [];
    const findings = new Set<string>();
    let count = 0;
    for (const r of ordered) {
      const kind = OBJECT_ROUTES[key(r)]!;
      for (const c of KIND_CASES[kind]) {
        const obj = objects.get(kind)?.[c];
        if (!obj) throw new Error(`no ${kind}/${c} object made`);
        for (const role of ROLE_NAMES) {
          const want = expectation(kind, role, c);
          if (!isRead(r) && want !== 'deny') continue; // never mutate an object the caller may change
          count++;
          const res = await env.app.inject({
            method: r.method as 'GET',
            url: concrete(r.url, obj.id),
            headers: { cookie: cookies.get(role)! },
            ...(['POST', 'PUT', 'PATCH'].includes(r.method) ? { payload: {} } : {}),
          });
          const ok = res.statusCode >= 200 && res.statusCode < 300;
          const where = `${key(r)} ${role} ${kind}/${c}: ${res.statusCode}`;
          const known = KNOWN_FINDINGS[`${key(r)} ${kind}/${c}`];
          if (want === 'deny' && ok && known) findings.add(`${key(r)} ${kind}/${c}`);
          else if (want === 'deny' && ok) wrong.push(`${where} allowed`);
          if (want === 'deny' && !ok && obj.marker && res.body.includes(obj.marker))
            wrong.push(`${where} refusal names the object`);
          if (want === 'deny' && res.statusCode >= 500) wrong.push(`${where} server error`);
          const refused = res.statusCode === 403 || (res.statusCode === 404 && !OWN_NOT_YET[key(r)]);
          if (want === 'pass' && (refused || res.statusCode >= 500)) wrong.push(`${where} owner refused`);
        }
      }
    }
    console.log(
      `object-level matrix: ${count} requests (bound routes ${bound.length}, roles ${ROLE_NAMES.length})`,
    );
    expect(wrong).toEqual([]);
    expect([...findings].sort(), 'known findings still present (remove an entry with its fix)').toEqual(
      Object.keys(KNOWN_FINDINGS).sort(),
    );
  }, 120_000);
});
