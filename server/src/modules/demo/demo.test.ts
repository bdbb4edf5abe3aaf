import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../testing/harness.js';
import { sessionCookie } from '../../testing/factories.js';
import { verifyAuditChain } from '../../platform/audit.js';
import { ROLE_NAMES, ROLES } from '../../platform/roles.js';
import { validateUscc } from '../identity/index.js';
import { totpCode } from '../identity/index.js';
import { DEMO_ORGS, DEMO_RECORD_CONTACT, DEMO_USERS, syntheticUscc } from './demo.data.js';
import { seedDemo } from './demo.seed.js';
import { HISTORICAL_2022_PATH, HISTORICAL_2023_PATH } from '../applications/index.js';
import { loginAs } from '../../testing/factories.js';
import { formatShanghai } from '../calls/index.js';
import { isWorkingDay } from '../review/index.js';
import fs from 'node:fs';

/** The 2022 and 2023 calls imported for the demo bring their (example) applicant organisations along. */
const orgsOf = (file: string) =>
  (JSON.parse(fs.readFileSync(file, 'utf8')) as { orgs: unknown[] }).orgs.length;
const HISTORICAL_ORGS = orgsOf(HISTORICAL_2022_PATH) + orgsOf(HISTORICAL_2023_PATH);

describe('demo data', () => {
  it('has a valid, unique synthetic USCC for every organisation, marked as synthetic', () => {
    for (const o of DEMO_ORGS) {
      expect(validateUscc(o.uscc), o.name).toEqual({ ok: true, value: o.uscc });
      expect(o.uscc.slice(2, 8)).toBe(o.division);
      expect(o.note).toContain('synthetic');
    }
    expect(new Set(DEMO_ORGS.map((o) => o.uscc)).size).toBe(DEMO_ORGS.length);
    expect(new Set(DEMO_ORGS.map((o) => o.name)).size).toBe(DEMO_ORGS.length);
    // deterministic: the same name always gives the same code
    expect(syntheticUscc('上海交通大学', 'university', '310112')).toBe(
      DEMO_ORGS.find((o) => o.key === 'sjtu')!.uscc,
    );
  });

  it('names the organisations of the seed 003 report and has one user per role in an existing org', () => {
    const names = DEMO_ORGS.map((o) => o.name);
    for (const n of [
      '上海市科学技术委员会',
      '上海市财政局',
      '上海交通大学',
      '复旦大学',
      '上海理工大学',
      '上海市瑞金医院',
      '上海市第六人民医院',
      '上海市第十人民医院',
      '上海市农业科学院',
      '上海计算机软件技术开发中心',
      '上海技术交易所',
    ]) {
      expect(names).toContain(n);
    }
    expect(DEMO_ORGS.filter((o) => o.type === 'districtOffice').length).toBeGreaterThanOrEqual(3);
    expect(DEMO_USERS.map((u) => u.role).sort()).toEqual([...ROLE_NAMES].sort());
    const keys = new Set(DEMO_ORGS.map((o) => o.key));
    for (const u of DEMO_USERS) expect(keys.has(u.orgKey), u.username).toBe(true);
  });
});

