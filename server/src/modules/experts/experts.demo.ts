/**
 * Demo experts of the pool (专家库): twelve fictitious experts of Shanghai universities, institutes,
 * hospitals and service organisations whose fields follow the 2023 guide's directions (概念验证中心、
 * 开放式创新中心、区域科技成果转化平台、专业化技术转移示范机构) and the action plan's industries.
 * Names end in （演示）; every entry has source `demo` and its audit row.
 */
import type { AppContext } from '../../platform/context.js';
import { appendAudit } from '../../platform/audit.js';
import { auditActor, type Caller } from '../../platform/caller.js';
import { transaction } from '../../platform/enforce.js';
import { accountByEmail, createExpertAccount, platformOrgsNamed } from '../identity/index.js';
import { findPoolRow, upsertPoolEntry } from './pool.repo.js';
import { DEFAULT_MAX_LOAD } from './pool-import.rules.js';

const E = (
  name: string,
  email: string,
  orgName: string,
  title: string,
  fields: string[],
  keywords: string[],
  bio: string,
) => ({ name: `${name}（演示）`, email, orgName, title, fields, keywords, bio });

export const DEMO_EXPERTS = [
  E(
    '陆建华',
    'lu.jianhua@demo.sjtu.edu.cn',
    '上海交通大学',
    '教授',
    ['技术转移', '概念验证'],
    ['概念验证中心', '成果评估', '高校技术转移'],
    '长期从事高校科技成果转化与概念验证项目评估',
  ),
  E(
    '沈文静',
    'shen.wenjing@demo.fudan.edu.cn',
    '复旦大学',
    '研究员',
    ['生物医药', '概念验证'],
    ['新药研发', '临床前研究', '概念验证'],
    '生物医药成果早期验证与转化',
  ),
  E(
    '顾立群',
    'gu.liqun@demo.tongji.edu.cn',
    '同济大学',
    '教授',
    ['开放式创新', '创新管理'],
    ['开放式创新中心', '大企业创新', '产学研合作'],
    '研究大企业开放式创新与产学研协同',
  ),
  E(
    '金海燕',
    'jin.haiyan@demo.saas.cn',
    '上海市农业科学院',
    '研究员',
    ['现代农业', '技术转移'],
    ['农业科技成果', '种业', '区域转化'],
    '农业科技成果推广与区域转化',
  ),
  E(
    '徐卫东',
    'xu.weidong@demo.ruijin.cn',
    '上海市瑞金医院',
    '主任医师',
    ['医疗器械', '临床转化'],
    ['医工交叉', '临床研究', '医疗器械注册'],
    '医疗卫生机构成果转化与医工交叉',
  ),
  E(
    '邵明远',
    'shao.mingyuan@demo.sttex.cn',
    '上海技术交易所',
    '高级经济师',
    ['技术交易', '技术转移'],
    ['技术合同登记', '技术经纪', '交易服务'],
    '技术交易市场运营与技术经纪人培养',
  ),
  E(
    '蒋丽萍',
    'jiang.liping@demo.sipex.cn',
    '上海知识产权交易中心',
    '高级知识产权师',
    ['知识产权', '技术转移'],
    ['知识产权运营', '专利评估', '作价入股'],
    '知识产权运营、评估与交易',
  ),
  E(
    '韩志刚',
    'han.zhigang@demo.ecust.edu.cn',
    '华东理工大学',
    '教授',
    ['新材料', '化工'],
    ['中试', '工程化', '概念验证'],
    '新材料与化工成果中试与工程化',
  ),
  E(
    '方晓芸',
    'fang.xiaoyun@demo.shu.edu.cn',
    '上海大学',
    '副教授',
    ['区域创新', '科技政策'],
    ['区域科技成果转化平台', '科技服务体系', '政策评估'],
    '区域创新体系与科技服务政策研究',
  ),
  E(
    '曹俊',
    'cao.jun@demo.sari.ac.cn',
    '中国科学院上海高等研究院',
    '研究员',
    ['集成电路', '人工智能'],
    ['芯片设计', '硬科技', '孵化'],
    '集成电路与人工智能成果孵化',
  ),
  E(
    '汪德明',
    'wang.deming@demo.shibei.cn',
    '上海市科技创业中心',
    '高级工程师',
    ['科技金融', '孵化'],
    ['天使投资', '科技企业孵化', '投融资对接'],
    '科技企业孵化与投融资服务',
  ),
  E(
    '周雅琴',
    'zhou.yaqin@demo.ecnu.edu.cn',
    '华东师范大学',
    '教授',
    ['技术转移', '人才培养'],
    ['技术经理人', '技术转移示范机构', '专业化服务'],
    '技术转移人才培养与示范机构评价',
  ),
];

