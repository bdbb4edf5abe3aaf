/**
 * The panel round's sessions (第二轮见面会评审, issue 12; seed 000 §四): staff schedule a session for
 * shortlisted applications of a round-2 review (consecutive slots on a working day), tell each
 * applicant its slot by mail and in-app, and record the minutes once the panel has sat — the signed
 * file and a decision per application. The panel members are the experts the round assigned, under the
 * same conflict rules as round 1 (assign.service.ts); their scores are the round's score sheets.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db-types.js';
import type { AppContext } from '../../platform/context.js';
import { appendAudit } from '../../platform/audit.js';
import { auditActor, type Caller } from '../../platform/caller.js';
import { enforce, transaction } from '../../platform/enforce.js';
import { DomainError, fieldError, validationError } from '../../platform/errors.js';
import { applicantRecipients, reviewCandidates, type ReviewCandidate } from '../applications/index.js';
import { formatShanghai } from '../calls/index.js';
import { expertCards } from '../experts/index.js';
import { linkFile } from '../files/index.js';
import { ownUpload } from './own-upload.service.js';
import { reportOf } from './assign.service.js';
import { panelSessionDto } from './panel.dto.js';
import {
  decideSlot,
  findSession,
  insertSession,
  sessionsOfRound,
  slotsOf,
  slotsOfRound,
  updateSession,
  type PanelSessionRow,
} from './panel.repo.js';
import { checkMinutes, checkSession, slotsFor } from './panel.rules.js';
import type { CreateSessionBody, MinutesBody } from './panel.schema.js';
import { PANEL_SESSION, type PanelSessionAction } from './panel.workflow.js';
import { assignmentsOfRound, findRound, LIVE, type RoundRow } from './review.repo.js';
import { stale } from './round.service.js';

const sessionNotFound = () =>
  new DomainError('not_found', { zh: '见面会场次不存在', en: 'No such panel session' });

async function panelRound(ctx: AppContext, roundId: string): Promise<RoundRow> {
  const r = await findRound(ctx.db, roundId);
  if (!r) throw new DomainError('not_found', { zh: '评审轮次不存在', en: 'No such review round' });
  if (r.kind !== 'panelReview')
    throw validationError([
      fieldError(
        'roundId',
        'not_panel_round',
        '见面会场次只属于第二轮（见面会评审）',
        'Panel sessions belong to round 2 (the panel review)',
      ),
    ]);
  return r;
}

async function candidatesOfRound(ctx: AppContext, r: RoundRow): Promise<Map<string, ReviewCandidate>> {
  const scope = reportOf(r).scope;
  const all = await reviewCandidates(ctx, r.call_id);
  return new Map(
    all.filter((a) => !scope || scope.includes(a.applicationId)).map((a) => [a.applicationId, a]),
  );
}

/** Read before a transaction: the embedded database has one connection, so no ctx.db inside one. */
async function candidatesOfSession(ctx: AppContext, id: string) {
  const s = await findSession(ctx.db, id);
  if (!s) throw sessionNotFound();
  return candidatesOfRound(ctx, (await findRound(ctx.db, s.round_id))!);
}

const labelOf = (c: ReadonlyMap<string, ReviewCandidate>) => (id: string) =>
  c.get(id)?.receiptNumber ?? c.get(id)?.projectTitle ?? id;

async function sessionsDto(
  ctx: AppContext,
  caller: Caller,
  r: RoundRow,
  rows: PanelSessionRow[],
  candidates: ReadonlyMap<string, ReviewCandidate>,
) {
  const slots = await slotsOf(
    ctx.db,
    rows.map((s) => s.id),
  );
  const live = (await assignmentsOfRound(ctx.db, r.id)).filter((a) =>
    (LIVE as readonly string[]).includes(a.status),
  );
  const names = new Map(
    (await expertCards(ctx.db, [...new Set(live.map((a) => a.expert_user_id))])).map((c) => [c.id, c.name]),
  );
  return rows.map((s) => {
    const mine = slots.filter((x) => x.session_id === s.id);
    const apps = new Set(mine.map((x) => x.application_id));
    const members = [...new Set(live.filter((a) => apps.has(a.application_id)).map((a) => a.expert_user_id))];
    return panelSessionDto(
      s,
      r,
      mine,
      candidates,
      members.map((uid) => ({ expertUserId: uid, expertName: names.get(uid) ?? '' })),
      caller.actor,
    );
  });
}

