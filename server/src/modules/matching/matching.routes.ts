import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { ProblemSchema } from '../../platform/http/problem.js';
import { anonCallerOf, callerOf } from '../../platform/caller.js';
import { IdParams } from '../market/index.js';
import {
  AchievementMatches,
  AddTermsBody,
  Dictionary,
  DictionaryChange,
  ExpertProfile,
  ExpertProfileBody,
  MatchQuery,
  NeedMatches,
  SearchQuery,
  SearchResponse,
  SearchStatus,
  SuggestQuery,
  SuggestResponse,
  TermParams,
} from './matching.schema.js';
import { achievementMatches, needMatches, search, suggest } from './search.service.js';
import {
  addTerms,
  getDictionary,
  getExpertProfile,
  putExpertProfile,
  rebuildIndex,
  removeTerm,
  searchStatus,
} from './admin.service.js';

const tags = ['market: search & matching'];
const problems = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
};

export async function matchingRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/market/search',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '中文全文检索（成果/需求公开；方案仅相关方） Chinese full-text search',
        querystring: SearchQuery.superRefine((v, c) => {
          if (v.trlMin && v.trlMax && v.trlMin > v.trlMax)
            c.addIssue({
              code: 'custom',
              path: ['trlMax'],
              message: 'trlMax 不能小于 trlMin / trlMax is below trlMin',
            });
        }),
        response: { 200: SearchResponse, ...problems },
      },
    },
    async (req) => search(ctx, anonCallerOf(ctx, req), req.query),
  );
  r.get(
    '/market/suggest',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '标题联想（容错） Typo-tolerant title suggestions',
        querystring: SuggestQuery,
        response: { 200: SuggestResponse, ...problems },
      },
    },
    async (req) => suggest(ctx, req.query),
  );
  r.get(
    '/market/needs/:id/matches',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: '需求的推荐：成果、方案、专家、机构（含匹配词） Matches for a need, with explanations',
        params: IdParams,
        querystring: MatchQuery,
        response: { 200: NeedMatches, ...problems },
      },
    },
    async (req) => needMatches(ctx, callerOf(ctx, req), req.params.id, req.query.limit),
  );
  r.get(
    '/market/achievements/:id/matches',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '成果的推荐需求（含匹配词） Needs an achievement could answer',
        params: IdParams,
        querystring: MatchQuery,
        response: { 200: AchievementMatches, ...problems },
      },
    },
    async (req) => achievementMatches(ctx, anonCallerOf(ctx, req), req.params.id, req.query.limit),
  );
  r.get(
    '/market/dictionary',
    {
      config: { permission: 'dictionary.manage' },
      schema: { tags, summary: '检索领域词典 Domain dictionary', response: { 200: Dictionary, ...problems } },
    },
    async () => getDictionary(ctx),
  );
  r.post(
    '/market/dictionary',
    {
      config: { permission: 'dictionary.manage' },
      schema: {
        tags,
        summary: '添加领域词（并重建索引） Add domain terms',
        body: AddTermsBody,
        response: { 200: DictionaryChange, ...problems },
      },
    },
    async (req) => addTerms(ctx, callerOf(ctx, req), req.body.terms, req.body.note),
  );
  r.delete(
    '/market/dictionary/:term',
    {
      config: { permission: 'dictionary.manage' },
      schema: {
        tags,
        summary: '删除领域词（并重建索引） Remove a domain term',
        params: TermParams,
        response: { 200: DictionaryChange, ...problems },
      },
    },
    async (req) => removeTerm(ctx, callerOf(ctx, req), req.params.term),
  );
  r.get(
    '/market/search/status',
    {
      config: { permission: 'search.admin' },
      schema: { tags, summary: '索引状态 Index status', response: { 200: SearchStatus, ...problems } },
    },
    async () => searchStatus(ctx),
  );
  r.post(
    '/market/search/rebuild',
    {
      config: { permission: 'search.admin' },
      schema: {
        tags,
        summary: '从数据库重建索引并写快照 Rebuild the index',
        body: z.object({}).optional(),
        response: { 200: SearchStatus, ...problems },
      },
    },
    async (req) => rebuildIndex(ctx, callerOf(ctx, req)),
  );
  r.get(
    '/market/experts/me',
    {
      config: { permission: 'expertProfile.write' },
      schema: {
        tags,
        summary: '我的擅长领域（专家） My expert fields',
        response: { 200: ExpertProfile, ...problems },
      },
    },
    async (req) => getExpertProfile(ctx, callerOf(ctx, req)),
  );
  r.put(
    '/market/experts/me',
    {
      config: { permission: 'expertProfile.write' },
      schema: {
        tags,
        summary: '设置擅长领域（用于需求匹配） Set my expert fields',
        body: ExpertProfileBody,
        response: { 200: ExpertProfile, ...problems },
      },
    },
    async (req) => putExpertProfile(ctx, callerOf(ctx, req), req.body),
  );
}
