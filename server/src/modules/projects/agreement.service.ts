/**
 * Agreements (任务书, issue 13): drafted by programme staff from an awarded application, edited while a
 * draft, confirmed by the organisation and then by the commission (both re-authenticated: the
 * permissions are sensitive), reopened with a reason. One transaction per change, audited.
 */
import { randomUUID } from 'node:crypto';
import type { Updateable } from 'kysely';
import { appendAudit } from '../../platform/audit.js';
import { auditActor, type Caller } from '../../platform/caller.js';
import type { AppContext } from '../../platform/context.js';
import { enforce, transaction } from '../../platform/enforce.js';
import { DomainError, fieldError, validationError } from '../../platform/errors.js';
import { awardedApplications, type AwardedApplicationFacts } from '../applications/index.js';
import { awardedGrants } from '../review/index.js';
import { checkAgreementEdit, draftAgreement, type AgreementKpi, type BudgetYear } from './agreement.rules.js';
import { AGREEMENT, type AgreementAction } from './agreement.workflow.js';
import { refAgreement, toAgreement, toAgreementSummary } from './projects.dto.js';
import { actorHas } from '../../platform/permissions.js';
import { mayFileChange, snapshotOf } from './change.rules.js';
import {
  changesOf,
  insertVersion,
  versionsOf,
  agreementOfApplication,
  applicationsWithAgreement,
  findAgreement,
  insertAgreement,
  insertTranches,
  trancheRows,
  listAgreements,
  lockAgreement,
  tranchesOf,
  updateAgreement,
  userNames,
  type AgreementRow,
} from './projects.repo.js';
import { canSeeAgreement, seesEveryAgreement } from './projects.rules.js';
import type {
  AgreementActionBody,
  AgreementQuery,
  CreateAgreementBody,
  PatchAgreementBody,
} from './projects.schema.js';
import type { ProjectsAgreementTable } from './projects.tables.js';

const OBJECT = 'projects.agreement';
const json = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

/** The grant of an awarded application: the platform's award, else the imported record's. */
function grantOf(a: AwardedApplicationFacts, award: { grantFen: number } | undefined) {
  if (award) return { grantFen: award.grantFen, source: 'award' as const };
  if (a.recordedGrantFen) return { grantFen: a.recordedGrantFen, source: 'record' as const };
  return { grantFen: null, source: 'none' as const };
}

/** The call's awarded applications that have no agreement yet (staff draft one from each). */
export async function awaitingAgreements(ctx: AppContext, _caller: Caller, callId: string) {
  const awarded = await awardedApplications(ctx, callId);
  const done = await applicationsWithAgreement(ctx.db, callId);
  const open = awarded.filter((a) => !done.has(a.applicationId));
  const grants = await awardedGrants(
    ctx.db,
    open.map((a) => a.applicationId),
  );
  return {
    items: open.map((a) => {
      const g = grantOf(a, grants.get(a.applicationId));
      return {
        applicationId: a.applicationId,
        projectTitle: a.projectTitle,
        orgName: a.orgName,
        directionCode: a.directionCode,
        directionTitle: a.directionTitle,
        grantFen: g.grantFen,
        grantSource: g.source,
      };
    }),
  };
}