/** The sessions of a panel round and the shortlisted applications still without a slot. */
export async function listSessions(ctx: AppContext, caller: Caller, roundId: string) {
  const r = await panelRound(ctx, roundId);
  const rows = await sessionsOfRound(ctx.db, roundId);
  const candidates = await candidatesOfRound(ctx, r);
  const slotted = new Set((await slotsOfRound(ctx.db, roundId)).map((s) => s.application_id));
  return {
    roundId,
    sessions: await sessionsDto(ctx, caller, r, rows, candidates),
    unscheduled: [...candidates.values()]
      .filter((c) => !slotted.has(c.applicationId))
      .map((c) => ({ applicationId: c.applicationId, receiptNumber: c.receiptNumber })),
  };
}

export async function getSession(ctx: AppContext, caller: Caller, id: string) {
  const s = await findSession(ctx.db, id);
  if (!s) throw sessionNotFound();
  const r = (await findRound(ctx.db, s.round_id))!;
  return (await sessionsDto(ctx, caller, r, [s], await candidatesOfRound(ctx, r)))[0]!;
}

/** Schedules a session: the applications, in order, get consecutive slots from `startsAt`. */
export async function scheduleSession(
  ctx: AppContext,
  caller: Caller,
  roundId: string,
  body: CreateSessionBody,
) {
  const r = await panelRound(ctx, roundId);
  const candidates = await candidatesOfRound(ctx, r);
  const startsAt = new Date(body.startsAt);
  const id = randomUUID();
  await transaction(ctx, async (trx) => {
    const round = await findRound(trx, roundId, true);
    if (round?.status === 'closed')
      throw new DomainError('invalid_state', {
        zh: '见面会评审已结束，不能再安排场次',
        en: 'The panel round is closed; no session can be added',
      });
    const slotted = new Set((await slotsOfRound(trx, roundId)).map((s) => s.application_id));
    const errors = checkSession({
      startsAt,
      now: caller.now,
      applicationIds: body.applicationIds,
      scope: new Set(candidates.keys()),
      slotted,
      label: labelOf(candidates),
    });
    if (errors.length) throw validationError(errors);
    const slots = slotsFor(startsAt, body.slotMinutes, body.applicationIds);
    await insertSession(
      trx,
      {
        id,
        round_id: roundId,
        title: body.title,
        venue: body.venue,
        starts_at: startsAt,
        slot_minutes: body.slotMinutes,
        created_by: caller.actor.userId,
        created_at: caller.now,
        updated_at: caller.now,
      },
      slots.map((s) => ({
        session_id: id,
        round_id: roundId,
        application_id: s.applicationId,
        position: s.position,
        starts_at: s.startsAt,
        ends_at: s.endsAt,
        decision: null,
        decision_note: null,
      })),
    );
    await appendAudit(trx, {
      actor: auditActor(caller),
      action: 'review.panel.schedule',
      objectType: 'review.panelSession',
      objectId: id,
      after: { roundId, ...body },
    });
  });
  return getSession(ctx, caller, id);
}

/**
 * The session locked for `action`: refused (and audited) unless the workflow allows it on the
 * session and its round, or when the caller read an older version; with its slots.
 */
async function lockedSession(
  ctx: AppContext,
  caller: Caller,
  trx: Kysely<DB>,
  id: string,
  action: PanelSessionAction,
  version: number,
) {
  const s = await findSession(trx, id, true);
  if (!s) throw sessionNotFound();
  const ref = { ...s, roundStatus: (await findRound(trx, s.round_id))!.status };
  const what = {
    action: `review.panel.${action}`,
    objectType: 'review.panelSession',
    objectId: id,
    trx,
  };
  await enforce(ctx, caller, PANEL_SESSION.decide(caller.actor, ref, action), what);
  stale(s, version);
  return { s, ref, slots: await slotsOf(trx, [id]) };
}

