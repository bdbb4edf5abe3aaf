import fs from 'node:fs';
import path from 'node:path';
import { ROOT, WEB_DIR } from '../app.js';
import type { Config } from '../platform/config.js';
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

/** `npm start`: build the web client when stale, migrate, load the demo data once, print the accounts, serve. */
export async function startCommand(config: Config): Promise<number> {
  if (webBuildStale()) {
    if (fs.existsSync(path.join(ROOT, 'vite.config.ts'))) await buildWeb();
    else warn('未找到 vite.config.ts，跳过前端构建。', 'vite.config.ts not found; skipping the web build.');
  }
  const served = await startServer(config, {
    onOpen: async (platform) => {
      const { seedIfEmpty } = await import('./seed-command.js');
      await seedIfEmpty(platform.ctx);
    },
  });
  say(
    `科转通已启动：${served.url}（数据库：${describeTarget(config)}；前端：${fs.existsSync(path.join(WEB_DIR, 'index.html')) ? '已构建' : '未构建'}）`,
    `TransferOne is listening on ${served.url} (database: ${describeTarget(config)})`,
  );
  say(...securityProfileLine(config));
  return waitForShutdown(served);
}
