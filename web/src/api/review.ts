/** Expert review (Programme II, issue 12): rounds and assignments for staff, tasks and score sheets for experts. */
import { api, call, withQuery, type BodyOf, type ResponseOf } from './client.js';
import { download } from './programme.js';

const id = (v: string) => ({ params: { path: { id: v } } });

export type RoundSummary = ResponseOf<'/api/review/rounds', 'get'>[number];
export type RoundDetail = ResponseOf<'/api/review/rounds/{id}', 'get'>;
export type RoundItem = RoundDetail['items'][number];
export type AssignedExpert = RoundItem['experts'][number];
export type RoundResults = ResponseOf<'/api/review/rounds/{id}/results', 'get'>;
export type ReviewTask = ResponseOf<'/api/review/tasks', 'get'>[number];
export type ReviewTaskDetail = ResponseOf<'/api/review/tasks/{id}', 'get'>;
export type ScoreSheet = RoundDetail['scoreSheet'];
export type ScoreEntry = ReviewTaskDetail['entry'];
export type CreateRoundBody = BodyOf<'/api/review/rounds', 'post'>;
export type PanelSessions = ResponseOf<'/api/review/rounds/{id}/sessions', 'get'>;
export type PanelSession = PanelSessions['sessions'][number];
export type PanelSlot = PanelSession['slots'][number];
export type CreateSessionBody = BodyOf<'/api/review/rounds/{id}/sessions', 'post'>;
export type MinutesBody = BodyOf<'/api/review/sessions/{id}/minutes', 'post'>;
export type FinalRanking = ResponseOf<'/api/review/calls/{id}/final-ranking', 'get'>;

export const roundsApi = {
  list: (callId: string) => call(api.GET('/api/review/rounds', { params: { query: { callId } } })),
  create: (body: CreateRoundBody) => call(api.POST('/api/review/rounds', { body })),
  /** The score sheet a new round starts with (the server owns it: score-sheet.data.ts). */
  defaultSheet: () => call(api.GET('/api/review/score-sheets/default')),
  get: (v: string) => call(api.GET('/api/review/rounds/{id}', id(v))),
  assign: (v: string) => call(api.POST('/api/review/rounds/{id}/assign', id(v))),
  open: (v: string, version: number) =>
    call(api.POST('/api/review/rounds/{id}/open', { ...id(v), body: { version } })),
  close: (v: string, version: number) =>
    call(api.POST('/api/review/rounds/{id}/close', { ...id(v), body: { version } })),
  addExpert: (v: string, body: BodyOf<'/api/review/rounds/{id}/assignments', 'post'>) =>
    call(api.POST('/api/review/rounds/{id}/assignments', { ...id(v), body })),
  change: (assignmentId: string, body: BodyOf<'/api/review/assignments/{id}/change', 'post'>) =>
    call(api.POST('/api/review/assignments/{id}/change', { ...id(assignmentId), body })),
  results: (v: string, standardise: boolean) =>
    call(
      api.GET('/api/review/rounds/{id}/results', {
        params: { path: { id: v }, query: { standardise: standardise ? 'true' : 'false' } },
      }),
    ),
  exportExcel: (v: string, standardise: boolean) =>
    download(
      withQuery(`/api/review/rounds/${encodeURIComponent(v)}/results/export`, {
        standardise: standardise ? 'true' : 'false',
      }),
      `review-results-${v}.xlsx`,
    ),
};

export const tasksApi = {
  list: () => call(api.GET('/api/review/tasks')),
  get: (v: string) => call(api.GET('/api/review/tasks/{id}', id(v))),
  accept: (v: string, version: number) =>
    call(api.POST('/api/review/tasks/{id}/accept', { ...id(v), body: { version } })),
  decline: (v: string, body: BodyOf<'/api/review/tasks/{id}/decline', 'post'>) =>
    call(api.POST('/api/review/tasks/{id}/decline', { ...id(v), body })),
  saveDraft: (v: string, body: BodyOf<'/api/review/tasks/{id}/scores', 'post'>) =>
    call(api.POST('/api/review/tasks/{id}/scores', { ...id(v), body })),
  submit: (v: string, body: BodyOf<'/api/review/tasks/{id}/submit', 'post'>) =>
    call(api.POST('/api/review/tasks/{id}/submit', { ...id(v), body })),
};

/** The panel round (见面会评审): its sessions, the applicants' notice, the minutes; a call's final ranking. */
export const panelApi = {
  sessions: (roundId: string) => call(api.GET('/api/review/rounds/{id}/sessions', id(roundId))),
  schedule: (roundId: string, body: CreateSessionBody) =>
    call(api.POST('/api/review/rounds/{id}/sessions', { ...id(roundId), body })),
  get: (v: string) => call(api.GET('/api/review/sessions/{id}', id(v))),
  notify: (v: string, version: number) =>
    call(api.POST('/api/review/sessions/{id}/notify', { ...id(v), body: { version } })),
  minutes: (v: string, body: MinutesBody) =>
    call(api.POST('/api/review/sessions/{id}/minutes', { ...id(v), body })),
  finalRanking: (callId: string) => call(api.GET('/api/review/calls/{id}/final-ranking', id(callId))),
};
