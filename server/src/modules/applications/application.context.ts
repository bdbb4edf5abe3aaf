/** Loading an application with its call, direction and organisation, and turning it into DTOs. */
import type { Caller } from '../../platform/caller.js';
import type { AppContext } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { findDirection, type Call, type Direction } from '../calls/index.js';
import { loadCall, shanghaiIso } from '../calls/index.js';
import { beijingTimeText } from '../../../../shared/time.js';
import { getOrg } from '../identity/index.js';
import { attachmentTypes, districtOf, draftFieldErrors } from './application.rules.js';
import {
  APPLICATION,
  APPLICATION_STATUS,
  type ApplicationActor,
  type ApplicationRef,
} from './application.workflow.js';
import {
  findApplication,
  findReceipt,
  listAttachments,
  listReviews,
  type ApplicationRow,
  type AttachmentRow,
  type ReceiptRow,
  type ReviewRow,
} from './applications.repo.js';

export interface Loaded {
  app: ApplicationRow;
  call: Call;
  direction: Direction;
  org: { id: string; name: string; type: string; region: string; uscc: string };
}

export const notFound = () =>
  new DomainError('not_found', { zh: '项目申报不存在', en: 'No such application' });

export async function loadApplication(ctx: AppContext, caller: Caller, id: string): Promise<Loaded> {
  const app = await findApplication(ctx.db, id);
  if (!app) throw notFound();
  return withCall(ctx, caller, app);
}

export async function withCall(ctx: AppContext, caller: Caller, app: ApplicationRow): Promise<Loaded> {
  const { call } = await loadCall(ctx, app.call_id);
  const found = findDirection(call, app.direction_code);
  if (!found) throw new DomainError('not_found', { zh: '申报方向不存在', en: 'No such direction' });
  let org: Loaded['org'];
  try {
    org = await getOrg(ctx, caller, app.org_id);
  } catch (e) {
    // a reader not allowed to read the organisation is not allowed to read the application either
    if (e instanceof DomainError && e.code === 'forbidden') throw notFound();
    throw e;
  }
  return { app, call, direction: found.direction, org };
}

/** The application as the workflow sees it. */
export const refOf = (l: Pick<Loaded, 'app' | 'direction' | 'org'>): ApplicationRef => ({
  status: l.app.status,
  orgId: l.app.org_id,
  leadUserId: l.app.lead_user_id,
  needsDistrict: l.direction.needsDistrictRecommendation,
  routedToOffice: !!l.app.district_route,
  district: districtOf(l.org.region),
});

/**
 * The caller as the workflow sees them: a district officer's own district is read through the
 * identity service (their organisation's region); nobody else needs one.
 */
export async function workflowActor(ctx: AppContext, caller: Caller): Promise<ApplicationActor> {
  const { actor } = caller;
  if (!actor.roles.includes('districtOfficer')) return actor;
  const own = await getOrg(ctx, caller, actor.orgId);
  return { ...actor, district: districtOf(own.region) };
}

export function receiptDto(
  r: Pick<ReceiptRow, 'application_id' | 'number' | 'submitted_at' | 'package_sha256'> & { package: unknown },
  l: Pick<Loaded, 'app' | 'call' | 'direction' | 'org'>,
) {
  // the project name as submitted (the package), not as the draft may read later
  const pkg = (typeof r.package === 'string' ? JSON.parse(r.package) : r.package) as Record<string, any>;
  const title = pkg?.content?.project?.title ?? (l.app.content.project as any)?.title;
  return {
    applicationId: r.application_id,
    number: r.number,
    submittedAt: shanghaiIso(r.submitted_at),
    submittedAtText: beijingTimeText(r.submitted_at),
    sha256: r.package_sha256,
    callNumber: l.call.number,
    callTitle: l.call.title,
    directionCode: l.app.direction_code,
    directionTitle: l.direction.title,
    orgName: l.org.name,
    projectTitle: typeof title === 'string' ? title : null,
  };
}

