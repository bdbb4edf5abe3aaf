import { fieldLabel } from '../../../../shared/rules/rule.describe.js';
import { describe, expect, it } from 'vitest';
import { evaluateRule, getPath, type ApplicationFacts } from './rule.eval.js';
import { RuleSchema, ruleFields, RULE_KINDS, type Rule } from './rule.schema.js';

const WAN = 1_000_000; // fen per 万元
const YI = 10_000_000_000; // fen per 亿元

const meta = (id: string) => ({
  id,
  label: id,
  labelEn: id,
  explain: `规则${id}：实际{actual}，要求{expected}`,
});

const rules = {
  in: {
    ...meta('t.in'),
    kind: 'in',
    field: 'org.type',
    values: ['university', 'researchInstitute', 'medicalInstitution'],
  },
  equals: { ...meta('t.equals'), kind: 'equals', field: 'org.registeredRegion', value: '310000' },
  compare: {
    ...meta('t.compare'),
    kind: 'compare',
    field: 'org.prevYearRevenueFen',
    op: '>=',
    value: 2 * YI,
  },
  ratio: {
    ...meta('t.ratio'),
    kind: 'ratio',
    field: 'application.budget.selfFundingFen',
    denominatorField: 'application.budget.requestedGrantFen',
    ratio: { a: 2, b: 1 },
  },
  cap: { ...meta('t.cap'), kind: 'cap', field: 'application.budget.requestedGrantFen', max: 500 * WAN },
  count: {
    ...meta('t.count'),
    kind: 'count',
    field: 'application.team.techManagers',
    where: [
      { field: 'role', op: '=', value: 'lead' },
      { field: 'yearsFullTime', op: '>=', value: 3 },
    ],
    op: '>=',
    value: 1,
  },
  attachmentRequired: {
    ...meta('t.att'),
    kind: 'attachmentRequired',
    attachmentType: 'avoidanceLetter',
    attachmentLabel: '回避专家公函',
    when: {
      ...meta('t.att.when'),
      kind: 'count',
      field: 'application.excludedExperts',
      op: '>=',
      value: 1,
    },
  },
} satisfies Record<string, Rule>;

const combinators = {
  all: { ...meta('t.all'), kind: 'all', rules: [rules.equals, rules.compare] },
  any: { ...meta('t.any'), kind: 'any', rules: [rules.in, rules.compare] },
  not: { ...meta('t.not'), kind: 'not', rule: rules.in },
  when: {
    ...meta('t.when'),
    kind: 'when',
    condition: { ...meta('t.when.c'), kind: 'equals', field: 'application.claimsTechIncome', value: true },
    then: {
      ...meta('t.when.t'),
      kind: 'attachmentRequired',
      attachmentType: 'contractRegistrationList',
      attachmentLabel: '技术合同登记编号清单',
    },
  },
} satisfies Record<string, Rule>;

