/**
 * The award (立项, issue 12) as the applications module applies it: the review module decides who is
 * awarded after the public notice and its findings (review/award.service.ts) and calls this inside its
 * own transaction, which it audits. Each application takes the workflow's `award` transition
 * (submitted → awarded, permission review.award), enforced on the locked row.
 */
import type { Kysely } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import type { Caller } from '../../platform/caller.js';
import type { DB } from '../../platform/db-types.js';
import { enforce } from '../../platform/enforce.js';
import { DomainError } from '../../platform/errors.js';
import { APPLICATION, type ApplicationRef, type ApplicationStatus } from './application.workflow.js';
import { orgAdminsOf } from '../identity/index.js';
import { applicantsOf, findApplication, updateApplication } from './applications.repo.js';

export interface AwardedApplication {
  applicationId: string;
  before: ApplicationStatus;
  after: ApplicationStatus;
}

/** Moves each application to `awarded`, in the caller's transaction (the caller audits). */
export async function awardApplications(
  ctx: AppContext,
  trx: Kysely<DB>,
  caller: Caller,
  applicationIds: readonly string[],
): Promise<AwardedApplication[]> {
  const out: AwardedApplication[] = [];
  for (const id of applicationIds) {
    const cur = await findApplication(trx, id, true);
    if (!cur) throw new DomainError('not_found', { zh: '项目申报不存在', en: 'No such application' });
    const ref: ApplicationRef = { status: cur.status, orgId: cur.org_id, leadUserId: cur.lead_user_id };
    await enforce(ctx, caller, APPLICATION.decide(caller.actor, ref, 'award'), {
      action: 'application.award',
      objectType: 'application',
      objectId: id,
      trx,
    });
    const to = APPLICATION.transition(ref, 'award')!.to!;
    await updateApplication(trx, id, { status: to, updated_at: caller.now });
    out.push({ applicationId: id, before: cur.status, after: to });
  }
  return out;
}

/**
 * The applicant organisation's people to tell about an application's result: whoever started it, its
 * project lead, and the organisation's active admins (an imported record was started by the import,
 * not by a person: its organisation's admins are the ones to tell). System identities are left out.
 */
export async function applicantRecipients(
  db: Kysely<DB>,
  applicationIds: readonly string[],
): Promise<Map<string, string[]>> {
  const rows = await applicantsOf(db, applicationIds);
  const admins = await orgAdminsOf(db, [...new Set(rows.map((r) => r.org_id))]);
  const person = (x: string | null): x is string => !!x && !x.startsWith('system:');
  return new Map(
    rows.map((r) => [
      r.id,
      [...new Set([r.created_by, r.lead_user_id, ...(admins.get(r.org_id) ?? [])].filter(person))],
    ]),
  );
}
