/**
 * Test helpers for the public notice (tests only): a draft notice and an objection written straight to
 * the database, for the generated security tests that need such objects without walking the whole
 * review (testing/object-authz.test.ts). Real flows go through the routes (notice.test.ts).
 */
import { randomUUID } from 'node:crypto';
import type { TestEnv } from '../../testing/harness.js';
import { insertEntries, insertNotice, insertObjection } from './notice.repo.js';
import { noticePeriod } from './notice.rules.js';

export async function insertDraftNotice(
  env: TestEnv,
  o: { callId: string; createdBy: string; applicationIds: string[]; title: string; startDate?: string },
): Promise<string> {
  const db = env.platform.ctx.db;
  const id = randomUUID();
  const p = noticePeriod(o.startDate ?? '2023-11-28');
  const now = env.platform.ctx.now();
  await insertNotice(db, {
    id,
    call_id: o.callId,
    title: o.title,
    start_date: p.start,
    end_date: p.end,
    working_days: p.workingDays.length,
    opens_at: p.opensAt,
    closes_at: p.closesAt,
    created_by: o.createdBy,
    published_at: null,
    awarded_at: null,
    awarded_by: null,
    created_at: now,
    updated_at: now,
  });
  await insertEntries(
    db,
    o.applicationIds.map((application_id, i) => ({
      notice_id: id,
      application_id,
      rank: i + 1,
      project_title: `${o.title}项目${i + 1}`,
      org_name: `${o.title}单位${i + 1}`,
      direction_code: '1',
      direction_title: '测试方向',
      proposed_grant_fen: 1_000_000,
      outcome: null,
    })),
  );
  return id;
}

export async function insertTestObjection(
  env: TestEnv,
  o: { noticeId: string; applicationId: string; name: string; phone?: string; email?: string },
): Promise<string> {
  const id = randomUUID();
  await insertObjection(env.platform.ctx.db, {
    id,
    notice_id: o.noticeId,
    application_id: o.applicationId,
    objector_name: o.name,
    contact_phone: o.phone ?? '13900001111',
    contact_email: o.email ?? null,
    organisation: null,
    statement: '测试异议：请核实该项目的申报材料是否属实。',
    finding_reason: null,
    decided_by: null,
    decided_at: null,
    submitted_by: null,
    submitted_ip: '127.0.0.1',
    created_at: env.platform.ctx.now(),
  });
  return id;
}
