/** Draft versions and the live checklist (screening + content rules on the current draft). */
import type { AppContext } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { maskPersonal } from '../../platform/mask.js';
import type { Actor } from '../../platform/roles.js';
import { deadlineState, screenApplication } from '../calls/index.js';
import { buildFacts, combineChecklist, contentFindings, draftFieldErrors } from './application.rules.js';
import {
  countLeadOngoing,
  countOrgOthers,
  findVersion,
  listAttachments,
  listReviews,
  listVersions,
} from './applications.repo.js';
import type { Loaded } from './application.context.js';
import { readable } from './applications.service.js';

export async function versionsOf(ctx: AppContext, actor: Actor, id: string, ip?: string) {
  await readable(ctx, actor, id, ip);
  const rows = await listVersions(ctx.db, id);
  return {
    items: rows.map((v) => ({
      version: v.version,
      savedAt: new Date(v.saved_at).toISOString(),
      savedBy: v.saved_by,
      findingCount: v.finding_count,
    })),
  };
}

export async function versionOf(ctx: AppContext, actor: Actor, id: string, version: number, ip?: string) {
  const l = await readable(ctx, actor, id, ip);
  const v = await findVersion(ctx.db, id, version);
  if (!v) throw new DomainError('not_found', { zh: '没有该版本', en: 'No such version' });
  return {
    version: v.version,
    savedAt: new Date(v.saved_at).toISOString(),
    savedBy: v.saved_by,
    findingCount: v.finding_count,
    content: actor.orgId === l.app.org_id ? v.content : maskPersonal(v.content),
  };
}

/** Screening + content checks on the current draft (the live checklist), at `now`. */
export async function computeChecklist(ctx: AppContext, l: Loaded) {
  const [attachments, leadOngoing, others, reviews] = await Promise.all([
    listAttachments(ctx.db, l.app.id),
    countLeadOngoing(ctx.db, l.app.lead_user_id),
    countOrgOthers(ctx.db, l.app.org_id, l.app.call_year, l.app.id),
    listReviews(ctx.db, l.app.id),
  ]);
  const commitment = reviews
    .filter((r) => r.stage === 'district' && r.decision === 'approve')
    .at(-1)?.commitment_fen;
  const facts = buildFacts({
    content: l.app.content,
    org: l.org,
    attachments: attachments.map((a) => ({ type: a.type, fileId: a.file_id, name: a.name })),
    leadOngoingProjects: leadOngoing,
    orgOtherApplicationsThisYear: others,
    districtCommitmentFen: commitment === undefined || commitment === null ? null : Number(commitment),
  });
  const screening = screenApplication(l.call, l.app.direction_code, facts);
  const checklist = combineChecklist(
    screening,
    contentFindings(l.app.content, l.direction, l.org.type, l.app.lead_user_id),
    draftFieldErrors(l.app.content),
  );
  return { checklist, attachments };
}

export async function checklistFor(ctx: AppContext, actor: Actor, id: string, ip?: string) {
  const l = await readable(ctx, actor, id, ip);
  const { checklist } = await computeChecklist(ctx, l);
  const deadline = deadlineState(l.call, ctx.now());
  return {
    applicationId: id,
    version: l.app.version,
    status: l.app.status,
    deadline,
    closesAt: l.call.window.closesAt,
    serverTime: new Date(ctx.now()).toISOString(),
    ...checklist,
    canSubmit: checklist.overall === 'pass' && deadline === 'open',
  };
}
