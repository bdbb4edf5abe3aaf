import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from './harness.js';
import { routeTable, type RouteEntry } from '../platform/http/app.js';
import { ROLE_NAMES, type Role } from '../platform/roles.js';
import { OBJECT_ROUTES } from './object-cases.js';
import { DURING, httpOf } from '../modules/applications/programme.testkit.js';
import { REDACTED } from '../modules/applications/index.js';
import {
  APPLICANT_PLANTED,
  bodyText,
  documentsRead,
  EXPERT_NAME,
  IDENTITY,
  leaksIn,
  PLANTED,
  plantLeakWorld,
  type LeakWorld,
} from './leak-snapshot.fixture.js';

/**
 * Leak snapshots (issue 10): personal values planted in one organisation's submitted application,
 * in its lead's account and in a university's published achievement (the researcher's contact) must
 * never reach anyone outside those organisations in clear — not through any GET route of the route
 * table (JSON, Excel and Word exports read back), not in an e-mail, not in a notification. Every role
 * signs in from an organisation of its own, so none of them may see the planted values in clear,
 * except where ALLOWED (leak-snapshot.fixture.ts) says so, with the reason.
 */
let env: TestEnv;
let filesDir = '';
let routes: RouteEntry[];
let w: LeakWorld;
const SECOND: Record<string, string> = { version: '1' };
/**
 * Routes exempt from the object matrix (commission-run records: object-cases.ts OBJECT_EXEMPT) still
 * answer with the application's data: their ids, by path.
 */
const exemptIds = (url: string): string | undefined =>
  url.startsWith('/api/review/rounds/:id')
    ? w.roundId
    : url.startsWith('/api/review/tasks/:id')
      ? w.taskId
      : url.startsWith('/api/review/calls/:id')
        ? w.callId
        : undefined;

function concrete(url: string, id: string) {
  return url.replace(/:([A-Za-z]+)/g, (_m, name: string, offset: number) =>
    offset === url.indexOf(':') ? id : (SECOND[name] ?? 'x'),
  );
}

beforeAll(async () => {
  filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'leaks-'));
  env = await createTestEnv({ filesDir });
  env.setNow(DURING);
  routes = routeTable(env.app).filter(
    (r) => r.url.startsWith('/api/') && r.permission !== undefined && r.method === 'GET',
  );
  w = await plantLeakWorld(env);
  SECOND.applicationId = w.appId;
}, 240_000);
afterAll(async () => {
  await env?.close();
  if (filesDir) fs.rmSync(filesDir, { recursive: true, force: true });
});

describe('leak snapshots', () => {
  it('the applicant organisation sees its own planted values (the test can see them)', async () => {
    const res = await httpOf(env)(w.foreign.admin.cookie, 'GET', `/api/applications/${w.appId}`);
    expect(res.statusCode).toBe(200);
    expect(leaksIn(res.body, 'orgAdmin').sort()).toEqual([...APPLICANT_PLANTED].sort());
  });

  it('the objection keepers read the objector in clear, an auditor masked, the public not at all', async () => {
    const url = `/api/review/notices/${w.noticeId}`;
    const staffView = await httpOf(env)(w.cookies.get('programmeOfficeStaff')!, 'GET', url);
    expect(leaksIn(staffView.body, 'anonymous')).toEqual(['objectorPhone', 'objectorEmail']);
    const auditorView = await httpOf(env)(w.cookies.get('auditor')!, 'GET', url);
    expect(auditorView.statusCode).toBe(200);
    expect(auditorView.json().objections[0].contactPhone).toBe('135****3333');
    const publicView = await httpOf(env)(null, 'GET', `/api/public/notices/${w.noticeId}`);
    expect(publicView.statusCode).toBe(200);
    expect(publicView.body).not.toContain('公众异议人');
  });

  it("a blind round's expert reads no identity of the applicant; the applicant reads no expert's name", async () => {
    const http = httpOf(env);
    const expert = w.cookies.get('expert')!;
    const list = await http(expert, 'GET', '/api/review/tasks');
    const task = await http(expert, 'GET', `/api/review/tasks/${w.taskId}`);
    expect(task.statusCode, task.body).toBe(200);
    expect(list.json()).toHaveLength(1);
    const seen = `${list.body}\n${task.body}`;
    for (const v of [w.orgName, ...Object.values(IDENTITY), ...Object.values(PLANTED)])
      expect(seen).not.toContain(v);
    expect(task.json().document.project.summary).toContain(REDACTED);
    // and the expert is a name only staff see: not the applicant, on any of its own pages
    for (const cookie of [w.foreign.admin.cookie, w.foreign.lead.cookie])
      for (const url of [
        `/api/applications/${w.appId}`,
        '/api/applications',
        `/api/applications/${w.appId}/receipt`,
      ]) {
        const res = await http(cookie, 'GET', url);
        expect(res.statusCode, url).toBeLessThan(300);
        expect(res.body, url).not.toContain(EXPERT_NAME);
      }
  });

  it('no GET route answers a planted value in clear to anyone outside the organisation', async () => {
    const ids: Record<string, string> = {
      application: w.appId,
      org: w.foreign.orgId,
      user: w.foreign.lead.id,
      call: w.callId, // its screening list and Excel export hold the application
      notice: w.noticeId, // the public notice and staff's view of its objections
      achievement: w.achievementId, // the public and full views of the researcher's achievement
    };
    const leaks: string[] = [];
    let requests = 0;
    let called = 0;
    let readable = 0;
    const callers: Array<[Role | 'anonymous', string | undefined]> = [
      ...ROLE_NAMES.map((r) => [r, w.cookies.get(r)] as [Role, string]),
      ['anonymous', undefined],
    ];
    for (const r of routes) {
      const kind = OBJECT_ROUTES[`${r.method} ${r.url}`];
      let url = r.url;
      if (/:[A-Za-z]/.test(r.url)) {
        const id = (kind && ids[kind]) || exemptIds(r.url);
        if (!id) continue; // objects of other kinds hold no planted value
        url = concrete(r.url, id);
      }
      called++;
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
      `leak snapshots: ${requests} requests (${called} of ${routes.length} GET routes × ${callers.length} callers), ` +
        `${readable} answered 2xx (${documentsRead.xlsx} Excel workbooks, ${documentsRead.docx} Word documents read), ` +
        `${Object.keys(PLANTED).length} planted values, ${leaks.length} leaks`,
    );
    expect(documentsRead.xlsx, 'the screening export was read back').toBeGreaterThan(0);
    expect(documentsRead.docx, 'the 申报书 and 回执 were read back').toBeGreaterThan(0);
    expect(leaks).toEqual([]);
  }, 240_000);

  it('no e-mail or notification carries a planted value to anyone outside the organisation', async () => {
    const db = env.platform.ctx.db;
    const insiders = new Set(
      (
        await db.selectFrom('users').select(['id', 'email']).where('org_id', 'in', w.insiderOrgs).execute()
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
