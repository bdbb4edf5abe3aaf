import { z } from 'zod';
import { IP_TYPE_NAMES, TRANSFER_MODE_NAMES } from '../market/index.js';

export const SearchQuery = z.object({
  q: z.string().trim().min(1).max(500),
  type: z.enum(['achievement', 'need', 'solution']).default('achievement'),
  field: z.string().max(40).optional(),
  trlMin: z.coerce.number().int().min(1).max(9).optional(),
  trlMax: z.coerce.number().int().min(1).max(9).optional(),
  region: z.string().max(100).optional(),
  transferMode: z.enum(TRANSFER_MODE_NAMES).optional(),
  ipType: z.enum(IP_TYPE_NAMES).optional(),
  page: z.coerce.number().int().min(1).max(100).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(10),
});
export type SearchQuery = z.infer<typeof SearchQuery>;

const Highlights = z
  .object({ title: z.string().optional(), abstract: z.string().optional() })
  .describe('HTML-escaped text with <mark>…</mark> around matched terms');

export const SearchHitSchema = z.object({
  id: z.string(),
  type: z.enum(['achievement', 'need', 'solution']),
  score: z.number(),
  title: z.string(),
  field: z.string().nullable(),
  region: z.string().nullable(),
  trl: z.number().int().nullable(),
  orgName: z
    .string()
    .nullable()
    .describe('owner institution (achievement), enterprise (need) or solver (solution)'),
  transferModes: z.array(z.string()),
  ipTypes: z.array(z.string()),
  matchedTerms: z.array(z.string()),
  highlights: Highlights,
  source: z.string().nullable().describe('achievement: user | import | kppatent | generated'),
});
export const SearchResponse = z
  .object({
    q: z.string(),
    type: z.enum(['achievement', 'need', 'solution']),
    queryTerms: z.array(z.string()).describe('the query after jieba segmentation'),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    tookMs: z.number(),
    hits: z.array(SearchHitSchema),
  })
  .meta({ id: 'MarketSearchResult' });

export const SuggestQuery = z.object({
  title: z.string().trim().min(1).max(200),
  type: z.enum(['achievement', 'need']).optional(),
  limit: z.coerce.number().int().min(1).max(20).default(8),
});
export const SuggestResponse = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      type: z.enum(['achievement', 'need']),
      distance: z.number().int().describe('edit distance'),
    }),
  ),
});

const Why = {
  score: z.number().describe('the raw ranking score (BM25); shown as `relevance`, not as a number'),
  relevance: z.enum(['high', 'medium', 'low']).describe('relative to the best in the list: 高/中/低相关'),
  relevanceLabel: z.object({ zh: z.string(), en: z.string() }),
  matchedTerms: z.array(z.string()).describe('shared terms: why this is recommended'),
  highlights: Highlights,
};
export const AchievementMatch = z.object({
  id: z.string(),
  title: z.string(),
  field: z.string(),
  trl: z.number().int(),
  owner: z.object({ id: z.string(), name: z.string() }),
  transferModes: z.array(z.string()),
  ...Why,
});
export const SolutionMatch = z.object({
  id: z.string(),
  title: z.string(),
  needId: z.string(),
  solverName: z.string(),
  status: z.string(),
  ...Why,
});
export const ExpertMatch = z.object({
  id: z.string(),
  name: z.string(),
  orgName: z.string(),
  fields: z.array(z.string()),
  ...Why,
});
export const InstitutionMatch = z.object({
  id: z.string(),
  name: z.string(),
  type: z.string(),
  region: z.string(),
  ...Why,
});
export const NeedMatch = z.object({
  id: z.string(),
  title: z.string(),
  field: z.string(),
  orgName: z.string(),
  budgetMinFen: z.number().nullable(),
  budgetMaxFen: z.number().nullable(),
  deadline: z.string().nullable(),
  ...Why,
});
export const NeedMatches = z
  .object({
    needId: z.string(),
    indexVersion: z
      .number()
      .int()
      .describe('changes whenever the index changes; recommendations are recomputed then'),
    achievements: z.array(AchievementMatch),
    solutions: z.array(SolutionMatch),
    experts: z.array(ExpertMatch),
    institutions: z.array(InstitutionMatch),
  })
  .meta({ id: 'NeedMatches' });
export const AchievementMatches = z
  .object({ achievementId: z.string(), indexVersion: z.number().int(), needs: z.array(NeedMatch) })
  .meta({ id: 'AchievementMatches' });
export const MatchQuery = z.object({ limit: z.coerce.number().int().min(1).max(50).default(10) });

export const DictionaryTerm = z.object({
  term: z.string(),
  note: z.string().nullable(),
  createdAt: z.string(),
});
export const Dictionary = z.object({ builtIn: z.array(z.string()), custom: z.array(DictionaryTerm) });
export const AddTermsBody = z.object({
  terms: z
    .array(z.string().trim().min(2).max(30).regex(/^\S+$/, '词条不能含空格 / A term cannot contain spaces'))
    .min(1)
    .max(500),
  note: z.string().trim().max(200).optional(),
});
export const TermParams = z.object({ term: z.string().min(1).max(30) });
export const DictionaryChange = z.object({
  added: z.number().int(),
  removed: z.number().int(),
  reindexedDocs: z.number().int(),
  ms: z.number(),
});

export const SearchStatus = z.object({
  docs: z.number().int(),
  liveDocs: z.number().int(),
  tombstones: z.number().int(),
  terms: z.number().int(),
  postings: z.number().int(),
  typedBytes: z.number().int(),
  version: z.number().int(),
  dictionaryTerms: z.number().int(),
  snapshotDir: z.string().nullable(),
  lastSnapshotAt: z.string().nullable(),
  lastStart: z
    .object({
      mode: z.enum(['restored', 'rebuilt']),
      reason: z.string().optional(),
      docs: z.number().int(),
      repaired: z.number().int(),
      ms: z.number(),
    })
    .nullable(),
});

export const ExpertProfile = z.object({
  userId: z.string(),
  fields: z.array(z.string()),
  keywords: z.array(z.string()),
  bio: z.string(),
  version: z.number().int(),
});
export const ExpertProfileBody = z.object({
  fields: z.array(z.string().trim().min(2).max(40)).min(1).max(10),
  keywords: z.array(z.string().trim().min(1).max(40)).max(30).default([]),
  bio: z.string().trim().max(2000).default(''),
});
