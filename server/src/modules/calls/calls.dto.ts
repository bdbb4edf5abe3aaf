/** HTTP request/response schemas of the calls routes (the call document itself is CallSchema). */
import { z } from 'zod';
import { CallStatusSchema } from './call.schema.js';

export const Bilingual = z.object({ zh: z.string(), en: z.string() });
export const DeadlineStateSchema = z.enum(['notOpen', 'open', 'closed']);

export const CallSummary = z
  .object({
    id: z.string(),
    year: z.number().int().nullable(),
    number: z.string().nullable(),
    title: z.string().nullable(),
    status: CallStatusSchema,
    statusLabel: Bilingual,
    opensAt: z.string().nullable().describe('ISO instant with +08:00'),
    closesAt: z.string().nullable().describe('ISO instant with +08:00'),
    deadline: DeadlineStateSchema.nullable().describe(
      'window state at server time; null for a draft without a window',
    ),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    publishedAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    imported: z.boolean().describe('a historical call imported for the record (已导入): read-only'),
    importedAt: z.string().nullable(),
    importSource: z.string().nullable().describe('what the imported record was taken from'),
  })
  .meta({ id: 'CallSummary' });

export const ImportProblem = z.object({
  path: z.string(),
  code: z.string(),
  message: z.string(),
  messageEn: z.string(),
});

export const CallTransitionDto = z.object({
  to: CallStatusSchema,
  action: z.string(),
  label: z.string(),
  labelEn: z.string(),
  allowed: z.boolean(),
  reason: Bilingual.optional(),
});

export const CallDetail = CallSummary.extend({
  content: z.record(z.string(), z.unknown()).describe('the call document (CallSchema when complete)'),
  problems: z.array(ImportProblem).describe('what still blocks publishing (empty when complete)'),
  transitions: z.array(CallTransitionDto),
}).meta({ id: 'CallDetail' });

export const DescribedRule = z.object({
  id: z.string(),
  label: z.string(),
  labelEn: z.string(),
  kind: z.string(),
  severity: z.enum(['error', 'warning']),
  source: z.string().optional(),
  description: Bilingual,
});

export const PublicCall = CallSummary.extend({
  call: z.record(z.string(), z.unknown()).describe('the published call document (CallSchema)'),
  commonRules: z.array(DescribedRule),
  directions: z.array(
    z.object({
      topicCode: z.string(),
      code: z.string(),
      title: z.string(),
      needsDistrictRecommendation: z.boolean(),
      rules: z.array(DescribedRule).describe('eligibility, funding and attachment rules, described'),
    }),
  ),
}).meta({ id: 'PublicCall' });

export const CallPage = z.object({ total: z.number().int(), items: z.array(CallSummary) });
export const CallQuery = z.object({
  status: CallStatusSchema.optional(),
  year: z.coerce.number().int().min(1900).max(2200).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export const CallIdParams = z.object({ id: z.string().min(1).max(100) });
export const CallDraftBody = z.object({
  content: z.record(z.string(), z.unknown()).describe('a call document; may be incomplete while a draft'),
  baseVersion: z.number().int().optional().describe('the version you edited (optimistic locking)'),
});
