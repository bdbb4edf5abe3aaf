/**
 * Importing a historical call for the record (issue 8 §6): the call document plus its applications
 * with their organisation (by 统一社会信用代码), direction, screening result, award and grant.
 * Money in integer fen; the Excel form takes 万元 (converted exactly, see historical.rules.ts).
 */
import { z } from 'zod';
import { ExcludedExpert } from './application.schema.js';

const fen = z.number().int().nonnegative();

export const HistoricalApplication = z.strictObject({
  orgUscc: z.string().trim().length(18).describe('统一社会信用代码 of an organisation on the platform'),
  orgName: z.string().max(200).optional().describe('for people reading the file; the USCC decides'),
  directionCode: z.string().min(1).max(50),
  projectTitle: z.string().trim().min(1).max(200),
  requestedGrantFen: fen.optional(),
  selfFundingFen: fen.optional(),
  screening: z.enum(['pass', 'fail']).describe('the recorded screening (形式审查) result'),
  screeningNote: z.string().max(2000).optional(),
  awarded: z.boolean().describe('立项 or not'),
  grantFen: fen.optional().describe('the grant awarded, integer fen (required when awarded)'),
  kpis: z
    .array(z.record(z.string(), z.unknown()))
    .max(50)
    .optional()
    .describe('KPI commitments, if recorded'),
  excludedExperts: z
    .array(ExcludedExpert)
    .max(20)
    .optional()
    .describe('the avoidance list (申请回避的专家) as recorded: review rounds on the record honour it'),
});
export type HistoricalApplication = z.infer<typeof HistoricalApplication>;

export const ImportHistoricalBody = z
  .strictObject({
    call: z.record(z.string(), z.unknown()).describe('the call document (CallSchema), real past dates'),
    applications: z.array(z.unknown()).max(2000).optional().describe('HistoricalApplication rows'),
    applicationsXlsxBase64: z
      .string()
      .max(7_000_000)
      .optional()
      .describe('or: an .xlsx of the rows (first sheet, header row), base64'),
    source: z
      .string()
      .trim()
      .min(2)
      .max(300)
      .describe('what the record is taken from, e.g. "绩效评价报告(2024) 表1-8、1-9"'),
  })
  .meta({ id: 'ImportHistoricalCall' });

export const ImportHistoricalResult = z.object({
  callId: z.string(),
  number: z.string(),
  applications: z.number().int(),
  passedScreening: z.number().int(),
  awarded: z.number().int(),
  grantedFen: z.number().int(),
});
