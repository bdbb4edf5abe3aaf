/** Typed client for /api/market/** (server/src/modules/market and matching). */
import { get, patch, post, api, type Query } from './client.js';
import type {
  Achievement,
  AchievementAction,
  AchievementBody,
  AchievementMatches,
  Challenge,
  ChallengeAction,
  ChallengeBody,
  ChallengeBrief,
  Dictionary,
  DictionaryChange,
  Funnel,
  ImportReport,
  Need,
  NeedBody,
  NeedMatches,
  PageOf,
  PublicAchievement,
  PublicNeed,
  Quality,
  Screening,
  SearchResult,
  Solution,
  SolutionAction,
  SolutionActionBody,
  SolutionBody,
  Suggestion,
} from './market.types.js';
export type * from './market.types.js';

const M = '/api/market';
const enc = encodeURIComponent;

export const marketApi = {
  // achievements
  publicAchievements: (q: Query) => get<PageOf<PublicAchievement>>(`${M}/achievements`, q),
  myAchievements: (q: Query) => get<PageOf<Achievement>>(`${M}/achievements/mine`, q),
  achievement: (id: string) => get<PublicAchievement>(`${M}/achievements/${enc(id)}`),
  fullAchievement: (id: string) =>
    get<Achievement>(`${M}/achievements/${enc(id)}/full`, undefined, { quiet: true }),
  createAchievement: (b: AchievementBody) => post<Achievement>(`${M}/achievements`, b),
  patchAchievement: (id: string, b: Partial<AchievementBody> & { version: number }) =>
    patch<Achievement>(`${M}/achievements/${enc(id)}`, b),
  achievementAction: (id: string, action: AchievementAction, b: { reason?: string; version?: number }) =>
    post<Achievement>(`${M}/achievements/${enc(id)}/${action}`, b),
  importAchievements: (b: { filename: string; contentBase64: string; dryRun: boolean }) =>
    post<ImportReport>(`${M}/achievements/import`, b),
  achievementMatches: (id: string, limit = 10) =>
    get<AchievementMatches>(`${M}/achievements/${enc(id)}/matches`, { limit }),

  // needs
  publicNeeds: (q: Query) => get<PageOf<PublicNeed>>(`${M}/needs`, q),
  myNeeds: (q: Query) => get<PageOf<Need>>(`${M}/needs/mine`, q),
  need: (id: string) => get<PublicNeed>(`${M}/needs/${enc(id)}`),
  fullNeed: (id: string) => get<Need>(`${M}/needs/${enc(id)}/full`, undefined, { quiet: true }),
  qualityCheck: (b: Partial<NeedBody>) => post<Quality>(`${M}/needs/quality-check`, b),
  createNeed: (b: NeedBody) => post<Need>(`${M}/needs`, b),
  patchNeed: (id: string, b: Partial<NeedBody> & { version: number }) =>
    patch<Need>(`${M}/needs/${enc(id)}`, b),
  publishNeed: (id: string, version?: number) => post<Need>(`${M}/needs/${enc(id)}/publish`, { version }),
  closeNeed: (id: string, version?: number) => post<Need>(`${M}/needs/${enc(id)}/close`, { version }),
  refineNeed: (
    id: string,
    b: Partial<Pick<NeedBody, 'title' | 'problem' | 'indicators' | 'keywords' | 'summary'>> & {
      version: number;
      note: string;
    },
  ) => post<Need>(`${M}/needs/${enc(id)}/refine`, b),
  needMatches: (id: string, limit = 10) => get<NeedMatches>(`${M}/needs/${enc(id)}/matches`, { limit }),
  needFunnel: (id: string) => get<Funnel>(`${M}/needs/${enc(id)}/funnel`, undefined, { quiet: true }),

  // solutions
  answer: (needId: string, b: SolutionBody) => post<Solution>(`${M}/needs/${enc(needId)}/solutions`, b),
  needSolutions: (needId: string, q: Query = {}) =>
    get<PageOf<Solution>>(`${M}/needs/${enc(needId)}/solutions`, { pageSize: 100, ...q }),
  mySolutions: (q: Query) => get<PageOf<Solution>>(`${M}/solutions/mine`, q),
  solution: (id: string) => get<Solution>(`${M}/solutions/${enc(id)}`),
  solutionAction: (id: string, action: SolutionAction, b: SolutionActionBody) =>
    post<Solution>(`${M}/solutions/${enc(id)}/${action}`, b),

  // funnel
  funnel: (q: Query = {}) => get<Funnel>(`${M}/funnel`, q),

  // search
  search: (q: Query) => get<SearchResult>(`${M}/search`, q),
  suggest: (title: string, type?: 'achievement' | 'need') =>
    get<{ items: Suggestion[] }>(`${M}/suggest`, { title, type, limit: 8 }, { quiet: true }),

  // challenges
  challenges: () => get<{ items: ChallengeBrief[] }>(`${M}/challenges`),
  challenge: (id: string) => get<Challenge>(`${M}/challenges/${enc(id)}`),
  createChallenge: (b: ChallengeBody) => post<Challenge>(`${M}/challenges`, b),
  attachNeeds: (id: string, needIds: string[]) =>
    post<Challenge>(`${M}/challenges/${enc(id)}/needs`, { needIds }),
  assignExperts: (id: string, userIds: string[]) =>
    post<Challenge>(`${M}/challenges/${enc(id)}/experts`, { userIds }),
  setWinners: (id: string, winners: Array<{ solutionId: string; rank: number; award: string }>) =>
    post<Challenge>(`${M}/challenges/${enc(id)}/winners`, { winners }),
  screening: (id: string) => get<Screening>(`${M}/challenges/${enc(id)}/screening`),
  score: (id: string, b: { solutionId: string; score: number; comment?: string }) =>
    post<Screening>(`${M}/challenges/${enc(id)}/scores`, b),
  challengeAction: (
    id: string,
    action: ChallengeAction,
    b: { promote?: string[]; resultNote?: string } = {},
  ) => post<Challenge>(`${M}/challenges/${enc(id)}/${action}`, b),

  // dictionary
  dictionary: () => get<Dictionary>(`${M}/dictionary`),
  addTerms: (terms: string[], note?: string) => post<DictionaryChange>(`${M}/dictionary`, { terms, note }),
  removeTerm: (term: string) => api<DictionaryChange>('DELETE', `${M}/dictionary/${enc(term)}`),
};
