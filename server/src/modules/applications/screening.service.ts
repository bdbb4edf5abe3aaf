/**
 * Screening (形式审查) for staff: run the rules over every submitted application of a call (a run
 * with progress), confirm or override findings with a written reason (audited), the screening list
 * with filters, and its Excel export (personal data masked).
 */
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import { appendAudit, auditEvent } from '../../platform/audit.js';
import { auditActor, type Caller } from '../../platform/caller.js';
import { DomainError } from '../../platform/errors.js';
import { maskPhone } from '../../platform/mask.js';
import type { ScreeningResult } from '../calls/index.js';
import { findDirection } from '../calls/index.js';
import { loadCall, shanghaiIso } from '../calls/index.js';
import { ORG_TYPES } from '../identity/index.js';
import { applyDecisions, ruleOrgType, withFieldFindings, type Decision } from './application.rules.js';
import { kpiCheck, kpiFindings, withKpiFindings } from './application.kpis.js';
import { SUBMITTED_STATUSES } from './application.workflow.js';
import { findApplication } from './applications.repo.js';
import { outcomesOf } from './historical.repo.js';
import { notFound, withCall } from './application.context.js';
import { computeChecklist } from './application.checklist.js';
import {
  decisionsOf,
  findRun,
  insertDecision,
  insertRun,
  insertSnapshot,
  screeningRows,
  submittedIds,
  updateRun,
} from './screening.repo.js';

/** Runs at most this many applications inline; larger calls continue in the background. */
export const INLINE_RUN_LIMIT = 200;

function runDto(r: {
  id: string;
  call_id: string;
  status: string;
  total: number;
  done: number;
  summary: unknown;
  error: string | null;
  started_at: Date | string;
  finished_at: Date | string | null;
}) {
  return {
    id: r.id,
    callId: r.call_id,
    status: r.status as 'running' | 'done' | 'failed',
    total: r.total,
    done: r.done,
    summary: (r.summary as Record<string, number> | null) ?? null,
    error: r.error,
    startedAt: new Date(r.started_at).toISOString(),
    finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null,
  };
}

async function runAll(ctx: AppContext, caller: Caller, runId: string, callId: string, ids: string[]) {
  const summary = { pass: 0, fail: 0, incomplete: 0 };
  try {
    let done = 0;
    for (const { id } of ids.map((id) => ({ id }))) {
      const app = await findApplication(ctx.db, id);
      if (!app) continue;
      const l = await withCall(ctx, caller, app);
      const { checklist } = await computeChecklist(ctx, l);
      // the run's snapshot holds the KPI commitments' verdicts too (issue 8 §3)
      const screening = withFieldFindings(
        withKpiFindings(checklist.screening, l.app.content, l.direction, ruleOrgType(l.org.type)),
        checklist.fieldErrors,
      );
      await insertSnapshot(ctx.db, {
        id: randomUUID(),
        application_id: id,
        call_id: callId,
        source: 'run',
        run_id: runId,
        overall: screening.overall,
        result: JSON.stringify(screening),
        created_at: ctx.now(),
      });
      summary[screening.overall] += 1;
      done += 1;
      if (done % 50 === 0) await updateRun(ctx.db, runId, { done });
    }
    await ctx.db.transaction().execute(async (trx) => {
      await updateRun(trx, runId, {
        done,
        status: 'done',
        summary: JSON.stringify(summary),
        finished_at: ctx.now(),
      });
      await appendAudit(trx, {
        actor: auditActor(caller),
        action: 'screening.run',
        objectType: 'call',
        objectId: callId,
        detail: { runId, ...summary },
      });
    });
  } catch (e) {
    await updateRun(ctx.db, runId, {
      status: 'failed',
      error: (e as Error).message.slice(0, 500),
      finished_at: ctx.now(),
    });
    throw e;
  }
}

const importedReadOnly = () =>
  new DomainError('invalid_state', {
    zh: '已导入的往年指南为只读存档，其形式审查结论不能重新审查或调整',
    en: 'An imported historical call is a read-only record; its screening cannot be re-run or changed',
    params: { reason: 'imported' },
  });

