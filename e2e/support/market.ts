import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { createOrg, createUser, loginAs, type CreatedUser } from '../../server/src/testing/factories.js';
import type { TestEnv } from '../../server/src/testing/harness.js';
import type { BrowserSession } from './browser.js';

/** The market journey's cast and a few published achievements, made through the real server. */
export interface MarketCast {
  enterprise: CreatedUser;
  researcher: CreatedUser;
  transferOffice: CreatedUser;
  achievements: Record<'wafer' | 'vision' | 'drug', string>;
}

async function call(env: TestEnv, cookie: string, method: 'GET' | 'POST', url: string, payload?: object) {
  const res = await env.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  if (res.statusCode >= 300) throw new Error(`${method} ${url} → ${res.statusCode} ${res.body}`);
  return res.json();
}

export async function seedMarket(env: TestEnv): Promise<MarketCast> {
  const uni = await createOrg(env, { type: 'university', name: '上海理工科技大学', region: '上海市杨浦区' });
  const ent = await createOrg(env, {
    type: 'enterprise',
    name: '上海芯智半导体装备有限公司',
    region: '上海市浦东新区',
  });
  const researcher = await createUser(env, {
    roles: ['projectLead'],
    orgId: uni.id,
    username: 'liu.mingzhe',
    name: '刘明哲',
  });
  const transferOffice = await createUser(env, {
    roles: ['techManager'],
    orgId: uni.id,
    username: 'wu.zhiqiang',
    name: '吴志强',
  });
  const enterprise = await createUser(env, {
    roles: ['enterpriseUser'],
    orgId: ent.id,
    username: 'zhou.haiyan',
    name: '周海燕',
  });
  const r = await loginAs(env, researcher);
  const o = await loginAs(env, transferOffice);
  const publish = async (a: Record<string, unknown>) => {
    const made = await call(env, r, 'POST', '/api/market/achievements', {
      organisations: [{ name: uni.name, role: 'first' }],
      people: [{ name: '刘明哲', role: '负责人' }],
      ownership: 'unitOwned',
      researcherContact: { name: '刘明哲', phone: '13812345678', email: 'liu@example.cn' },
      techManagerId: transferOffice.user.id,
      ...a,
    });
    await call(env, r, 'POST', `/api/market/achievements/${made.id}/submit`, {});
    await call(env, o, 'POST', `/api/market/achievements/${made.id}/publish`, {});
    return made.id as string;
  };
  const wafer = await publish({
    title: '基于深度学习的晶圆表面缺陷检测系统',
    abstract:
      '本成果利用深度学习与机器视觉对晶圆表面缺陷进行在线检测，检出率达到99.6%，单片检测时间20秒，可对接MES系统，适用于12英寸产线洁净室环境。',
    keywords: ['缺陷检测', '深度学习', '机器视觉', '晶圆'],
    field: '集成电路',
    trl: 6,
    ipItems: [
      { type: 'patent', number: 'ZL202110345678.9', title: '一种晶圆表面缺陷检测方法' },
      { type: 'softwareCopyright', number: '2021SR0123456', title: '晶圆缺陷智能识别软件' },
    ],
    transferModes: ['licence', 'equityInvestment'],
    priceMinFen: 150_000_000,
    priceMaxFen: 400_000_000,
  });
  const vision = await publish({
    title: '高速线阵相机表面瑕疵视觉检测平台',
    abstract:
      '面向带材、薄膜与面板的高速线阵相机视觉检测平台，支持多光源成像与缺陷分类，检测速度达每分钟200米，已在两条产线验证。',
    keywords: ['机器视觉', '瑕疵检测', '线阵相机'],
    field: '智能制造',
    trl: 7,
    ipItems: [{ type: 'patent', number: 'ZL202010987654.3' }],
    transferModes: ['licence', 'assignment'],
    priceMinFen: 80_000_000,
    priceMaxFen: 120_000_000,
  });
  const drug = await publish({
    title: '一种抗体偶联药物的制备方法',
    abstract: '本成果公开一种抗体偶联药物的制备方法，通过定点偶联提高药物抗体比的均一性，降低聚集体比例。',
    keywords: ['抗体偶联药物', '定点偶联'],
    field: '生物医药',
    trl: 4,
    ipItems: [{ type: 'patent', number: 'ZL202110000002.2' }],
    transferModes: ['assignment'],
  });
  return { enterprise, researcher, transferOffice, achievements: { wafer, vision, drug } };
}

