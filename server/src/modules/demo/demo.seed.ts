import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/roles.js';
import { callerFor, type Caller } from '../../platform/caller.js';
import { createOrg, listOrgsFor } from '../identity/index.js';
import { createUserFor, listUsersFor } from '../identity/index.js';
import { marketDemoSeeded, seedMarketDemo } from '../market/index.js';
import { seedProgrammeDemo } from '../calls/index.js';
import { reviewPool, seedDemoAccountInPool, seedExpertPoolDemo } from '../experts/index.js';
import { seedNoticeDemo, seedPanelDemo, seedReviewDemo } from '../review/index.js';
import { seedOngoingDemo } from '../applications/index.js';
import { seedProjectsDemo } from '../projects/index.js';
import {
  HISTORICAL_2022_PATH,
  reviewCandidates,
  seedHistorical2023Demo,
  seedHistoricalDemo,
} from '../applications/index.js';
import fs from 'node:fs';
import { DEMO_ORGS, DEMO_RECORD_CONTACT, DEMO_USERS } from './demo.data.js';

/**
 * The actor the seeding acts as: the command line, with system-admin rights. Every organisation
 * and user goes through the identity services, so each gets its audit record naming this actor.
 */
export function seedActor(now: Date): Actor {
  return {
    userId: 'system:demo-seed',
    orgId: '',
    name: '演示数据初始化（命令行） / demo seed (CLI)',
    roles: ['systemAdmin'],
    sessionId: 'cli',
    mfaVerified: true,
    authenticatedAt: now,
  };
}

export interface SeedResult {
  orgs: { created: string[]; existing: string[] };
  users: { created: string[]; existing: string[] };
  market?: { source: string; achievements: number; needs: number };
  programme?: { callId: string; created: boolean };
  ongoingProjects?: { created: number; existing: boolean };
  historical?: { callId: string; created: boolean };
  experts?: { created: number; existing: number };
  review?: { roundId: string; created: boolean; submitted: number };
  notice?: { noticeId: string; created: boolean; entries: number };
  projects?: { agreements: number; awaiting: number; paidFen: number };
  twoRounds?: {
    callId: string;
    panelRoundId: string;
    sessionId: string | null;
    created: boolean;
    submitted: number;
  };
}

/**
 * The demo notice's list: the 2022 call's applications that passed screening and are not awarded in
 * the record (seed 003 表 1-8: 17 passed, 11 awarded at the import), in the record's order — the six
 * the award can still move, one per direction's remaining places (table 1-9's caps hold).
 */
async function noticeDemoList(ctx: AppContext, callId: string): Promise<string[]> {
  const record = JSON.parse(fs.readFileSync(HISTORICAL_2022_PATH, 'utf8')) as {
    applications: { projectTitle: string; screening: string; awarded: boolean }[];
  };
  const byTitle = new Map(
    (await reviewCandidates(ctx, callId)).map((c) => [c.projectTitle, c.applicationId]),
  );
  return record.applications
    .filter((a) => a.screening === 'pass' && !a.awarded)
    .flatMap((a) => byTitle.get(a.projectTitle) ?? []);
}

async function allOrgs(ctx: AppContext, caller: Caller) {
  const out: Array<{ id: string; uscc: string; name: string }> = [];
  for (let page = 1; ; page++) {
    const r = await listOrgsFor(ctx, caller, { page, pageSize: 200 });
    out.push(...r.items);
    if (out.length >= r.total || r.items.length === 0) return out;
  }
}

async function seedRecordContact(ctx: AppContext, caller: Caller, orgId: string, result: SeedResult) {
  const u = DEMO_RECORD_CONTACT;
  const found = await listUsersFor(ctx, caller, { q: u.username, page: 1, pageSize: 50 });
  if (found.items.some((x) => x.username === u.username)) return void result.users.existing.push(u.username);
  await createUserFor(
    ctx,
    caller,
    { username: u.username, name: u.name, email: u.email, orgId, roles: [u.role], password: u.password },
    { mustChangePassword: false },
  );
  result.users.created.push(u.username);
}

