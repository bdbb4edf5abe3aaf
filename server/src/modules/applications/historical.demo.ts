/**
 * Demo data: the 2022 call of seed 003 (tables 1-8/1-9) imported for the record with 25
 * applications, 17 passed screening and 11 awarded (seed 003 §一.6(2)(3)); organisation names, codes
 * and amounts are examples (fixtures/historical-2022.json says so). Idempotent: a second run finds
 * the call by its number and changes nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppContext } from '../../platform/context.js';
import { callerFor } from '../../platform/caller.js';
import type { Actor } from '../../platform/roles.js';
import { findCallByNumber } from '../calls/index.js';
import { createOrg } from '../identity/index.js';
import { orgsByUscc } from './historical.repo.js';
import { importHistoricalCall } from './historical.service.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const CALL_2022_PATH = path.join(here, '../calls/fixtures/call-2022.json');
export const HISTORICAL_2022_PATH = path.join(here, 'fixtures/historical-2022.json');
export const HISTORICAL_SOURCE = '绩效评价报告(2024) 表1-8、1-9；§一.6(2)(3)';

export async function seedHistoricalDemo(ctx: AppContext, actor: Actor) {
  const call = JSON.parse(fs.readFileSync(CALL_2022_PATH, 'utf8')) as Record<string, unknown>;
  const data = JSON.parse(fs.readFileSync(HISTORICAL_2022_PATH, 'utf8')) as {
    orgs: { uscc: string; name: string; type: string; region: string }[];
    applications: unknown[];
  };
  const existing = await findCallByNumber(ctx.db, String(call.number));
  if (existing) return { callId: existing.id, created: false };
  const have = new Set(
    (
      await orgsByUscc(
        ctx.db,
        data.orgs.map((o) => o.uscc),
      )
    ).map((o) => o.uscc),
  );
  for (const o of data.orgs)
    if (!have.has(o.uscc)) await createOrg(ctx, callerFor(ctx, actor), { ...o, type: o.type as never });
  const r = await importHistoricalCall(ctx, callerFor(ctx, actor), {
    call,
    applications: data.applications,
    source: HISTORICAL_SOURCE,
  });
  return { callId: r.callId, created: true };
}
