/**
 * Call (申报指南) schemas. One Zod schema serves validation, TypeScript types and the HTTP layer's
 * JSON Schema (z.toJSONSchema works on every export here: no transforms, refinements only).
 *
 * Conventions
 * - Money is integer fen (分) everywhere (`…Fen`). 1 万元 = 1 000 000 分, 1 亿元 = 10 000 000 000 分,
 *   still far below Number.MAX_SAFE_INTEGER.
 * - KPI values keep the guide's own unit so staff read "5 亿元", not "50000000000": `value` is the number
 *   in `unit`. For money units (元 / 万元 / 亿元) a KPI must also carry `valueFen`, the same amount in
 *   integer fen, and the schema checks that `value × unit` equals `valueFen` exactly, using the decimal
 *   text of `value` and BigInt — so the figure that later flows into agreements is exact.
 * - Instants are ISO 8601 with the explicit +08:00 offset (Asia/Shanghai has had no DST since 1991), e.g.
 *   "2023-10-30T16:30:00+08:00". Dates (execution period) are plain YYYY-MM-DD.
 */
import { z } from 'zod';
import { RuleSchema, RuleSourceSchema, OrgTypeSchema } from './rule.schema.js';
import { MONEY_UNIT_FEN, isMoneyUnit, kpiAmountFen, type MoneyUnit } from '../../../../shared/money.js';

export const CALL_STATUSES = ['draft', 'published', 'closed'] as const;
export const CallStatusSchema = z.enum(CALL_STATUSES);
export type CallStatus = z.infer<typeof CallStatusSchema>;

export const ReviewModeSchema = z.enum(['oneRound', 'twoRounds']);
export type ReviewMode = z.infer<typeof ReviewModeSchema>;

export const ShanghaiInstantSchema = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?\+08:00$/,
    'instant must be ISO 8601 with the +08:00 offset, e.g. 2023-10-30T16:30:00+08:00',
  )
  .refine((s) => !Number.isNaN(Date.parse(s)), {
    message: 'not a real instant',
    params: { zh: '不是有效的时刻' },
  });

export const DateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be YYYY-MM-DD')
  .refine(
    (s) => {
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
    },
    { message: 'not a real date', params: { zh: '不是有效的日期' } },
  );

// Money units of a KPI (元, 万元, 亿元) and their exact fen: shared/money.ts, re-exported for importers.
export { MONEY_UNIT_FEN, isMoneyUnit, kpiAmountFen, type MoneyUnit };

export const KpiSchema = z
  .strictObject({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/),
    metric: z.string().min(1),
    metricEn: z.string().min(1).optional(),
    unit: z.string().min(1),
    comparator: z.enum(['>=', '<=', '=', '>', '<']),
    value: z.number().nonnegative(),
    /** Required for money units: the same amount in integer fen. */
    valueFen: z.number().int().nonnegative().optional(),
    /** What the amount includes, quoted from the guide, e.g. "含技术交易合同、吸纳投融资、衍生公司估值等". */
    includes: z.string().optional(),
    /** When the KPI applies only to some applicants (topic 2 has separate KPIs per kind of organisation). */
    appliesTo: z
      .strictObject({
        label: z.string().min(1),
        labelEn: z.string().optional(),
        orgTypes: z.array(OrgTypeSchema).min(1),
      })
      .optional(),
    source: RuleSourceSchema.optional(),
  })
  .superRefine((k, ctx) => {
    if (!isMoneyUnit(k.unit)) {
      if (k.valueFen !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['valueFen'],
          message: 'valueFen only for money units (元/万元/亿元)',
          params: { zh: '只有金额单位（元/万元/亿元）的指标才有 valueFen' },
        });
      return;
    }
    if (k.valueFen === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['valueFen'],
        message: `money KPI in ${k.unit} needs valueFen`,
        params: { zh: `以${k.unit}计的金额指标须同时给出 valueFen（分）` },
      });
      return;
    }
    const fen = kpiAmountFen(k.value, k.unit);
    if (fen === null || fen !== BigInt(k.valueFen))
      ctx.addIssue({
        code: 'custom',
        path: ['valueFen'],
        message: `valueFen must equal ${k.value} ${k.unit} in fen (${fen ?? 'not a whole number of fen'})`,
        params: { zh: `valueFen 应等于${k.value}${k.unit}折合的分（${fen ?? '不是整数分'}）` },
      });
  });
export type Kpi = z.infer<typeof KpiSchema>;

const FenSchema = z.number().int().nonnegative();

