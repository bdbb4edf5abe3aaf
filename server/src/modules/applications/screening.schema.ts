import { z } from 'zod';
import { ownedBy, personal } from '../../platform/http/personal.js';

const Overall = z.enum(['pass', 'fail', 'incomplete']);
const Verdict = z.union([z.boolean(), z.literal('unknown')]);
const Bilingual = z.object({ zh: z.string(), en: z.string() });

export const RuleFindingDto = z.object({
  ruleId: z.string(),
  kind: z.string(),
  label: z.string(),
  labelEn: z.string(),
  group: z.enum(['eligibility', 'funding', 'attachments', 'kpis', 'fields']),
  origin: z.string(),
  passed: Verdict,
  applicable: z.boolean(),
  severity: z.enum(['error', 'warning']),
  source: z.string().optional(),
  field: z.union([z.string(), z.array(z.string())]),
  actual: z.unknown().optional(),
  expected: z.string(),
  expectedEn: z.string(),
  explain: z.string(),
  reason: Bilingual,
  missing: z.array(z.string()).optional(),
});

export const ScreeningResultDto = z.object({
  callNumber: z.string(),
  directionCode: z.string(),
  overall: Overall,
  findings: z.array(RuleFindingDto.loose()),
  counts: z.object({
    passed: z.number(),
    failed: z.number(),
    unknown: z.number(),
    warnings: z.number(),
    notApplicable: z.number(),
  }),
});

export const ContentFindingDto = z.object({
  id: z.string(),
  label: z.string(),
  labelEn: z.string(),
  passed: Verdict,
  field: z.string(),
  reason: Bilingual,
});

export const ChecklistDto = z
  .object({
    applicationId: z.string(),
    version: z.number().int(),
    status: z.string(),
    deadline: z.enum(['notOpen', 'open', 'closed']),
    closesAt: z.string(),
    serverTime: z.string(),
    overall: Overall.describe('fail beats incomplete beats pass, over screening + content + field errors'),
    canSubmit: z
      .boolean()
      .describe('overall is pass and the window is open (the workflow may still need reviews)'),
    screening: ScreeningResultDto,
    content: z.array(ContentFindingDto),
    fieldErrors: z.array(
      z.object({
        field: z.string(),
        label: z.object({ zh: z.string(), en: z.string() }),
        code: z.string(),
        message: z.string(),
        messageEn: z.string(),
      }),
    ),
  })
  .meta({ id: 'Checklist' });

export const ScreeningRunDto = z
  .object({
    id: z.string(),
    callId: z.string(),
    status: z.enum(['running', 'done', 'failed']),
    total: z.number().int(),
    done: z.number().int(),
    summary: z.record(z.string(), z.number()).nullable(),
    error: z.string().nullable(),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'ScreeningRun' });

const DecisionDto = z.object({
  ruleId: z.string(),
  action: z.enum(['confirm', 'override']),
  verdict: z.enum(['pass', 'fail']),
  reason: z.string(),
  actorId: z.string(),
  actorName: z.string().nullable().optional().describe("the decider's name (users.name)"),
  at: z.string(),
});

export const FlagDto = z
  .object({
    code: z.enum(['regionMismatch', 'ongoingProjectsMismatch']),
    zh: z.string(),
    en: z.string(),
  })
  .describe('a disagreement between what the applicant typed and a registry, for staff to check');

export const ScreeningItemDto = ownedBy(
  z.object({
    applicationId: z.string(),
    receiptNumber: z.string().nullable(),
    submittedAt: z.string().nullable(),
    directionCode: z.string(),
    directionTitle: z.string(),
    orgId: z.string(),
    orgName: z.string(),
    orgType: z.string(),
    orgTypeLabel: Bilingual,
    projectTitle: z.string().nullable(),
    leadName: personal(z.string().nullable(), 'name'),
    leadPhone: personal(z.string().nullable().describe('masked'), 'phone'),
    requestedGrantFen: z.number().nullable(),
    selfFundingFen: z.number().nullable(),
    screenedAt: z.string().nullable(),
    screenedBy: z.enum(['submission', 'run', 'import']).nullable(),
    automatic: Overall.nullable().describe('the rules’ verdict'),
    result: Overall.nullable().describe('after staff decisions'),
    overridden: z.boolean(),
    flags: z
      .array(FlagDto)
      .describe('typed region vs. USCC division; declared vs. registered ongoing projects'),
    kpiCheck: z
      .object({
        overall: Overall,
        passed: z.number().int(),
        failed: z.number().int(),
        unknown: z.number().int(),
      })
      .describe("the KPI commitments against the direction's KPIs (units converted), after staff decisions"),
    imported: z.boolean().describe('part of an imported historical call (已导入, read-only)'),
    outcome: z
      .object({
        screening: z.enum(['pass', 'fail']),
        awarded: z.boolean(),
        grantedFen: z.number().int().nullable(),
      })
      .nullable()
      .describe('the recorded outcome of an imported application'),
    findings: z.array(
      z.object({
        ruleId: z.string(),
        label: z.string(),
        labelEn: z.string(),
        group: z.string(),
        severity: z.enum(['error', 'warning']),
        applicable: z.boolean(),
        passed: Verdict,
        automatic: Verdict,
        reason: Bilingual,
        decision: DecisionDto.nullable(),
      }),
    ),
  }),
  { org: 'orgId' },
).meta({ id: 'ScreeningItem' });

export const ScreeningListDto = z.object({
  summary: z.object({
    total: z.number().int(),
    pass: z.number().int(),
    fail: z.number().int(),
    incomplete: z.number().int(),
    unscreened: z.number().int(),
    overridden: z.number().int(),
    flagged: z.number().int().describe('applications with at least one flag'),
  }),
  items: z.array(ScreeningItemDto),
});

export const ScreeningQuery = z.object({
  direction: z.string().max(50).optional(),
  result: Overall.optional(),
  orgType: z.string().max(50).optional(),
  overridden: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true')),
});

export const DecisionBody = z.object({
  ruleId: z.string().min(1).max(200),
  action: z.enum(['confirm', 'override']),
  verdict: z.enum(['pass', 'fail']).optional().describe('required for override'),
  reason: z.string().trim().min(2).max(2000).describe('written reason (audited)'),
});

export const CallParams = z.object({ id: z.string().min(1).max(100) });
export const RunParams = z.object({ id: z.string().min(1).max(100), runId: z.string().min(1).max(100) });
