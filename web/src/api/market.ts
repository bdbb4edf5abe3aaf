/** /api/market/** (server/src/modules/market and matching), typed by the generated OpenAPI types. */
import { api, call, type BodyOf, type QueryOf } from './client.js';
import type { AchievementAction, ChallengeAction, SolutionAction } from './types.js';

const id = (v: string) => ({ params: { path: { id: v } } });

export const marketApi = {
  // achievements
  publicAchievements: (q: QueryOf<'/api/market/achievements', 'get'>) =>
    call(api.GET('/api/market/achievements', { params: { query: q } })),
  myAchievements: (q: QueryOf<'/api/market/achievements/mine', 'get'>) =>
    call(api.GET('/api/market/achievements/mine', { params: { query: q } })),
  achievement: (v: string) => call(api.GET('/api/market/achievements/{id}', id(v))),
  fullAchievement: (v: string) => call(api.GET('/api/market/achievements/{id}/full', id(v)), { quiet: true }),
  createAchievement: (body: BodyOf<'/api/market/achievements', 'post'>) =>
    call(api.POST('/api/market/achievements', { body })),
  patchAchievement: (v: string, body: BodyOf<'/api/market/achievements/{id}', 'patch'>) =>
    call(api.PATCH('/api/market/achievements/{id}', { ...id(v), body })),
  achievementAction: (
    v: string,
    action: AchievementAction,
    body: BodyOf<'/api/market/achievements/{id}/{action}', 'post'>,
  ) =>
    call(api.POST('/api/market/achievements/{id}/{action}', { params: { path: { id: v, action } }, body })),
  importAchievements: (body: BodyOf<'/api/market/achievements/import', 'post'>) =>
    call(api.POST('/api/market/achievements/import', { body })),
  achievementMatches: (v: string, limit = 10) =>
    call(api.GET('/api/market/achievements/{id}/matches', { params: { path: { id: v }, query: { limit } } })),

  // needs
  publicNeeds: (q: QueryOf<'/api/market/needs', 'get'>) =>
    call(api.GET('/api/market/needs', { params: { query: q } })),
  myNeeds: (q: QueryOf<'/api/market/needs/mine', 'get'>) =>
    call(api.GET('/api/market/needs/mine', { params: { query: q } })),
  need: (v: string) => call(api.GET('/api/market/needs/{id}', id(v))),
  fullNeed: (v: string) => call(api.GET('/api/market/needs/{id}/full', id(v)), { quiet: true }),
  qualityCheck: (body: BodyOf<'/api/market/needs/quality-check', 'post'>) =>
    call(api.POST('/api/market/needs/quality-check', { body })),
  createNeed: (body: BodyOf<'/api/market/needs', 'post'>) => call(api.POST('/api/market/needs', { body })),
  patchNeed: (v: string, body: BodyOf<'/api/market/needs/{id}', 'patch'>) =>
    call(api.PATCH('/api/market/needs/{id}', { ...id(v), body })),
  publishNeed: (v: string, version?: number) =>
    call(api.POST('/api/market/needs/{id}/publish', { ...id(v), body: { version } })),
  closeNeed: (v: string, version?: number) =>
    call(api.POST('/api/market/needs/{id}/close', { ...id(v), body: { version } })),
  refineNeed: (v: string, body: BodyOf<'/api/market/needs/{id}/refine', 'post'>) =>
    call(api.POST('/api/market/needs/{id}/refine', { ...id(v), body })),
  needMatches: (v: string, limit = 10) =>
    call(api.GET('/api/market/needs/{id}/matches', { params: { path: { id: v }, query: { limit } } })),
  needFunnel: (v: string) => call(api.GET('/api/market/needs/{id}/funnel', id(v)), { quiet: true }),

  // solutions
  answer: (needId: string, body: BodyOf<'/api/market/needs/{id}/solutions', 'post'>) =>
    call(api.POST('/api/market/needs/{id}/solutions', { ...id(needId), body })),
  needSolutions: (needId: string, q: QueryOf<'/api/market/needs/{id}/solutions', 'get'> = {}) =>
    call(
      api.GET('/api/market/needs/{id}/solutions', {
        params: { path: { id: needId }, query: { pageSize: 100, ...q } },
      }),
    ),
  mySolutions: (q: QueryOf<'/api/market/solutions/mine', 'get'>) =>
    call(api.GET('/api/market/solutions/mine', { params: { query: q } })),
  solution: (v: string) => call(api.GET('/api/market/solutions/{id}', id(v))),
  solutionAction: (
    v: string,
    action: SolutionAction,
    body: BodyOf<'/api/market/solutions/{id}/{action}', 'post'>,
  ) => call(api.POST('/api/market/solutions/{id}/{action}', { params: { path: { id: v, action } }, body })),

  // funnel
  funnel: (q: QueryOf<'/api/market/funnel', 'get'> = {}) =>
    call(api.GET('/api/market/funnel', { params: { query: q } })),

  // search
  search: (q: QueryOf<'/api/market/search', 'get'>) =>
    call(api.GET('/api/market/search', { params: { query: q } })),
  suggest: (title: string, type?: 'achievement' | 'need') =>
    call(api.GET('/api/market/suggest', { params: { query: { title, type, limit: 8 } } }), { quiet: true }),

  // challenges
  challenges: () => call(api.GET('/api/market/challenges')),
  challenge: (v: string) => call(api.GET('/api/market/challenges/{id}', id(v))),
  createChallenge: (body: BodyOf<'/api/market/challenges', 'post'>) =>
    call(api.POST('/api/market/challenges', { body })),
  attachNeeds: (v: string, needIds: string[]) =>
    call(api.POST('/api/market/challenges/{id}/needs', { ...id(v), body: { needIds } })),
  assignExperts: (v: string, userIds: string[]) =>
    call(api.POST('/api/market/challenges/{id}/experts', { ...id(v), body: { userIds } })),
  setWinners: (v: string, winners: BodyOf<'/api/market/challenges/{id}/winners', 'post'>['winners']) =>
    call(api.POST('/api/market/challenges/{id}/winners', { ...id(v), body: { winners } })),
  screening: (v: string) => call(api.GET('/api/market/challenges/{id}/screening', id(v))),
  score: (v: string, body: BodyOf<'/api/market/challenges/{id}/scores', 'post'>) =>
    call(api.POST('/api/market/challenges/{id}/scores', { ...id(v), body })),
  challengeAction: (
    v: string,
    action: ChallengeAction,
    body: BodyOf<'/api/market/challenges/{id}/{action}', 'post'> = {},
  ) => call(api.POST('/api/market/challenges/{id}/{action}', { params: { path: { id: v, action } }, body })),

  // dictionary
  dictionary: () => call(api.GET('/api/market/dictionary')),
  addTerms: (terms: string[], note?: string) =>
    call(api.POST('/api/market/dictionary', { body: { terms, note } })),
  removeTerm: (term: string) =>
    call(api.DELETE('/api/market/dictionary/{term}', { params: { path: { term } } })),
};