export async function startScreeningRun(ctx: AppContext, caller: Caller, callId: string) {
  const { row } = await loadCall(ctx, callId);
  if (row.imported_at) throw importedReadOnly();
  const ids = (await submittedIds(ctx.db, callId)).map((r) => r.id);
  const runId = randomUUID();
  await insertRun(ctx.db, {
    id: runId,
    call_id: callId,
    status: 'running',
    total: ids.length,
    done: 0,
    started_by: caller.actor.userId,
    started_at: caller.now,
  });
  await auditEvent(ctx.db, {
    actor: auditActor(caller),
    action: 'screening.run.start',
    objectType: 'call',
    objectId: callId,
    detail: { runId, total: ids.length },
  });
  if (ids.length <= INLINE_RUN_LIMIT) await runAll(ctx, caller, runId, callId, ids);
  else void runAll(ctx, caller, runId, callId, ids).catch(() => undefined);
  return runDto((await findRun(ctx.db, callId, runId))!);
}

export async function getScreeningRun(ctx: AppContext, callId: string, runId: string) {
  const r = await findRun(ctx.db, callId, runId);
  if (!r) throw new DomainError('not_found', { zh: '没有该审查批次', en: 'No such screening run' });
  return runDto(r);
}

export interface ScreeningFilter {
  direction?: string;
  result?: 'pass' | 'fail' | 'incomplete';
  orgType?: string;
  overridden?: boolean;
}

/** The screening list of a call: latest snapshot per submitted application, after staff decisions. */
export async function screeningList(ctx: AppContext, callId: string, f: ScreeningFilter) {
  const { call } = await loadCall(ctx, callId);
  const rows = await screeningRows(ctx.db, callId, f);
  const decisions = await decisionsOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  const byApp = new Map<string, Decision[]>();
  for (const d of decisions) {
    const list = byApp.get(d.application_id) ?? [];
    list.push({
      ruleId: d.rule_id,
      action: d.action,
      verdict: d.verdict,
      reason: d.reason,
      actorId: d.actor_id,
      actorName: d.actor_name ?? null,
      at: new Date(d.at).toISOString(),
    });
    byApp.set(d.application_id, list);
  }
  const outcomes = new Map(
    (
      await outcomesOf(
        ctx.db,
        rows.filter((r) => r.imported).map((r) => r.id),
      )
    ).map((o) => [o.application_id, o]),
  );
  const items = rows.map((r) => {
    const outcome = outcomes.get(r.id);
    const direction = findDirection(call, r.direction_code)?.direction;
    const stored = r.result as ScreeningResult | null;
    // KPI commitments are judged on the submitted content now, so a snapshot taken before units and
    // comparators counted (or at submission, which stores the rules' result only) still shows them
    const result =
      stored && direction && !r.imported
        ? withKpiFindings(stored, r.content ?? {}, direction, ruleOrgType(r.org_type))
        : stored;
    const eff = result ? applyDecisions(result, byApp.get(r.id) ?? []) : null;
    const live = direction ? kpiFindings(r.content ?? {}, direction, ruleOrgType(r.org_type)) : [];
    const content = (r.content ?? {}) as Record<string, Record<string, unknown> | undefined>;
    const budget = content.budget ?? {};
    const lead = content.lead ?? {};
    return {
      applicationId: r.id,
      receiptNumber: r.receipt_number,
      submittedAt: r.submitted_at ? shanghaiIso(r.submitted_at) : null,
      directionCode: r.direction_code,
      directionTitle: direction?.title ?? r.direction_code,
      orgId: r.org_id,
      orgName: r.org_name,
      orgType: r.org_type,
      orgTypeLabel: {
        ...(ORG_TYPES[r.org_type as keyof typeof ORG_TYPES] ?? { zh: r.org_type, en: r.org_type }),
      },
      projectTitle: typeof content.project?.title === 'string' ? (content.project.title as string) : null,
      leadName: typeof lead.name === 'string' ? lead.name : null,
      leadPhone: typeof lead.phone === 'string' ? maskPhone(lead.phone) : null,
      requestedGrantFen: typeof budget.requestedGrantFen === 'number' ? budget.requestedGrantFen : null,
      selfFundingFen: typeof budget.selfFundingFen === 'number' ? budget.selfFundingFen : null,
      screenedAt: r.screened_at ? new Date(r.screened_at).toISOString() : null,
      screenedBy: (r.screened_by as 'submission' | 'run' | 'import' | null) ?? null,
      automatic: result?.overall ?? null,
      result: eff?.overall ?? null,
      overridden: eff?.overridden ?? false,
      flags: result?.flags ?? [],
      kpiCheck: kpiCheck(
        r.imported || !eff ? live.map((f) => ({ group: 'kpis', passed: f.passed })) : eff.findings,
      ),
      imported: r.imported,
      outcome: outcome
        ? {
            screening: outcome.screening_result,
            awarded: outcome.awarded,
            grantedFen: outcome.granted_fen === null ? null : Number(outcome.granted_fen),
          }
        : null,
      findings: (eff?.findings ?? []).map((x) => ({
        ruleId: x.ruleId,
        label: x.label,
        labelEn: x.labelEn,
        group: x.group,
        severity: x.severity,
        applicable: x.applicable,
        passed: x.passed,
        automatic: result!.findings.find((y) => y.ruleId === x.ruleId)?.passed ?? x.passed,
        reason: x.reason,
        decision: x.decision,
      })),
    };
  });
  const filtered = items.filter(
    (i) =>
      (!f.result || i.result === f.result) && (f.overridden === undefined || i.overridden === f.overridden),
  );
  const summary = {
    total: filtered.length,
    pass: 0,
    fail: 0,
    incomplete: 0,
    unscreened: 0,
    overridden: 0,
    flagged: 0,
  };
  for (const i of filtered) {
    if (i.result) summary[i.result] += 1;
    else summary.unscreened += 1;
    if (i.overridden) summary.overridden += 1;
    if (i.flags.length) summary.flagged += 1;
  }
  return { summary, items: filtered };
}

