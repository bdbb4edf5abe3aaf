/**
 * Applications: start, read, list, save drafts (each save a version), delete a draft.
 * Versions and the live checklist: application.checklist.ts. Reviews: review.service.ts; submission: submit.service.ts; attachments: attachments.service.ts.
 */
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import { appendAudit } from '../../platform/audit.js';
import { auditActor, type Caller } from '../../platform/caller.js';
import { enforce } from '../../platform/enforce.js';
import { DomainError } from '../../platform/errors.js';
import { findDirection, isCallOpenForApplications } from '../calls/index.js';
import { deadlineState } from '../calls/index.js';
import { loadCall } from '../calls/index.js';
import { buildMe } from '../identity/index.js';
import { getOrg } from '../identity/index.js';
import { draftFieldErrors } from './application.rules.js';
import { canReadApplication, canStart } from './application.policy.js';
import {
  APPLICATION,
  isEditableState,
  SENT_TO_DISTRICT,
  SUBMITTED_STATUSES,
  type ApplicationStatus,
} from './application.workflow.js';
import {
  deleteApplication,
  findApplication,
  insertApplication,
  insertVersion,
  listApplications,
  listDistrictCandidates,
  saveContent,
} from './applications.repo.js';
import {
  detailDto,
  loadApplication,
  notFound,
  refOf,
  withCall,
  workflowActor,
  summaryDto,
  type Loaded,
} from './application.context.js';
import { districtOf } from './application.rules.js';
import { SECTION_KEYS } from './application.schema.js';

/**
 * Loads and checks read access: the policy runs before anything of the application is shown, so
 * another organisation's user gets the policy's reason (403), not the data.
 */
export async function readable(ctx: AppContext, caller: Caller, id: string): Promise<Loaded> {
  const app = await findApplication(ctx.db, id);
  if (!app) throw notFound();
  const { call } = await loadCall(ctx, app.call_id);
  const needsDistrict =
    findDirection(call, app.direction_code)?.direction.needsDistrictRecommendation ?? false;
  const who = await workflowActor(ctx, caller);
  // the applicant's district matters only to a district officer (read through the identity service)
  const district =
    who.district && needsDistrict ? districtOf((await getOrg(ctx, caller, app.org_id)).region) : null;
  const ref = {
    status: app.status,
    orgId: app.org_id,
    leadUserId: app.lead_user_id,
    needsDistrict,
    routedToOffice: !!app.district_route,
    district,
  };
  await enforce(ctx, caller, canReadApplication(who, ref), {
    action: 'application.read',
    objectType: 'application',
    objectId: id,
  });
  return withCall(ctx, caller, app);
}

/** A project lead must be an active user of the organisation with the projectLead or orgAdmin role. */
async function checkLead(ctx: AppContext, orgId: string, leadUserId: string | null | undefined) {
  if (!leadUserId) return;
  const u = await buildMe(ctx.db, leadUserId, false).catch(() => null);
  const ok = !!u && u.orgId === orgId && (u.roles.includes('projectLead') || u.roles.includes('orgAdmin'));
  if (!ok)
    throw new DomainError('validation_failed', {
      fields: [
        {
          field: 'leadUserId',
          code: 'not_lead',
          message: '项目负责人须为本单位具有“项目负责人”角色的用户',
          messageEn: 'The project lead must be a user of your organisation with the project-lead role',
        },
      ],
    });
}

