/**
 * issue 8 §3: a KPI commitment's unit and comparator count. Seed 003 table 1-9 (2022): "单个区域科技成果转化
 * 特色服务示范项目促成技术交易额 ≥15 亿元". A commitment of 20 万元 was accepted and shown as "20亿元"; a `<=`
 * commitment was judged as `≥`. Commitments are converted exactly (money in BigInt fen) before the
 * comparison, a unit of another dimension is refused naming the field, and the staff screening list
 * shows a failing KPI too.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../testing/harness.js';
import { loginAs } from '../../testing/factories.js';
import type { Call, Direction, Kpi } from '../calls/index.js';
import { findDirection } from '../calls/index.js';
import { contentFindings } from './application.rules.js';
import { guide2023, YI } from './programme.fixtures.js';
import {
  approve,
  DURING,
  fillApplication,
  httpOf,
  makeApplicant,
  publishGuide,
  type Http,
} from './programme.testkit.js';

/** Seed 003 table 1-9 (2022): 促成技术交易额 ≥15 亿元. */
const DEAL: Kpi = {
  id: 'd1.dealValue',
  metric: '促成技术交易额',
  metricEn: 'technology deals brokered',
  unit: '亿元',
  comparator: '>=',
  value: 15,
  valueFen: 15 * YI,
  source: '绩效评价报告(2024) 表1-9 2022年',
};
/** Seed 003 table 1-9 (2022): 联合开展技术转移方向学历教育的高校数量 ≥2 所. */
const SCHOOLS: Kpi = {
  id: 'd1.schools',
  metric: '联合开展技术转移方向学历教育的高校数量',
  unit: '所',
  comparator: '>=',
  value: 2,
};
/** Guide 2023 专题二 (1): "至少增长1倍", table 1-9 records it as 增长率 ≥100%. */
const GROWTH: Kpi = { id: 'd1.growth', metric: '转化金额增长', unit: '倍', comparator: '>=', value: 1 };
/** Table 1-9 (2022): 支持技术转移示范机构数量 ≤5项 — an upper bound. */
const AT_MOST: Kpi = { id: 'd1.atMost', metric: '上限指标', unit: '项', comparator: '<=', value: 5 };

function direction(...kpis: Kpi[]): Direction {
  const d = structuredClone(findDirection(guide2023(), '1')!.direction);
  d.kpis = kpis;
  return d;
}
const judge = (d: Direction, commitments: unknown[]) =>
  contentFindings({ project: { title: 't' }, kpis: commitments }, d, 'university', 'u1').filter((f) =>
    f.id.startsWith('kpi.'),
  );

