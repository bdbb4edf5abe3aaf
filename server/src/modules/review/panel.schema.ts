/**
 * HTTP shapes of the panel round (见面会评审, issue 12): a session staff schedule (venue, start, slot
 * length, the shortlisted applications in order), its slots, the minutes (a file and a decision per
 * application), and the call's final ranking over both rounds.
 */
import { z } from 'zod';
import { DenialSchema, ZhEnSchema } from '../../platform/http/schemas.js';
import { PANEL_DECISIONS, type PanelDecision } from './panel.workflow.js';

const Instant = z.iso.datetime({ offset: true });
const DECISIONS = Object.keys(PANEL_DECISIONS) as [PanelDecision, ...PanelDecision[]];

export const CreateSessionBody = z.strictObject({
  title: z.string().trim().min(2).max(100),
  venue: z.string().trim().min(2).max(200).describe('where the panel sits, or the video-meeting link'),
  startsAt: Instant.describe('the first slot starts here (Asia/Shanghai working day)'),
  slotMinutes: z.number().int().min(5).max(240).describe('答辩时长 per application, questions included'),
  applicationIds: z.array(z.string().min(1).max(64)).max(200).describe('in the order they defend'),
});
export type CreateSessionBody = z.infer<typeof CreateSessionBody>;

export const MinutesBody = z.strictObject({
  version: z.number().int().min(1),
  fileId: z.string().min(1).max(64).describe('the uploaded minutes (会议纪要)'),
  note: z.string().trim().max(2000).optional(),
  decisions: z
    .array(
      z.strictObject({
        applicationId: z.string().min(1).max(64),
        decision: z.enum(DECISIONS),
        note: z.string().trim().max(500).optional(),
      }),
    )
    .max(200),
});
export type MinutesBody = z.infer<typeof MinutesBody>;

export const PanelSlot = z.object({
  applicationId: z.string(),
  receiptNumber: z.string().nullable(),
  projectTitle: z.string().nullable(),
  orgName: z.string().nullable(),
  directionCode: z.string(),
  position: z.number().int(),
  startsAt: z.string(),
  endsAt: z.string(),
  decision: z.enum(DECISIONS).nullable(),
  decisionLabel: ZhEnSchema.nullable(),
  decisionNote: z.string().nullable(),
});

export const PanelSession = z
  .object({
    id: z.string(),
    roundId: z.string(),
    title: z.string(),
    venue: z.string(),
    startsAt: z.string(),
    slotMinutes: z.number().int(),
    status: z.string(),
    statusLabel: ZhEnSchema,
    notifiedAt: z.string().nullable(),
    minutesFileId: z.string().nullable(),
    minutesNote: z.string().nullable(),
    slots: z.array(PanelSlot),
    /** the panel members: the experts of the round assigned to the session's applications */
    members: z.array(z.object({ expertUserId: z.string(), expertName: z.string() })),
    version: z.number().int(),
    actions: z.array(z.string()),
    denials: z.array(DenialSchema),
  })
  .meta({ id: 'ReviewPanelSession' });
export type PanelSession = z.infer<typeof PanelSession>;

export const PanelSessions = z.object({
  roundId: z.string(),
  sessions: z.array(PanelSession),
  /** shortlisted applications that have no slot yet */
  unscheduled: z.array(z.object({ applicationId: z.string(), receiptNumber: z.string().nullable() })),
});

export const FinalRanking = z
  .object({
    callId: z.string(),
    reviewMode: z.enum(['oneRound', 'twoRounds']),
    /** the final ranking is complete when every round is closed */
    complete: z.boolean(),
    items: z.array(
      z.object({
        applicationId: z.string(),
        receiptNumber: z.string().nullable(),
        projectTitle: z.string().nullable(),
        orgName: z.string().nullable(),
        directionCode: z.string(),
        directionTitle: z.string(),
        rank: z.number().int(),
        score: z.number(),
        round1Rank: z.number().int(),
        panelScore: z.number().nullable(),
        panelDecision: z.enum(DECISIONS).nullable(),
        requestedGrantFen: z.number().int().nullable(),
      }),
    ),
  })
  .meta({ id: 'ReviewFinalRanking' });
