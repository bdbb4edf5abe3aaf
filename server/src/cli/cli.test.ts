import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, startServe } from './cli-testkit.js';
import { openDatabase } from '../platform/db.js';
import { loadConfig } from '../platform/config.js';
import { appendAudit } from '../platform/audit.js';
import { sql } from 'kysely';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'transferone-cli-test-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

// These spawn real processes on the embedded database; the server variants live in durability.test.ts.
describe('transferone CLI (processes)', { timeout: 180_000 }, () => {
  it('refuses a second process on the same PGlite folder with a clear message, and serves again after SIGTERM', async () => {
    const dataDir = path.join(tmp, 'lock');
    const first = await startServe({ DATA_DIR: dataDir });
    try {
      const health = await fetch(`${first.url}/api/health`).catch(() => null);
      expect(health?.status).toBeLessThan(500);
      const second = await runCli(['migrate'], { DATA_DIR: dataDir });
      expect(second.code).toBe(3);
      expect(second.stderr).toContain('已被另一个进程');
      expect(second.stderr).toContain('already open in another process');
      expect(second.stderr).toContain(`pid ${first.child.pid}`);
    } finally {
      first.child.kill('SIGTERM');
    }
    const ended = await first.exited;
    expect(ended.code).toBe(0);
    expect(ended.stdout).toContain('Stopped.');
    expect(fs.existsSync(path.join(dataDir, 'transferone.lock'))).toBe(false);
    const again = await runCli(['migrate'], { DATA_DIR: dataDir });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('up to date');
  });

  it('audit-verify exits 0 on an intact chain and 1 with a listing when a row was tampered with', async () => {
    const dataDir = path.join(tmp, 'tamper');
    expect((await runCli(['migrate'], { DATA_DIR: dataDir })).code).toBe(0);
    const config = loadConfig({ DATA_DIR: dataDir, DATABASE_URL: '' });
    let database = await openDatabase(config);
    for (let i = 0; i < 5; i++) {
      await database.db.transaction().execute((trx) =>
        appendAudit(trx, {
          actor: { id: 'u1' },
          action: 'org.create',
          objectId: `o${i}`,
          after: { name: `单位${i}` },
        }),
      );
    }
    await database.close();
    const ok = await runCli(['audit-verify'], { DATA_DIR: dataDir });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('all 5 records verify');

    // Tamper as the database owner would have to: switch off the append-only trigger, edit a row.
    database = await openDatabase(config);
    await sql`alter table audit_log disable trigger audit_log_no_update`.execute(database.db);
    await sql`update audit_log set after = '{"name":"伪造"}'::jsonb where seq = 3`.execute(database.db);
    await sql`alter table audit_log enable trigger audit_log_no_update`.execute(database.db);
    await database.close();
    const bad = await runCli(['audit-verify'], { DATA_DIR: dataDir });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('审计链被篡改');
    expect(bad.stdout).toMatch(/seq 3\thash_mismatch/);
  });

  it('backup and restore through the CLI, with progress lines and a non-empty target refused', async () => {
    const src = path.join(tmp, 'bk-src');
    expect((await runCli(['migrate'], { DATA_DIR: src })).code).toBe(0);
    const database = await openDatabase(loadConfig({ DATA_DIR: src, DATABASE_URL: '' }));
    await database.db
      .transaction()
      .execute((trx) => appendAudit(trx, { actor: { id: null }, action: 'demo.x' }));
    await database.close();
    fs.mkdirSync(path.join(src, 'files'), { recursive: true });
    fs.writeFileSync(path.join(src, 'files/a.txt'), '附件');
    const tar = path.join(tmp, 'bk.tar');
    const b = await runCli(['backup', tar], { DATA_DIR: src });
    expect(b.code).toBe(0);
    expect(b.stdout).toContain('Backup written');
    expect(b.stdout).toMatch(/数据表 \/ Tables: \d+\/\d+/);
    const dst = path.join(tmp, 'bk-dst');
    const r = await runCli(['restore', tar], { DATA_DIR: dst });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Audit chain intact (1 records)');
    expect(fs.readFileSync(path.join(dst, 'files/a.txt'), 'utf8')).toBe('附件');
    const refused = await runCli(['restore', tar], { DATA_DIR: dst });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--force');
  });
});
