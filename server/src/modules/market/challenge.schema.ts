import { z } from 'zod';
import { Label, OrgBrief } from './common.schema.js';
import { CHALLENGE_STATUS_NAMES } from './challenge.rules.js';
import { PublicNeed } from './need.schema.js';
import { DATE_ONLY, shanghaiDayEnd, shanghaiDayStart } from '../../../../shared/time.js';

/** An instant with its offset, or a date only (a Shanghai calendar day: its first or last instant). */
const windowEdge = (edge: 'start' | 'end') =>
  z
    .union([z.iso.datetime({ offset: true }), z.string().regex(DATE_ONLY).pipe(z.iso.date())])
    .transform((v) => (DATE_ONLY.test(v) ? (edge === 'start' ? shanghaiDayStart(v) : shanghaiDayEnd(v)) : v))
    .describe(
      edge === 'start'
        ? 'ISO instant with offset, or YYYY-MM-DD (00:00 Asia/Shanghai)'
        : 'ISO instant with offset, or YYYY-MM-DD (open all that day, Asia/Shanghai)',
    );

export const CreateChallengeBody = z
  .object({
    title: z.string().trim().min(4).max(200),
    description: z.string().trim().max(10000).default(''),
    kind: z
      .enum(['challenge', 'jiebang'])
      .default('challenge')
      .describe('challenge: 创新挑战赛; jiebang: 揭榜挂帅'),
    opensAt: windowEdge('start'),
    closesAt: windowEdge('end'),
    rounds: z.number().int().min(1).max(5).default(1),
    needIds: z.array(z.string()).max(500).default([]),
  })
  .superRefine((v, c) => {
    if (new Date(v.closesAt) <= new Date(v.opensAt))
      c.addIssue({
        code: 'custom',
        path: ['closesAt'],
        message: '截止时间必须晚于开始时间 / closesAt must be after opensAt',
      });
  });
export type CreateChallengeBody = z.infer<typeof CreateChallengeBody>;

export const AttachNeedsBody = z.object({ needIds: z.array(z.string()).min(1).max(500) });
export const AssignExpertsBody = z.object({ userIds: z.array(z.string()).min(1).max(100) });
export const ChallengeActionBody = z.object({
  promote: z
    .array(z.string())
    .max(1000)
    .optional()
    .describe('nextRound: solution ids that go on to the next round'),
  resultNote: z
    .string()
    .trim()
    .max(5000)
    .optional()
    .describe('publishResults: text of the public result page'),
});
export const ScoreBody = z.object({
  solutionId: z.string(),
  score: z.number().int().min(0).max(100),
  comment: z.string().trim().max(2000).optional(),
});
export const WinnersBody = z.object({
  winners: z
    .array(
      z.object({
        solutionId: z.string(),
        rank: z.number().int().min(1).max(100),
        award: z.string().trim().max(100).default(''),
      }),
    )
    .max(200),
});

export const Challenge = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string(),
    kind: z.enum(['challenge', 'jiebang']),
    organiser: OrgBrief,
    status: z.enum(CHALLENGE_STATUS_NAMES),
    statusLabel: Label,
    opensAt: z.string(),
    closesAt: z.string(),
    rounds: z.number().int(),
    currentRound: z.number().int(),
    resultNote: z.string().nullable(),
    resultsPublishedAt: z.string().nullable(),
    needs: z.array(PublicNeed),
    winners: z
      .array(
        z.object({
          rank: z.number().int(),
          award: z.string(),
          solutionId: z.string(),
          solutionTitle: z.string(),
          solverName: z.string(),
          needId: z.string(),
          needTitle: z.string(),
          needOrgName: z.string(),
        }),
      )
      .describe('only after results are published (or to the organiser)'),
  })
  .meta({ id: 'Challenge' });
export const ChallengeList = z.object({ items: z.array(Challenge.omit({ needs: true, winners: true })) });

export const ScreeningRow = z.object({
  solutionId: z.string(),
  title: z.string(),
  summary: z.string(),
  needId: z.string(),
  needTitle: z.string(),
  solverName: z.string(),
  round: z.number().int(),
  status: z.string(),
  meanScore: z.number().nullable(),
  scoreCount: z.number().int(),
  myScore: z.number().int().nullable(),
});
export const Screening = z.object({
  challengeId: z.string(),
  round: z.number().int(),
  experts: z.array(z.object({ id: z.string(), name: z.string() })),
  rows: z.array(ScreeningRow).describe('sorted by mean score, best first'),
});
