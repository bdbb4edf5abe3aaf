/** Loading an application with its call, direction and organisation, and turning it into DTOs. */
import type { AppContext } from '../../platform/context.js';
import { auditEvent } from '../../platform/audit.js';
import { DomainError } from '../../platform/errors.js';
import { maskPersonal } from '../../platform/mask.js';
import type { Decision } from '../../platform/permissions.js';
import type { Actor } from '../../platform/roles.js';
import { findDirection, type Call, type Direction } from '../calls/index.js';
import { loadCall, shanghaiIso } from '../calls/index.js';
import { getOrg } from '../identity/index.js';
import { attachmentTypes, districtOf, draftFieldErrors } from './application.rules.js';
import { canAct, type AppFacts } from './application.policy.js';
import { applicationWorkflow } from './application.workflow.js';
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

export const auditWho = (a: Actor, ip?: string) => ({
  id: a.userId,
  orgId: a.orgId,
  label: a.name,
  ip: ip ?? null,
});

export async function enforceApp(
  ctx: AppContext,
  actor: Actor,
  d: Decision,
  action: string,
  id?: string,
  ip?: string,
) {
  if (d.allowed) return;
  await auditEvent(ctx.db, {
    actor: auditWho(actor, ip),
    action: 'permission.denied',
    objectType: 'application',
    objectId: id,
    result: 'denied',
    detail: { attempted: action, reason: d.code },
  });
  const code = d.code === 'invalid_state' || d.code === 'not_editable' ? 'invalid_state' : 'forbidden';
  throw new DomainError(code, { zh: d.zh, en: d.en, params: { reason: d.code } });
}

export const notFound = () =>
  new DomainError('not_found', { zh: '项目申报不存在', en: 'No such application' });

export async function loadApplication(ctx: AppContext, actor: Actor, id: string): Promise<Loaded> {
  const app = await findApplication(ctx.db, id);
  if (!app) throw notFound();
  return withCall(ctx, actor, app);
}

export async function withCall(ctx: AppContext, actor: Actor, app: ApplicationRow): Promise<Loaded> {
  const { call } = await loadCall(ctx, app.call_id);
  const found = findDirection(call, app.direction_code);
  if (!found) throw new DomainError('not_found', { zh: '申报方向不存在', en: 'No such direction' });
  let org: Loaded['org'];
  try {
    org = await getOrg(ctx, actor, app.org_id);
  } catch (e) {
    // a reader not allowed to read the organisation is not allowed to read the application either
    if (e instanceof DomainError && e.code === 'forbidden') throw notFound();
    throw e;
  }
  return { app, call, direction: found.direction, org };
}

export const factsOf = (l: Pick<Loaded, 'app' | 'direction'>): AppFacts => ({
  orgId: l.app.org_id,
  status: l.app.status,
  leadUserId: l.app.lead_user_id,
  needsDistrict: l.direction.needsDistrictRecommendation,
  routedToOffice: !!l.app.district_route,
});

/** Whether a district officer's district is the applicant's (both read through the identity service). */
export async function sameDistrict(ctx: AppContext, actor: Actor, applicantRegion: string): Promise<boolean> {
  if (!actor.roles.includes('districtOfficer')) return false;
  const own = await getOrg(ctx, actor, actor.orgId);
  const a = districtOf(own.region);
  return !!a && a === districtOf(applicantRegion);
}

export function receiptDto(r: ReceiptRow, app: ApplicationRow, call: Call) {
  return {
    applicationId: r.application_id,
    number: r.number,
    submittedAt: shanghaiIso(r.submitted_at),
    sha256: r.package_sha256,
    callNumber: call.number,
    directionCode: app.direction_code,
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
    statusLabel: { zh: applicationWorkflow[app.status].label, en: applicationWorkflow[app.status].labelEn },
    version: app.version,
    updatedAt: new Date(app.updated_at).toISOString(),
    submittedAt: app.submitted_at ? shanghaiIso(app.submitted_at) : null,
    receiptNumber,
    imported: app.imported ?? false,
  };
}

export async function detailDto(ctx: AppContext, actor: Actor, l: Loaded) {
  const [attachments, reviews, receipt] = await Promise.all([
    listAttachments(ctx.db, l.app.id),
    listReviews(ctx.db, l.app.id),
    findReceipt(ctx.db, l.app.id),
  ]);
  const types = attachmentTypes(l.call, l.direction);
  const labels = new Map(types.map((t) => [t.type, t.label]));
  const district = actor.roles.includes('districtOfficer')
    ? await sameDistrict(ctx, actor, l.org.region)
    : false;
  const facts = factsOf(l);
  const actions = applicationWorkflow[l.app.status].transitions
    .filter((t) => !t.when || (t.when === 'district') === facts.needsDistrict)
    .map((t) => {
      const d = canAct(actor, facts, t.action, district);
      return {
        action: t.action,
        to: t.to,
        label: t.label,
        labelEn: t.labelEn,
        allowed: d.allowed,
        ...(d.allowed ? {} : { reason: { zh: d.zh, en: d.en } }),
      };
    });
  return {
    ...summaryDto(l, receipt?.number ?? null),
    // people outside the organisation see ID numbers and phones masked
    content: actor.orgId === l.app.org_id ? l.app.content : maskPersonal(l.app.content),
    fieldErrors: draftFieldErrors(l.app.content),
    needsDistrictRecommendation: l.direction.needsDistrictRecommendation,
    returnReason: l.app.return_reason,
    returnedByStage: l.app.returned_by_stage,
    districtRoute: l.app.district_route,
    attachments: attachments.map((a) => attachmentDto(a, labels)),
    requiredAttachments: types,
    reviews: reviews.map(reviewDto),
    receipt: receipt ? receiptDto(receipt, l.app, l.call) : null,
    actions,
  };
}
