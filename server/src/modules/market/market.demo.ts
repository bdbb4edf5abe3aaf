import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppContext } from '../../platform/context.js';
import { appendAudit } from '../../platform/audit.js';
import { assessNeed } from './need.rules.js';
import type { Ownership, TransferMode } from './achievement.rules.js';
import './market.tables.js';
import { ACHIEVEMENT } from './achievement.workflow.js';
import { NEED } from './need.workflow.js';

/**
 * Demo data for the market. Achievements come from the real patent abstracts of KPPatent-ZH
 * (../shared/data/kppatent-zh/data_A.json, or env TRANSFERONE_KPPATENT): the text is real, the
 * title is the abstract's first clause, and owner institution, TRL, field and transfer modes are
 * synthetic (marked source = 'kppatent', which the UI shows). When the file is absent, generated
 * records are used instead and the log says so. A few enterprise needs from the seeds' fields.
 */
export interface MarketDemoOptions {
  /** at most this many achievements (default all of the file, or 60 generated) */
  limit?: number;
  /** organisation ids to own the achievements (research orgs) and to post the needs (enterprises) */
  institutionIds: string[];
  enterpriseIds: string[];
  /** the user recorded as author/creator (e.g. the demo admin) */
  userId?: string | null;
  /** who the audit record names (e.g. the CLI's seed actor); defaults to userId */
  actor?: { id: string | null; label: string };
  log?: (m: string) => void;
  path?: string;
}

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
export const KPPATENT_DEFAULT = path.resolve(REPO_ROOT, '../shared/data/kppatent-zh/data_A.json');

/** Fields from the seeds (action plan 2024-2027, 沪科提复〔2025〕62号) with words that route an abstract to them. */
const FIELDS: Array<[string, RegExp]> = [
  ['生物医药', /药|抗体|细胞|基因|蛋白|医疗|疾病|患者|口腔|诊断|疫苗|肿瘤/],
  ['集成电路', /芯片|半导体|晶圆|集成电路|晶体管|封装|光刻|硅/],
  ['人工智能', /神经网络|深度学习|机器学习|图像识别|算法|智能/],
  ['新材料', /材料|合金|聚合物|涂层|纤维|复合|薄膜|陶瓷/],
  ['高端装备', /装置|设备|机构|机器人|电机|传感器|控制器/],
  ['新能源', /电池|太阳能|光伏|氢|储能|燃料|风力/],
  ['信息通信', /通信|网络|信号|无线|终端|数据|基站/],
];
const REGIONS = [
  '上海市徐汇区',
  '上海市杨浦区',
  '上海市闵行区',
  '上海市浦东新区',
  '上海市嘉定区',
  '上海市松江区',
];
const OWNERSHIPS: Ownership[] = ['unitOwned', 'unitOwned', 'grantFull', 'grantPartial', 'longTermUse'];
const MODES: TransferMode[][] = [
  ['licence'],
  ['assignment'],
  ['licence', 'assignment'],
  ['equityInvestment'],
  ['licence', 'equityInvestment'],
];

function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

export function fieldOf(text: string, r: () => number): string {
  for (const [f, re] of FIELDS) if (re.test(text)) return f;
  return FIELDS[Math.floor(r() * FIELDS.length)][0];
}

/** A readable title from a patent abstract: its first clause, without 本发明涉及/本申请公开 … */
export function titleOf(abstract: string): string {
  const body = abstract.replace(/^摘要[:：]\s*/, '').trim();
  const first = body.split(/[。；;]/)[0] ?? body;
  const t = first
    .replace(/^(本(发明|申请|实用新型|公开|披露)(涉及|公开了?|提供了?|提出了?|是)?(一种)?)/, '一种')
    .replace(/，.*$/, '')
    .trim();
  return (t.length >= 6 ? t : body).slice(0, 60);
}

interface Kp {
  input: string;
  output: string;
}