export async function startApplication(
  ctx: AppContext,
  caller: Caller,
  body: { callId: string; directionCode: string; leadUserId?: string },
) {
  const { actor } = caller;
  await enforce(ctx, caller, canStart(actor), { action: 'application.create', objectType: 'application' });
  const { row, call } = await loadCall(ctx, body.callId);
  if (!isCallOpenForApplications(row.status))
    throw new DomainError('invalid_state', { zh: '该指南未发布，不能申报', en: 'The call is not published' });
  const state = deadlineState(call, caller.now);
  if (state === 'closed')
    throw new DomainError('deadline_passed', {
      zh: `申报已于 ${call.window.closesAt.replace('T', ' ').slice(0, 16)}（北京时间）截止`,
      en: `The window closed at ${call.window.closesAt}`,
      params: { closesAt: call.window.closesAt },
    });
  if (!findDirection(call, body.directionCode))
    throw new DomainError('validation_failed', {
      fields: [
        {
          field: 'directionCode',
          code: 'unknown_direction',
          message: `指南中没有方向「${body.directionCode}」`,
          messageEn: `No direction "${body.directionCode}" in this call`,
        },
      ],
    });
  await checkLead(ctx, actor.orgId, body.leadUserId);
  // How many applications an organisation may make is call data (a screening rule such as
  // common.oneApplicationPerOrg), judged at submission; starting a draft is never refused for it.
  const id = randomUUID();
  const now = caller.now;
  await ctx.db.transaction().execute(async (trx) => {
    await insertApplication(trx, {
      id,
      call_id: row.id,
      call_year: call.year,
      direction_code: body.directionCode,
      org_id: actor.orgId,
      lead_user_id: body.leadUserId ?? null,
      created_by: actor.userId,
      content: JSON.stringify({}),
      created_at: now,
      updated_at: now,
      returned_by_stage: null,
      return_reason: null,
      submitted_at: null,
    });
    await insertVersion(trx, {
      application_id: id,
      version: 1,
      content: {},
      saved_by: actor.userId,
      saved_at: now,
      finding_count: 0,
    });
    await appendAudit(trx, {
      actor: auditActor(caller),
      action: 'application.create',
      objectType: 'application',
      objectId: id,
      after: { callId: row.id, directionCode: body.directionCode, orgId: actor.orgId },
    });
  });
  return detailDto(ctx, caller, await loadApplication(ctx, caller, id));
}

export async function getApplication(ctx: AppContext, caller: Caller, id: string) {
  return detailDto(ctx, caller, await readable(ctx, caller, id));
}

/**
 * The district officer's candidates that the read policy lets them see (the same `canReadApplication`
 * as `readable`), so the list counts and pages exactly what the officer may open.
 */
async function districtReadableIds(
  ctx: AppContext,
  caller: Caller,
  q: { callId?: string; status?: ApplicationStatus },
  district: string,
): Promise<string[]> {
  const who = await workflowActor(ctx, caller);
  const rows = await listDistrictCandidates(ctx.db, q, { district, statuses: SENT_TO_DISTRICT });
  const ids: string[] = [];
  // the candidates are of a few calls: load each call once, not once per row
  const calls = new Map<string, ReturnType<typeof loadCall>>();
  for (const r of rows) {
    if (!calls.has(r.call_id)) calls.set(r.call_id, loadCall(ctx, r.call_id));
    const { call } = await calls.get(r.call_id)!;
    const needsDistrict =
      findDirection(call, r.direction_code)?.direction.needsDistrictRecommendation ?? false;
    const ref = {
      status: r.status,
      orgId: r.org_id,
      leadUserId: r.lead_user_id,
      needsDistrict,
      routedToOffice: !!r.district_route,
      district: needsDistrict ? districtOf(r.region) : null,
    };
    if (canReadApplication(who, ref).allowed) ids.push(r.id);
  }
  return ids;
}