/** kind → [passing facts, failing facts, unknown facts, field named in the unknown message] */
const cases: Record<string, [ApplicationFacts, ApplicationFacts, ApplicationFacts, string]> = {
  in: [{ org: { type: 'university' } }, { org: { type: 'enterprise' } }, { org: {} }, 'org.type'],
  equals: [
    { org: { registeredRegion: '310000' } },
    { org: { registeredRegion: '320000' } },
    {},
    'org.registeredRegion',
  ],
  compare: [
    { org: { prevYearRevenueFen: 2 * YI } },
    { org: { prevYearRevenueFen: 2 * YI - 1 } },
    { org: { type: 'enterprise' } },
    'org.prevYearRevenueFen',
  ],
  ratio: [
    { application: { budget: { selfFundingFen: 1000 * WAN, requestedGrantFen: 500 * WAN } } },
    { application: { budget: { selfFundingFen: 1000 * WAN - 1, requestedGrantFen: 500 * WAN } } },
    { application: { budget: { selfFundingFen: 1000 * WAN } } },
    'application.budget.requestedGrantFen',
  ],
  cap: [
    { application: { budget: { requestedGrantFen: 500 * WAN } } },
    { application: { budget: { requestedGrantFen: 500 * WAN + 1 } } },
    { application: { budget: {} } },
    'application.budget.requestedGrantFen',
  ],
  count: [
    {
      application: {
        team: {
          techManagers: [
            { role: 'lead', yearsFullTime: 3 },
            { role: 'core', yearsFullTime: 1 },
          ],
        },
      },
    },
    {
      application: {
        team: {
          techManagers: [
            { role: 'lead', yearsFullTime: 2 },
            { role: 'core', yearsFullTime: 9 },
          ],
        },
      },
    },
    { application: { team: { techManagers: [{ role: 'lead' }] } } },
    'application.team.techManagers[0].yearsFullTime',
  ],
  attachmentRequired: [
    { application: { excludedExperts: [{ name: '张三' }], attachments: [{ type: 'avoidanceLetter' }] } },
    { application: { excludedExperts: [{ name: '张三' }], attachments: [{ type: 'feasibilityPlan' }] } },
    { application: { attachments: [{ type: 'avoidanceLetter' }] } },
    'application.excludedExperts',
  ],
  all: [
    { org: { registeredRegion: '310000', prevYearRevenueFen: 3 * YI } },
    { org: { registeredRegion: '310000', prevYearRevenueFen: YI } },
    { org: { registeredRegion: '310000' } },
    'org.prevYearRevenueFen',
  ],
  any: [
    { org: { type: 'enterprise', prevYearRevenueFen: 3 * YI } },
    { org: { type: 'enterprise', prevYearRevenueFen: YI } },
    { org: { type: 'enterprise' } },
    'org.prevYearRevenueFen',
  ],
  not: [{ org: { type: 'enterprise' } }, { org: { type: 'university' } }, {}, 'org.type'],
  when: [
    { application: { claimsTechIncome: true, attachments: [{ type: 'contractRegistrationList' }] } },
    { application: { claimsTechIncome: true, attachments: [] } },
    { application: { attachments: [] } },
    'application.claimsTechIncome',
  ],
};

const allRules: Record<string, Rule> = { ...rules, ...combinators };

describe('evaluateRule: every kind passes, fails and reports unknown', () => {
  it('covers every rule kind of the language', () => {
    expect(Object.keys(cases).sort()).toEqual([...RULE_KINDS].sort());
    for (const r of Object.values(allRules)) expect(RuleSchema.safeParse(r).success).toBe(true);
  });

  for (const [kind, [pass, fail, unknownFacts, missingField]] of Object.entries(cases)) {
    const rule = allRules[kind];
    it(`${kind}: passes`, () => {
      const r = evaluateRule(rule, pass);
      expect(r.passed).toBe(true);
      expect(r.ruleId).toBe(rule.id);
      expect(r.reason.zh).toMatch(/^符合/);
      expect(r.reason.en).toMatch(/^Met/);
    });
    it(`${kind}: fails`, () => {
      const r = evaluateRule(rule, fail);
      expect(r.passed).toBe(false);
      expect(r.reason.zh).toMatch(/^不符合/);
      expect(r.reason.en).toMatch(/^Not met/);
    });
    it(`${kind}: unknown when ${missingField} is missing, and the message names it`, () => {
      const r = evaluateRule(rule, unknownFacts);
      expect(r.passed).toBe('unknown');
      expect(r.missing).toContain(missingField);
      // by its label (the rules' catalogue), never by the path (issue 11)
      const leaf = missingField.includes('[') ? null : missingField;
      if (leaf) expect(r.reason.zh).toContain(`「${fieldLabel(leaf, 'zh')}」`);
      if (leaf) expect(r.reason.en).toContain(`"${fieldLabel(leaf, 'en')}"`);
      expect(r.reason.zh).not.toContain(missingField);
      expect(r.reason.en).not.toContain(missingField);
    });
  }
});

