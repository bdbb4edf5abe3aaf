/**
 * Test helpers for Programme III (tests only): an agreement with its two tranches written straight to
 * the database, for the generated security tests that need such objects without walking the award
 * (testing/object-authz.test.ts). Real flows go through the routes (projects.flow.test.ts).
 */
import { randomUUID } from 'node:crypto';
import type { TestEnv } from '../../testing/harness.js';
import { draftAgreement } from './agreement.rules.js';
import { insertAgreement, insertChange, insertTranches, trancheRows } from './projects.repo.js';

export async function insertTestAgreement(
  env: TestEnv,
  o: { applicationId: string; callId: string; orgId: string; title: string; createdBy: string },
): Promise<{ agreementId: string; trancheIds: string[] }> {
  const db = env.platform.ctx.db;
  const now = env.platform.ctx.now();
  const r = draftAgreement({
    grantFen: 100_000_000,
    firstYearCapFen: null,
    period: { start: '2023-11-01', end: '2025-10-31' },
    directionKpis: [],
    commitments: [],
    selfFundingFen: 100_000_000,
    districtMatchingFen: 0,
  });
  if (!r.ok) throw new Error(r.reason.en);
  const id = randomUUID();
  await insertAgreement(db, {
    id,
    application_id: o.applicationId,
    call_id: o.callId,
    org_id: o.orgId,
    lead_user_id: null,
    project_title: o.title,
    direction_code: '4',
    direction_title: '测试方向',
    start_date: r.draft.period.start,
    end_date: r.draft.period.end,
    years: r.draft.years,
    grant_fen: 100_000_000,
    first_year_fen: r.draft.firstYearFen,
    self_funding_fen: 100_000_000,
    district_matching_fen: 0,
    kpis: JSON.stringify(r.draft.kpis),
    budget: JSON.stringify(r.draft.budget),
    milestones: JSON.stringify(r.draft.milestones),
    schedule_source: r.draft.scheduleSource,
    reopen_reason: null,
    org_confirmed_by: null,
    org_confirmed_at: null,
    confirmed_by: null,
    confirmed_at: null,
    midterm_passed_at: null,
    acceptance_passed_at: null,
    extended_to: null,
    created_by: o.createdBy,
    created_at: now,
    updated_at: now,
  });
  const rows = trancheRows(id, r.draft.tranches, now);
  await insertTranches(db, rows);
  const trancheIds = rows.map((t) => t.id);
  return { agreementId: id, trancheIds };
}

/** A submitted change request (an extension) on an agreement, written straight to the database. */
export async function insertTestChange(
  env: TestEnv,
  agreementId: string,
  requestedBy: string,
): Promise<string> {
  const id = randomUUID();
  await insertChange(env.platform.ctx.db, {
    id,
    agreement_id: agreementId,
    kind: 'extension',
    reason: '测试延期原因',
    payload: JSON.stringify({ kind: 'extension', newEndDate: '2026-10-31' }),
    requested_by: requestedBy,
    requested_at: env.platform.ctx.now(),
    decided_by: null,
    decided_at: null,
    decision_reason: null,
  });
  return id;
}
