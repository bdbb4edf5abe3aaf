import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../testing/harness.js';
import { actorIn, call, marketCast } from './market.test-helpers.js';
import { isMeaningfulTerm } from '../matching/index.js';

let env: TestEnv;
let cast: Awaited<ReturnType<typeof marketCast>>;

const need = {
  title: '晶圆缺陷自动检测设备',
  problem:
    '我司12英寸晶圆产线的表面缺陷检测依赖人工目检，每片耗时约6分钟，漏检率约3%。希望引入基于机器视觉和深度学习的缺陷检测设备，接入现有MES系统，在洁净室环境下连续运行。',
  indicators: ['检出率≥99.5%', '单片检测时间≤30秒'],
  keywords: ['缺陷检测', '机器视觉', '晶圆'],
  field: '集成电路',
  budgetMinFen: 200_000_000,
  budgetMaxFen: 500_000_000,
  deadline: '2026-06-30',
};

async function publishAchievement(cookie: string, reviewer: string, a: Record<string, unknown>) {
  const res = await call(env, cookie, 'POST', '/api/market/achievements', {
    organisations: [],
    ownership: 'unitOwned',
    transferModes: ['licence'],
    ...a,
  });
  expect(res.statusCode).toBe(201);
  const id = res.json().id as string;
  await call(env, cookie, 'POST', `/api/market/achievements/${id}/submit`, {});
  const p = await call(env, reviewer, 'POST', `/api/market/achievements/${id}/publish`, {});
  expect(p.json().status).toBe('published');
  return id;
}

let chipId = '';
let drugId = '';
let needId = '';

beforeAll(async () => {
  env = await createTestEnv();
  cast = await marketCast(env);
  const r = cast.researcher.cookie;
  const o = cast.transferOffice.cookie;
  chipId = await publishAchievement(r, o, {
    title: '基于深度学习的晶圆表面缺陷检测系统',
    abstract:
      '本成果利用深度学习与机器视觉对晶圆表面缺陷进行在线检测，检出率达到99.6%，单片检测时间20秒，可对接MES系统。',
    keywords: ['缺陷检测', '深度学习', '机器视觉'],
    field: '集成电路',
    trl: 6,
    ipItems: [{ type: 'softwareCopyright', number: '2021SR000009' }],
    transferModes: ['licence', 'equityInvestment'],
  });
  drugId = await publishAchievement(r, o, {
    title: '一种抗体偶联药物的制备方法',
    abstract: '本成果公开一种抗体偶联药物的制备方法，通过定点偶联提高药物抗体比的均一性，降低聚集体比例。',
    keywords: ['抗体偶联药物', '定点偶联'],
    field: '生物医药',
    trl: 4,
    ipItems: [{ type: 'patent', number: 'ZL202110000002.2' }],
    transferModes: ['assignment'],
  });
});
afterAll(async () => env?.close());

describe('search', () => {
  it('finds published achievements with highlights and matched terms, publicly', async () => {
    const res = await call(
      env,
      null,
      'GET',
      `/api/market/search?q=${encodeURIComponent('晶圆缺陷检测')}&type=achievement`,
    );
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r.hits[0].id).toBe(chipId);
    expect(r.hits[0].matchedTerms).toEqual(expect.arrayContaining(['缺陷', '检测']));
    expect(r.hits[0].highlights.title).toContain('<mark>');
    expect(r.hits.map((h: { id: string }) => h.id)).not.toContain(drugId);
  });

  it('filters by field, TRL range, transfer mode and IP type', async () => {
    const q = encodeURIComponent('检测 偶联 药物 晶圆');
    const ids = async (extra: string) =>
      (await call(env, null, 'GET', `/api/market/search?q=${q}&type=achievement${extra}`))
        .json()
        .hits.map((h: { id: string }) => h.id);
    expect(await ids('')).toEqual(expect.arrayContaining([chipId, drugId]));
    expect(await ids(`&field=${encodeURIComponent('生物医药')}`)).toEqual([drugId]);
    expect(await ids('&trlMin=5&trlMax=9')).toEqual([chipId]);
    expect(await ids('&transferMode=assignment')).toEqual([drugId]);
    expect(await ids('&ipType=softwareCopyright')).toEqual([chipId]);
    const bad = await call(env, null, 'GET', `/api/market/search?q=${q}&trlMin=7&trlMax=3`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toContain('trlMax');
  });

  it('suggests titles despite a typo', async () => {
    const res = await call(
      env,
      null,
      'GET',
      `/api/market/suggest?title=${encodeURIComponent('一种抗休偶联药物')}`,
    );
    expect(res.json().items[0]).toMatchObject({ id: drugId, type: 'achievement' });
  });
});

