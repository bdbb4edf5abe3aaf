/**
 * An expert's side of a round (issue 12): the tasks assigned to them and nothing else, the application
 * as a blind round lets them read it (applications' reviewDocumentOf: built by inclusion, identities
 * replaced by 【已隐去】), the score sheet saved as a draft at any time and submitted once, before the
 * deadline (the same half-open window as the application deadline).
 */
import type { AppContext } from '../../platform/context.js';
import { appendAudit } from '../../platform/audit.js';
import { auditActor, type Caller } from '../../platform/caller.js';
import { enforce, transaction } from '../../platform/enforce.js';
import { DomainError, validationError } from '../../platform/errors.js';
import { reviewDocumentOf } from '../applications/index.js';
import { loadCall } from '../calls/index.js';
import { refOf } from './assignment.service.js';
import { iso } from './round.dto.js';
import {
  assignmentsOfExpert,
  findAssignment,
  findRound,
  findScore,
  updateAssignment,
  upsertScore,
  type AssignmentRow,
  type RoundRow,
  type ScoreRow,
} from './review.repo.js';
import { canSubmit, validateDraft, validateSubmission, weightedTotal } from './score-sheet.rules.js';
import type { ScoreEntry, ScoreSheet } from './score-sheet.schema.js';
import type { ScoreBody } from './review.schema.js';
import { stale } from './round.service.js';
import { ASSIGNMENT, ASSIGNMENT_STATUS } from './review.workflow.js';

const NOT_FOUND = { zh: '评审任务不存在', en: 'No such review assignment' };

const entryOf = (s: ScoreRow | undefined): ScoreEntry => ({
  scores: { ...(s?.scores ?? {}) },
  comments: { ...(s?.comments ?? {}) },
  recommendation: s?.recommendation ?? null,
  overallComment: s?.comment ?? '',
});

async function task(ctx: AppContext, caller: Caller, a: AssignmentRow, r: RoundRow, s: ScoreRow | undefined) {
  const doc = await reviewDocumentOf(ctx, a.application_id, r.blind);
  const { call } = await loadCall(ctx, r.call_id);
  const { actions, denials } = ASSIGNMENT.available(caller.actor, refOf(a, r));
  return {
    head: {
      assignmentId: a.id,
      roundId: r.id,
      callId: r.call_id,
      callTitle: call.title,
      roundNo: r.round_no,
      kind: r.kind,
      blind: r.blind,
      deadlineAt: iso(r.deadline_at)!,
      roundStatus: r.status,
      status: a.status,
      statusLabel: ASSIGNMENT_STATUS[a.status],
      projectTitle: doc?.project.title ?? '',
      directionCode: doc?.directionCode ?? '',
      total: s?.total ?? null,
      version: a.version,
      actions,
      denials,
    },
    doc,
  };
}

/** The caller's own review tasks (an expert sees only theirs; the query is by their id). */
export async function myTasks(ctx: AppContext, caller: Caller) {
  const rows = await assignmentsOfExpert(ctx.db, caller.actor.userId);
  const out = [];
  for (const row of rows) {
    const r = (await findRound(ctx.db, row.round_id))!;
    out.push((await task(ctx, caller, row, r, await findScore(ctx.db, row.id))).head);
  }
  return out;
}

async function ownTask(ctx: AppContext, caller: Caller, id: string) {
  const a = await findAssignment(ctx.db, id);
  // another expert's task, or a replaced one, answers as if it did not exist
  if (!a || a.expert_user_id !== caller.actor.userId || a.status === ASSIGNMENT.state.replaced)
    throw new DomainError('not_found', NOT_FOUND);
  return { a, r: (await findRound(ctx.db, a.round_id))! };
}

export async function taskDetail(ctx: AppContext, caller: Caller, id: string) {
  const { a, r } = await ownTask(ctx, caller, id);
  const s = await findScore(ctx.db, id);
  const { head, doc } = await task(ctx, caller, a, r, s);
  if (!doc) throw new DomainError('not_found', NOT_FOUND);
  const { directionCode: _d, callId: _c, ...document } = doc;
  return {
    ...head,
    document,
    scoreSheet: r.score_sheet as ScoreSheet,
    entry: entryOf(s),
    scoreVersion: s?.version ?? null,
    submittedAt: iso(s?.submitted_at),
  };
}

/** Saves the sheet (a draft may be partial) or, with `submit`, submits it for good. */
export async function saveScore(
  ctx: AppContext,
  caller: Caller,
  id: string,
  body: ScoreBody,
  submit: boolean,
) {
  await ownTask(ctx, caller, id);
  await transaction(ctx, async (trx) => {
    const a = (await findAssignment(trx, id, true))!;
    const r = (await findRound(trx, a.round_id))!;
    const action = submit ? 'submit' : 'score';
    const what = {
      action: submit ? 'review.score.submit' : 'review.score.save',
      objectType: 'review.assignment',
      objectId: id,
      trx,
    };
    const audit = what.action;
    await enforce(ctx, caller, ASSIGNMENT.decide(caller.actor, refOf(a, r), action), what);
    stale(a, body.version);
    if (submit) await enforce(ctx, caller, canSubmit(caller.now, { closesAt: iso(r.deadline_at)! }), what);
    const sheet = r.score_sheet as ScoreSheet;
    const { version: _v, ...entry } = body;
    const errors = submit ? validateSubmission(sheet, entry) : validateDraft(sheet, entry);
    if (errors.length) throw validationError(errors);
    const scores = Object.fromEntries(
      Object.entries(entry.scores).filter((e): e is [string, number] => typeof e[1] === 'number'),
    );
    const total = weightedTotal(sheet, entry.scores);
    await upsertScore(trx, {
      assignment_id: id,
      scores: JSON.stringify(scores),
      comments: JSON.stringify(entry.comments),
      comment: entry.overallComment,
      recommendation: entry.recommendation,
      total,
      submitted_at: submit ? caller.now : null,
      updated_at: caller.now,
    });
    await updateAssignment(trx, id, {
      status: ASSIGNMENT.transition(refOf(a, r), action)?.to ?? a.status,
      version: a.version + 1,
      updated_at: caller.now,
    });
    await appendAudit(trx, {
      actor: auditActor(caller),
      action: audit,
      objectType: 'review.assignment',
      objectId: id,
      after: { total, recommendation: entry.recommendation, submitted: submit },
    });
  });
  return taskDetail(ctx, caller, id);
}
