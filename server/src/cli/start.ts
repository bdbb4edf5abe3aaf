import fs from 'node:fs';
import path from 'node:path';
import { ROOT, WEB_DIR } from '../app.js';
import type { Config } from '../platform/config.js';
import { humanLogStream } from './log-format.js';
import { startServer, waitForShutdown } from './serve.js';
import { describeTarget, formatMs, say, warn } from './shared.js';

function newestMtime(dir: string): number {
  let newest = 0;
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else newest = Math.max(newest, fs.statSync(p).mtimeMs);
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return newest;
}

/** True when dist/web/index.html is missing or older than any file under web/ sources. */
export function webBuildStale(root = ROOT): boolean {
  const index = path.join(root, 'dist/web/index.html');
  if (!fs.existsSync(index)) return true;
  const built = fs.statSync(index).mtimeMs;
  const sources = [
    path.join(root, 'web/src'),
    path.join(root, 'web/index.html'),
    path.join(root, 'vite.config.ts'),
  ];
  return sources.some(
    (s) =>
      fs.existsSync(s) && (fs.statSync(s).isDirectory() ? newestMtime(s) : fs.statSync(s).mtimeMs) > built,
  );
}

export async function buildWeb(): Promise<void> {
  const t0 = performance.now();
  say('正在构建前端…', 'Building the web client…');
  const { build } = await import('vite');
  await build({ configFile: path.join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
  say(
    `前端已构建（${formatMs(performance.now() - t0)}）。`,
    `Web client built in ${formatMs(performance.now() - t0)}.`,
  );
}

/** The start-up line naming the security profile (SECURITY_PROFILE) and, under mlps3, its limits. */
export function securityProfileLine(config: Config): [string, string] {
  if (config.securityProfile !== 'mlps3')
    return [
      '安全配置：标准（SECURITY_PROFILE=standard）',
      'Security profile: standard (SECURITY_PROFILE=standard)',
    ];
  const idle = Math.min(config.sessionIdleMs, config.mlps.staffIdleMs) / 60_000;
  const abs = Math.min(config.sessionAbsoluteMs, config.mlps.absoluteMs) / 3_600_000;
  return [
    `安全配置：等保三级（SECURITY_PROFILE=mlps3）：工作人员密码≥12位、三类字符、90天更换、不得重复最近5次；三员分立；工作人员会话空闲${idle}分钟、最长${abs}小时、每人最多${config.mlps.maxSessions}个；审计日志只追加、保留≥180天`,
    `Security profile: MLPS level 3 (SECURITY_PROFILE=mlps3): staff passwords ≥ 12 characters, 3 classes, changed every 90 days, none of the last 5; separated admins; staff sessions idle ${idle} min, at most ${abs} h, ${config.mlps.maxSessions} per user; audit log append-only, kept ≥ 180 days`,
  ];
}

/** Where the pages are, printed once the server listens (README "Where things are"). */
export function whereThingsAre(url: string): string {
  const rows: Array<[string, string, string]> = [
    ['首页（申报指南、通知公告、成果检索）', 'Home (calls, notices, achievement search)', '/'],
    ['登录', 'Sign in', '/login'],
    ['申报指南公开页（从首页进入）', 'A call’s public page (linked from the home)', '/public/calls/<id>'],
    ['拟立项项目公示（异议）', 'Public notices of proposed awards (objections)', '/notices'],
    ['科技成果库', 'Achievement library', '/open/achievements'],
    ['企业需求 / 揭榜挂帅', 'Enterprise needs / challenges', '/open/needs  /open/challenges'],
    ['API 文档', 'API docs', '/api/docs'],
  ];
  return rows.map(([zh, en, path]) => `  ${zh} / ${en}: ${url}${path}`).join('\n');
}

/**
 * `npm start`: build the web client when stale, migrate, load the demo data once, print the accounts,
 * serve. The log is for a person: warnings and errors only, one short line each (LOG_LEVEL=info shows
 * every request); `serve` keeps pino's JSON lines for production.
 */
export async function startCommand(config: Config): Promise<number> {
  if (webBuildStale()) {
    if (fs.existsSync(path.join(ROOT, 'vite.config.ts'))) await buildWeb();
    else warn('未找到 vite.config.ts，跳过前端构建。', 'vite.config.ts not found; skipping the web build.');
  }
  const quiet: Config = process.env.LOG_LEVEL ? config : { ...config, logLevel: 'warn' };
  const served = await startServer(quiet, {
    onOpen: async (platform) => {
      const { seedIfEmpty } = await import('./seed-command.js');
      await seedIfEmpty(platform.ctx);
    },
    logStream: humanLogStream(),
  });
  say(
    `科转通已启动：${served.url}（数据库：${describeTarget(config)}；前端：${fs.existsSync(path.join(WEB_DIR, 'index.html')) ? '已构建' : '未构建'}）`,
    `TransferOne is listening on ${served.url} (database: ${describeTarget(config)})`,
  );
  say(...securityProfileLine(config));
  process.stdout.write(`${whereThingsAre(served.url)}\n`);
  say(
    `日志：只显示警告和错误（LOG_LEVEL=${quiet.logLevel}）；设 LOG_LEVEL=info 可看到每个请求。生产环境请用 transferone serve（JSON 日志）。`,
    `Log: warnings and errors only (LOG_LEVEL=${quiet.logLevel}); set LOG_LEVEL=info to see every request. In production use transferone serve (JSON log lines).`,
  );
  return waitForShutdown(served);
}
