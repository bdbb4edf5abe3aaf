/**
 * The eligibility rule language (申报主体要求 / 形式审查规则) as plain JSON objects.
 *
 * Rules are data that programme staff read and edit; they never contain code. Every rule has
 *   - `id`        stable identifier, used in checklists, audit records and tests
 *   - `label`     short Chinese name shown in the checklist (`labelEn` for the English locale)
 *   - `explain`   Chinese explanation shown to applicants; may interpolate `{actual}`, `{expected}`
 *                 and `{field}` (`explainEn` is the optional English counterpart)
 *   - `source`    where the rule comes from: "guide 2023 §…" when the guide states it, "issue" when
 *                 the platform adds it although the guide is silent
 *   - `severity`  'error' (default) fails screening; 'warning' is shown but does not fail it (used for
 *                 the guide's "原则上" — "in principle" — requirements)
 * and names the fact path(s) it reads (`field`, and `denominatorField` for ratios).
 *
 * Fact paths are dotted paths into the facts object: `org.*`, `application.*`, `lead.*`, `context.*`
 * (see FACT_FIELDS). Money fields end in `Fen` and hold integer fen (分); never a float.
 */
import { z } from 'zod';

export const COMPARATORS = ['>=', '<=', '=', '>', '<'] as const;
export const ComparatorSchema = z.enum(COMPARATORS);
export type Comparator = z.infer<typeof ComparatorSchema>;

export const FactPathSchema = z
  .string()
  .regex(
    /^(org|application|lead|context)(\.[A-Za-z][A-Za-z0-9]*)+$/,
    'fact path must start with org., application., lead. or context.',
  );

/** A path inside one element of an array fact, e.g. `role` or `yearsFullTime`. */
export const ElementPathSchema = z.string().regex(/^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)*$/);

export const ScalarSchema = z.union([z.string(), z.number(), z.boolean()]);
export type Scalar = z.infer<typeof ScalarSchema>;

export const RuleSourceSchema = z
  .string()
  .regex(/^(guide \d{4} §.+|issue|platform)$/, 'source must be "guide <year> §…", "issue" or "platform"');

const base = {
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'rule id: letters, digits, . _ -'),
  label: z.string().min(1),
  labelEn: z.string().min(1),
  explain: z.string().min(1),
  explainEn: z.string().min(1).optional(),
  source: RuleSourceSchema.optional(),
  severity: z.enum(['error', 'warning']).optional(),
};

/** Predicate on one array element, used by `count.where`. `in` takes an array value. */
export const ElementPredicateSchema = z.strictObject({
  field: ElementPathSchema,
  op: z.enum(['>=', '<=', '=', '>', '<', '!=', 'in']),
  value: z.union([ScalarSchema, z.array(ScalarSchema)]),
});
export type ElementPredicate = z.infer<typeof ElementPredicateSchema>;

export const RatioSchema = z.strictObject({
  a: z.number().int().positive(),
  b: z.number().int().positive(),
});

export const InRuleSchema = z.strictObject({
  ...base,
  kind: z.literal('in'),
  field: FactPathSchema,
  values: z.array(ScalarSchema).min(1),
});
export const EqualsRuleSchema = z.strictObject({
  ...base,
  kind: z.literal('equals'),
  field: FactPathSchema,
  value: ScalarSchema,
});
export const CompareRuleSchema = z.strictObject({
  ...base,
  kind: z.literal('compare'),
  field: FactPathSchema,
  op: ComparatorSchema,
  /** For `…Fen` fields: integer fen. */
  value: z.number(),
});
/** field : denominatorField  op  a : b, judged as field·b op denominatorField·a in BigInt. */
export const RatioRuleSchema = z.strictObject({
  ...base,
  kind: z.literal('ratio'),
  field: FactPathSchema,
  denominatorField: FactPathSchema,
  op: ComparatorSchema.optional(),
  ratio: RatioSchema,
});
/** field ≤ max (for `…Fen` fields, max is integer fen). */
export const CapRuleSchema = z.strictObject({
  ...base,
  kind: z.literal('cap'),
  field: FactPathSchema,
  max: z.number().int().nonnegative(),
});
/** Number of elements of an array fact (optionally only those matching every `where`) op value. */
export const CountRuleSchema = z.strictObject({
  ...base,
  kind: z.literal('count'),
  field: FactPathSchema,
  where: z.array(ElementPredicateSchema).optional(),
  op: ComparatorSchema,
  value: z.number().int().nonnegative(),
});