export async function listApplicationsFor(
  ctx: AppContext,
  caller: Caller,
  q: { callId?: string; status?: ApplicationStatus; page: number; pageSize: number },
) {
  const { actor } = caller;
  const orgUser = actor.roles.includes('orgAdmin') || actor.roles.includes('projectLead');
  let scope: Parameters<typeof listApplications>[2];
  if (orgUser) scope = { orgId: actor.orgId };
  else if (
    actor.roles.some((r) => r === 'commissionStaff' || r === 'programmeOfficeStaff' || r === 'auditor')
  )
    scope = { statuses: SUBMITTED_STATUSES, routedToOffice: true };
  else {
    // district officer: applications of their district that reached district review
    const own = await getOrg(ctx, caller, actor.orgId);
    const d = districtOf(own.region);
    if (!d) return { total: 0, items: [] };
    scope = { district: d, statuses: SENT_TO_DISTRICT, ids: await districtReadableIds(ctx, caller, q, d) };
  }
  const { total, items } = await listApplications(ctx.db, q, scope);
  const out = [];
  for (const r of items) {
    const { call } = await loadCall(ctx, r.call_id);
    const found = findDirection(call, r.direction_code);
    const project = (r.content?.project ?? {}) as Record<string, unknown>;
    out.push({
      ...summaryDto(
        {
          app: { ...r, content: {} } as never,
          call,
          direction: found?.direction ?? ({ title: null } as never),
          org: { id: r.org_id, name: r.org_name, type: r.org_type, region: '', uscc: '' },
        },
        r.receipt_number,
      ),
      projectTitle: typeof project.title === 'string' ? project.title : null,
    });
  }
  return { total, items: out };
}

export async function saveDraft(
  ctx: AppContext,
  caller: Caller,
  id: string,
  body: { baseVersion?: number; content: Record<string, unknown>; leadUserId?: string | null },
) {
  const { actor } = caller;
  const l = await readable(ctx, caller, id);
  await enforce(ctx, caller, APPLICATION.decide(actor, refOf(l), 'edit'), {
    action: 'application.edit',
    objectType: 'application',
    objectId: id,
  });
  if (body.leadUserId !== undefined && body.leadUserId !== l.app.lead_user_id) {
    if (!actor.roles.includes('orgAdmin'))
      throw new DomainError('forbidden', {
        zh: '只有单位管理员可以更换项目负责人',
        en: 'Only the organisation admin may change the project lead',
      });
    await checkLead(ctx, l.app.org_id, body.leadUserId);
  }
  const merged: Record<string, unknown> = { ...l.app.content };
  for (const k of SECTION_KEYS)
    if (k in body.content && body.content[k] !== undefined) merged[k] = body.content[k];
  const fieldErrors = draftFieldErrors(merged);
  const now = caller.now;
  await ctx.db.transaction().execute(async (trx) => {
    const version = await saveContent(trx, id, merged, body.leadUserId, body.baseVersion, now);
    if (version === null)
      throw new DomainError('conflict', {
        zh: '申报书已在别处保存过，请刷新后合并您的修改（您填写的内容仍在页面上）',
        en: 'Someone saved this application since you opened it; reload and merge your changes',
        params: { currentVersion: (await findApplication(trx, id))?.version },
      });
    await insertVersion(trx, {
      application_id: id,
      version,
      content: merged,
      saved_by: actor.userId,
      saved_at: now,
      finding_count: fieldErrors.length,
    });
    await appendAudit(trx, {
      actor: auditActor(caller),
      action: 'application.save',
      objectType: 'application',
      objectId: id,
      detail: { version, sections: Object.keys(body.content), fieldErrors: fieldErrors.length },
    });
  });
  const application = await detailDto(ctx, caller, await loadApplication(ctx, caller, id));
  return { application, fieldErrors, saved: true };
}

export async function deleteDraft(ctx: AppContext, caller: Caller, id: string) {
  const { actor } = caller;
  const l = await readable(ctx, caller, id);
  if (!actor.roles.includes('orgAdmin') || actor.orgId !== l.app.org_id)
    throw new DomainError('forbidden', {
      zh: '只有本单位管理员可以删除申报草稿',
      en: 'Only your organisation admin may delete a draft',
    });
  if (!isEditableState(l.app.status))
    throw new DomainError('invalid_state', {
      zh: '只能删除未提交审核的草稿',
      en: 'Only a draft can be deleted',
    });
  await ctx.db.transaction().execute(async (trx) => {
    await deleteApplication(trx, id);
    await appendAudit(trx, {
      actor: auditActor(caller),
      action: 'application.delete',
      objectType: 'application',
      objectId: id,
      before: { status: l.app.status, directionCode: l.app.direction_code, version: l.app.version },
    });
  });
}