export async function createAgreement(ctx: AppContext, caller: Caller, body: CreateAgreementBody) {
  const facts = (await awardedApplications(ctx, body.callId)).find(
    (a) => a.applicationId === body.applicationId,
  );
  if (!facts)
    throw validationError([
      fieldError(
        'applicationId',
        'not_awarded',
        '该申报未在此指南下立项，不能生成任务书',
        'The application was not awarded under this call; no agreement can be drafted',
      ),
    ]);
  const grant = grantOf(facts, (await awardedGrants(ctx.db, [facts.applicationId])).get(facts.applicationId));
  if (grant.grantFen === null)
    throw validationError([
      fieldError('applicationId', 'grant_missing', '立项资助金额未知', 'The awarded grant is not known'),
    ]);
  const result = draftAgreement({
    grantFen: grant.grantFen,
    firstYearCapFen: facts.firstYearCapFen,
    period: facts.period,
    directionKpis: facts.directionKpis,
    commitments: facts.commitments,
    selfFundingFen: facts.selfFundingFen,
    districtMatchingFen: facts.districtMatchingFen,
  });
  if (!result.ok)
    throw validationError([fieldError(result.field, result.code, result.reason.zh, result.reason.en)]);
  const d = result.draft;
  const id = randomUUID();
  await transaction(ctx, async (trx) => {
    if (await agreementOfApplication(trx, facts.applicationId))
      throw new DomainError('conflict', {
        zh: '该项目已有任务书',
        en: 'The project already has an agreement',
      });
    await insertAgreement(trx, {
      id,
      application_id: facts.applicationId,
      call_id: facts.callId,
      call_title: facts.callTitle,
      org_id: facts.orgId,
      lead_user_id: facts.leadUserId,
      project_title: facts.projectTitle,
      direction_code: facts.directionCode,
      direction_title: facts.directionTitle,
      start_date: d.period.start,
      end_date: d.period.end,
      years: d.years,
      grant_fen: grant.grantFen,
      first_year_fen: d.firstYearFen,
      self_funding_fen: facts.selfFundingFen,
      district_matching_fen: facts.districtMatchingFen,
      kpis: JSON.stringify(d.kpis),
      budget: JSON.stringify(d.budget),
      milestones: JSON.stringify(d.milestones),
      schedule_source: d.scheduleSource,
      status: AGREEMENT.state.draft,
      reopen_reason: null,
      org_confirmed_by: null,
      org_confirmed_at: null,
      confirmed_by: null,
      confirmed_at: null,
      midterm_passed_at: null,
      acceptance_passed_at: null,
      extended_to: null,
      created_by: caller.actor.userId,
      created_at: caller.now,
      updated_at: caller.now,
    });
    await insertTranches(trx, trancheRows(id, d.tranches, caller.now));
    await appendAudit(trx, {
      actor: auditActor(caller),
      action: 'projects.agreement.create',
      objectType: OBJECT,
      objectId: id,
      after: {
        applicationId: facts.applicationId,
        grantFen: grant.grantFen,
        grantSource: grant.source,
        years: d.years,
        tranches: d.tranches.map((t) => [t.trigger, t.percent, t.amountFen]),
      },
    });
  });
  return getAgreement(ctx, caller, id);
}

async function seeable(ctx: AppContext, caller: Caller, id: string): Promise<AgreementRow> {
  const r = await findAgreement(ctx.db, id);
  if (!r || !canSeeAgreement(caller.actor, { orgId: r.org_id })) throw new DomainError('not_found');
  return r;
}

export async function getAgreement(ctx: AppContext, caller: Caller, id: string) {
  const r = await seeable(ctx, caller, id);
  const tranches = await tranchesOf(ctx.db, [id]);
  const changes = await changesOf(ctx.db, id);
  const versions = await versionsOf(ctx.db, id);
  const names = await userNames(ctx.db, [
    r.org_confirmed_by,
    r.confirmed_by,
    ...tranches.flatMap((t) => [t.requested_by, t.approved_by]),
    ...changes.flatMap((c) => [c.requested_by, c.decided_by]),
    ...versions.map((v) => v.changed_by),
  ]);
  const canFileChange = actorHas(caller.actor, 'agreement.change') && mayFileChange(caller.actor, r).allowed;
  return toAgreement(r, tranches, names, caller.actor, { changes, versions, canFileChange });
}

export async function listAgreementsFor(ctx: AppContext, caller: Caller, q: AgreementQuery) {
  const page = await listAgreements(
    ctx.db,
    {
      callId: q.callId,
      status: q.status,
      orgId: seesEveryAgreement(caller.actor) ? undefined : caller.actor.orgId,
    },
    q.page,
    q.pageSize,
  );
  const tranches = await tranchesOf(
    ctx.db,
    page.items.map((r) => r.id),
  );
  return {
    total: page.total,
    items: page.items.map((r) =>
      toAgreementSummary(
        r,
        tranches.filter((t) => t.agreement_id === r.id),
      ),
    ),
  };
}