describe('KPI commitments: units and comparators (pure)', () => {
  const d = direction(DEAL);
  it('20 万元 against ≥ 15 亿元 fails and is shown in 万元 with its conversion, never as 20亿元', () => {
    const [f] = judge(d, [
      { kpiId: DEAL.id, metric: DEAL.metric, unit: '万元', comparator: '>=', value: 20 },
    ]);
    expect(f.passed).toBe(false);
    expect(f.reason.zh).toContain('20万元');
    expect(f.reason.zh).toContain('0.002亿元');
    expect(f.reason.zh).toContain('15亿元');
    expect(f.reason.zh).not.toContain('20亿元');
    expect(f.reason.en).toMatch(/20 万元/);
  });

  it('160000 万元 is exactly 16 亿元 and passes; 149999.99 万元 fails by one fen', () => {
    const ok = judge(d, [{ kpiId: DEAL.id, metric: '', unit: '万元', comparator: '>=', value: 160000 }]);
    expect(ok[0].passed).toBe(true);
    expect(ok[0].reason.zh).toContain('16亿元');
    const exact = judge(d, [
      { kpiId: DEAL.id, metric: '', unit: '元', comparator: '>=', value: 1_500_000_000 },
    ]);
    expect(exact[0].passed).toBe(true);
    const short = judge(d, [
      { kpiId: DEAL.id, metric: '', unit: '万元', comparator: '>=', value: 149999.99 },
    ]);
    expect(short[0].passed).toBe(false);
    // 0.1 + 0.2 style float error must not decide: 14.99999999 亿元 < 15 亿元, 15.00000001 亿元 > 15 亿元
    expect(
      judge(d, [{ kpiId: DEAL.id, metric: '', unit: '亿元', comparator: '>=', value: 14.99999999 }])[0]
        .passed,
    ).toBe(false);
    expect(
      judge(d, [{ kpiId: DEAL.id, metric: '', unit: '亿元', comparator: '>=', value: 15.00000001 }])[0]
        .passed,
    ).toBe(true);
  });

  it('a money amount that is not a whole number of fen is refused naming kpis.0.value', () => {
    const [f] = judge(d, [
      { kpiId: DEAL.id, metric: '', unit: '元', comparator: '>=', value: 1_500_000_000.001 },
    ]);
    expect(f.passed).toBe(false);
    expect(f.field).toBe('kpis.0.value');
    expect(f.reason.zh).toMatch(/分/);
  });

  it('a `<=` commitment does not meet a `≥` KPI; `=` and `>` above the target do', () => {
    const c = (comparator: string, value: number) =>
      judge(d, [{ kpiId: DEAL.id, metric: '', unit: '亿元', comparator, value }])[0];
    expect(c('<=', 20).passed).toBe(false);
    expect(c('<=', 20).reason.zh).toMatch(/≤\s?20亿元/);
    expect(c('<', 100).passed).toBe(false);
    expect(c('=', 15).passed).toBe(true);
    expect(c('>', 15).passed).toBe(true);
    expect(c('>', 14).passed).toBe(false); // "more than 14" does not promise 15
    expect(c('>=', 15).passed).toBe(true);
  });

  it("honours the KPI's own comparator: ≤ 5 项 is met by ≤ 3 or = 5, not by ≥ 3 or = 6", () => {
    const up = direction(AT_MOST);
    const c = (comparator: string, value: number) =>
      judge(up, [{ kpiId: AT_MOST.id, metric: '', unit: '项', comparator, value }])[0].passed;
    expect(c('<=', 3)).toBe(true);
    expect(c('=', 5)).toBe(true);
    expect(c('<', 6)).toBe(false);
    expect(c('>=', 3)).toBe(false);
    expect(c('=', 6)).toBe(false);
  });

  it('a unit of another dimension is refused naming kpis.N.unit, in Chinese and English', () => {
    const [f] = judge(direction(SCHOOLS), [
      { kpiId: 'other', metric: '自设', unit: '次', comparator: '>=', value: 1 },
      { kpiId: SCHOOLS.id, metric: '', unit: '万元', comparator: '>=', value: 3 },
    ]);
    expect(f.passed).toBe(false);
    expect(f.field).toBe('kpis.1.unit');
    expect(f.reason.zh).toContain('万元');
    expect(f.reason.zh).toContain('所');
    expect(f.reason.en).toContain('kpis.1.unit');
    const people = judge(direction(SCHOOLS), [
      { kpiId: SCHOOLS.id, metric: '', unit: '人', comparator: '>=', value: 3 },
    ]);
    expect(people[0].passed).toBe(false);
    expect(people[0].field).toBe('kpis.0.unit');
  });

  it('converts 倍 and % exactly (增长1倍 = 增长率100%)', () => {
    const g = direction(GROWTH);
    const c = (unit: string, value: number) =>
      judge(g, [{ kpiId: GROWTH.id, metric: '', unit, comparator: '>=', value }])[0].passed;
    expect(c('%', 100)).toBe(true);
    expect(c('%', 99.9)).toBe(false);
    expect(c('倍', 1.5)).toBe(true);
  });

  it('an old draft without a unit (or comparator) takes the KPI’s and says so', () => {
    const [f] = judge(d, [{ kpiId: DEAL.id, metric: DEAL.metric, value: 16 }]);
    expect(f.passed).toBe(true);
    expect(f.reason.zh).toMatch(/未填写单位，按指标单位「亿元」计/);
    expect(f.reason.zh).toMatch(/未填写比较方式/);
    expect(f.reason.en).toMatch(/no unit given/i);
    const blank = judge(d, [{ kpiId: DEAL.id, metric: '', unit: '', comparator: '>=', value: 14 }]);
    expect(blank[0].passed).toBe(false);
    expect(blank[0].reason.zh).toMatch(/未填写单位/);
  });
});

