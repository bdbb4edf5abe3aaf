import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importCall } from './call.io.js';
import { DomainError } from '../../platform/errors.js';
import {
  deadlineState,
  formatShanghai,
  screenApplication,
  screenApplications,
  type ApplicationFacts,
  type ScreeningResult,
} from './call.rules.js';
import type { Call } from './call.schema.js';

const WAN = 1_000_000;
const YI = 10_000_000_000;

function loadGuide(): Call {
  const r = importCall(readFileSync(new URL('./fixtures/guide-2023.json', import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.call;
}
const call = loadGuide();

const declarations = { integrityCommitment: true, noClassifiedContent: true };
const att = (...types: string[]) => types.map((type) => ({ type, fileId: `f-${type}` }));

/** A university applying for a proof-of-concept centre (direction 1). */
const university = (): ApplicationFacts => ({
  org: { type: 'university', legalForm: 'legalPerson', registeredRegion: '310000' },
  application: {
    budget: { requestedGrantFen: 500 * WAN, selfFundingFen: 1000 * WAN, firstYearRequestFen: 300 * WAN },
    attachments: att('feasibilityPlan', 'avoidanceLetter', 'contractRegistrationList'),
    excludedExperts: [{ name: '王某', reason: '同一课题组' }],
    claimsTechIncome: true,
    declarations,
  },
  lead: { ongoingCommissionProjects: 1 },
  context: { orgSubmittedThisProgrammeYear: 0 },
});

/** A large enterprise applying for an open innovation centre (direction 2). */
const enterprise = (): ApplicationFacts => ({
  org: {
    type: 'enterprise',
    legalForm: 'legalPerson',
    registeredRegion: '310000',
    prevYearRevenueFen: 35 * YI,
  },
  application: {
    budget: { requestedGrantFen: 500 * WAN, selfFundingFen: 1500 * WAN, firstYearRequestFen: 300 * WAN },
    attachments: att('feasibilityPlan'),
    excludedExperts: [],
    claimsTechIncome: false,
    declarations,
  },
  lead: { ongoingCommissionProjects: 0 },
  context: { orgSubmittedThisProgrammeYear: 0 },
});

/** A district-recommended regional platform (direction 3). */
const platform = (): ApplicationFacts => ({
  org: { type: 'enterprise', legalForm: 'legalPerson', registeredRegion: '310000' },
  application: {
    budget: {
      requestedGrantFen: 400 * WAN,
      selfFundingFen: 800 * WAN,
      firstYearRequestFen: 240 * WAN,
      districtMatchingFen: 400 * WAN,
    },
    attachments: att('feasibilityPlan', 'districtRecommendationLetter'),
    excludedExperts: [],
    claimsTechIncome: false,
    declarations,
  },
  lead: { ongoingCommissionProjects: 0 },
  context: { orgSubmittedThisProgrammeYear: 0 },
});

/** An independent technology-transfer institution (direction 4). */
const transferInstitution = (): ApplicationFacts => ({
  org: { type: 'transferInstitution', legalForm: 'unincorporated', registeredRegion: '310000' },
  application: {
    budget: { requestedGrantFen: 100 * WAN, selfFundingFen: 100 * WAN, techManagerTrainingFen: 20 * WAN },
    team: {
      techManagers: [
        { name: '李某', role: 'lead', yearsFullTime: 6, isProjectLead: true },
        { name: '赵某', role: 'core', yearsFullTime: 2 },
        { name: '钱某', role: 'core', yearsFullTime: 1 },
      ],
    },
    attachments: att('feasibilityPlan', 'serviceInstitutionAnnualReport'),
    excludedExperts: [],
    claimsTechIncome: false,
    declarations,
  },
  lead: { ongoingCommissionProjects: 0 },
  context: { orgSubmittedThisProgrammeYear: 0 },
});

const failed = (r: ScreeningResult) => r.findings.filter((f) => f.passed === false).map((f) => f.ruleId);
const finding = (r: ScreeningResult, id: string) => {
  const f = r.findings.find((x) => x.ruleId === id);
  if (!f) throw new Error(`no finding ${id}`);
  return f;
};

describe('screenApplication: a university proof-of-concept centre (direction 1)', () => {
  it('passes every rule, with a checklist covering common, direction, funding and attachment rules', () => {
    const r = screenApplication(call, '1', university());
    expect(failed(r)).toEqual([]);
    expect(r.overall).toBe('pass');
    expect(r.findings.map((f) => f.ruleId)).toEqual([
      'common.registeredInShanghai',
      'common.leadOngoingProjects',
      'common.integrityCommitment',
      'common.noClassifiedContent',
      'common.oneApplicationPerOrg',
      'd1.applicantType',
      'funding.capPerProject',
      'funding.firstYearCap',
      'funding.coFundingRatio',
      'attachment.feasibilityPlan',
      'attachment.avoidanceLetter',
      'attachment.contractRegistrationList',
    ]);
    expect(new Set(r.findings.map((f) => f.group))).toEqual(
      new Set(['eligibility', 'funding', 'attachments']),
    );
  });
  it('fails the 2:1 co-funding ratio when self-funding is one fen short of 1000万', () => {
    const facts = university();
    facts.application!.budget!.selfFundingFen = 1000 * WAN - 1;
    const r = screenApplication(call, '1', facts);
    expect(r.overall).toBe('fail');
    expect(failed(r)).toEqual(['funding.coFundingRatio']);
    expect(finding(r, 'funding.coFundingRatio').reason.zh).toContain(
      '单位自筹经费与申请资助经费的比例不低于2:1',
    );
  });
  it('refuses a lead who already leads 2 ongoing commission projects, and a second application of the org', () => {
    const facts = university();
    facts.lead!.ongoingCommissionProjects = 2;
    facts.context!.orgSubmittedThisProgrammeYear = 1;
    const r = screenApplication(call, '1', facts);
    expect(failed(r)).toEqual(['common.leadOngoingProjects', 'common.oneApplicationPerOrg']);
    expect(finding(r, 'common.leadOngoingProjects').reason.zh).toContain('项目负责人目前承担2项');
  });
  it('asks for the avoidance letter once an avoidance list is given', () => {
    const facts = university();
    facts.application!.attachments = att('feasibilityPlan', 'contractRegistrationList');
    expect(failed(screenApplication(call, '1', facts))).toEqual(['attachment.avoidanceLetter']);
    facts.application!.excludedExperts = [];
    const r = screenApplication(call, '1', facts);
    expect(r.overall).toBe('pass');
    expect(finding(r, 'attachment.avoidanceLetter').applicable).toBe(false);
  });
  it('live checklist on a half-filled form: incomplete, naming what is missing', () => {
    const r = screenApplication(call, '1', { org: { type: 'university', legalForm: 'legalPerson' } });
    expect(r.overall).toBe('incomplete');
    expect(r.counts.failed).toBe(0);
    expect(finding(r, 'funding.capPerProject').reason.zh).toContain('未填写「申请资助经费」');
    expect(finding(r, 'funding.capPerProject').missing).toContain('application.budget.requestedGrantFen');
    expect(finding(r, 'common.registeredInShanghai').passed).toBe('unknown');
    expect(finding(r, 'd1.applicantType').passed).toBe(true);
  });
});

describe('screenApplication: an enterprise open innovation centre (direction 2)', () => {
  it('passes with 35亿元 revenue and 3:1 co-funding', () => {
    expect(screenApplication(call, '2', enterprise()).overall).toBe('pass');
  });
  it('fails revenue below 2亿元, first year above 300万 and a ratio below 3:1, each with its reason', () => {
    const facts = enterprise();
    facts.org!.prevYearRevenueFen = 2 * YI - 100; // 1 元 short
    facts.application!.budget!.firstYearRequestFen = 300 * WAN + 100;
    facts.application!.budget!.selfFundingFen = 1499 * WAN;
    const r = screenApplication(call, '2', facts);
    expect(failed(r)).toEqual(['d2.prevYearRevenue', 'funding.firstYearCap', 'funding.coFundingRatio']);
    expect(finding(r, 'd2.prevYearRevenue').reason.zh).toContain(
      '您填写的上年度主营业务收入为19999.9999万元。',
    );
    expect(finding(r, 'funding.firstYearCap').reason.zh).toContain('立项当年支持额度不超过300万元');
    expect(finding(r, 'funding.firstYearCap').reason.en).toContain('CNY 3,000,001');
    expect(r.counts.failed).toBe(3);
  });
  it('an enterprise registered outside Shanghai fails registration', () => {
    const facts = enterprise();
    facts.org!.registeredRegion = '320500';
    expect(failed(screenApplication(call, '2', facts))).toEqual(['common.registeredInShanghai']);
  });
});

describe('screenApplication: a district-recommended regional platform (direction 3)', () => {
  it('passes with the recommendation letter and district funds equal to the municipal grant', () => {
    const r = screenApplication(call, '3', platform());
    expect(r.overall).toBe('pass');
    expect(finding(r, 'funding.districtMatching').passed).toBe(true);
  });
  it('fails without the letter and with district funds one fen below the municipal grant', () => {
    const facts = platform();
    facts.application!.attachments = att('feasibilityPlan');
    facts.application!.budget!.districtMatchingFen = 400 * WAN - 1;
    const r = screenApplication(call, '3', facts);
    expect(failed(r)).toEqual(['funding.districtMatching', 'attachment.districtRecommendationLetter']);
    expect(finding(r, 'funding.districtMatching').explain).toBe(
      '区已投入资金或承诺投入的资金不低于市级支持额度。',
    );
  });
});

describe('screenApplication: a technology-transfer demonstration institution (direction 4)', () => {
  it('passes; "in principle" rules are warnings that do not fail screening', () => {
    const facts = transferInstitution();
    facts.application!.team!.techManagers![0].isProjectLead = false;
    const r = screenApplication(call, '4', facts);
    expect(r.overall).toBe('pass');
    expect(r.counts.warnings).toBe(1);
    expect(finding(r, 'd4.techManagers.leadIsProjectLead')).toMatchObject({
      passed: false,
      severity: 'warning',
    });
  });
  it('fails a 4-person team and a lead with 2 years; a university must file the MOST annual report instead', () => {
    const facts = transferInstitution();
    facts.application!.team!.techManagers!.push({ name: '孙某', role: 'core', yearsFullTime: 4 });
    facts.application!.team!.techManagers![0].yearsFullTime = 2;
    facts.org = { type: 'university', legalForm: 'legalPerson', registeredRegion: '310000' };
    const r = screenApplication(call, '4', facts);
    expect(failed(r)).toEqual([
      'd4.techManagers.total',
      'd4.techManagers.core',
      'd4.techManagers.leadYears',
      'attachment.annualTransferReport',
    ]);
    expect(finding(r, 'attachment.serviceInstitutionAnnualReport').applicable).toBe(false);
  });
  it('an unknown direction code is a domain error answered 400, never a 500', () => {
    expect(() => screenApplication(call, '9', {})).toThrowError(DomainError);
    expect(() => screenApplication(call, '9', {})).toThrowError(
      expect.objectContaining({ code: 'unknown_direction', status: 400 }),
    );
  });
});

describe('screenApplications: staff view over all applications of a call', () => {
  it('summarises pass / fail / incomplete / error', () => {
    const bad = enterprise();
    bad.org!.prevYearRevenueFen = YI;
    const { results, summary } = screenApplications(call, [
      { applicationId: 'a1', directionCode: '1', facts: university() },
      { applicationId: 'a2', directionCode: '2', facts: bad },
      { applicationId: 'a3', directionCode: '3', facts: {} },
      { applicationId: 'a4', directionCode: 'X', facts: {} },
    ]);
    expect(summary).toEqual({ pass: 1, fail: 1, incomplete: 1, error: 1 });
    expect(results.map((r) => r.applicationId)).toEqual(['a1', 'a2', 'a3', 'a4']);
  });
});

describe('deadline: window [opensAt, closesAt) judged on the server receive instant, Asia/Shanghai', () => {
  const T = new Date('2023-10-30T16:30:00+08:00'); // closesAt = 08:30:00Z
  const O = new Date('2023-10-11T09:00:00+08:00');
  const at = (d: Date, ms: number) => new Date(d.getTime() + ms);

  it('T−1s (16:29:59 Shanghai) is open: accepted', () => {
    expect(formatShanghai(at(T, -1000))).toBe('2023-10-30 16:29:59');
    expect(deadlineState(call, at(T, -1000))).toBe('open');
  });
  it('T−1ms (16:29:59.999) is still open', () => {
    expect(deadlineState(call, at(T, -1))).toBe('open');
  });
  it('T exactly (16:30:00.000 Shanghai = 08:30:00Z) is closed: refused', () => {
    expect(deadlineState(call, new Date('2023-10-30T08:30:00.000Z'))).toBe('closed');
    expect(deadlineState(call, T)).toBe('closed');
  });
  it('T+1s is closed', () => {
    expect(deadlineState(call, at(T, 1000))).toBe('closed');
  });
  it('the window opens at exactly 9:00 Shanghai: 8:59:59 is not open, 9:00:00 is', () => {
    expect(deadlineState(call, at(O, -1000))).toBe('notOpen');
    expect(deadlineState(call, O)).toBe('open');
  });
  it('16:30 in another zone is not the deadline: 16:30 UTC is long after closing', () => {
    expect(deadlineState(call, new Date('2023-10-30T16:29:00Z'))).toBe('closed');
    expect(deadlineState(call, new Date('2023-10-30T08:29:00Z'))).toBe('open');
  });
});
