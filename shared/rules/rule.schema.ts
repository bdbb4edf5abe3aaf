/**
 * The eligibility rule language (申报主体要求 / 形式审查规则) as plain JSON objects.
 *
 * Rules are data that programme staff read and edit; they never contain code. Every rule has
 *   - `id`        stable identifier, used in checklists, audit records and tests
 *   - `label`     short Chinese name shown in the checklist (`labelEn` for the English locale)
 *   - `explain`   Chinese explanation shown to applicants; may interpolate `{actual}`, `{expected}`
 *                 and `{field}` (`explainEn` is the optional English counterpart)
 *   - `source`    the document the rule comes from, as staff cite it: a guide's number and section
 *                 ("沪科指南〔2023〕21号 §二.7", "guide 2023 §二.7"), a management rule, an evaluation
 *                 report ("绩效评价报告(2024) §二 B22"), a seed document ("seed 003 footnote 4"); "issue"
 *                 or "platform" when the platform adds it although the documents are silent
 *   - `severity`  'error' (default) fails screening; 'warning' is shown but does not fail it (used for
 *                 the guide's "原则上" — "in principle" — requirements)
 * and names the fact path(s) it reads (`field`, and `denominatorField` for ratios).
 *
 * Fact paths are dotted paths into the facts object: `org.*`, `application.*`, `lead.*`, `context.*`
 * (see FACT_FIELDS). Money fields end in `Fen` and hold integer fen (分); never a float.
 * A division field (FACT_FIELDS `division: true`, e.g. `org.registeredRegion`) holds a GB/T 2260 code;
 * `equals` and `in` compare it by containment: "310000" (上海市) holds every 31xxxx code.
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

/** Longest source text: a document title with its section fits easily. */
export const RULE_SOURCE_MAX = 200;
/**
 * Any document reference: one line, no leading or trailing space, at least one letter or digit,
 * 2-200 characters (so "§" alone or an accidental paragraph is refused).
 */
export const RuleSourceSchema = z
  .string()
  .min(2)
  .max(RULE_SOURCE_MAX)
  .regex(
    /^(?=[^]*[\p{L}\p{N}])\S(?:[^\p{Cc}]*\S)?$/u,
    'source: one line naming the document and section, e.g. "沪科指南〔2023〕21号 §二.7"',
  );

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

// The fact catalogue (field labels, organisation types) lives in rule.fields.ts.
export * from './rule.fields.js';
