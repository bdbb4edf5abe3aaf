/**
 * Word exports of expert review (issue 12): the expert opinion form (专家评审意见表) of one application
 * in one round, for the project file. Staff only (review.read); each download is audited.
 */
import type { AppContext } from '../../platform/context.js';
import { auditEvent } from '../../platform/audit.js';
import { auditActor, type Caller } from '../../platform/caller.js';
import { DomainError } from '../../platform/errors.js';
import { beijingTimeText } from '../../../../shared/time.js';
import { renderDocx } from '../applications/index.js';
import { loadCall } from '../calls/index.js';
import { opinionPaper } from './opinion-paper.rules.js';
import { findRound } from './review.repo.js';
import { roundRanking } from './results.service.js';
import type { ScoreSheet } from './score-sheet.schema.js';

export async function opinionDocx(ctx: AppContext, caller: Caller, roundId: string, applicationId: string) {
  const round = await findRound(ctx.db, roundId);
  if (!round) throw new DomainError('not_found', { zh: '评审轮次不存在', en: 'No such review round' });
  const { ranked, candidates, rows } = await roundRanking(ctx, round, false);
  const app = candidates.get(applicationId);
  if (!app)
    throw new DomainError('not_found', {
      zh: '该项目不在本轮评审中',
      en: 'The application is not reviewed in this round',
    });
  const { call } = await loadCall(ctx, round.call_id);
  const sheets = rows
    .filter((s) => s.application_id === applicationId)
    .sort(
      (a, b) =>
        new Date(a.submitted_at!).getTime() - new Date(b.submitted_at!).getTime() ||
        a.assignment_id.localeCompare(b.assignment_id),
    );
  const result = ranked.find((r) => r.applicationId === applicationId);
  const paper = opinionPaper({
    callTitle: call.title,
    roundNo: round.round_no,
    kind: round.kind,
    sheet: round.score_sheet as ScoreSheet,
    application: app,
    sheets: sheets.map((s) => ({
      scores: s.scores,
      comments: s.comments ?? {},
      comment: s.comment,
      recommendation: s.recommendation,
      total: s.total,
    })),
    result: result
      ? { rank: result.rank, mean: result.mean, trimmedMean: result.trimmedMean, count: result.count }
      : null,
    printedAt: beijingTimeText(caller.now),
  });
  const buffer = await renderDocx(paper);
  await auditEvent(ctx.db, {
    actor: auditActor(caller),
    action: 'review.opinion.export',
    objectType: 'application',
    objectId: applicationId,
    detail: { roundId, sheets: sheets.length },
  });
  const name = `专家评审意见表-${app.receiptNumber ?? applicationId}-第${round.round_no}轮.docx`;
  return { buffer, filename: name };
}
