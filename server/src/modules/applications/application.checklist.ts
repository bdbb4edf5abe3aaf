/** Draft versions and the live checklist (screening + content rules on the current draft). */
import type { AppContext } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import type { Caller } from '../../platform/caller.js';
import { deadlineState, screenApplication } from '../calls/index.js';
import { buildFacts, combineChecklist, contentFindings, draftFieldErrors } from './application.rules.js';
import { idNumberForMatching } from '../identity/index.js';
import { validateIdNumber } from '../identity/index.js';
import { ongoingFlag, regionFlag, type EligibilityFlag } from './eligibility.rules.js';
import { countOngoingByLead } from './ongoing.repo.js';
import {
  countLeadAwarded,
  countOrgSubmitted,
  findVersion,
  listAttachments,
  listReviews,
  listVersions,
} from './applications.repo.js';
import type { Loaded } from './application.context.js';
import { readable } from './applications.service.js';

export async function versionsOf(ctx: AppContext, caller: Caller, id: string) {
  await readable(ctx, caller, id);
  const rows = await listVersions(ctx.db, id);
  return {
    items: rows.map((v) => ({
      version: v.version,
      savedAt: new Date(v.saved_at).toISOString(),
      savedBy: v.saved_by,
      savedByName: v.saved_by_name ?? null,
      findingCount: v.finding_count,
    })),
  };
}

export async function versionOf(ctx: AppContext, caller: Caller, id: string, version: number) {
  const l = await readable(ctx, caller, id);
  const v = await findVersion(ctx.db, id, version);
  if (!v) throw new DomainError('not_found', { zh: '没有该版本', en: 'No such version' });
  return {
    version: v.version,
    savedAt: new Date(v.saved_at).toISOString(),
    savedBy: v.saved_by,
    savedByName: v.saved_by_name ?? null,
    findingCount: v.finding_count,
    orgId: l.app.org_id,
    // personal fields are masked by the response schema (StoredContent) for people outside the organisation
    content: v.content,
  };
}

/** The lead's ID numbers to match against the registry: the account's, and the one typed in the form. */
async function leadIdNumbers(ctx: AppContext, l: Loaded): Promise<string[]> {
  const out = new Set<string>();
  if (l.app.lead_user_id) {
    const own = await idNumberForMatching(ctx, l.app.lead_user_id);
    if (own) out.add(own.toUpperCase());
  }
  const typed = (l.app.content.lead as Record<string, unknown> | undefined)?.idNumber;
  if (typeof typed === 'string') {
    const v = validateIdNumber(typed, ctx.now());
    if (v.ok) out.add(v.value);
  }
  return [...out];
}
/**
 * Screening + content checks on the current draft (the live checklist), at `now`. `districtCommitmentFen`:
 * the commitment a district review is about to record (judged instead of the last recorded one).
 */
export async function computeChecklist(
  ctx: AppContext,
  l: Loaded,
  opts: { districtCommitmentFen?: number } = {},
) {
  const programmeCode = l.call.programme?.code;
  const [attachments, awarded, registry, inProgramme, inCall, reviews] = await Promise.all([
    listAttachments(ctx.db, l.app.id),
    countLeadAwarded(ctx.db, l.app.lead_user_id),
    leadIdNumbers(ctx, l).then((ids) => countOngoingByLead(ctx.db, ids)),
    countOrgSubmitted(ctx.db, {
      orgId: l.app.org_id,
      year: l.app.call_year,
      excludeId: l.app.id,
      // a call without a programme is a programme of its own
      ...(programmeCode ? { programmeCode } : { callId: l.app.call_id }),
    }),
    countOrgSubmitted(ctx.db, {
      orgId: l.app.org_id,
      year: l.app.call_year,
      excludeId: l.app.id,
      callId: l.app.call_id,
    }),
    listReviews(ctx.db, l.app.id),
  ]);
  const commitment =
    opts.districtCommitmentFen ??
    reviews.filter((r) => r.stage === 'district' && r.decision === 'approve').at(-1)?.commitment_fen;
  const facts = buildFacts({
    content: l.app.content,
    org: l.org,
    attachments: attachments.map((a) => ({ type: a.type, fileId: a.file_id, name: a.name })),
    leadRegistryOngoing: registry + awarded,
    orgSubmittedThisProgrammeYear: inProgramme,
    orgSubmittedThisCall: inCall,
    districtCommitmentFen: commitment === undefined || commitment === null ? null : Number(commitment),
  });
  const flags = [
    regionFlag(l.org.uscc, l.org.region),
    ongoingFlag(facts.lead?.declaredOngoingProjects, registry + awarded),
  ].filter((f): f is EligibilityFlag => f !== null);
  // the flags travel with the screening result, so the stored snapshot shows them to staff
  const screening = { ...screenApplication(l.call, l.app.direction_code, facts), flags };
  const checklist = combineChecklist(
    screening,
    contentFindings(l.app.content, l.direction, l.org.type, l.app.lead_user_id),
    draftFieldErrors(l.app.content),
  );
  return { checklist, attachments };
}

export async function checklistFor(ctx: AppContext, caller: Caller, id: string) {
  const l = await readable(ctx, caller, id);
  const { checklist } = await computeChecklist(ctx, l);
  const deadline = deadlineState(l.call, caller.now);
  return {
    applicationId: id,
    version: l.app.version,
    status: l.app.status,
    deadline,
    closesAt: l.call.window.closesAt,
    serverTime: caller.now.toISOString(),
    ...checklist,
    canSubmit: checklist.overall === 'pass' && deadline === 'open',
  };
}