/** Loads the demo organisations and one user per role. Idempotent: what exists is left as it is. */
export async function seedDemo(
  ctx: AppContext,
  onProgress?: (done: number, total: number, label: string) => void,
  opts: { log?: (m: string) => void } = {},
): Promise<SeedResult> {
  const actor = seedActor(ctx.now());
  const caller = callerFor(ctx, actor);
  const result: SeedResult = { orgs: { created: [], existing: [] }, users: { created: [], existing: [] } };
  const total = DEMO_ORGS.length + DEMO_USERS.length;
  let done = 0;

  const byUscc = new Map((await allOrgs(ctx, caller)).map((o) => [o.uscc, o.id]));
  const idOf = new Map<string, string>();
  for (const o of DEMO_ORGS) {
    let id = byUscc.get(o.uscc);
    if (id) result.orgs.existing.push(o.name);
    else {
      id = (await createOrg(ctx, caller, { name: o.name, type: o.type, uscc: o.uscc, region: o.region })).id;
      result.orgs.created.push(o.name);
    }
    idOf.set(o.key, id);
    onProgress?.(++done, total, o.name);
  }

  for (const u of DEMO_USERS) {
    const found = await listUsersFor(ctx, caller, { q: u.username, page: 1, pageSize: 50 });
    if (found.items.some((x) => x.username.toLowerCase() === u.username.toLowerCase())) {
      result.users.existing.push(u.username);
    } else {
      await createUserFor(
        ctx,
        caller,
        {
          username: u.username,
          name: u.name,
          email: u.email,
          orgId: idOf.get(u.orgKey)!,
          roles: [u.role],
          password: u.password,
          ...(u.idNumber ? { idNumber: u.idNumber } : {}),
        },
        // demo credentials are published in the README; they are meant to stay as they are
        { mustChangePassword: false },
      );
      result.users.created.push(u.username);
    }
    onProgress?.(++done, total, u.username);
  }

  // The expert pool (专家库): twelve fictitious Shanghai experts in the 2023 guide's directions.
  result.experts = await seedExpertPoolDemo(ctx, caller, { homeOrgId: idOf.get('programmeOffice')! });

  // Programme I: the 2023 guide (沪科指南〔2023〕21号) as a published call, its window moved to now.
  result.programme = await seedProgrammeDemo(ctx, {
    actor: { ...actor, roles: ['commissionStaff', 'systemAdmin'] },
  });

  // The commission's registry of ongoing projects (synthetic rows), read by guide 2023 §二.7's rule.
  const usccOf = (key: string) => DEMO_ORGS.find((o) => o.key === key)!.uscc;
  result.ongoingProjects = await seedOngoingDemo(
    ctx,
    { ...actor, roles: ['commissionStaff'] },
    {
      lead: {
        name: '孙负责（演示）',
        idNumber: DEMO_USERS.find((u) => u.username === 'demo.lead')!.idNumber!,
      },
      leadOrg: { name: '上海交通大学', uscc: usccOf('sjtu') },
      otherOrg: { name: '复旦大学', uscc: usccOf('fudan') },
    },
  );
  // Programme I, for the record: the 2022 call of seed 003 imported with its applications and outcomes.
  result.historical = await seedHistoricalDemo(ctx, { ...actor, roles: ['commissionStaff', 'systemAdmin'] });

  // Programme II: a remote review round (通讯评审) on the 2022 call's 17 screened applications, opened,
  // about half of the sheets submitted; 周专家 (demo.expert) joins the pool and has tasks to score.
  const userIdOf = async (username: string) =>
    (await listUsersFor(ctx, caller, { q: username, page: 1, pageSize: 50 })).items.find(
      (x) => x.username === username,
    )!;
  const demoExpert = await userIdOf('demo.expert');
  await seedDemoAccountInPool(ctx, caller, {
    userId: demoExpert.id,
    orgName: '同济大学',
    orgId: idOf.get('tongji')!,
    fields: ['技术转移', '专业化技术转移示范机构'],
    keywords: ['技术转移示范机构', '技术经纪', '成果评估'],
    bio: '从事高校技术转移机构建设与评估（演示）',
  });
  const staffUser = await userIdOf('demo.commission');
  const as = (userId: string, name: string, roles: Actor['roles'], orgId: string): Caller =>
    callerFor(ctx, {
      ...actor,
      userId,
      name: `${name}（演示数据初始化）`,
      roles,
      orgId,
      sessionId: 'demo-seed',
    });
  const experts = new Map(
    (await reviewPool(ctx.db))
      .filter((e) => e.userId !== demoExpert.id)
      .map((e) => [e.userId, as(e.userId, e.name, ['expert'], e.orgId ?? '')]),
  );
  result.review = await seedReviewDemo(
    ctx,
    as(staffUser.id, staffUser.name, ['commissionStaff'], idOf.get('commission')!),
    { callId: result.historical.callId, expertCallers: experts },
  );

  // Programme II, two rounds: the 2023 call (example applicants, 59 screened) through round 1 (closed,
  // every sheet submitted) to the panel round with a notified session (review/panel.demo.ts).
  const call2023 = await seedHistorical2023Demo(ctx, { ...actor, roles: ['commissionStaff', 'systemAdmin'] });
  const panel = await seedPanelDemo(
    ctx,
    as(staffUser.id, staffUser.name, ['commissionStaff'], idOf.get('commission')!),
    {
      callId: call2023.callId,
      expertCallers: new Map([
        ...experts,
        [demoExpert.id, as(demoExpert.id, demoExpert.name, ['expert'], idOf.get('tongji')!)],
      ]),
    },
  );
  result.twoRounds = { callId: call2023.callId, ...panel };

  // The public notice (公示) of the 2022 call's proposed awards, open today, with one objection from
  // the public (review/notice.demo.ts); the call keeps its notice on a second run.
  const ranked = await noticeDemoList(ctx, result.historical.callId);
  result.notice = {
    ...(await seedNoticeDemo(ctx, result.historical.callId, ranked)),
    entries: ranked.length,
  };
  // the admin of the last listed applicant, who receives its award notice by mail
  const lastOrg = (await reviewCandidates(ctx, result.historical.callId)).find(
    (c) => c.applicationId === ranked[ranked.length - 1],
  )?.orgId;
  if (lastOrg) await seedRecordContact(ctx, caller, lastOrg, result);

  // Programme III: agreements (任务书) and the first tranche of the 2022 call's projects awarded in its
  // record, one at each stage (server/src/modules/projects/projects.demo.ts).
  const officeUser = await userIdOf('demo.office');
  const financeUser = await userIdOf('demo.finance');
  result.projects = await seedProjectsDemo(ctx, result.historical.callId, new Set(ranked), {
    staff: as(staffUser.id, staffUser.name, ['commissionStaff'], idOf.get('commission')!),
    office: as(officeUser.id, officeUser.name, ['programmeOfficeStaff'], idOf.get('programmeOffice')!),
    finance: as(financeUser.id, financeUser.name, ['finance'], idOf.get('finance')!),
    orgAdminOf: (orgId) => callerFor(ctx, { ...actor, roles: ['orgAdmin'], orgId, sessionId: 'demo-seed' }),
  });

  // The technology market: public patent abstracts as achievements of the research organisations,
  // and enterprise needs (server/src/modules/market/market.demo.ts).
  if (!(await marketDemoSeeded(ctx))) {
    const orgs = DEMO_ORGS.map((o) => ({ ...o, id: idOf.get(o.key)! }));
    const research = orgs.filter((o) => ['university', 'researchInstitute', 'hospital'].includes(o.type));
    const enterprises = orgs.filter((o) => o.type === 'enterprise');
    const m = await seedMarketDemo(ctx, {
      institutionIds: research.map((o) => o.id),
      enterpriseIds: enterprises.map((o) => o.id),
      userId: null,
      actor: { id: actor.userId, label: actor.name },
      log: opts.log,
    });
    result.market = { source: m.source, achievements: m.achievements, needs: m.needs };
  }
  return result;
}
