/**
 * Zod shapes that many modules' answers share, so that each is written once: a zh/en pair (the
 * server side of shared/i18n.ts `ZhEn`), a workflow refusal as the UI shows it (`Denial` of
 * platform/workflow.ts), a path id and a page query.
 */
import { z } from 'zod';

export const ZhEnSchema = z.object({ zh: z.string(), en: z.string() });
export const DenialSchema = z.object({
  action: z.string(),
  code: z.string(),
  zh: z.string(),
  en: z.string(),
});
export const IdParamsSchema = z.object({ id: z.string().min(1).max(64) });
export const PageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