describe('KPI commitments through the API (both databases)', () => {
  let env: TestEnv;
  let http: Http;
  let staff: string;
  let call: Call;
  let callId: string;
  let filesDir: string;
  beforeAll(async () => {
    filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpis-'));
    env = await createTestEnv({ filesDir });
    env.setNow(DURING);
    http = httpOf(env);
    staff = await loginAs(env, ['programmeOfficeStaff']);
    ({ id: callId, call } = await publishGuide(env, staff, (c) => {
      findDirection(c, '1')!.direction.kpis.push(DEAL);
    }));
  });
  afterAll(async () => {
    await env?.close();
    fs.rmSync(filesDir, { recursive: true, force: true });
  });

  const dealFinding = (checklist: {
    content: { id: string; passed: unknown; field: string; reason: { zh: string } }[];
  }) => checklist.content.find((f) => f.id === `kpi.${DEAL.id}`)!;

  it('the live checklist refuses 20 万元 and a `<=` commitment; the staff screening list shows a failing KPI', async () => {
    const a = await makeApplicant(env, 'university');
    const id = await fillApplication(env, call, callId, a, '1');
    const app = (await http(a.lead.cookie, 'GET', `/api/applications/${id}`)).json();
    const kpis = app.content.kpis as { kpiId: string; unit?: string; comparator: string; value: number }[];
    const i = kpis.findIndex((k) => k.kpiId === DEAL.id);
    expect(i).toBeGreaterThanOrEqual(0);
    const put = async (c: Record<string, unknown>) => {
      const next = kpis.map((k, j) => (j === i ? { ...k, ...c } : k));
      const r = await http(a.lead.cookie, 'PATCH', `/api/applications/${id}/draft`, {
        content: { kpis: next },
      });
      expect(r.statusCode, r.body).toBe(200);
      return (await http(a.lead.cookie, 'GET', `/api/applications/${id}/checklist`)).json();
    };

    let cl = await put({ unit: '万元', value: 20, comparator: '>=' });
    expect(dealFinding(cl).passed).toBe(false);
    expect(dealFinding(cl).reason.zh).not.toContain('20亿元');
    expect(cl.canSubmit).toBe(false);
    cl = await put({ unit: '亿元', value: 20, comparator: '<=' });
    expect(dealFinding(cl).passed).toBe(false);
    cl = await put({ unit: '项', value: 20, comparator: '>=' });
    expect(dealFinding(cl)).toMatchObject({ passed: false, field: `kpis.${i}.unit` });
    cl = await put({ unit: '万元', value: 150000, comparator: '>=' });
    expect(dealFinding(cl).passed).toBe(true);
    expect(cl.overall).toBe('pass');

    // submitted, then found wanting: an application submitted before this fix committed 20 万元
    await approve(env, id, a);
    const sub = await http(a.admin.cookie, 'POST', `/api/applications/${id}/submit`);
    expect(sub.statusCode, sub.body).toBe(201);
    const stored = {
      ...app.content,
      kpis: kpis.map((k, j) => (j === i ? { ...k, unit: '万元', value: 20 } : k)),
    };
    await env.platform.ctx.db
      .updateTable('applications')
      .set({ content: JSON.stringify(stored) })
      .where('id', '=', id)
      .execute();
    const list = (await http(staff, 'GET', `/api/calls/${callId}/screening`)).json();
    const item = list.items.find((x: { applicationId: string }) => x.applicationId === id);
    expect(item.kpiCheck).toMatchObject({ overall: 'fail', failed: 1 });
    const f = item.findings.find((x: { ruleId: string }) => x.ruleId === `kpi.${DEAL.id}`);
    expect(f).toMatchObject({ group: 'kpis', passed: false, automatic: false });
    expect(f.reason.zh).toContain('20万元');
    expect(item.result).toBe('fail');
    expect(list.summary.fail).toBe(1);
    // a run snapshots the KPI verdict as well
    const run = (await http(staff, 'POST', `/api/calls/${callId}/screening/run`)).json();
    expect(run.summary).toMatchObject({ fail: 1 });
    // staff may override it with a reason, like any finding
    const ov = await http(staff, 'POST', `/api/applications/${id}/screening/decisions`, {
      ruleId: `kpi.${DEAL.id}`,
      action: 'override',
      verdict: 'pass',
      reason: '任务书中核定为 15 亿元，申报书单位笔误',
    });
    expect(ov.statusCode, ov.body).toBe(200);
    expect(ov.json()).toMatchObject({ result: 'pass', automatic: 'fail', overridden: true });
  });
});