export async function expertPoolDemoSeeded(ctx: AppContext): Promise<boolean> {
  return !!(await accountByEmail(ctx.db, DEMO_EXPERTS[0].email));
}

/** Creates the demo experts that do not exist yet (an account in `homeOrgId` unless their 工作单位 is on the platform). */
export async function seedExpertPoolDemo(
  ctx: AppContext,
  caller: Caller,
  opts: { homeOrgId: string },
): Promise<{ created: number; existing: number }> {
  const orgs = await platformOrgsNamed(
    ctx.db,
    DEMO_EXPERTS.map((e) => e.orgName),
  );
  let created = 0;
  for (const e of DEMO_EXPERTS) {
    if (await accountByEmail(ctx.db, e.email)) continue;
    const orgId = orgs.get(e.orgName) ?? null;
    await transaction(ctx, async (trx) => {
      const { userId } = await createExpertAccount(
        trx,
        { name: e.name, email: e.email, phone: null, orgId: orgId ?? opts.homeOrgId },
        caller.now,
      );
      await upsertPoolEntry(
        trx,
        userId,
        {
          org_name: e.orgName,
          org_id: orgId,
          title: e.title,
          fields: e.fields,
          keywords: e.keywords,
          bio: e.bio,
          contact_phone: null,
          contact_email: e.email,
          availability: [],
          max_load_per_round: DEFAULT_MAX_LOAD,
          active: true,
        },
        'demo',
        caller.now,
      );
      await appendAudit(trx, {
        actor: auditActor(caller),
        action: 'experts.expert.create',
        objectType: 'expert',
        objectId: userId,
        after: { name: e.name, orgName: e.orgName, fields: e.fields },
        detail: { via: 'demo' },
      });
    });
    created++;
  }
  return { created, existing: DEMO_EXPERTS.length - created };
}

/**
 * Puts a demo account that already holds the expert role into the pool (the demo's own 周专家, who
 * signs in with a known password), so the review pages show an expert's tasks. Returns false when
 * the account is in the pool already.
 */
export async function seedDemoAccountInPool(
  ctx: AppContext,
  caller: Caller,
  e: {
    userId: string;
    orgName: string;
    orgId: string | null;
    fields: string[];
    keywords: string[];
    bio: string;
  },
): Promise<boolean> {
  if (await findPoolRow(ctx.db, e.userId)) return false;
  await transaction(ctx, async (trx) => {
    await upsertPoolEntry(
      trx,
      e.userId,
      {
        org_name: e.orgName,
        org_id: e.orgId,
        title: '教授',
        fields: e.fields,
        keywords: e.keywords,
        bio: e.bio,
        contact_phone: null,
        contact_email: null,
        availability: [],
        max_load_per_round: DEFAULT_MAX_LOAD,
        active: true,
      },
      'demo',
      caller.now,
    );
    await appendAudit(trx, {
      actor: auditActor(caller),
      action: 'experts.expert.create',
      objectType: 'expert',
      objectId: e.userId,
      after: { orgName: e.orgName, fields: e.fields },
      detail: { via: 'demo' },
    });
  });
  return true;
}
