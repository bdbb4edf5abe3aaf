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

export const GUIDE_2023_PATH = path.join(here, '../calls/fixtures/guide-2023.json');
export const HISTORICAL_2023_PATH = path.join(here, 'fixtures/historical-2023.json');
export const HISTORICAL_2023_SOURCE = '绩效评价报告(2024) 表1-7、1-8；§一.6(2)(3)';

export async function seedHistoricalDemo(ctx: AppContext, actor: Actor) {
  const call = JSON.parse(fs.readFileSync(CALL_2022_PATH, 'utf8')) as Record<string, unknown>;
  return importDemoCall(ctx, actor, call, HISTORICAL_2022_PATH, HISTORICAL_SOURCE);
}

/**
 * The 2023 call for the two-round review demo (seed 003 table 1-8: 第一轮通讯评审、第二轮见面会评审):
 * the 2023 guide's directions and rules under a number of its own (the live demo call is the guide
 * itself, window moved to now), 61 applications of example organisations, 59 passed screening
 * (§一.6(2)(3)), none awarded — the review on the platform decides (review/panel.demo.ts).
 */
export async function seedHistorical2023Demo(ctx: AppContext, actor: Actor) {
  const guide = JSON.parse(fs.readFileSync(GUIDE_2023_PATH, 'utf8')) as Record<string, unknown>;
  const call = {
    ...guide,
    number: '2023年度科技成果转化服务体系建设项目（评价报告表1-7、1-8）',
    title: '上海市2023年度“科技创新行动计划”科技成果转化服务体系建设项目申报指南（历史记录，两轮评审演示）',
    titleEn:
      'Shanghai 2023 technology-transfer service-system call (historical record, two-round review demo)',
    note:
      '演示数据：2023年度指南（沪科指南〔2023〕21号）的方向与规则，另编号登记以演示两轮评审（表1-8：第一轮通讯评审、第二轮见面会评审）；' +
      '申报单位与金额为示例数据，申报数、通过形式审查数取自种子文档003 §一.6。',
  };
  return importDemoCall(ctx, actor, call, HISTORICAL_2023_PATH, HISTORICAL_2023_SOURCE);
}

async function importDemoCall(
  ctx: AppContext,
  actor: Actor,
  call: Record<string, unknown>,
  file: string,
  source: string,
) {
  const data = JSON.parse(fs.readFileSync(file, 'utf8')) as {
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
    source,
  });
  return { callId: r.callId, created: true };
}
