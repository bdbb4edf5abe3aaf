import { z } from 'zod';

export const Label = z.object({ zh: z.string(), en: z.string() });
export const IdParams = z.object({ id: z.string().min(1).max(64) });
export const Page = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
/** Money in fen (分), a non-negative integer. */
export const Fen = z.number().int().min(0).max(1e15);
export const Keywords = z.array(z.string().trim().min(1).max(40)).max(20);
export const Field = z
  .string()
  .trim()
  .min(2)
  .max(40)
  .describe('技术领域, e.g. 生物医药 / 集成电路 / 人工智能');
export const OrgBrief = z.object({ id: z.string(), name: z.string() });
export const Denial = z.object({ action: z.string(), code: z.string(), zh: z.string(), en: z.string() });

export const MatchedHit = z.object({
  id: z.string(),
  score: z.number(),
  matchedTerms: z.array(z.string()).describe('query terms found in this record: the explanation'),
  highlights: z
    .object({ title: z.string().optional(), abstract: z.string().optional() })
    .describe('<mark>…</mark> around matched terms, other text HTML-escaped'),
});