describe('evaluateRule details', () => {
  it('reports actual and expected, and interpolates the explanation', () => {
    const r = evaluateRule(rules.cap, { application: { budget: { requestedGrantFen: 600 * WAN } } });
    expect(r).toMatchObject({
      field: 'application.budget.requestedGrantFen',
      actual: 600 * WAN,
      expected: '不超过500万元',
      expectedEn: 'at most CNY 5,000,000',
      explain: '规则t.cap：实际600万元，要求不超过500万元',
      severity: 'error',
      applicable: true,
    });
    expect(r.reason.zh).toContain('600万元');
  });

  it('names the fact field in Chinese when it is missing', () => {
    const r = evaluateRule(rules.compare, {});
    expect(r.reason.zh).toContain('未填写「上年度主营业务收入」');
    expect(r.reason.zh).not.toContain('org.prevYearRevenueFen');
    expect(r.reason.en).toContain('"previous-year main business revenue" is missing');
  });

  it('treats a wrongly typed money value as unknown, not as a pass or a fail', () => {
    const asText = evaluateRule(rules.cap, {
      application: { budget: { requestedGrantFen: '500' as unknown as number } },
    });
    expect(asText.passed).toBe('unknown');
    const fractional = evaluateRule(rules.cap, { application: { budget: { requestedGrantFen: 100.5 } } });
    expect(fractional.passed).toBe('unknown');
    expect(fractional.reason.zh).toContain('应为整数分');
  });

  it('compares with each operator', () => {
    const at = (op: '>=' | '<=' | '=' | '>' | '<', v: number) =>
      evaluateRule({ ...rules.compare, op }, { org: { prevYearRevenueFen: v } }).passed;
    expect([at('>', 2 * YI), at('>', 2 * YI + 1)]).toEqual([false, true]);
    expect([at('<', 2 * YI), at('<', 2 * YI - 1)]).toEqual([false, true]);
    expect([at('=', 2 * YI), at('=', 2 * YI + 1)]).toEqual([true, false]);
    expect([at('<=', 2 * YI), at('<=', 2 * YI + 1)]).toEqual([true, false]);
  });
});

describe('ratio: exact integer arithmetic', () => {
  const ratio = (a: number, b: number, self: number, requested: number, op?: '>=' | '>' | '=') =>
    evaluateRule(
      { ...rules.ratio, ratio: { a, b }, ...(op ? { op } : {}) },
      { application: { budget: { selfFundingFen: self, requestedGrantFen: requested } } },
    ).passed;

  it('2:1 at exactly twice passes, one fen less fails', () => {
    expect(ratio(2, 1, 2 * 4_999_999_99, 4_999_999_99)).toBe(true);
    expect(ratio(2, 1, 2 * 4_999_999_99 - 1, 4_999_999_99)).toBe(false);
  });
  it('3:1 and 1:1 at the boundary', () => {
    expect(ratio(3, 1, 1500 * WAN, 500 * WAN)).toBe(true);
    expect(ratio(3, 1, 1500 * WAN - 1, 500 * WAN)).toBe(false);
    expect(ratio(1, 1, 100 * WAN, 100 * WAN)).toBe(true);
    expect(ratio(1, 1, 100 * WAN - 1, 100 * WAN)).toBe(false);
  });
  it('stays exact where floating-point division would not (0.1+0.2 style and huge amounts)', () => {
    // 3 : 10 vs 0.3 — a float check 3/10 >= 0.3 happens to pass, but 0.1*3 = 0.30000000000000004 would fail
    expect(ratio(3, 10, 3, 10)).toBe(true);
    expect(ratio(3, 10, 29, 100)).toBe(false);
    // near MAX_SAFE_INTEGER the cross product exceeds 2^53; BigInt keeps it exact
    const big = Number.MAX_SAFE_INTEGER - 1; // even
    expect(ratio(2, 1, big, big / 2)).toBe(true);
    expect(ratio(2, 1, big - 1, big / 2)).toBe(false);
  });
  it('supports > and = as well as the default >=', () => {
    expect(ratio(2, 1, 200, 100, '>')).toBe(false);
    expect(ratio(2, 1, 201, 100, '>')).toBe(true);
    expect(ratio(2, 1, 200, 100, '=')).toBe(true);
  });
  it('refuses fractional amounts instead of guessing', () => {
    const r = evaluateRule(rules.ratio, {
      application: { budget: { selfFundingFen: 200.5, requestedGrantFen: 100 } },
    });
    expect(r.passed).toBe('unknown');
  });
  it('reads both fields and names both amounts when it fails', () => {
    const r = evaluateRule(rules.ratio, {
      application: { budget: { selfFundingFen: 999 * WAN, requestedGrantFen: 500 * WAN } },
    });
    expect(r.field).toEqual(['application.budget.selfFundingFen', 'application.budget.requestedGrantFen']);
    expect(r.reason.zh).toContain('单位自筹经费999万元');
    expect(r.reason.zh).toContain('申请资助经费500万元');
  });
});