function generated(n: number, r: () => number): Kp[] {
  const topics = [
    ['一种基于深度学习的图像缺陷检测方法', '深度学习,缺陷检测,图像'],
    ['一种抗体偶联药物的制备方法', '抗体,偶联药物,制备'],
    ['一种低功耗硅光调制器芯片', '硅光,调制器,芯片'],
    ['一种固态锂电池电解质材料', '固态电池,电解质,锂'],
    ['一种柔性脑机接口电极', '脑机接口,柔性电极'],
    ['一种工业机器人柔顺控制方法', '机器人,柔顺控制'],
  ];
  return Array.from({ length: n }, (_, i) => {
    const [t, k] = topics[i % topics.length];
    return {
      input: `摘要：${t}（示例${i + 1}），技术指标提升${10 + Math.floor(r() * 40)}%，已完成实验室验证。`,
      output: k,
    };
  });
}

export const DEMO_NEEDS = [
  {
    title: '抗体偶联药物定点偶联工艺放大',
    field: '生物医药',
    problem:
      '企业在研抗体偶联药物采用随机偶联，药物抗体比分布宽、批间差异大，需要可在200升反应器放大的定点偶联工艺，满足临床申报的质量要求。',
    indicators: ['药物抗体比均一性≥90%', '聚集体≤2%', '收率≥70%'],
    keywords: ['抗体偶联药物', '定点偶联'],
    budget: [300, 800],
  },
  {
    title: '12英寸晶圆表面缺陷在线检测',
    field: '集成电路',
    problem:
      '产线晶圆表面缺陷依赖人工目检，每片约6分钟，漏检率约3%。需要基于机器视觉的在线检测设备，接入现有MES系统，在洁净室连续运行。',
    indicators: ['检出率≥99.5%', '单片检测时间≤30秒'],
    keywords: ['缺陷检测', '机器视觉', '晶圆'],
    budget: [200, 500],
  },
  {
    title: '大模型驱动的工业质检知识库',
    field: '人工智能',
    problem: '需要相关人工智能技术提升质检效率等',
    indicators: ['效果较好'],
    keywords: [],
    budget: null,
  },
  {
    title: '人形机器人灵巧手力控方案',
    field: '高端装备',
    problem:
      '人形机器人灵巧手在抓取易碎物体时力控精度不足，需要高带宽力矩传感与柔顺控制算法，整手重量不超过1公斤，可批量生产。',
    indicators: ['指尖力控精度≤0.1N', '控制带宽≥1kHz'],
    keywords: ['人形机器人', '灵巧手', '力控'],
    budget: [150, 400],
  },
];

