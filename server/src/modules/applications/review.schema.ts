/** API shapes of the reviews' findings override and the district route (issue 8 §6). */
import { z } from 'zod';

const Bi = z.object({ zh: z.string(), en: z.string() });

export const OverrideReason = z
  .string()
  .trim()
  .min(2)
  .max(2000)
  .optional()
  .describe('required to approve an application whose checklist fails: why it is approved anyway');

export const FailingFindingDto = z.object({
  ruleId: z.string(),
  field: z.string(),
  label: Bi,
  reason: Bi,
});

export const DistrictRouteDto = z
  .object({
    to: z.literal('programmeOffice'),
    code: z.enum(['outsideShanghai', 'noDistrictNamed', 'noDistrictOffice']),
    reason: Bi,
  })
  .nullable()
  .describe('null: the district office recommends; otherwise the programme office does, for this reason');