export async function decideFinding(
  ctx: AppContext,
  caller: Caller,
  applicationId: string,
  body: { ruleId: string; action: 'confirm' | 'override'; verdict?: 'pass' | 'fail'; reason: string },
) {
  const app = await findApplication(ctx.db, applicationId);
  if (!app) throw notFound();
  if (app.imported) throw importedReadOnly();
  if (!SUBMITTED_STATUSES.includes(app.status))
    throw new DomainError('invalid_state', {
      zh: '只能审查已提交的申报',
      en: 'Only submitted applications are screened',
    });
  const list = await screeningList(ctx, app.call_id, {});
  const item = list.items.find((i) => i.applicationId === applicationId);
  const finding = item?.findings.find((x) => x.ruleId === body.ruleId);
  if (!finding)
    throw new DomainError('validation_failed', {
      fields: [
        {
          field: 'ruleId',
          code: 'unknown_rule',
          message: `该申报的审查结果中没有规则「${body.ruleId}」`,
          messageEn: `No finding for rule "${body.ruleId}"`,
        },
      ],
    });
  if (body.action === 'override' && !body.verdict)
    throw new DomainError('validation_failed', {
      fields: [
        {
          field: 'verdict',
          code: 'required',
          message: '调整结论时须给出调整后的结论（pass/fail）',
          messageEn: 'An override needs the new verdict (pass/fail)',
        },
      ],
    });
  const verdict = body.action === 'confirm' ? (finding.automatic === true ? 'pass' : 'fail') : body.verdict!;
  const now = caller.now;
  await ctx.db.transaction().execute(async (trx) => {
    await insertDecision(trx, {
      id: randomUUID(),
      application_id: applicationId,
      rule_id: body.ruleId,
      action: body.action,
      verdict,
      reason: body.reason,
      actor_id: caller.actor.userId,
      at: now,
    });
    await appendAudit(trx, {
      actor: auditActor(caller),
      action: `screening.${body.action}`,
      objectType: 'application',
      objectId: applicationId,
      before: { ruleId: body.ruleId, passed: finding.passed },
      after: { ruleId: body.ruleId, verdict },
      detail: { reason: body.reason },
    });
  });
  return (await screeningList(ctx, app.call_id, {})).items.find((i) => i.applicationId === applicationId)!;
}
