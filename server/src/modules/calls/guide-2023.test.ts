/**
 * The 2023 guide (沪科指南〔2023〕21号) as data: the fixture must reproduce the guide's four directions
 * with their exact caps, ratios, KPIs and dates. Figures below are typed in from the guide's text
 * (quoted in the comments), independently of the fixture, so a wrong figure in the fixture fails here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importCall } from './call.io.js';
import { findDirection, type Call, type Kpi } from './call.schema.js';
import { ruleFields } from './rule.schema.js';

const WAN = 1_000_000; // 1 万元 = 1 000 000 分
const YI = 10_000_000_000; // 1 亿元 = 10 000 000 000 分

function loadGuide(): Call {
  const text = readFileSync(new URL('./fixtures/guide-2023.json', import.meta.url), 'utf8');
  const r = importCall(text);
  if (!r.ok) throw new Error(JSON.stringify(r.errors, null, 2));
  return r.call;
}
const call = loadGuide();
const dir = (code: string) => {
  const d = findDirection(call, code);
  if (!d) throw new Error(`no direction ${code}`);
  return d.direction;
};
const kpis = (code: string) =>
  dir(code).kpis.map((k: Kpi) => [k.metric, k.comparator, k.value, k.unit, k.valueFen ?? null]);

describe('guide-2023.json: the call', () => {
  it('is 沪科指南〔2023〕21号 with two topics and four directions', () => {
    expect(call.number).toBe('沪科指南〔2023〕21号');
    expect(call.year).toBe(2023);
    expect(call.issuedOn).toBe('2023-09-27'); // "2023 年 9 月 27 日"
    expect(call.topics.map((t) => t.title)).toEqual([
      '构建科技成果转化概念验证网络', // "专题一、构建科技成果转化概念验证网络"
      '建设专业化技术转移示范机构', // "专题二、建设专业化技术转移示范机构"
    ]);
    expect(call.topics.flatMap((t) => t.directions.map((d) => `${d.code} ${d.title}`))).toEqual([
      '1 概念验证中心建设',
      '2 开放式创新中心建设',
      '3 区域科技成果转化平台建设',
      '4 专业化技术转移示范机构建设',
    ]);
  });

  it('opens 2023-10-11 9:00 and closes 2023-10-30 16:30 Asia/Shanghai, two review rounds', () => {
    // "项目网上填报起始时间为2023年10月11日9:00，截止时间（含申报单位网上审核提交）为2023年10月30日16:30。"
    expect(call.window.opensAt).toBe('2023-10-11T09:00:00+08:00');
    expect(call.window.closesAt).toBe('2023-10-30T16:30:00+08:00');
    expect(new Date(call.window.closesAt).toISOString()).toBe('2023-10-30T08:30:00.000Z');
    // "采用第一轮通讯评审、第二轮见面会评审方式。"
    expect(call.reviewMode).toBe('twoRounds');
  });

  it('carries the shared requirements of 二、申报要求 (and marks the platform-only rule as such)', () => {
    const byId = Object.fromEntries(call.commonEligibility.map((r) => [r.id, r]));
    // "1.项目申报单位应当是注册在本市的法人或非法人组织"
    expect(byId['common.registeredInShanghai']).toMatchObject({
      kind: 'equals',
      field: 'org.registeredRegion',
      value: '310000',
      source: 'guide 2023 §二.1',
    });
    // "7.已作为项目负责人承担市科委科技计划在研项目2项及以上者，不得作为项目负责人申报。"
    expect(byId['common.leadOngoingProjects']).toMatchObject({
      kind: 'compare',
      field: 'lead.ongoingCommissionProjects',
      op: '<',
      value: 2,
      source: 'guide 2023 §二.7',
    });
    // the guide says nothing about one application per organisation; the 2024 evaluation report
    // states it (footnote 4: "每家企业/机构同一年度仅能申报一个项目"), counting submitted applications
    expect(byId['common.oneApplicationPerOrg']).toMatchObject({
      field: 'context.orgSubmittedThisProgrammeYear',
      op: '=',
      value: 0,
    });
    expect(byId['common.oneApplicationPerOrg'].source).toMatch(/^evaluation 2024 注4/);
    expect(call.programme?.code).toBe('transferServiceSystem');
    // "4.申报项目若提出回避专家申请的，须…上传由申报单位出具公函提出回避专家名单与理由。"
    const avoidance = call.commonAttachments.find((a) => a.type === 'avoidanceLetter');
    expect(avoidance?.when && ruleFields(avoidance.when)).toEqual(['application.excludedExperts']);
    // "9.…应提供经上海市技术市场管理办公室认定登记的技术合同登记编号信息（清单）。"
    expect(call.commonAttachments.map((a) => a.type)).toContain('contractRegistrationList');
  });

  it('every rule states its source', () => {
    const all = [
      ...call.commonEligibility,
      ...call.topics.flatMap((t) => t.directions.flatMap((d) => d.eligibility)),
    ];
    for (const r of all) expect(r.source, r.id).toMatch(/^(guide 2023 §|evaluation 2024 |issue$)/);
  });
});

describe('direction 1 概念验证中心建设', () => {
  it('funding: ≤3 projects, ≤500万 each, self : requested ≥ 2:1, first year ≤ 300万', () => {
    // "1.非定额资助，拟支持不超过3个项目，每项资助额度不超过500万元。
    //  2.单位自筹经费与申请资助经费的比例不低于2:1。立项当年支持额度不超过300万。"
    expect(dir('1').fundingRules).toMatchObject({
      mode: 'nonFixed',
      projectCount: 3,
      capPerProjectFen: 500 * WAN,
      firstYearCapFen: 300 * WAN,
      coFundingRatio: { self: 2, requested: 1 },
    });
    expect(dir('1').fundingRules.districtMatching).toBeUndefined();
    expect(dir('1').needsDistrictRecommendation).toBe(false);
  });
  it('KPIs: ≥50 items listed, ≥10 transfers, ≥5亿元 value added, ≥5 technology managers', () => {
    // "纳入概念验证成果清单的数量不少于50项，实现不少于10项科技成果转化，创新增值不少于5亿元（含技术交易
    //  合同、吸纳投融资、衍生公司估值等），新增全职或兼职技术经理人数量不少于5人。"
    expect(kpis('1')).toEqual([
      ['纳入概念验证成果清单的数量', '>=', 50, '项', null],
      ['实现科技成果转化', '>=', 10, '项', null],
      ['创新增值', '>=', 5, '亿元', 5 * YI],
      ['新增全职或兼职技术经理人数量', '>=', 5, '人', null],
    ]);
  });
  it('execution period 2023-11-01 to 2026-10-31', () => {
    // "执行期限：2023年11月1日至2026年10月31日。"
    expect(dir('1').executionPeriod).toEqual({ start: '2023-11-01', end: '2026-10-31' });
  });
});

describe('direction 2 开放式创新中心建设', () => {
  it('funding: ≤3 projects, ≤500万 each, self : requested ≥ 3:1, first year ≤ 300万', () => {
    // "1.非定额资助，拟支持不超过3个项目，每项资助额度不超过500万元，企业自筹经费与申请资助经费的比例
    //  不低于3:1。2.立项当年支持额度不超过300万。"
    expect(dir('2').fundingRules).toMatchObject({
      projectCount: 3,
      capPerProjectFen: 500 * WAN,
      firstYearCapFen: 300 * WAN,
      coFundingRatio: { self: 3, requested: 1 },
    });
  });
  it('eligibility: previous-year revenue ≥ 2亿元', () => {
    // "建设主体为上年度主营业务收入不低于2亿元、创新能力强、具有行业引领带动作用的法人主体。"
    expect(dir('2').eligibility.find((r) => r.id === 'd2.prevYearRevenue')).toMatchObject({
      kind: 'compare',
      field: 'org.prevYearRevenueFen',
      op: '>=',
      value: 2 * YI,
    });
  });
  it('KPIs: ≥20 needs, ≥30 solvers, ≥1 PoC platform, ≥1 consortium/incubator, ≥20亿元, ≥5 managers', () => {
    // "解决企业创新需求的数量不少于20项，联动外部解决方案方不少于30家，建立至少1个概念验证平台、至少1个
    //  创新联合体或产业型孵化器，创新增值不少于20亿元（含新产品收入、降本增效、吸纳投融资、衍生公司估值
    //  等），新增全职或兼职技术经理人数量不少于5人。"
    expect(kpis('2')).toEqual([
      ['解决企业创新需求的数量', '>=', 20, '项', null],
      ['联动外部解决方案方', '>=', 30, '家', null],
      ['建立概念验证平台', '>=', 1, '个', null],
      ['建立创新联合体或产业型孵化器', '>=', 1, '个', null],
      ['创新增值', '>=', 20, '亿元', 20 * YI],
      ['新增全职或兼职技术经理人数量', '>=', 5, '人', null],
    ]);
  });
});

describe('direction 3 区域科技成果转化平台建设', () => {
  it('funding: ≤2 projects, ≤500万, 2:1, first year ≤ 300万, district ≥ municipal', () => {
    // "1.非定额资助，拟支持不超过2个项目，每项资助额度不超过500万元，企业自筹经费与申请资助经费的比例
    //  不低于2:1。2.立项当年支持额度不超过300万。区已投入资金或承诺投入的资金不低于市级支持额度。"
    expect(dir('3').fundingRules).toMatchObject({
      projectCount: 2,
      capPerProjectFen: 500 * WAN,
      firstYearCapFen: 300 * WAN,
      coFundingRatio: { self: 2, requested: 1 },
      districtMatching: { district: 1, municipal: 1 },
    });
  });
  it('needs the district recommendation letter with its funding opinion', () => {
    // "应提供区科技主管部门出具的推荐函（含资金支持意见）。"
    expect(dir('3').needsDistrictRecommendation).toBe(true);
    expect(dir('3').requiredAttachments.map((a) => [a.type, a.label])).toEqual([
      ['districtRecommendationLetter', '区科技主管部门出具的推荐函（含资金支持意见）'],
    ]);
  });
  it('KPIs: 1 platform, ≥50 validations, ≥20 transfers or incubations, ≥5 managers', () => {
    // "构建1个概念验证或中试平台，开展科技成果概念验证数量不少于50项，支撑不少于20项科技成果转化或孵化，
    //  新增全职或兼职技术经理人数量不少于5人。"
    expect(kpis('3')).toEqual([
      ['构建概念验证或中试平台', '>=', 1, '个', null],
      ['开展科技成果概念验证数量', '>=', 50, '项', null],
      ['支撑科技成果转化或孵化', '>=', 20, '项', null],
      ['新增全职或兼职技术经理人数量', '>=', 5, '人', null],
    ]);
  });
});

describe('direction 4 (专题二) 专业化技术转移示范机构建设', () => {
  it('funding: ≤20 projects, ≤100万 each, 1:1, no first-year cap', () => {
    // "1.非定额资助，拟支持不超过20个项目，每项资助额度不超过100万元。2.单位自筹经费与申请资助经费的比例
    //  不低于1:1，并落实一定比例资助经费用于优秀技术经理人、骨干成员的聘用和培养成本。"
    const f = dir('4').fundingRules;
    expect(f).toMatchObject({
      projectCount: 20,
      capPerProjectFen: 100 * WAN,
      coFundingRatio: { self: 1, requested: 1 },
    });
    expect(f.firstYearCapFen).toBeUndefined();
  });
  it('execution period is two years: 2023-11-01 to 2025-10-31', () => {
    // "执行期限：2023年11月1日至2025年10月31日。"
    expect(dir('4').executionPeriod).toEqual({ start: '2023-11-01', end: '2025-10-31' });
  });
  it('KPIs (1) for public research institutions and (2) for independent transfer institutions', () => {
    // "（1）科研事业单位……带动单位科技成果转化金额在示范前后至少增长1倍，实现3项及以上科技成果在相关大学
    //  科技园进行创业孵化，新增不少于1名从事技术转移服务的高级职称人员，新增全职或兼职技术经理人数量不少于
    //  10人。（2）社会化技术转移机构促成科研机构科技成果转化数量不少于5项，促成交易额或吸纳投融资额不少于
    //  5000万元，新增全职或兼职技术经理人数量不少于10人。"
    const d = dir('4');
    const pri = d.kpis
      .filter((k) => k.appliesTo?.label === '科研事业单位')
      .map((k) => [k.comparator, k.value, k.unit]);
    const sti = d.kpis.filter((k) => k.appliesTo?.label === '社会化技术转移机构');
    expect(pri).toEqual([
      ['>=', 3, '项'], // the three named systems (披露、单列管理、人才激励), see the direction's note
      ['>=', 1, '倍'],
      ['>=', 3, '项'],
      ['>=', 1, '人'],
      ['>=', 10, '人'],
    ]);
    expect(sti.map((k) => [k.metric, k.value, k.unit, k.valueFen ?? null])).toEqual([
      ['促成科研机构科技成果转化数量', 5, '项', null],
      ['促成交易额或吸纳投融资额', 5000, '万元', 5000 * WAN],
      ['新增全职或兼职技术经理人数量', 10, '人', null],
    ]);
  });
  it('eligibility: ≤3 recommended managers, one lead with ≥3 years full-time, lead "in principle" the project lead', () => {
    // "2.申报单位推荐优秀技术经理人（团队）的数量不超过3人（1名优秀技术经理人、2名骨干成员），其中优秀技术
    //  经理人专职从事技术转移服务年限不少于3年，优秀技术经理人原则上应为项目负责人。"
    const byId = Object.fromEntries(dir('4').eligibility.map((r) => [r.id, r]));
    expect(byId['d4.techManagers.total']).toMatchObject({ kind: 'count', op: '<=', value: 3 });
    expect(byId['d4.techManagers.leadYears']).toMatchObject({
      kind: 'count',
      where: [
        { field: 'role', op: '=', value: 'lead' },
        { field: 'yearsFullTime', op: '>=', value: 3 },
      ],
      op: '>=',
      value: 1,
    });
    expect(byId['d4.techManagers.leadIsProjectLead'].severity).toBe('warning');
    // "建设主体为具备专业化服务基础的法人主体或非法人组织。"
    expect(byId['d4.legalForm']).toMatchObject({ kind: 'in', values: ['legalPerson', 'unincorporated'] });
  });
  it('annual report: research units the MOST report, independent institutions the Shanghai report', () => {
    // "1.科研事业单位应在线提交……上年度《科技成果转化年度报告》，社会化技术转移机构应提交《上海市科技成果
    //  转化服务机构年度报告》"
    expect(dir('4').requiredAttachments.map((a) => [a.type, a.when?.kind])).toEqual([
      ['annualTransferReport', 'in'],
      ['serviceInstitutionAnnualReport', 'not'],
    ]);
  });
});
