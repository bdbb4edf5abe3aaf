import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openPlatform } from '../app.js';
import { loadConfig, type Config } from '../platform/config.js';
import { verifyAuditChain } from '../platform/audit.js';
import { seedActor, seedDemo } from '../modules/demo/demo.seed.js';
import { DEMO_ORGS, DEMO_USERS } from '../modules/demo/demo.data.js';
import { DEMO_EXPERTS } from '../modules/experts/experts.demo.js';

/** the demo's accounts: its users, the 2022 record's contact and the expert pool's demo experts */
const ACCOUNTS = DEMO_USERS.length + 1 + DEMO_EXPERTS.length;
import { createUserFor } from '../modules/identity/user.service.js';
import { callerFor } from '../platform/caller.js';
import { HISTORICAL_2022_PATH, HISTORICAL_2023_PATH } from '../modules/applications/historical.demo.js';
import { exportCommand, importCommand } from './io-commands.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'transferone-io-test-'));
const cfg = (name: string): Config =>
  loadConfig({ DATA_DIR: path.join(tmp, name), DATABASE_URL: '', JOBS: 'off', LOG_LEVEL: 'silent' });

/** Runs a command with stdout captured. */
async function capture(fn: () => Promise<number>): Promise<{ code: number; out: string }> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: any) => {
    out += String(chunk);
    return true;
  });
  try {
    return { code: await fn(), out };
  } finally {
    spy.mockRestore();
  }
}

async function withDb<T>(config: Config, fn: (p: Awaited<ReturnType<typeof openPlatform>>) => Promise<T>) {
  const p = await openPlatform(config);
  try {
    return await fn(p);
  } finally {
    await p.close();
  }
}

// the demo also imports the 2022 call of seed 003 and the two-round 2023 call, each with its example
// organisations
const orgsIn = (file: string) =>
  (JSON.parse(fs.readFileSync(file, 'utf8')) as { orgs: unknown[] }).orgs.length;
const HISTORICAL_ORGS = orgsIn(HISTORICAL_2022_PATH) + orgsIn(HISTORICAL_2023_PATH);

