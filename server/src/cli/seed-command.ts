import { openPlatform } from '../app.js';
import type { Config } from '../platform/config.js';
import type { AppContext } from '../platform/context.js';
import { DataDirLockedError } from '../platform/db.js';
import { ROLES } from '../platform/roles.js';
import { DEMO_ORGS, DEMO_USERS, type DemoUser } from '../modules/demo/demo.data.js';
import { seedActor, seedDemo, type SeedResult } from '../modules/demo/demo.seed.js';
import { listOrgsFor } from '../modules/identity/org.service.js';
import { callerFor } from '../platform/caller.js';
import { KPPATENT_DEFAULT } from '../modules/market/market.demo.js';
import { createProgress } from './progress.js';

const KPPATENT_FILE = process.env.TRANSFERONE_KPPATENT ?? KPPATENT_DEFAULT;
import { CliError, formatMs, say } from './shared.js';

/** The demo accounts as a table: username, role (zh / en), password, organisation, 2FA. */
export function demoAccountsTable(users: readonly DemoUser[] = DEMO_USERS): string {
  const orgName = new Map(DEMO_ORGS.map((o) => [o.key, o.name]));
  const rows = users.map((u) => [
    u.username,
    `${ROLES[u.role].zh} / ${ROLES[u.role].en}`,
    u.password,
    orgName.get(u.orgKey) ?? '',
    ROLES[u.role].mfa ? '首次登录扫码绑定 / scan QR at first login' : '—',
  ]);
  const head = [
    '用户名 / Username',
    '角色 / Role',
    '演示密码 / Demo password',
    '单位 / Organisation',
    '两步验证 / 2FA',
  ];
  const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
  const cols = head.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]))));
  const line = (r: string[]) =>
    r
      .map((c, i) => c + ' '.repeat(cols[i] - width(c)))
      .join('  ')
      .trimEnd();
  return [line(head), cols.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/**
 * The demo accounts this run created, with their passwords: printed once, when they are created. The
 * ones already there are named without a password (their users may have changed it).
 */
export function printDemoAccounts(created: readonly string[]): void {
  const made = new Set(created.map((u) => u.toLowerCase()));
  const fresh = DEMO_USERS.filter((u) => made.has(u.username.toLowerCase()));
  if (fresh.length === 0) {
    say(
      `演示账号已存在（${DEMO_USERS.map((u) => u.username).join('、')}）；密码只在创建时显示一次。`,
      `The demo accounts already exist; their passwords were shown once, when they were created.`,
    );
    return;
  }
  say(
    '演示账号（密码仅供演示，只显示这一次；首次登录后请修改）：',
    'Demo accounts (demo passwords, shown this once; change them after the first sign-in):',
  );
  process.stdout.write(`${demoAccountsTable(fresh)}\n`);
  say(
    '标注“首次登录扫码绑定”的工作人员角色需要两步验证：首次登录时页面会显示二维码，请用身份验证器 App 扫描。',
    'Staff roles marked “scan QR at first login” need two-factor sign-in: the first sign-in shows a QR code to scan with an authenticator app.',
  );
}

async function runSeed(ctx: AppContext): Promise<SeedResult> {
  const bar = createProgress('演示数据 / Demo data');
  bar.start(DEMO_ORGS.length + DEMO_USERS.length);
  const t0 = performance.now();
  try {
    const logs: string[] = [];
    const r = await seedDemo(ctx, (d, t, l) => bar.update(d, t, l), { log: (m) => logs.push(m) });
    bar.stop();
    for (const m of logs) process.stdout.write(`${m}\n`);
    if (r.programme?.created) {
      say(
        '申报指南演示数据：2023年度“科技成果转移转化服务体系建设”项目申报指南（沪科指南〔2023〕21号）已发布；原指南的网上填报时间为 2023年10月11日 9:00 至 10月30日 16:30，演示环境改为昨天 9:00 起、14 天后 16:30 截止（北京时间），以便现在就能在线申报。首页列出该指南。',
        'Programme demo data: the 2023 guide (沪科指南〔2023〕21号) is published; its real window (2023-10-11 09:00 to 10-30 16:30) is moved to open yesterday 09:00 and close in 14 days at 16:30, Beijing time, so you can apply now. The home page lists it.',
      );
    }
    if (r.market) {
      say(
        `技术市场演示数据：科技成果 ${r.market.achievements} 项（${r.market.source === 'kppatent' ? `公开专利摘要 KPPatent-ZH，来自 ${KPPATENT_FILE}` : `生成的示例数据：未找到 ${KPPATENT_FILE}（可用 TRANSFERONE_KPPATENT 指定），检索与匹配只在这些示例上演示`}），企业需求 ${r.market.needs} 项。`,
        `Market demo data: ${r.market.achievements} achievements (${r.market.source === 'kppatent' ? `public patent abstracts, KPPatent-ZH, from ${KPPATENT_FILE}` : `generated records: ${KPPATENT_FILE} not found (set TRANSFERONE_KPPATENT to point elsewhere), so search and matching show on these samples only`}), ${r.market.needs} enterprise needs.`,
      );
    }
    say(
      `演示数据：新建单位 ${r.orgs.created.length} 个（已有 ${r.orgs.existing.length}），新建用户 ${r.users.created.length} 个（已有 ${r.users.existing.length}），用时 ${formatMs(performance.now() - t0)}。`,
      `Demo data: ${r.orgs.created.length} organisations created (${r.orgs.existing.length} already there), ${r.users.created.length} users created (${r.users.existing.length} already there), in ${formatMs(performance.now() - t0)}.`,
    );
    return r;
  } finally {
    bar.stop();
  }
}

/** `npm start`: load the demo data when the database has no organisation yet, and print the accounts. */
export async function seedIfEmpty(ctx: AppContext): Promise<void> {
  const { total } = await listOrgsFor(ctx, callerFor(ctx, seedActor(ctx.now())), { page: 1, pageSize: 1 });
  if (total === 0) {
    const r = await runSeed(ctx);
    printDemoAccounts(r.users.created);
  } else {
    say(
      `数据库已有 ${total} 个单位，不载入演示数据（可运行 transferone seed --force）。`,
      `The database already has ${total} organisations; demo data not loaded (run transferone seed --force).`,
    );
    printDemoAccounts([]);
  }
}

export async function seedCommand(config: Config, opts: { force: boolean }): Promise<number> {
  let platform;
  try {
    platform = await openPlatform(config);
  } catch (e) {
    if (e instanceof DataDirLockedError) throw new CliError(e.message, 3);
    throw e;
  }
  try {
    const { total } = await listOrgsFor(
      platform.ctx,
      callerFor(platform.ctx, seedActor(platform.ctx.now())),
      { page: 1, pageSize: 1 },
    );
    if (total > 0 && !opts.force) {
      say(
        `数据库已有 ${total} 个单位；如仍要补充演示数据，请加 --force（已有的不会重复创建）。`,
        `The database already has ${total} organisations; add --force to add the demo data anyway (nothing is duplicated).`,
      );
      return 0;
    }
    const r = await runSeed(platform.ctx);
    printDemoAccounts(r.users.created);
    return 0;
  } finally {
    await platform.close();
  }
}