/**
 * One consistent copy of the built web client, held in memory for the whole journey.
 *
 * Why: the server's static plugin lists dist/web's files when it starts and reads them from disk on each
 * request, and other people rebuild dist/web while a journey runs (`vite build` empties the folder and
 * writes new hashed chunks). A page opened after such a rebuild asks for chunks the running server
 * does not serve, the lazy route never renders and the next `waitFor` times out. Serving the browser
 * from this snapshot makes the journey independent of builds happening beside it.
 */
export interface WebSnapshot {
  files: Map<string, Buffer>;
}

const WEB_DIR = path.resolve(import.meta.dirname, '../../dist/web');
const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

function readTree(dir: string, prefix = ''): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const rel = `${prefix}/${e.name}`;
    if (e.isDirectory()) for (const [k, v] of readTree(path.join(dir, e.name), rel)) out.set(k, v);
    else out.set(rel, fs.readFileSync(path.join(dir, e.name)));
  }
  return out;
}

/** Every asset index.html and the chunks name is present (a copy taken mid-build is not). */
function missingAssets(files: Map<string, Buffer>): string[] {
  const index = files.get('/index.html');
  if (!index) return ['/index.html'];
  const missing: string[] = [];
  for (const [name, body] of files) {
    if (!/\.(html|js|css)$/.test(name)) continue;
    const text = body.toString('utf8');
    for (const m of text.matchAll(/(?:\/|")assets\/([\w.-]+\.(?:js|css))/g))
      if (!files.has(`/assets/${m[1]}`)) missing.push(`/assets/${m[1]}`);
    if (name.startsWith('/assets/'))
      for (const m of text.matchAll(/["']\.\/([\w.-]+\.(?:js|css))["']/g))
        if (!files.has(`/assets/${m[1]}`)) missing.push(`/assets/${m[1]}`);
  }
  return missing;
}

/** Copies dist/web into memory; retries while a concurrent build leaves it incomplete. */
export async function snapshotWeb(timeoutMs = 120_000): Promise<WebSnapshot> {
  const until = Date.now() + timeoutMs;
  let missing: string[];
  for (;;) {
    try {
      const files = readTree(WEB_DIR);
      missing = missingAssets(files);
      if (missing.length === 0) return { files };
    } catch (e) {
      missing = [String(e)];
    }
    if (Date.now() > until) throw new Error(`dist/web stays incomplete: ${missing.slice(0, 5).join(', ')}`);
    // a build is writing the folder: look again once it has had time to finish
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * A fresh browser context whose page loads the web client from `web` (API calls go to the real
 * server), with timeouts sized for a loaded 2-core machine.
 */
export async function openMarketPage(
  browser: BrowserSession,
  baseUrl: string,
  web: WebSnapshot,
): Promise<{ context: BrowserContext; page: Page }> {
  const { context, page } = await browser.newPage();
  page.setDefaultTimeout(60_000);
  page.setDefaultNavigationTimeout(90_000);
  await context.route(`${baseUrl}/**`, async (route) => {
    const url = new URL(route.request().url());
    if (url.pathname.startsWith('/api/')) return route.continue();
    const file = web.files.get(url.pathname);
    if (!file && url.pathname.startsWith('/assets/'))
      return route.fulfill({ status: 404, body: 'not in snapshot' });
    const name = file ? url.pathname : '/index.html';
    return route.fulfill({
      status: 200,
      headers: { 'cache-control': 'no-store' },
      contentType: CONTENT_TYPES[path.extname(name)] ?? 'application/octet-stream',
      body: file ?? web.files.get('/index.html')!,
    });
  });
  return { context, page };
}
