/**
 * Change requests (变更申请, issue 13): the organisation files one on its signed agreement; programme
 * staff approve it — the agreement changes and the version before is kept — or refuse it, each with a
 * reason. One transaction per change, audited; a refusal through `enforce` is audited too.
 */
import { randomUUID } from 'node:crypto';
import { appendAudit } from '../../platform/audit.js';
import { auditActor, type Caller } from '../../platform/caller.js';
import type { AppContext } from '../../platform/context.js';
import { enforce, transaction } from '../../platform/enforce.js';
import { DomainError, fieldError, validationError } from '../../platform/errors.js';
import { getAgreement } from './agreement.service.js';
import {
  applyChange,
  checkChange,
  factsOf,
  mayFileChange,
  snapshotOf,
  type ChangePayload,
} from './change.rules.js';
import { CHANGE, type ChangeAction } from './change.workflow.js';
import {
  changesOf,
  insertChange,
  insertVersion,
  lockAgreement,
  lockChange,
  updateAgreement,
  updateChange,
} from './projects.repo.js';
import { canSeeAgreement } from './projects.rules.js';
import type { ChangeDecisionBody, FileChangeBody } from './projects.schema.js';

const payloadOf = (b: FileChangeBody): ChangePayload | null => {
  if (b.kind === 'extension' && b.newEndDate) return { kind: 'extension', newEndDate: b.newEndDate };
  if (b.kind === 'kpiTargets' && b.targets?.length) return { kind: 'kpiTargets', targets: b.targets };
  if (b.kind === 'budget' && b.budget?.length) return { kind: 'budget', budget: b.budget };
  return null;
};

export async function fileChange(ctx: AppContext, caller: Caller, agreementId: string, body: FileChangeBody) {
  const payload = payloadOf(body);
  if (!payload)
    throw validationError([
      fieldError(
        body.kind === 'extension' ? 'newEndDate' : body.kind === 'kpiTargets' ? 'targets' : 'budget',
        'required',
        '请填写变更的内容',
        'Say what the change is',
      ),
    ]);
  const id = randomUUID();
  await transaction(ctx, async (trx) => {
    const a = await lockAgreement(trx, agreementId);
    if (!a || !canSeeAgreement(caller.actor, { orgId: a.org_id })) throw new DomainError('not_found');
    await enforce(ctx, caller, mayFileChange(caller.actor, a), {
      action: 'projects.change.file',
      objectType: 'projects.agreement',
      objectId: agreementId,
      trx,
    });
    const pending = (await changesOf(trx, agreementId)).filter(
      (c) => c.status === CHANGE.state.submitted && c.kind === payload.kind,
    );
    if (pending.length)
      throw validationError([
        fieldError(
          'kind',
          'pending',
          '同类变更申请尚在审核中',
          'A change of this kind is still being decided',
        ),
      ]);
    const problems = checkChange(factsOf(a), payload);
    if (problems.length) throw validationError(problems.map((p) => fieldError(p.field, p.code, p.zh, p.en)));
    await insertChange(trx, {
      id,
      agreement_id: agreementId,
      kind: payload.kind,
      reason: body.reason,
      payload: JSON.stringify(payload),
      requested_by: caller.actor.userId,
      requested_at: caller.now,
      decided_by: null,
      decided_at: null,
      decision_reason: null,
    });
    await appendAudit(trx, {
      actor: auditActor(caller),
      action: 'projects.change.file',
      objectType: 'projects.change',
      objectId: id,
      after: { agreementId, ...payload, reason: body.reason },
    });
  });
  return getAgreement(ctx, caller, agreementId);
}

export async function decideChange(
  ctx: AppContext,
  caller: Caller,
  changeId: string,
  action: ChangeAction,
  body: ChangeDecisionBody,
) {
  const agreementId = await transaction(ctx, async (trx) => {
    const c = await lockChange(trx, changeId);
    const a = c && (await lockAgreement(trx, c.agreement_id));
    if (!c || !a || !canSeeAgreement(caller.actor, { orgId: a.org_id })) throw new DomainError('not_found');
    await enforce(ctx, caller, CHANGE.decide(caller.actor, { status: c.status, orgId: a.org_id }, action), {
      action: `projects.change.${action}`,
      objectType: 'projects.change',
      objectId: changeId,
      trx,
    });
    if (body.version !== undefined && body.version !== c.version)
      throw new DomainError('conflict', {
        zh: '变更申请已被他人处理，请刷新后重试',
        en: 'The change request was decided by someone else; reload and try again',
        params: { currentVersion: c.version },
      });
    const payload = (typeof c.payload === 'string' ? JSON.parse(c.payload) : c.payload) as ChangePayload;
    let applied: ReturnType<typeof applyChange> = {};
    if (action === 'approve') {
      const problems = checkChange(factsOf(a), payload);
      if (problems.length)
        throw validationError(problems.map((p) => fieldError(p.field, p.code, p.zh, p.en)));
      applied = applyChange(factsOf(a), payload);
      await insertVersion(trx, {
        agreement_id: a.id,
        version: a.version,
        snapshot: JSON.stringify(snapshotOf(a)),
        cause: `change:${c.kind}:${c.id}`,
        changed_by: caller.actor.userId,
        changed_at: caller.now,
      });
      await updateAgreement(trx, a.id, {
        ...(applied.endDate ? { end_date: applied.endDate } : {}),
        ...(applied.extendedTo ? { extended_to: applied.extendedTo } : {}),
        ...(applied.kpis ? { kpis: JSON.stringify(applied.kpis) } : {}),
        ...(applied.budget ? { budget: JSON.stringify(applied.budget) } : {}),
        ...(applied.milestones ? { milestones: JSON.stringify(applied.milestones) } : {}),
        version: a.version + 1,
        updated_at: caller.now,
      });
    }
    const to = CHANGE.transition({ status: c.status, orgId: a.org_id }, action)!.to!;
    await updateChange(trx, changeId, {
      status: to,
      decided_by: caller.actor.userId,
      decided_at: caller.now,
      decision_reason: body.reason,
      version: c.version + 1,
    });
    await appendAudit(trx, {
      actor: auditActor(caller),
      action: `projects.change.${action}`,
      objectType: 'projects.change',
      objectId: changeId,
      before: { status: c.status, agreementVersion: a.version },
      after: { status: to, reason: body.reason, applied },
    });
    return a.id;
  });
  return getAgreement(ctx, caller, agreementId);
}