export const FundingRulesSchema = z.strictObject({
  /** 非定额资助 (non-fixed grant: the amount is decided per project up to the cap). */
  mode: z.enum(['nonFixed', 'fixed']).optional(),
  capPerProjectFen: FenSchema,
  /** 立项当年支持额度 cap. */
  firstYearCapFen: FenSchema.optional(),
  /** 拟支持不超过 N 个项目: the maximum number of projects funded. */
  projectCount: z.number().int().positive().optional(),
  /** 自筹经费 : 申请资助经费 ≥ self : requested. */
  coFundingRatio: z
    .strictObject({ self: z.number().int().positive(), requested: z.number().int().positive() })
    .optional(),
  /** 区已投入或承诺投入的资金 : 市级支持额度 ≥ district : municipal (1:1 = "不低于市级支持额度"). */
  districtMatching: z
    .strictObject({ district: z.number().int().positive(), municipal: z.number().int().positive() })
    .optional(),
  /** The guide's wording, quoted. */
  text: z.string().optional(),
  source: RuleSourceSchema.optional(),
});
export type FundingRules = z.infer<typeof FundingRulesSchema>;

export const RequiredAttachmentSchema = z.strictObject({
  type: z.string().regex(/^[a-z][A-Za-z0-9]*$/),
  label: z.string().min(1),
  labelEn: z.string().min(1).optional(),
  /** Only required when this rule holds (e.g. the avoidance list is non-empty). */
  when: RuleSchema.optional(),
  source: RuleSourceSchema.optional(),
});
export type RequiredAttachment = z.infer<typeof RequiredAttachmentSchema>;

export const DirectionSchema = z.strictObject({
  code: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9.-]*$/),
  title: z.string().min(1),
  titleEn: z.string().optional(),
  goal: z.string().min(1),
  scope: z.string().min(1),
  kpis: z.array(KpiSchema),
  executionPeriod: z.strictObject({ start: DateSchema, end: DateSchema }).refine((p) => p.start <= p.end, {
    message: 'execution period ends before it starts',
    path: ['end'],
    params: { zh: '执行期限的结束日期早于开始日期' },
  }),
  fundingRules: FundingRulesSchema,
  /** The guide's 申报主体要求, quoted. */
  applicantRequirements: z.string().optional(),
  eligibility: z.array(RuleSchema),
  requiredAttachments: z.array(RequiredAttachmentSchema),
  needsDistrictRecommendation: z.boolean(),
  note: z.string().optional(),
});
export type Direction = z.infer<typeof DirectionSchema>;

export const TopicSchema = z.strictObject({
  code: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9.-]*$/),
  title: z.string().min(1),
  titleEn: z.string().optional(),
  directions: z.array(DirectionSchema).min(1),
  note: z.string().optional(),
});
export type Topic = z.infer<typeof TopicSchema>;

export const CallWindowSchema = z
  .strictObject({
    opensAt: ShanghaiInstantSchema,
    closesAt: ShanghaiInstantSchema,
    note: z.string().optional(),
  })
  .refine((w) => Date.parse(w.closesAt) > Date.parse(w.opensAt), {
    message: 'closesAt must be after opensAt',
    params: { zh: '截止时间必须晚于起始时间' },
    path: ['closesAt'],
  });

export const CallSchema = z
  .strictObject({
    schemaVersion: z.literal(1),
    year: z.number().int().min(2000).max(2100),
    number: z.string().min(1),
    title: z.string().min(1),
    titleEn: z.string().optional(),
    issuer: z.string().optional(),
    issuedOn: DateSchema.optional(),
    /**
     * The programme (计划/项目类别) the call belongs to: rules that count "the same programme"
     * (one application per organisation per year) count the calls with this code. A call without it
     * is a programme of its own.
     */
    programme: z
      .strictObject({
        code: z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'programme code: a letter, then letters or digits'),
        title: z.string().min(1),
        titleEn: z.string().optional(),
      })
      .optional(),
    status: CallStatusSchema,
    window: CallWindowSchema,
    reviewMode: ReviewModeSchema,
    /** Requirements every direction shares (the guide's "二、申报要求"). */
    commonEligibility: z.array(RuleSchema),
    commonAttachments: z.array(RequiredAttachmentSchema),
    topics: z.array(TopicSchema).min(1),
    note: z.string().optional(),
  })
  .superRefine((call, ctx) => {
    const seen = new Map<string, string>();
    call.topics.forEach((t, ti) =>
      t.directions.forEach((d, di) => {
        if (seen.has(d.code))
          ctx.addIssue({
            code: 'custom',
            path: ['topics', ti, 'directions', di, 'code'],
            message: `duplicate direction code ${d.code}`,
            params: { zh: `方向编码重复：${d.code}` },
          });
        seen.set(d.code, t.code);
        const ids = new Set(call.commonEligibility.map((r) => r.id));
        d.eligibility.forEach((r, ri) => {
          if (ids.has(r.id))
            ctx.addIssue({
              code: 'custom',
              path: ['topics', ti, 'directions', di, 'eligibility', ri, 'id'],
              message: `duplicate rule id ${r.id}`,
              params: { zh: `规则编号重复：${r.id}` },
            });
          ids.add(r.id);
        });
      }),
    );
  });
export type Call = z.infer<typeof CallSchema>;

/** Finds a direction by code anywhere in the call. */
export function findDirection(call: Call, code: string): { topic: Topic; direction: Direction } | undefined {
  for (const topic of call.topics) {
    const direction = topic.directions.find((d) => d.code === code);
    if (direction) return { topic, direction };
  }
  return undefined;
}
