import { describe, expect, it } from 'vitest';
import { describeRule, formatFen, interpolate } from './rule.describe.js';
import { RULE_KINDS, type Rule } from './rule.schema.js';

const WAN = 1_000_000;
const YI = 10_000_000_000;
const meta = (id: string) => ({ id, label: id, labelEn: id, explain: id });

const inRule: Rule = {
  ...meta('in'),
  kind: 'in',
  field: 'org.type',
  values: ['university', 'researchInstitute'],
};
const equalsRule: Rule = { ...meta('eq'), kind: 'equals', field: 'org.registeredRegion', value: '310000' };
const compareRule: Rule = {
  ...meta('cmp'),
  kind: 'compare',
  field: 'org.prevYearRevenueFen',
  op: '>=',
  value: 2 * YI,
};
const incomeClaimed: Rule = {
  ...meta('inc'),
  kind: 'equals',
  field: 'application.claimsTechIncome',
  value: true,
};

/** kind → [rule, Chinese sentence, English sentence] */
const table: [Rule, string, string][] = [
  [
    inRule,
    '申报单位类型属于：高校、科研院所',
    'Applicant organisation type is one of: university, research institute',
  ],
  [equalsRule, '申报单位注册地位于上海市', 'Place of registration is within Shanghai'],
  [
    compareRule,
    '上年度主营业务收入不低于2亿元',
    'Previous-year main business revenue is at least CNY 200,000,000',
  ],
  [
    {
      ...meta('ratio'),
      kind: 'ratio',
      field: 'application.budget.selfFundingFen',
      denominatorField: 'application.budget.requestedGrantFen',
      ratio: { a: 3, b: 1 },
    },
    '单位自筹经费与申请资助经费的比例不低于3:1',
    'The ratio of self-funding to requested grant is at least 3:1',
  ],
  [
    { ...meta('cap'), kind: 'cap', field: 'application.budget.firstYearRequestFen', max: 300 * WAN },
    '立项当年申请支持额度不超过300万元',
    'First-year grant request is at most CNY 3,000,000',
  ],
  [
    {
      ...meta('count'),
      kind: 'count',
      field: 'application.team.techManagers',
      where: [
        { field: 'role', op: '=', value: 'lead' },
        { field: 'yearsFullTime', op: '>=', value: 3 },
      ],
      op: '>=',
      value: 1,
    },
    '推荐的优秀技术经理人（团队）成员中角色为优秀技术经理人且专职从事技术转移服务年限不低于3年的数量不少于1人',
    'The number of recommended technology managers (team) with role lead technology manager and years full-time in technology transfer at least 3 years is at least 1',
  ],
  [
    {
      ...meta('att'),
      kind: 'attachmentRequired',
      attachmentType: 'avoidanceLetter',
      attachmentLabel: '回避专家公函',
      attachmentLabelEn: 'avoidance letter',
      when: { ...meta('w'), kind: 'count', field: 'application.excludedExperts', op: '>=', value: 1 },
    },
    '当回避专家名单数量不少于1人时，须上传附件「回避专家公函」',
    'When the number of experts to exclude (avoidance list) is at least 1, the attachment "avoidance letter" is required',
  ],
  [
    { ...meta('all'), kind: 'all', rules: [equalsRule, compareRule] },
    '同时满足：（1）申报单位注册地位于上海市；（2）上年度主营业务收入不低于2亿元',
    'All of: (1) Place of registration is within Shanghai; (2) Previous-year main business revenue is at least CNY 200,000,000',
  ],
  [
    { ...meta('any'), kind: 'any', rules: [inRule, compareRule] },
    '满足以下任一项：（1）申报单位类型属于：高校、科研院所；（2）上年度主营业务收入不低于2亿元',
    'Any of: (1) Applicant organisation type is one of: university, research institute; (2) Previous-year main business revenue is at least CNY 200,000,000',
  ],
  [
    { ...meta('not'), kind: 'not', rule: inRule },
    '并非「申报单位类型属于：高校、科研院所」',
    'Not the case that applicant organisation type is one of: university, research institute',
  ],
  [
    {
      ...meta('when'),
      kind: 'when',
      condition: incomeClaimed,
      then: {
        ...meta('t'),
        kind: 'attachmentRequired',
        attachmentType: 'contractRegistrationList',
        attachmentLabel: '技术合同登记编号清单',
      },
      otherwise: equalsRule,
    },
    '如果是否填报技术性收入或技术转移成交金额为是，则须上传附件「技术合同登记编号清单」；否则申报单位注册地位于上海市',
    'If claims technical income or transfer deal value is yes, then the attachment "技术合同登记编号清单" is required; otherwise place of registration is within Shanghai',
  ],
];

describe('describeRule renders each kind as a readable sentence', () => {
  it('the table covers every kind', () => {
    expect(new Set(table.map(([r]) => r.kind))).toEqual(new Set(RULE_KINDS));
  });
  for (const [rule, zh, en] of table) {
    it(`${rule.kind} (zh)`, () => expect(describeRule(rule)).toBe(zh));
    it(`${rule.kind} (en)`, () => expect(describeRule(rule, 'en')).toBe(en));
  }
  it('falls back to the raw path and value for fields outside the catalogue', () => {
    const r: Rule = { ...meta('x'), kind: 'compare', field: 'application.custom.score', op: '<', value: 7 };
    expect(describeRule(r)).toBe('application.custom.score低于7');
  });
});

describe('formatFen: exact money text from integer fen', () => {
  it.each([
    [500 * WAN, '500万元', 'CNY 5,000,000'],
    [5 * YI, '5亿元', 'CNY 500,000,000'],
    [25 * 1_000_000_000, '2.5亿元', 'CNY 250,000,000'],
    [499_999_900, '499.9999万元', 'CNY 4,999,999'],
    [123_456, '1234.56元', 'CNY 1,234.56'],
    [1, '0.01元', 'CNY 0.01'],
    [0, '0元', 'CNY 0'],
  ])('%i fen → %s / %s', (fen, zh, en) => {
    expect(formatFen(fen)).toBe(zh);
    expect(formatFen(fen, 'en')).toBe(en);
  });
});

describe('interpolate', () => {
  it('fills {actual}, {expected}, {field} and leaves other braces alone', () => {
    expect(
      interpolate('实际{actual}，要求{expected}（{field}）{other}', {
        actual: 'A',
        expected: 'E',
        field: 'F',
      }),
    ).toBe('实际A，要求E（F）{other}');
  });
});
