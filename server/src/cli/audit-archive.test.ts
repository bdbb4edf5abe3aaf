import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { runCli } from './cli-testkit.js';
import { openDatabase } from '../platform/db.js';
import { loadConfig } from '../platform/config.js';
import { auditEvent } from '../platform/audit.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'transferone-cli-archive-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

// `transferone audit-archive` and `audit-verify` after a prune, as real processes on PGlite.
describe('transferone audit-archive (processes)', { timeout: 240_000 }, () => {
  it('refuses < 180 days, dry-runs, archives and prunes; audit-verify passes after, and names a tampered or deleted archive', async () => {
    const dataDir = path.join(tmp, 'data');
    const env = { DATA_DIR: dataDir };
    expect((await runCli(['migrate'], env)).code).toBe(0);
    const config = loadConfig({ DATA_DIR: dataDir, DATABASE_URL: '' });
    const database = await openDatabase(config);
    try {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date(Date.now() - 400 * 86_400_000));
      for (let i = 0; i < 5; i++)
        await auditEvent(database.db, { actor: { id: 'u1' }, action: 'org.create', objectId: `old${i}` });
      vi.useRealTimers();
      for (let i = 0; i < 2; i++)
        await auditEvent(database.db, { actor: { id: 'u1' }, action: 'org.create', objectId: `new${i}` });
    } finally {
      vi.useRealTimers();
      await database.close();
    }

    const refused = await runCli(['audit-archive', '--older-than-days', '90'], env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('不得少于 180 天');
    expect(refused.stderr).toContain('at least 180 days');

    const dry = await runCli(['audit-archive', '--dry-run'], env);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('Dry run: 5 audit record(s)');
    expect(fs.existsSync(config.audit.archiveDir)).toBe(false);

    const run = await runCli(['audit-archive'], env);
    expect(run.stdout + run.stderr).toContain('Archived and pruned 5 audit record(s) (seq 1–5)');
    expect(run.code).toBe(0);
    const file = fs.readdirSync(config.audit.archiveDir).find((f) => f.endsWith('.jsonl.gz'))!;
    expect(file).toBe('audit-000000000001-000000000005.jsonl.gz');

    const ok = await runCli(['audit-verify', '--archives'], env);
    expect(ok.stdout).toContain('all 3 records verify');
    expect(ok.stdout).toContain('1 archive(s) holding 5 records');
    expect(ok.stdout).toContain('5 re-hashed row by row');
    expect(ok.code).toBe(0);

    const full = path.join(config.audit.archiveDir, file);
    const original = fs.readFileSync(full);
    const bad = Buffer.from(original);
    bad[bad.length - 12] ^= 0xff;
    fs.writeFileSync(full, bad);
    const tampered = await runCli(['audit-verify'], env);
    expect(tampered.code).toBe(1);
    expect(tampered.stdout).toMatch(/seq 1\tarchive_tampered/);

    fs.rmSync(full);
    const deleted = await runCli(['audit-verify'], env);
    expect(deleted.code).toBe(1);
    expect(deleted.stdout).toMatch(/seq 1\tarchive_missing/);
  });
});