export function attachmentDto(a: AttachmentRow, labels: Map<string, { zh: string; en: string }>) {
  return {
    id: a.id,
    type: a.type,
    typeLabel: labels.get(a.type) ?? { zh: a.type, en: a.type },
    fileId: a.file_id,
    name: a.name,
    size: Number(a.size),
    sha256: a.sha256,
    createdAt: new Date(a.created_at).toISOString(),
  };
}

export function reviewDto(r: ReviewRow) {
  return {
    id: r.id,
    stage: r.stage,
    decision: r.decision,
    reason: r.reason,
    commitmentFen: r.commitment_fen === null ? null : Number(r.commitment_fen),
    opinion: r.opinion,
    overrideReason: r.override_reason,
    overriddenFindings: r.overridden_findings,
    actorId: r.actor_id,
    at: new Date(r.at).toISOString(),
  };
}

export function summaryDto(l: Loaded, receiptNumber: string | null) {
  const { app, call, direction, org } = l;
  const project = (app.content.project ?? {}) as Record<string, unknown>;
  return {
    id: app.id,
    callId: app.call_id,
    callYear: app.call_year,
    callNumber: call.number,
    directionCode: app.direction_code,
    directionTitle: direction.title,
    orgId: app.org_id,
    orgName: org.name,
    orgType: org.type,
    leadUserId: app.lead_user_id,
    projectTitle: typeof project.title === 'string' ? project.title : null,
    status: app.status,
    statusLabel: { zh: APPLICATION_STATUS[app.status].zh, en: APPLICATION_STATUS[app.status].en },
    version: app.version,
    updatedAt: new Date(app.updated_at).toISOString(),
    submittedAt: app.submitted_at ? shanghaiIso(app.submitted_at) : null,
    receiptNumber,
    imported: app.imported ?? false,
  };
}

/** The detail with the actions the caller may take (`actions`: allowed, or refused with the reason). */
export async function detailDto(ctx: AppContext, caller: Caller, l: Loaded) {
  const [attachments, reviews, receipt, who] = await Promise.all([
    listAttachments(ctx.db, l.app.id),
    listReviews(ctx.db, l.app.id),
    findReceipt(ctx.db, l.app.id),
    workflowActor(ctx, caller),
  ]);
  const types = attachmentTypes(l.call, l.direction);
  const labels = new Map(types.map((t) => [t.type, t.label]));
  const ref = refOf(l);
  const { actions: allowed, denials } = APPLICATION.available(who, ref);
  // the buttons are the moves; `edit` is the form itself; a revision (no `to`) stays where it is;
  // the award (立项) is decided on the public notice (review module), not on one application
  const actions = APPLICATION.from(ref.status, ref)
    .filter((t) => t.action !== 'edit' && t.action !== 'award')
    .map((t) => {
      const denial = denials.find((d) => d.action === t.action);
      return {
        action: t.action,
        to: t.to ?? ref.status,
        label: t.label.zh,
        labelEn: t.label.en,
        allowed: allowed.includes(t.action),
        ...(denial ? { reason: { zh: denial.zh, en: denial.en } } : {}),
      };
    });
  return {
    ...summaryDto(l, receipt?.number ?? null),
    // personal fields are masked by the response schema (StoredContent) for people outside the organisation
    content: l.app.content,
    fieldErrors: draftFieldErrors(l.app.content),
    needsDistrictRecommendation: l.direction.needsDistrictRecommendation,
    returnReason: l.app.return_reason,
    returnedByStage: l.app.returned_by_stage,
    districtRoute: l.app.district_route,
    attachments: attachments.map((a) => attachmentDto(a, labels)),
    requiredAttachments: types,
    reviews: reviews.map(reviewDto),
    receipt: receipt ? receiptDto(receipt, l) : null,
    actions,
  };
}
