import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../testing/harness.js';
import { loginAs } from '../../testing/factories.js';
import { actorIn, call, marketCast } from './market.test-helpers.js';
import { shanghaiDate } from '../../../../shared/time.js';
import { challengeAccepts } from './challenge.rules.js';

let env: TestEnv;
let cast: Awaited<ReturnType<typeof marketCast>>;

beforeAll(async () => {
  env = await createTestEnv();
  cast = await marketCast(env);
});
afterAll(async () => env?.close());

describe('challenge (揭榜挂帅 / 创新挑战赛)', () => {
  let staff: string;
  let needId: string;
  let cid: string;
  let s1: Awaited<ReturnType<typeof call>>;
  let s2: Awaited<ReturnType<typeof call>>;
  let expert: Awaited<ReturnType<typeof actorIn>>;
  let outsider: Awaited<ReturnType<typeof actorIn>>;

  it('a challenge takes only published needs and well-ordered dates; only staff create one; a draft is not public', async () => {
    staff = await loginAs(env, ['programmeOfficeStaff']);
    const need = await call(env, cast.enterprise.cookie, 'POST', '/api/market/needs', {
      title: '人形机器人灵巧手力控',
      problem:
        '人形机器人灵巧手在抓取易碎物体时力控精度不足，需要高带宽力矩传感与柔顺控制算法，整手重量不超过1公斤。',
      indicators: ['指尖力控精度≤0.1N'],
      keywords: ['人形机器人', '灵巧手'],
      field: '高端装备',
      budgetMaxFen: 400_000_000,
      deadline: '2026-12-31',
    });
    needId = need.json().id;
    const unpublished = await call(env, staff, 'POST', '/api/market/challenges', {
      title: '2025长三角创新挑战赛（机器人专场）',
      opensAt: '2025-08-01T00:00:00+08:00',
      closesAt: '2025-09-01T00:00:00+08:00',
      needIds: [needId],
    });
    expect(unpublished.statusCode).toBe(400);
    expect(unpublished.json().errors[0]).toMatchObject({ field: 'needIds.0', code: 'not_published' });
    await call(env, cast.enterprise.cookie, 'POST', `/api/market/needs/${needId}/publish`, {});

    const badDates = await call(env, staff, 'POST', '/api/market/challenges', {
      title: '日期错误的挑战赛',
      opensAt: '2025-09-01T00:00:00+08:00',
      closesAt: '2025-08-01T00:00:00+08:00',
    });
    expect(badDates.json().errors[0].field).toBe('closesAt');
    const nope = await call(env, cast.enterprise.cookie, 'POST', '/api/market/challenges', { title: 'x' });
    expect(nope.statusCode).toBe(403);

    const created = await call(env, staff, 'POST', '/api/market/challenges', {
      title: '2025长三角创新挑战赛（机器人专场）',
      kind: 'challenge',
      opensAt: '2025-08-01T00:00:00+08:00',
      closesAt: '2025-09-01T00:00:00+08:00',
      rounds: 2,
      needIds: [needId],
    });
    expect(created.statusCode).toBe(201);
    cid = created.json().id;
    expect((await call(env, null, 'GET', `/api/market/challenges/${cid}`)).statusCode).toBe(404); // draft
  });

  it('a date-only window (2027-01-31) is a Shanghai calendar day: shown as 2027-01-31, open until its last instant', async () => {
    const res = await call(env, staff, 'POST', '/api/market/challenges', {
      title: '日期只填到天的挑战赛',
      opensAt: '2027-01-01',
      closesAt: '2027-01-31',
    });
    expect(res.statusCode).toBe(201);
    const c = res.json() as { opensAt: string; closesAt: string };
    expect(shanghaiDate(c.opensAt)).toBe('2027-01-01');
    expect(shanghaiDate(c.closesAt)).toBe('2027-01-31');
    const w = { status: 'open' as const, opensAt: new Date(c.opensAt), closesAt: new Date(c.closesAt) };
    expect(challengeAccepts(w, new Date('2027-01-01T00:00:00+08:00')).allowed).toBe(true);
    expect(challengeAccepts(w, new Date('2027-01-31T23:59:59+08:00')).allowed).toBe(true);
    expect(challengeAccepts(w, new Date('2027-02-01T00:00:00+08:00')).allowed).toBe(false);
    expect(challengeAccepts(w, new Date('2026-12-31T23:59:59+08:00')).allowed).toBe(false);
  });

  it('solutions are accepted only while the challenge is open, each in the current round', async () => {
    env.setNow(new Date('2025-08-10T10:00:00+08:00'));
    const tooSoon = await call(env, cast.researcher.cookie, 'POST', `/api/market/needs/${needId}/solutions`, {
      title: '基于柔性触觉传感的灵巧手方案',
      summary: '采用柔性触觉阵列与阻抗控制，指尖力控精度0.05N，整手重量0.9公斤。',
    });
    expect(tooSoon.statusCode).toBe(409);
    await call(env, staff, 'POST', `/api/market/challenges/${cid}/open`, {});
    s1 = await call(env, cast.researcher.cookie, 'POST', `/api/market/needs/${needId}/solutions`, {
      title: '基于柔性触觉传感的灵巧手方案',
      summary: '采用柔性触觉阵列与阻抗控制，指尖力控精度0.05N，整手重量0.9公斤。',
    });
    expect(s1.statusCode).toBe(201);
    expect(s1.json().round).toBe(1);
    s2 = await call(env, cast.enterprise2.cookie, 'POST', `/api/market/needs/${needId}/solutions`, {
      title: '谐波减速器驱动的灵巧手',
      summary: '以微型谐波减速器驱动手指关节，配合电流环力估计，力控精度0.2N。',
    });
  });

  it('only assigned experts score, only during screening; the sheet ranks by mean score', async () => {
    expert = await actorIn(env, cast.uni.id, ['expert']);
    outsider = await actorIn(env, cast.uni.id, ['expert']);
    expect(
      (
        await call(env, staff, 'POST', `/api/market/challenges/${cid}/experts`, {
          userIds: [cast.researcher.id],
        })
      ).json().errors[0].code,
    ).toBe('not_expert');
    await call(env, staff, 'POST', `/api/market/challenges/${cid}/experts`, { userIds: [expert.id] });
    const early = await call(env, expert.cookie, 'POST', `/api/market/challenges/${cid}/scores`, {
      solutionId: s1.json().id,
      score: 90,
    });
    expect(early.statusCode).toBe(409);
    await call(env, staff, 'POST', `/api/market/challenges/${cid}/startScreening`, {});
    expect(
      (
        await call(env, outsider.cookie, 'POST', `/api/market/challenges/${cid}/scores`, {
          solutionId: s1.json().id,
          score: 90,
        })
      ).statusCode,
    ).toBe(403);
    await call(env, expert.cookie, 'POST', `/api/market/challenges/${cid}/scores`, {
      solutionId: s1.json().id,
      score: 88,
    });
    const sheet = await call(env, expert.cookie, 'POST', `/api/market/challenges/${cid}/scores`, {
      solutionId: s2.json().id,
      score: 61,
    });
    expect(
      sheet.json().rows.map((r: { solutionId: string; meanScore: number }) => [r.solutionId, r.meanScore]),
    ).toEqual([
      [s1.json().id, 88],
      [s2.json().id, 61],
    ]);
  });

  it('an expert reads the solutions of the challenge they screen; another expert does not', async () => {
    // the expert may read the solutions of the challenge they screen
    expect((await call(env, expert.cookie, 'GET', `/api/market/solutions/${s2.json().id}`)).statusCode).toBe(
      200,
    );
    expect(
      (await call(env, outsider.cookie, 'GET', `/api/market/solutions/${s2.json().id}`)).statusCode,
    ).toBe(404);
  });

  it('a next round carries the promoted solutions, up to the number of rounds', async () => {
    const r2 = await call(env, staff, 'POST', `/api/market/challenges/${cid}/nextRound`, {
      promote: [s1.json().id],
    });
    expect(r2.json()).toMatchObject({ status: 'open', currentRound: 2 });
    await call(env, staff, 'POST', `/api/market/challenges/${cid}/startScreening`, {});
    const last = await call(env, staff, 'POST', `/api/market/challenges/${cid}/nextRound`, { promote: [] });
    expect(last.statusCode).toBe(409);
    const round2 = await call(env, staff, 'GET', `/api/market/challenges/${cid}/screening`);
    expect(round2.json().rows.map((r: { solutionId: string }) => r.solutionId)).toEqual([s1.json().id]);
  });

  it('winners are named once judging closes and shown publicly once results are published', async () => {
    expect(
      (
        await call(env, staff, 'POST', `/api/market/challenges/${cid}/winners`, {
          winners: [{ solutionId: s1.json().id, rank: 1 }],
        })
      ).statusCode,
    ).toBe(409);
    await call(env, staff, 'POST', `/api/market/challenges/${cid}/close`, {});
    await call(env, staff, 'POST', `/api/market/challenges/${cid}/winners`, {
      winners: [{ solutionId: s1.json().id, rank: 1, award: '一等奖' }],
    });
    const hidden = await call(env, null, 'GET', `/api/market/challenges/${cid}`);
    expect(hidden.json().winners).toEqual([]);
    await call(env, staff, 'POST', `/api/market/challenges/${cid}/publishResults`, {
      resultNote: '经专家两轮初筛，评出一等奖1项。',
    });
    const page = await call(env, null, 'GET', `/api/market/challenges/${cid}`);
    expect(page.json()).toMatchObject({
      status: 'resultsPublished',
      resultNote: '经专家两轮初筛，评出一等奖1项。',
    });
    expect(page.json().winners).toEqual([
      expect.objectContaining({
        rank: 1,
        award: '一等奖',
        solutionTitle: '基于柔性触觉传感的灵巧手方案',
        solverName: '上海测试大学',
        needTitle: '人形机器人灵巧手力控',
      }),
    ]);
  });

  it('no solution is accepted after the results', async () => {
    const closed = await call(env, cast.enterprise2.cookie, 'POST', `/api/market/needs/${needId}/solutions`, {
      title: '迟到的方案',
      summary: '结果公布后提交的方案不应被接受，摘要长度足够二十个字。',
    });
    expect(closed.statusCode).toBe(409);
  });
});