export async function seedMarketDemo(ctx: AppContext, opts: MarketDemoOptions) {
  const log = opts.log ?? ((m: string) => console.log(m));
  if (opts.institutionIds.length === 0 || opts.enterpriseIds.length === 0)
    throw new Error('seedMarketDemo needs at least one institution and one enterprise');
  const file = opts.path ?? process.env.TRANSFERONE_KPPATENT ?? KPPATENT_DEFAULT;
  const r = rng(20250727);
  let records: Kp[];
  let source: 'kppatent' | 'generated';
  if (existsSync(file)) {
    records = JSON.parse(readFileSync(file, 'utf8')) as Kp[];
    source = 'kppatent';
    log(`market demo: ${records.length} public patent abstracts from ${file} (KPPatent-ZH, MIT)`);
  } else {
    records = generated(opts.limit ?? 60, r);
    source = 'generated';
    log(`market demo: ${file} not found; using ${records.length} generated sample achievements instead`);
  }
  if (opts.limit) records = records.slice(0, opts.limit);
  const orgs = await ctx.db
    .selectFrom('orgs')
    .select(['id', 'name', 'region'])
    .where('id', 'in', [...opts.institutionIds, ...opts.enterpriseIds])
    .execute();
  const orgById = new Map(orgs.map((o) => [o.id, o]));
  const now = ctx.now();
  const achievementIds: string[] = [];
  const needIds: string[] = [];
  await ctx.db.transaction().execute(async (trx) => {
    const rows = records.map((k, i) => {
      const abstract = k.input.replace(/^摘要[:：]\s*/, '').trim();
      const owner = opts.institutionIds[i % opts.institutionIds.length];
      const id = randomUUID();
      achievementIds.push(id);
      const lo = Math.round(10 + r() * 200);
      return {
        id,
        title: titleOf(k.input),
        abstract,
        keywords: k.output
          .split(/[,，]/)
          .map((s) => s.trim())
          .filter((s) => s.length >= 2)
          .slice(0, 10),
        field: fieldOf(abstract, r),
        region: orgById.get(owner)?.region ?? REGIONS[i % REGIONS.length],
        organisations: JSON.stringify([{ name: orgById.get(owner)?.name ?? '示例单位', role: 'first' }]),
        people: JSON.stringify([]),
        ip_items: JSON.stringify([{ type: 'patent', number: null, title: null }]),
        trl: 1 + Math.floor(r() * 9),
        ownership: OWNERSHIPS[Math.floor(r() * OWNERSHIPS.length)],
        transfer_modes: MODES[Math.floor(r() * MODES.length)],
        price_min_fen: lo * 1_000_000,
        price_max_fen: (lo + Math.round(r() * 300)) * 1_000_000,
        owner_org_id: owner,
        created_by: opts.userId ?? null,
        status: ACHIEVEMENT.state.published,
        published_at: now,
        source,
        created_at: now,
        updated_at: now,
      };
    });
    for (let i = 0; i < rows.length; i += 500)
      await trx
        .insertInto('market_achievements')
        .values(rows.slice(i, i + 500) as never)
        .execute();
    for (const [i, n] of DEMO_NEEDS.entries()) {
      const org = opts.enterpriseIds[i % opts.enterpriseIds.length];
      const id = randomUUID();
      needIds.push(id);
      const q = assessNeed({
        problem: n.problem,
        indicators: n.indicators,
        keywords: n.keywords,
        budgetMinFen: n.budget ? n.budget[0] * 1_000_000 : null,
        budgetMaxFen: n.budget ? n.budget[1] * 1_000_000 : null,
        deadline: '2026-12-31',
      });
      await trx
        .insertInto('market_needs')
        .values({
          id,
          title: n.title,
          problem: n.problem,
          indicators: n.indicators,
          keywords: n.keywords,
          field: n.field,
          region: orgById.get(org)?.region ?? '',
          budget_min_fen: n.budget ? n.budget[0] * 1_000_000 : null,
          budget_max_fen: n.budget ? n.budget[1] * 1_000_000 : null,
          deadline: '2026-12-31',
          confidentiality: 'public',
          summary: null,
          status: NEED.state.published,
          quality_score: q.score,
          quality_issues: JSON.stringify(q.issues),
          needs_refinement: q.needsRefinement,
          refined_by: null,
          refined_at: null,
          challenge_id: null,
          org_id: org,
          created_by: opts.userId ?? null,
          published_at: now,
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
    await appendAudit(trx, {
      actor: opts.actor ?? { id: opts.userId ?? null, label: 'seed' },
      action: 'market.demo.seed',
      objectType: 'market',
      objectId: 'demo',
      detail: {
        source,
        achievements: rows.length,
        needs: DEMO_NEEDS.length,
        file: source === 'kppatent' ? file : null,
      },
    });
  });
  const m = ctx.services.matching as { rebuild(): Promise<unknown> } | undefined;
  if (m) await m.rebuild();
  return { source, achievements: achievementIds.length, needs: needIds.length, achievementIds, needIds };
}

/** True when the market demo was loaded already (its audit record exists), so seeding stays idempotent. */
export async function marketDemoSeeded(ctx: AppContext): Promise<boolean> {
  const row = await ctx.db
    .selectFrom('audit_log')
    .select('seq')
    .where('action', '=', 'market.demo.seed')
    .limit(1)
    .executeTakeFirst();
  return !!row;
}