describe('count, attachments and combinators', () => {
  it('count without where counts the whole list', () => {
    const max3 = {
      ...meta('t.max3'),
      kind: 'count',
      field: 'application.team.techManagers',
      op: '<=',
      value: 3,
    } as Rule;
    const team = (n: number) => ({
      application: { team: { techManagers: Array.from({ length: n }, () => ({})) } },
    });
    expect(evaluateRule(max3, team(3)).passed).toBe(true);
    expect(evaluateRule(max3, team(4)).passed).toBe(false);
    expect(evaluateRule(max3, team(4)).actual).toBe(4);
  });
  it('count where: an element already excluded by a known predicate does not make it unknown', () => {
    const r = evaluateRule(rules.count, {
      application: { team: { techManagers: [{ role: 'core' }, { role: 'lead', yearsFullTime: 5 }] } },
    });
    expect(r.passed).toBe(true);
    expect(r.actual).toBe(1);
  });
  it('attachment rule whose condition does not hold passes as not applicable', () => {
    const r = evaluateRule(rules.attachmentRequired, {
      application: { excludedExperts: [], attachments: [] },
    });
    expect(r.passed).toBe(true);
    expect(r.applicable).toBe(false);
    expect(r.reason.zh).toMatch(/^不适用/);
  });
  it('when without otherwise is not applicable if the condition is false; otherwise branch applies', () => {
    const facts = { application: { claimsTechIncome: false, attachments: [] } };
    expect(evaluateRule(combinators.when, facts)).toMatchObject({ passed: true, applicable: false });
    const withElse: Rule = { ...combinators.when, otherwise: rules.equals };
    expect(evaluateRule(withElse, { ...facts, org: { registeredRegion: '320000' } }).passed).toBe(false);
  });
  it('all is false as soon as one child is false, even if another is unknown (Kleene)', () => {
    const r = evaluateRule(combinators.all, { org: { registeredRegion: '320000' } });
    expect(r.passed).toBe(false);
    expect(r.children?.map((c) => c.passed)).toEqual([false, 'unknown']);
  });
  it('any is true as soon as one child is true, even if another is unknown', () => {
    expect(evaluateRule(combinators.any, { org: { type: 'university' } }).passed).toBe(true);
  });
  it('nested reasons do not repeat the verdict prefix', () => {
    const u = evaluateRule(rules.attachmentRequired, { application: { attachments: [] } });
    expect(u.reason.zh.match(/无法判断/g)).toHaveLength(1);
    expect(u.reason.en.match(/Cannot judge/g)).toHaveLength(1);
    const f = evaluateRule(combinators.any, { org: { type: 'enterprise', prevYearRevenueFen: YI } });
    expect(f.reason.zh.match(/不符合/g)).toHaveLength(1);
    expect(f.reason.zh).toContain(
      '（规则t.in：实际企业，要求属于：高校、科研院所、医疗卫生机构；规则t.compare：实际1亿元',
    );
    expect(f.reason.en.match(/Not met/g)).toHaveLength(1);
  });
  it('not keeps unknown', () => {
    expect(evaluateRule(combinators.not, { org: {} }).passed).toBe('unknown');
  });
  it('ruleFields lists every field a rule reads', () => {
    expect(ruleFields(combinators.when)).toEqual(['application.claimsTechIncome', 'application.attachments']);
    expect(ruleFields(rules.ratio)).toEqual([
      'application.budget.selfFundingFen',
      'application.budget.requestedGrantFen',
    ]);
  });
  it('getPath does not walk into arrays or primitives', () => {
    expect(getPath({ a: { b: 1 } }, 'a.b')).toBe(1);
    expect(getPath({ a: [1] }, 'a.0')).toBeUndefined();
    expect(getPath({ a: 'x' }, 'a.length')).toBeUndefined();
  });
});