/** Tells each applicant of the session its slot and the venue, by mail and in-app. */
export async function notifySession(ctx: AppContext, caller: Caller, id: string, body: { version: number }) {
  const candidates = await candidatesOfSession(ctx, id);
  await transaction(ctx, async (trx) => {
    const { s, ref, slots } = await lockedSession(ctx, caller, trx, id, 'notify', body.version);
    const recipients = await applicantRecipients(
      trx,
      slots.map((x) => x.application_id),
    );
    for (const slot of slots) {
      const c = candidates.get(slot.application_id);
      const from = formatShanghai(slot.starts_at, 'YYYY-MM-DD HH:mm');
      const to = formatShanghai(slot.ends_at, 'HH:mm');
      await ctx.notify?.notify(trx, recipients.get(slot.application_id) ?? [], {
        kind: 'review.panel.slot',
        titleZh: `见面会评审答辩时间：${from}`,
        titleEn: `Your panel review slot: ${from}`,
        body: [
          `${c?.orgName ?? ''}：您单位申报的项目「${c?.projectTitle ?? ''}」（${c?.receiptNumber ?? ''}）入围第二轮见面会评审。`,
          `答辩时间：${from}—${to}（北京时间，第 ${slot.position} 位）；地点：${s.venue}。请项目负责人准时到场答辩，未到场视为放弃。`,
        ].join('\n'),
        bodyEn: [
          `${c?.orgName ?? ''}: your application “${c?.projectTitle ?? ''}” (${c?.receiptNumber ?? ''}) is shortlisted for the panel review.`,
          `Slot: ${from}–${to} (Beijing time, no. ${slot.position}); venue: ${s.venue}. The project lead presents in person; absence counts as withdrawal.`,
        ].join('\n'),
        link: `/applications/${slot.application_id}`,
        email: true,
      });
    }
    await updateSession(trx, id, {
      status: PANEL_SESSION.transition(ref, 'notify')!.to,
      notified_at: caller.now,
      version: s.version + 1,
      updated_at: caller.now,
    });
    await appendAudit(trx, {
      actor: auditActor(caller),
      action: 'review.panel.notify',
      objectType: 'review.panelSession',
      objectId: id,
      before: { status: s.status },
      after: { status: 'notified', applicants: slots.length },
    });
  });
  return getSession(ctx, caller, id);
}

/** Records the minutes: the uploaded file and the panel's decision on each application of the session. */
export async function recordMinutes(ctx: AppContext, caller: Caller, id: string, body: MinutesBody) {
  const meta = await ownUpload(ctx, caller, body.fileId, { field: 'fileId', zh: '会议纪要', en: 'minutes' });
  const candidates = await candidatesOfSession(ctx, id);
  await transaction(ctx, async (trx) => {
    const { s, ref, slots } = await lockedSession(ctx, caller, trx, id, 'minutes', body.version);
    const errors = checkMinutes(
      slots.map((x) => x.application_id),
      body.decisions,
      labelOf(candidates),
    );
    if (errors.length) throw validationError(errors);
    for (const d of body.decisions)
      await decideSlot(trx, id, d.applicationId, {
        decision: d.decision,
        decision_note: d.note?.trim() || null,
      });
    await linkFile(trx, meta.id, { objectType: 'review.panelSession', objectId: id });
    await updateSession(trx, id, {
      status: PANEL_SESSION.transition(ref, 'minutes')!.to,
      minutes_file_id: meta.id,
      minutes_note: body.note?.trim() || null,
      version: s.version + 1,
      updated_at: caller.now,
    });
    await appendAudit(trx, {
      actor: auditActor(caller),
      action: 'review.panel.minutes',
      objectType: 'review.panelSession',
      objectId: id,
      before: { status: s.status },
      after: {
        status: 'minuted',
        fileId: meta.id,
        sha256: meta.sha256,
        decisions: body.decisions,
      },
    });
  });
  return getSession(ctx, caller, id);
}