/** One change of an agreement: lock, enforce the workflow, check the version, save, audit. */
async function change(
  ctx: AppContext,
  caller: Caller,
  id: string,
  action: AgreementAction,
  version: number | undefined,
  build: (r: NonNullable<Awaited<ReturnType<typeof lockAgreement>>>) => Updateable<ProjectsAgreementTable>,
) {
  await transaction(ctx, async (trx) => {
    const r = await lockAgreement(trx, id);
    if (!r || !canSeeAgreement(caller.actor, { orgId: r.org_id })) throw new DomainError('not_found');
    await enforce(ctx, caller, AGREEMENT.decide(caller.actor, refAgreement(r), action), {
      action: `projects.agreement.${action}`,
      objectType: OBJECT,
      objectId: id,
      trx,
    });
    if (version !== undefined && version !== r.version)
      throw new DomainError('conflict', {
        zh: '任务书已被他人修改，请刷新后重试',
        en: 'The agreement was changed by someone else; reload and try again',
        params: { currentVersion: r.version },
      });
    const to = AGREEMENT.transition(refAgreement(r), action)?.to;
    const set = { ...build(r), ...(to ? { status: to } : {}) };
    // the draft as it was before an edit is kept (the agreement's history)
    if (action === 'edit')
      await insertVersion(trx, {
        agreement_id: id,
        version: r.version,
        snapshot: JSON.stringify(snapshotOf(r)),
        cause: 'edit',
        changed_by: caller.actor.userId,
        changed_at: caller.now,
      });
    await updateAgreement(trx, id, { ...set, version: r.version + 1, updated_at: caller.now });
    await appendAudit(trx, {
      actor: auditActor(caller),
      action: `projects.agreement.${action}`,
      objectType: OBJECT,
      objectId: id,
      before: { status: r.status, version: r.version },
      after: set,
    });
  });
  return getAgreement(ctx, caller, id);
}

export function patchAgreement(ctx: AppContext, caller: Caller, id: string, body: PatchAgreementBody) {
  return change(ctx, caller, id, 'edit', body.version, (r) => {
    const kpis = json<AgreementKpi[]>(r.kpis);
    const budget = json<BudgetYear[]>(r.budget);
    const problems = checkAgreementEdit({ kpis, budget }, body);
    if (problems.length) throw validationError(problems.map((p) => fieldError(p.field, p.code, p.zh, p.en)));
    const targets = new Map((body.targets ?? []).map((t) => [t.key, t.target]));
    return {
      ...(body.targets
        ? {
            kpis: JSON.stringify(
              kpis.map((k) => (targets.has(k.key) ? { ...k, target: targets.get(k.key)! } : k)),
            ),
          }
        : {}),
      ...(body.budget ? { budget: JSON.stringify([...body.budget].sort((a, b) => a.year - b.year)) } : {}),
    };
  });
}

export function actAgreement(
  ctx: AppContext,
  caller: Caller,
  id: string,
  action: Exclude<AgreementAction, 'edit'>,
  body: AgreementActionBody,
) {
  return change(ctx, caller, id, action, body.version, () => {
    if (action === 'confirmOrg')
      return { org_confirmed_by: caller.actor.userId, org_confirmed_at: caller.now };
    if (action === 'confirm') return { confirmed_by: caller.actor.userId, confirmed_at: caller.now };
    if (!body.reason)
      throw validationError([
        fieldError(
          'reason',
          'required',
          '退回起草时请写明原因',
          'Give the reason for reopening the agreement',
        ),
      ]);
    return { reopen_reason: body.reason, org_confirmed_by: null, org_confirmed_at: null };
  });
}
