/**
 * Demo data for Programme I: the whole 2023 guide (沪科指南〔2023〕21号) as a call. Its real window
 * (2023-10-11 09:00 – 2023-10-30 16:30 +08:00) is long past, so the demo copy keeps every rule, cap
 * and KPI but moves the window to open yesterday 09:00 and close in 14 days at 16:30 (Asia/Shanghai),
 * and says so in its note. Idempotent: a second run finds the call by its number and changes nothing.
 */
import type { AppContext } from '../../platform/context.js';
import { callerFor } from '../../platform/caller.js';
import type { Actor } from '../../platform/roles.js';
import { findCallByNumber } from './calls.repo.js';
import { importCallDraft, publishCall } from './calls.service.js';
import { guide2023 } from './guide-2023.js';

const DAY = 86_400_000;

/** YYYY-MM-DD of an instant in Asia/Shanghai. */
const shanghaiDate = (t: number) => new Date(t + 8 * 3600_000).toISOString().slice(0, 10);

const SEEDER: Actor = {
  userId: 'system:demo',
  orgId: 'system',
  name: '演示数据 Demo data',
  roles: ['commissionStaff'],
  sessionId: 'demo',
  mfaVerified: true,
  authenticatedAt: new Date(0),
};

export async function seedProgrammeDemo(
  ctx: AppContext,
  opts: { publish?: boolean; actor?: Actor } = {},
): Promise<{ callId: string; created: boolean }> {
  const seeder = opts.actor ?? SEEDER;
  const call = guide2023();
  const existing = await findCallByNumber(ctx.db, call.number);
  if (existing) return { callId: existing.id, created: false };
  const now = ctx.now().getTime();
  const opensAt = `${shanghaiDate(now - DAY)}T09:00:00+08:00`;
  const closesAt = `${shanghaiDate(now + 14 * DAY)}T16:30:00+08:00`;
  const demo = {
    ...call,
    status: 'draft' as const,
    window: {
      opensAt,
      closesAt,
      note: `演示数据：原指南网上填报时间为2023年10月11日9:00至10月30日16:30，演示环境改为 ${opensAt} 至 ${closesAt}。按服务器接收时刻判定，窗口为 [起始, 截止)。`,
    },
  };
  const caller = callerFor(ctx, seeder);
  const detail = await importCallDraft(ctx, caller, demo);
  if (opts.publish !== false) await publishCall(ctx, caller, detail.id);
  return { callId: detail.id, created: true };
}