describe('seeding', { timeout: 120_000 }, () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv();
  }, 120_000);
  afterAll(() => env?.close());

  it('creates every organisation and user through the identity services, each with an audit record; twice changes nothing', async () => {
    const first = await seedDemo(env.platform.ctx);
    expect(first.orgs.created.length).toBe(DEMO_ORGS.length);
    // one user per role, and the admin of the 2022 record's last noticed applicant (told its award)
    expect(first.users.created).toEqual([...DEMO_USERS.map((u) => u.username), DEMO_RECORD_CONTACT.username]);
    const db = env.platform.ctx.db;
    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'object_id', 'actor_id', 'actor_label'])
      .execute();
    expect(audit.filter((a) => a.action === 'org.create').length).toBe(DEMO_ORGS.length + HISTORICAL_ORGS);
    expect(first.historical?.created).toBe(true);
    expect(audit.filter((a) => a.action === 'user.create').length).toBe(DEMO_USERS.length + 1);
    // the seed acts as itself, except in the review and projects demos, where it acts for the demo's
    // staff, finance and experts (a score is an expert's act, a payment finance's) — labelled as the
    // seed's; the notice demo's objection is lodged by a member of the public, signed in as nobody
    const lodged = audit.filter((a) => a.action === 'review.objection.lodge');
    expect(lodged).toMatchObject([{ actor_id: null, actor_label: null }]);
    const others = audit.filter((a) => a.actor_id !== 'system:demo-seed' && !lodged.includes(a));
    expect(new Set(others.map((a) => a.action.split('.')[0]))).toEqual(new Set(['review', 'projects']));
    for (const a of others) expect(a.actor_label).toContain('演示数据初始化');
    // the notice demo: the 2022 call's six screened applications not awarded in the record, published
    expect(first.notice).toMatchObject({ created: true, entries: 6 });
    const notices = await db.selectFrom('review_notices').select(['call_id', 'status']).execute();
    expect(notices).toEqual([{ call_id: first.historical!.callId, status: 'published' }]);
    // the projects demo: four of the 2022 call's 11 projects awarded in the record at one stage each,
    // the first tranche of the last one paid; seven await their agreement
    expect(first.projects).toMatchObject({ agreements: 4, awaiting: 7 });
    expect(first.projects!.paidFen).toBeGreaterThan(0);
    const stages = await db.selectFrom('projects_agreements').select('status').orderBy('status').execute();
    expect(stages.map((x) => x.status)).toEqual(['confirmed', 'confirmed', 'draft', 'orgConfirmed']);
    // the paid one's organisation asks for an extension (seed 003 §二 C31), waiting for the staff
    expect(await db.selectFrom('projects_changes').select(['kind', 'status']).execute()).toEqual([
      { kind: 'extension', status: 'submitted' },
    ]);
    // the review demo: one round on the 2022 call, every screened application with 3 experts, half scored
    expect(first.review).toMatchObject({ created: true });
    expect(first.review!.submitted).toBeGreaterThan(10);
    const live = await db
      .selectFrom('review_assignments')
      .select(['application_id'])
      .where('round_id', '=', first.review!.roundId)
      .where('status', 'in', ['assigned', 'accepted', 'submitted'])
      .execute();
    expect(live.length).toBe(17 * 3);

    const second = await seedDemo(env.platform.ctx);
    expect(second.orgs.created).toEqual([]);
    expect(second.users.created).toEqual([]);
    expect(second.orgs.existing.length).toBe(DEMO_ORGS.length);
    expect(first.market?.achievements).toBeGreaterThan(0);
    expect(second.market).toBeUndefined();
    // the demo registry of ongoing projects, imported once (guide 2023 §二.7)
    expect(first.ongoingProjects).toEqual({ created: 5, existing: false });
    expect(second.ongoingProjects).toEqual({ created: 0, existing: true });
    expect(second.projects).toMatchObject({ agreements: 4, awaiting: 7, paidFen: 0 });
    const count = async (t: 'orgs' | 'users' | 'audit_log') =>
      Number(
        (await db
          .selectFrom(t)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirst())!.n,
      );
    expect(await count('orgs')).toBe(DEMO_ORGS.length + HISTORICAL_ORGS);
    expect(second.historical?.created).toBe(false);
    expect(second.review).toMatchObject({ created: false, roundId: first.review!.roundId });
    expect(second.notice).toMatchObject({ created: false, noticeId: first.notice!.noticeId });
    expect(second.twoRounds).toMatchObject({ created: false, panelRoundId: first.twoRounds!.panelRoundId });
    // the expert pool's twelve demo experts are accounts too (seeded once)
    expect(first.experts).toEqual({ created: 12, existing: 0 });
    expect(second.experts).toEqual({ created: 0, existing: 12 });
    expect(await count('users')).toBe(DEMO_USERS.length + 1 + first.experts!.created);
    expect(await count('audit_log')).toBe(audit.length);
    expect((await verifyAuditChain(db)).problems).toEqual([]);

    const users = await db
      .selectFrom('users')
      .innerJoin('orgs', 'orgs.id', 'users.org_id')
      .select(['username', 'roles', 'orgs.name as org', 'totp_enabled'])
      .execute();
    for (const u of DEMO_USERS) {
      const row = users.find((x) => x.username === u.username)!;
      expect(row.roles).toEqual([u.role]);
      expect(row.org).toBe(DEMO_ORGS.find((o) => o.key === u.orgKey)!.name);
      expect(row.totp_enabled).toBe(false); // staff enrol TOTP at their first sign-in
    }
    const contact = users.find((x) => x.username === DEMO_RECORD_CONTACT.username)!;
    expect(contact).toMatchObject({
      roles: ['orgAdmin'],
      org: expect.stringMatching(/^示例申报单位（2022）/),
    });
  });

  it('lets a demo user sign in with the printed password; a staff role is asked to enrol TOTP first', async () => {
    const lead = DEMO_USERS.find((u) => u.role === 'projectLead')!;
    const r1 = await env.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: lead.username, password: lead.password },
    });
    expect(r1.statusCode).toBe(200);
    expect(r1.json().mfa).toBe('none');

    const admin = DEMO_USERS.find((u) => u.role === 'systemAdmin')!;
    expect(ROLES[admin.role].mfa).toBe(true);
    const r2 = await env.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: admin.username, password: admin.password },
    });
    expect(r2.statusCode).toBe(200);
    expect(r2.json().mfa).toBe('enrol');
    const cookie = sessionCookie(r2);
    const e = await env.app.inject({ method: 'POST', url: '/api/auth/totp/enrol', headers: { cookie } });
    expect(e.json().qrDataUrl).toMatch(/^data:image\/png;base64,/);
    const a = await env.app.inject({
      method: 'POST',
      url: '/api/auth/totp/activate',
      headers: { cookie },
      payload: { code: totpCode(e.json().secret, new Date()) },
    });
    expect(a.statusCode).toBe(200);
    const orgs = await env.app.inject({ method: 'GET', url: '/api/orgs?pageSize=100', headers: { cookie } });
    expect(orgs.statusCode).toBe(200);
    expect(orgs.json().total).toBe(DEMO_ORGS.length + HISTORICAL_ORGS);
  });

  it('shows a two-round call (seed 003 表1-8: 2023 第一轮通讯评审、第二轮见面会评审): round 1 closed, the panel sitting, a final ranking', async () => {
    const db = env.platform.ctx.db;
    const first = await seedDemo(env.platform.ctx); // seeded by the test above: found, not made again
    const t = first.twoRounds!;
    expect(t.created).toBe(false);
    const rounds = await db
      .selectFrom('review_rounds')
      .select(['id', 'round_no', 'kind', 'status'])
      .where('call_id', '=', t.callId)
      .orderBy('round_no')
      .execute();
    expect(rounds).toMatchObject([
      { round_no: 1, kind: 'remoteReview', status: 'closed' },
      { round_no: 2, kind: 'panelReview', status: 'open' },
    ]);
    // round 1: the 59 applications that passed screening (§一.6(3)), two experts each, every sheet in
    const r1 = await db
      .selectFrom('review_assignments')
      .select(['status'])
      .where('round_id', '=', rounds[0]!.id)
      .execute();
    expect(r1.length).toBe(59 * 2);
    expect(new Set(r1.map((a) => a.status))).toEqual(new Set(['submitted']));

    const office = await loginAs(env, ['commissionStaff']);
    const get = async (url: string) => {
      const res = await env.app.inject({ method: 'GET', url, headers: { cookie: office } });
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    const list = await get(`/api/review/rounds/${rounds[1]!.id}/sessions`);
    // one session for topic 1's shortlist (directions 1–3: 9 + 2 + 2), notified; topic 2's 24 left to schedule
    expect(list.sessions).toHaveLength(1);
    const s = list.sessions[0];
    expect(s).toMatchObject({ status: 'notified', slotMinutes: 20, actions: ['notify', 'minutes'] });
    expect(s.slots).toHaveLength(13);
    expect(list.unscheduled).toHaveLength(24);
    expect(formatShanghai(s.startsAt, 'HH:mm')).toBe('09:00');
    expect(isWorkingDay(formatShanghai(s.startsAt, 'YYYY-MM-DD'))).toBe(true);
    expect(s.members.length).toBeGreaterThanOrEqual(2);

    const rank = await get(`/api/review/calls/${t.callId}/final-ranking`);
    expect(rank).toMatchObject({ reviewMode: 'twoRounds', complete: false });
    expect(rank.items).toHaveLength(13);
    for (const i of rank.items) {
      expect(i.panelScore).toBeGreaterThan(0);
      expect(i.panelDecision).toBeNull(); // the minutes are left for the user
    }
  });
});