// In-process on the embedded database in a folder (the commands open and close it themselves).
describe('export and import', { timeout: 180_000 }, () => {
  const src = cfg('src');
  beforeAll(async () => {
    await withDb(src, async (p) => {
      await seedDemo(p.ctx);
      const org = await p.ctx.db
        .selectFrom('orgs')
        .select('id')
        .where('name', '=', '复旦大学')
        .executeTakeFirstOrThrow();
      await createUserFor(p.ctx, callerFor(p.ctx, seedActor(new Date())), {
        username: 'li.researcher',
        name: '李研究',
        email: 'li@fudan.example.cn',
        phone: '13812345678',
        idNumber: '11010519491231002X',
        orgId: org.id,
        roles: ['projectLead'],
      });
    });
  }, 180_000);
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('masks personal data in an export unless --unmasked, and audits both', async () => {
    const file = path.join(tmp, 'masked.json');
    expect((await capture(() => exportCommand(src, file, {}))).code).toBe(0);
    const text = fs.readFileSync(file, 'utf8');
    expect(text).not.toContain('13812345678');
    expect(text).not.toContain('11010519491231002X');
    expect(text).toContain('138****5678');
    expect(text).not.toMatch(/password|totp/i);
    const data = JSON.parse(text);
    expect(data.orgs.length).toBe(DEMO_ORGS.length + HISTORICAL_ORGS);
    expect(data.users.length).toBe(ACCOUNTS + 1);

    const raw = path.join(tmp, 'unmasked.xlsx');
    expect(
      (await capture(() => exportCommand(src, raw, { unmasked: true, actor: 'auditor.wang' }))).code,
    ).toBe(0);
    const audits = await withDb(src, (p) =>
      p.ctx.db
        .selectFrom('audit_log')
        .select(['action', 'actor_id', 'detail'])
        .where('action', 'like', 'data.export%')
        .orderBy('seq')
        .execute(),
    );
    expect(audits.map((a) => a.action)).toEqual(['data.export', 'data.export.unmasked']);
    expect(audits[1].actor_id).toBe('cli:auditor.wang');
    expect(audits[1].detail).toMatchObject({ masked: false, users: ACCOUNTS + 1, format: 'xlsx' });
  });

  it('imports an unmasked Excel export into a fresh database, and a second import skips every row as existing', async () => {
    const dst = cfg('dst');
    const file = path.join(tmp, 'unmasked.xlsx');
    const first = await capture(() => importCommand(dst, file, {}));
    expect(first.code).toBe(0);
    expect(first.out).toContain(`${DEMO_ORGS.length + HISTORICAL_ORGS + ACCOUNTS + 1} rows imported`);
    expect(first.out).toMatch(/li\.researcher\t\S{10,}/); // generated initial password, shown once
    await withDb(dst, async (p) => {
      const u = await p.ctx.db
        .selectFrom('users')
        .selectAll()
        .where('username', '=', 'li.researcher')
        .executeTakeFirstOrThrow();
      expect(u.phone).toBe('13812345678');
      expect(u.id_number).toBe('11010519491231002X');
      expect((await verifyAuditChain(p.ctx.db)).problems).toEqual([]);
    });
    const second = await capture(() => importCommand(dst, file, {}));
    expect(second.code).toBe(0);
    expect(second.out).toContain(
      `0 rows imported, 0 would import, ${DEMO_ORGS.length + HISTORICAL_ORGS + ACCOUNTS + 1} skipped`,
    );
    expect(second.out).toContain('already registered');
  });

  it('reports each bad row with the field and the reason in zh and en, imports the good ones, exits 1', async () => {
    const dst = cfg('bad');
    const file = path.join(tmp, 'bad.json');
    const good = DEMO_ORGS[7];
    fs.writeFileSync(
      file,
      JSON.stringify({
        format: 'transferone-identity',
        orgs: [
          { name: good.name, type: good.type, uscc: good.uscc, region: good.region },
          {
            name: '校验位错误的单位',
            type: 'enterprise',
            uscc: good.uscc.slice(0, 17) + (good.uscc[17] === '0' ? '1' : '0'),
            region: '上海市',
          },
          { type: 'enterprise', uscc: '91310000MA1K4XXXX', region: '上海市' },
        ],
        users: [
          {
            username: 'ok.user',
            name: '好用户',
            email: 'ok@example.cn',
            orgUscc: good.uscc,
            roles: ['projectLead'],
            phone: '138****5678',
          },
          {
            username: 'lost.user',
            name: '无单位',
            email: 'x@example.cn',
            orgUscc: '91310000000000000X',
            roles: ['projectLead'],
          },
          {
            username: 'bad.role',
            name: '坏角色',
            email: 'not-an-email',
            orgUscc: good.uscc,
            roles: ['king'],
          },
        ],
      }),
    );
    const dry = await capture(() => importCommand(dst, file, { dryRun: true }));
    expect(dry.out).toContain('Dry run: 0 rows imported, 2 would import, 4 skipped');
    await withDb(dst, async (p) =>
      expect((await p.ctx.db.selectFrom('orgs').selectAll().execute()).length).toBe(0),
    );

    const r = await capture(() => importCommand(dst, file, {}));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/单位 org #2 校验位错误的单位: 跳过 skipped\n {4}uscc: .*校验/);
    expect(r.out).toMatch(/单位 org #3 : 跳过 skipped\n(.|\n)*name:/);
    expect(r.out).toContain('用户 user #1 ok.user: 已导入 imported（部分字段未导入 / some fields left out）');
    expect(r.out).toContain('phone: 已遮蔽，未导入 / masked, not imported');
    expect(r.out).toContain(
      '用户 user #2 lost.user: 跳过 skipped\n    orgUscc: 找不到该信用代码的单位 / no organisation with this credit code',
    );
    expect(r.out).toMatch(/用户 user #3 bad\.role: 跳过 skipped\n(.|\n)*email:(.|\n)*roles/);
    expect(r.out).toContain('2 rows imported, 0 would import, 4 skipped');
  });
});