// The recursive kinds reference RuleSchema through getters (Zod 4's recursion idiom, also understood
// by z.toJSONSchema).
export const AttachmentRequiredRuleSchema = z.strictObject({
  ...base,
  kind: z.literal('attachmentRequired'),
  /** Array fact of `{ type }` objects; defaults to `application.attachments`. */
  field: FactPathSchema.optional(),
  attachmentType: z.string().regex(/^[a-z][A-Za-z0-9]*$/),
  attachmentLabel: z.string().min(1),
  attachmentLabelEn: z.string().min(1).optional(),
  get when() {
    return RuleSchema.optional();
  },
});
export const AllRuleSchema = z.strictObject({
  ...base,
  kind: z.literal('all'),
  get rules() {
    return z.array(RuleSchema).min(1);
  },
});
export const AnyRuleSchema = z.strictObject({
  ...base,
  kind: z.literal('any'),
  get rules() {
    return z.array(RuleSchema).min(1);
  },
});
export const NotRuleSchema = z.strictObject({
  ...base,
  kind: z.literal('not'),
  get rule() {
    return RuleSchema;
  },
});
/** If `condition` holds, `then` applies; otherwise `otherwise` (or nothing: passes as not applicable). */
export const WhenRuleSchema = z.strictObject({
  ...base,
  kind: z.literal('when'),
  get condition() {
    return RuleSchema;
  },
  get then() {
    return RuleSchema;
  },
  get otherwise() {
    return RuleSchema.optional();
  },
});

export type InRule = z.infer<typeof InRuleSchema>;
export type EqualsRule = z.infer<typeof EqualsRuleSchema>;
export type CompareRule = z.infer<typeof CompareRuleSchema>;
export type RatioRule = z.infer<typeof RatioRuleSchema>;
export type CapRule = z.infer<typeof CapRuleSchema>;
export type CountRule = z.infer<typeof CountRuleSchema>;
type RuleBase = {
  id: string;
  label: string;
  labelEn: string;
  explain: string;
  explainEn?: string;
  source?: string;
  severity?: 'error' | 'warning';
};
export type AttachmentRequiredRule = RuleBase & {
  kind: 'attachmentRequired';
  field?: string;
  attachmentType: string;
  attachmentLabel: string;
  attachmentLabelEn?: string;
  when?: Rule;
};
export type AllRule = RuleBase & { kind: 'all'; rules: Rule[] };
export type AnyRule = RuleBase & { kind: 'any'; rules: Rule[] };
export type NotRule = RuleBase & { kind: 'not'; rule: Rule };
export type WhenRule = RuleBase & { kind: 'when'; condition: Rule; then: Rule; otherwise?: Rule };
export type Rule =
  | InRule
  | EqualsRule
  | CompareRule
  | RatioRule
  | CapRule
  | CountRule
  | AttachmentRequiredRule
  | AllRule
  | AnyRule
  | NotRule
  | WhenRule;
export type RuleKind = Rule['kind'];

export const RuleSchema: z.ZodType<Rule> = z.discriminatedUnion('kind', [
  InRuleSchema,
  EqualsRuleSchema,
  CompareRuleSchema,
  RatioRuleSchema,
  CapRuleSchema,
  CountRuleSchema,
  AttachmentRequiredRuleSchema,
  AllRuleSchema,
  AnyRuleSchema,
  NotRuleSchema,
  WhenRuleSchema,
]);

export const RULE_KINDS: readonly RuleKind[] = [
  'in',
  'equals',
  'compare',
  'ratio',
  'cap',
  'count',
  'attachmentRequired',
  'all',
  'any',
  'not',
  'when',
];

/** Every fact path a rule reads, including those of nested rules, in first-seen order. */
export function ruleFields(rule: Rule): string[] {
  const out: string[] = [];
  const add = (f: string | undefined) => {
    if (f && !out.includes(f)) out.push(f);
  };
  const walk = (r: Rule) => {
    switch (r.kind) {
      case 'ratio':
        add(r.field);
        add(r.denominatorField);
        return;
      case 'attachmentRequired':
        if (r.when) walk(r.when);
        add(r.field ?? ATTACHMENTS_FIELD);
        return;
      case 'all':
      case 'any':
        r.rules.forEach(walk);
        return;
      case 'not':
        walk(r.rule);
        return;
      case 'when':
        walk(r.condition);
        walk(r.then);
        if (r.otherwise) walk(r.otherwise);
        return;
      default:
        add(r.field);
    }
  };
  walk(rule);
  return out;
}