describe('needs, matching, solutions and the funnel', () => {
  it('an enterprise publishes a need; its quality is checked', async () => {
    const res = await call(env, cast.enterprise.cookie, 'POST', '/api/market/needs', need);
    expect(res.statusCode).toBe(201);
    needId = res.json().id;
    expect(res.json().quality).toMatchObject({ score: 100, needsRefinement: false });
    const pub = await call(env, cast.enterprise.cookie, 'POST', `/api/market/needs/${needId}/publish`, {});
    expect(pub.json().status).toBe('published');
  });

  it('a vague need is flagged; a tech manager refines it (audited) and the score rises', async () => {
    const vague = await call(env, cast.enterprise2.cookie, 'POST', '/api/market/needs', {
      title: '寻求生物医药相关技术',
      problem: '需要若干相关技术等',
      field: '生物医药',
    });
    const v = vague.json();
    expect(v.quality.needsRefinement).toBe(true);
    expect(v.quality.issues.map((i: { code: string }) => i.code)).toEqual(
      expect.arrayContaining(['problemTooShort', 'noIndicator', 'budgetMissing', 'vagueWords']),
    );
    await call(env, cast.enterprise2.cookie, 'POST', `/api/market/needs/${v.id}/publish`, {});
    const flagged = await call(env, cast.broker.cookie, 'GET', '/api/market/needs/mine?flagged=true');
    expect(flagged.json().items.map((n: { id: string }) => n.id)).toContain(v.id);
    const denied = await call(env, cast.enterprise.cookie, 'POST', `/api/market/needs/${v.id}/refine`, {
      version: 2,
      note: '试图修改',
    });
    expect(denied.statusCode).toBe(403);
    const full = await call(env, cast.broker.cookie, 'GET', `/api/market/needs/${v.id}/full`);
    const refined = await call(env, cast.broker.cookie, 'POST', `/api/market/needs/${v.id}/refine`, {
      version: full.json().version,
      note: '与企业电话沟通后补充场景与指标',
      problem:
        '企业现有抗体药物偶联工艺的药物抗体比分布宽，批间差异大，需要一种定点偶联工艺，在现有200升反应器上放大生产，并满足申报要求。',
      indicators: ['药物抗体比均一性≥90%', '聚集体≤2%'],
      keywords: ['抗体偶联药物', '定点偶联'],
    });
    expect(refined.statusCode).toBe(200);
    expect(refined.json().quality.score).toBeGreaterThan(v.quality.score);
    expect(refined.json().refinedBy).toBe(cast.broker.id);
    const audit = await env.platform.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('object_id', '=', v.id)
      .where('action', '=', 'market.need.refine')
      .executeTakeFirst();
    expect(audit?.detail).toMatchObject({ note: '与企业电话沟通后补充场景与指标' });
  });

  it('matches for a need: achievements, experts and institutions, each with matched terms', async () => {
    const expert = await actorIn(env, cast.uni.id, ['expert']);
    const prof = await call(env, expert.cookie, 'PUT', '/api/market/experts/me', {
      fields: ['集成电路'],
      keywords: ['机器视觉', '缺陷检测'],
      bio: '长期从事晶圆检测装备研究',
    });
    expect(prof.statusCode).toBe(200);
    const res = await call(env, cast.enterprise.cookie, 'GET', `/api/market/needs/${needId}/matches`);
    expect(res.statusCode).toBe(200);
    const m = res.json();
    expect(m.achievements[0].id).toBe(chipId);
    expect(m.achievements[0].matchedTerms).toEqual(expect.arrayContaining(['缺陷', '检测', '机器', '视觉']));
    expect(m.experts[0]).toMatchObject({ id: expert.id, fields: ['集成电路'] });
    expect(m.experts[0].matchedTerms.length).toBeGreaterThan(0);
    expect(m.institutions[0]).toMatchObject({ id: cast.uni.id, name: '上海测试大学' });
    const other = await call(env, cast.enterprise2.cookie, 'GET', `/api/market/needs/${needId}/matches`);
    expect(other.statusCode).toBe(404);
    const back = await call(env, null, 'GET', `/api/market/achievements/${chipId}/matches`);
    expect(back.json().needs[0]).toMatchObject({ id: needId });
    expect(back.json().needs[0].matchedTerms).toEqual(expect.arrayContaining(['缺陷', '检测']));
    // explained in words (issue 11): no single character, digit or stop-word; a level, the best is 高相关
    const lists = [m.achievements, m.solutions, m.experts, m.institutions, back.json().needs] as Array<
      Array<{ matchedTerms: string[]; relevance: string; relevanceLabel: { zh: string } }>
    >;
    for (const list of lists) {
      for (const h of list) {
        expect(h.matchedTerms.length).toBeGreaterThan(0);
        for (const t of h.matchedTerms) expect(isMeaningfulTerm(t), t).toBe(true);
        expect(['高相关', '中相关', '低相关']).toContain(h.relevanceLabel.zh);
      }
      if (list.length) expect(list[0].relevance).toBe('high');
    }
  });

  it('recommendations refresh when an achievement changes, and a withdrawn one leaves the index', async () => {
    const before = await call(env, cast.enterprise.cookie, 'GET', `/api/market/needs/${needId}/matches`);
    expect(before.json().achievements.map((a: { id: string }) => a.id)).not.toContain(drugId);
    // rewrite the drug achievement (withdraw → edit requires draft, so create a fresh one and publish)
    const o = cast.transferOffice.cookie;
    const res = await call(env, cast.researcher.cookie, 'POST', '/api/market/achievements', {
      title: '一种离子注入工艺参数优化方法',
      abstract: '本成果提出一种离子注入工艺参数的优化方法，用于提高掺杂均匀性。',
      keywords: ['离子注入'],
      field: '集成电路',
      trl: 3,
      ownership: 'unitOwned',
      transferModes: ['licence'],
    });
    const id = res.json().id;
    await call(env, cast.researcher.cookie, 'POST', `/api/market/achievements/${id}/submit`, {});
    await call(env, o, 'POST', `/api/market/achievements/${id}/return`, { reason: '摘要过短' });
    const full = await call(env, cast.researcher.cookie, 'GET', `/api/market/achievements/${id}/full`);
    await call(env, cast.researcher.cookie, 'PATCH', `/api/market/achievements/${id}`, {
      version: full.json().version,
      abstract: '本成果提出一种离子注入工艺参数的优化方法，提高掺杂均匀性。',
    });
    await call(env, cast.researcher.cookie, 'POST', `/api/market/achievements/${id}/submit`, {});
    await call(env, o, 'POST', `/api/market/achievements/${id}/publish`, {});
    const mid = await call(env, cast.enterprise.cookie, 'GET', `/api/market/needs/${needId}/matches`);
    expect(mid.json().achievements.map((a: { id: string }) => a.id)).not.toContain(id);
    // now the need's wording changes to ask for ion implantation: its matches change
    const n = await call(env, cast.enterprise.cookie, 'GET', `/api/market/needs/${needId}/full`);
    await call(env, cast.enterprise.cookie, 'PATCH', `/api/market/needs/${needId}`, {
      version: n.json().version,
      keywords: ['缺陷检测', '机器视觉', '晶圆', '离子注入'],
    });
    const after = await call(env, cast.enterprise.cookie, 'GET', `/api/market/needs/${needId}/matches`);
    expect(after.json().achievements.map((a: { id: string }) => a.id)).toContain(id);
    expect(after.json().indexVersion).toBeGreaterThan(before.json().indexVersion);
    // withdrawing from public view removes it from search and from matches
    await call(env, o, 'POST', `/api/market/achievements/${id}/withdraw`, {});
    const gone = await call(env, null, 'GET', `/api/market/search?q=${encodeURIComponent('离子注入')}`);
    expect(gone.json().hits.map((h: { id: string }) => h.id)).not.toContain(id);
    const after2 = await call(env, cast.enterprise.cookie, 'GET', `/api/market/needs/${needId}/matches`);
    expect(after2.json().achievements.map((a: { id: string }) => a.id)).not.toContain(id);
  });

  it('solutions are judged with reason codes the solver sees; then introduced, negotiated, signed', async () => {
    const s1 = await call(env, cast.researcher.cookie, 'POST', `/api/market/needs/${needId}/solutions`, {
      title: '深度学习晶圆缺陷在线检测方案',
      summary: '基于本校成果的深度学习检测系统，检出率99.6%，单片20秒，提供MES接口与现场部署。',
      keywords: ['缺陷检测'],
      trl: 6,
      achievementId: chipId,
    });
    expect(s1.statusCode).toBe(201);
    const s2 = await call(env, cast.enterprise2.cookie, 'POST', `/api/market/needs/${needId}/solutions`, {
      title: '人工复检流程优化咨询',
      summary: '通过优化人工复检排班和流程降低漏检，不涉及设备改造，预计三个月完成。',
    });
    const own = await call(env, cast.enterprise.cookie, 'POST', `/api/market/needs/${needId}/solutions`, {
      title: '自己答自己',
      summary: '这是一个不应被接受的方案摘要，长度足够二十个字。',
    });
    expect(own.statusCode).toBe(403);

    const noReason = await call(
      env,
      cast.enterprise.cookie,
      'POST',
      `/api/market/solutions/${s2.json().id}/reject`,
      {},
    );
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].field).toBe('reasonCode');
    const otherNoText = await call(
      env,
      cast.enterprise.cookie,
      'POST',
      `/api/market/solutions/${s2.json().id}/reject`,
      { reasonCode: 'other' },
    );
    expect(otherNoText.json().errors[0].field).toBe('reasonText');
    const notOwner = await call(
      env,
      cast.enterprise2.cookie,
      'POST',
      `/api/market/solutions/${s1.json().id}/shortlist`,
      {},
    );
    expect(notOwner.statusCode).toBe(404); // another enterprise cannot even see the solution
    const rej = await call(
      env,
      cast.enterprise.cookie,
      'POST',
      `/api/market/solutions/${s2.json().id}/reject`,
      {
        reasonCode: 'offTarget',
        feedback: '需求是自动化检测设备，流程优化不对题',
      },
    );
    expect(rej.json()).toMatchObject({
      status: 'rejected',
      rejectReason: 'offTarget',
      rejectReasonLabel: { zh: '不对题' },
    });
    const seen = await call(env, cast.enterprise2.cookie, 'GET', '/api/market/solutions/mine');
    expect(seen.json().items[0]).toMatchObject({
      status: 'rejected',
      feedback: '需求是自动化检测设备，流程优化不对题',
    });

    const id = s1.json().id;
    expect(
      (
        await call(env, cast.enterprise.cookie, 'POST', `/api/market/solutions/${id}/sign`, {
          contractAmountFen: 1,
        })
      ).statusCode,
    ).toBe(409);
    expect(
      (
        await call(env, cast.enterprise.cookie, 'POST', `/api/market/solutions/${id}/shortlist`, {
          feedback: '技术路线清晰',
        })
      ).json().status,
    ).toBe('shortlisted');
    expect(
      (await call(env, cast.broker.cookie, 'POST', `/api/market/solutions/${id}/introduce`, {})).json()
        .status,
    ).toBe('introduced');
    expect(
      (await call(env, cast.researcher.cookie, 'POST', `/api/market/solutions/${id}/negotiate`, {})).json()
        .status,
    ).toBe('negotiating');
    const noAmount = await call(env, cast.enterprise.cookie, 'POST', `/api/market/solutions/${id}/sign`, {});
    expect(noAmount.json().errors[0].field).toBe('contractAmountFen');
    const signed = await call(env, cast.enterprise.cookie, 'POST', `/api/market/solutions/${id}/sign`, {
      contractAmountFen: 380_000_000,
    });
    expect(signed.json()).toMatchObject({ status: 'contractSigned', contractAmountFen: 380_000_000 });
    expect(signed.json().events.map((e: { to: string }) => e.to)).toEqual([
      'submitted',
      'shortlisted',
      'introduced',
      'negotiating',
      'contractSigned',
    ]);
  });

  it('the funnel counts the signed contract, and the match rate carries its definition', async () => {
    const res = await call(env, null, 'GET', '/api/market/funnel');
    const f = res.json();
    // two published needs: the chip need (answered → signed) and the refined drug need (no solutions)
    expect(f.needs).toEqual({
      published: 2,
      answered: 1,
      shortlisted: 1,
      introduced: 1,
      signed: 1,
      signedAmountFen: 380_000_000,
    });
    expect(f.solutions).toEqual({ answered: 2, shortlisted: 1, introduced: 1, signed: 1 });
    expect(f.matchRate).toMatchObject({ numerator: 1, denominator: 2, value: 0.5 });
    expect(f.matchRate.definition.zh).toContain('对接引荐');
    expect(f.matchRate.benchmark).toMatchObject({ value: 0.67 });
    expect(f.matchRate.benchmark.zh).toContain('67%');
    expect(f.rejectReasons).toEqual([
      { reason: 'offTarget', label: { zh: '不对题', en: 'Off target' }, count: 1 },
    ]);
    const one = await call(env, cast.enterprise.cookie, 'GET', `/api/market/needs/${needId}/funnel`);
    expect(one.json().needs).toMatchObject({ published: 1, signed: 1 });
    expect(one.json().matchRate.value).toBe(1);
    const byField = await call(
      env,
      null,
      'GET',
      `/api/market/funnel?field=${encodeURIComponent('生物医药')}`,
    );
    expect(byField.json().matchRate).toMatchObject({ numerator: 0, denominator: 1, value: 0 });
  });

  it('private needs stay out of search and listings but their owner still gets matches', async () => {
    const res = await call(env, cast.enterprise.cookie, 'POST', '/api/market/needs', {
      ...need,
      title: '保密：抗体偶联药物工艺放大',
      problem:
        '现有抗体偶联药物工艺的药物抗体比分布宽、聚集体比例高，需要定点偶联工艺并在200升反应器上放大生产，满足申报质量要求。',
      indicators: ['聚集体≤2%'],
      keywords: ['抗体偶联药物'],
      confidentiality: 'private',
    });
    const id = res.json().id;
    await call(env, cast.enterprise.cookie, 'POST', `/api/market/needs/${id}/publish`, {});
    expect((await call(env, null, 'GET', `/api/market/needs/${id}`)).statusCode).toBe(404);
    const s = await call(
      env,
      null,
      'GET',
      `/api/market/search?type=need&q=${encodeURIComponent('抗体偶联药物工艺放大')}`,
    );
    expect(s.json().hits.map((h: { id: string }) => h.id)).not.toContain(id);
    const m = await call(env, cast.enterprise.cookie, 'GET', `/api/market/needs/${id}/matches`);
    expect(m.json().achievements[0].id).toBe(drugId);
  });
});