export const ATTACHMENTS_FIELD = 'application.attachments';

/** Fact catalogue: the fields the screening understands, with labels for describeRule and reasons. */
export interface FactFieldInfo {
  zh: string;
  en: string;
  unitZh?: string;
  unitEn?: string;
  /** Labels of enumerated values (code → zh / en). */
  values?: Record<string, { zh: string; en: string }>;
}

export const ORG_TYPES = {
  university: { zh: '高校', en: 'university' },
  researchInstitute: { zh: '科研院所', en: 'research institute' },
  medicalInstitution: { zh: '医疗卫生机构', en: 'medical and health institution' },
  enterprise: { zh: '企业', en: 'enterprise' },
  transferInstitution: { zh: '社会化技术转移机构', en: 'independent technology-transfer institution' },
  other: { zh: '其他组织', en: 'other organisation' },
} as const;
export type OrgType = keyof typeof ORG_TYPES;
export const OrgTypeSchema = z.enum(Object.keys(ORG_TYPES) as [OrgType, ...OrgType[]]);

export const FACT_FIELDS: Record<string, FactFieldInfo> = {
  'org.type': { zh: '申报单位类型', en: 'applicant organisation type', values: ORG_TYPES },
  'org.legalForm': {
    zh: '申报单位组织形式',
    en: 'legal form of the applicant',
    values: {
      legalPerson: { zh: '法人', en: 'legal person' },
      unincorporated: { zh: '非法人组织', en: 'unincorporated organisation' },
    },
  },
  'org.registeredRegion': {
    zh: '申报单位注册地',
    en: 'place of registration',
    values: { '310000': { zh: '上海市', en: 'Shanghai' } },
  },
  'org.prevYearRevenueFen': { zh: '上年度主营业务收入', en: 'previous-year main business revenue' },
  'application.budget.selfFundingFen': { zh: '单位自筹经费', en: 'self-funding' },
  'application.budget.requestedGrantFen': { zh: '申请资助经费', en: 'requested grant' },
  'application.budget.firstYearRequestFen': { zh: '立项当年申请支持额度', en: 'first-year grant request' },
  'application.budget.districtMatchingFen': {
    zh: '区已投入或承诺投入资金',
    en: 'district funds committed or invested',
  },
  'application.budget.techManagerTrainingFen': {
    zh: '用于技术经理人聘用和培养的资助经费',
    en: 'grant budget for hiring and training technology managers',
  },
  'application.team.techManagers': {
    zh: '推荐的优秀技术经理人（团队）成员',
    en: 'recommended technology managers (team)',
    unitZh: '人',
    unitEn: 'people',
  },
  'application.attachments': { zh: '已上传附件', en: 'uploaded attachments', unitZh: '份', unitEn: 'files' },
  'application.excludedExperts': {
    zh: '回避专家名单',
    en: 'experts to exclude (avoidance list)',
    unitZh: '人',
    unitEn: 'people',
  },
  'application.claimsTechIncome': {
    zh: '是否填报技术性收入或技术转移成交金额',
    en: 'claims technical income or transfer deal value',
  },
  'application.declarations.integrityCommitment': {
    zh: '项目负责人材料真实性承诺',
    en: "project lead's commitment that the materials are true",
  },
  'application.declarations.noClassifiedContent': {
    zh: '不含涉密内容声明',
    en: 'declaration that nothing classified is included',
  },
  'lead.ongoingCommissionProjects': {
    zh: '项目负责人作为负责人承担的市科委在研项目数',
    en: 'ongoing commission projects the lead already leads',
    unitZh: '项',
    unitEn: 'projects',
  },
  'context.orgApplicationsThisYear': {
    zh: '本单位本年度在本指南下已提交的其他申报数',
    en: "the organisation's other applications to this call this year",
    unitZh: '项',
    unitEn: 'applications',
  },
};

/** Labels of element fields used in `count.where` for known array facts. */
export const ELEMENT_FIELDS: Record<string, Record<string, FactFieldInfo>> = {
  'application.team.techManagers': {
    role: {
      zh: '角色',
      en: 'role',
      values: {
        lead: { zh: '优秀技术经理人', en: 'lead technology manager' },
        core: { zh: '骨干成员', en: 'core member' },
      },
    },
    yearsFullTime: {
      zh: '专职从事技术转移服务年限',
      en: 'years full-time in technology transfer',
      unitZh: '年',
      unitEn: 'years',
    },
    isProjectLead: { zh: '是否为项目负责人', en: 'is the project lead' },
  },
};
