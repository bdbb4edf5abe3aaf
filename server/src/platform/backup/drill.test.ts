import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { openPlatform, type Platform } from '../../app.js';
import { loadConfig } from '../config.js';
import { callerFor } from '../caller.js';
import { createTestDatabaseUrl } from '../../testing/harness.js';
import { seedActor, seedDemo } from '../../modules/demo/index.js';
import { uploadFile } from '../../modules/files/index.js';
import { MANIFEST, MANIFEST_SUM, sha256File } from './manifest.js';
import { countRows, listTables } from './schema-info.js';
import { runScheduledBackup } from './scheduled.js';
import { runRestoreDrill } from './drill.js';
import { backupsView } from '../../modules/system/index.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'transferone-drill-test-'));
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups) await c().catch(() => undefined);
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function livePlatform(kind: 'pglite' | 'pg'): Promise<Platform & { filesDir: string }> {
  let url = '';
  if (kind === 'pg') {
    const server = (await createTestDatabaseUrl())!;
    url = server.url;
    cleanups.push(server.drop);
  }
  const config = loadConfig({
    DATABASE_URL: url,
    DATA_DIR: path.join(tmp, `live-${kind}`),
    JOBS: 'off',
    LOG_LEVEL: 'silent',
  });
  const platform = await openPlatform(config);
  cleanups.unshift(() => platform.close());
  return Object.assign(platform, { filesDir: config.filesDir });
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\n申报材料 成果转化\n' + 'y'.repeat(3000) + '\n%%EOF\n');
const kinds: Array<'pglite' | 'pg'> = process.env.DATABASE_URL ? ['pglite', 'pg'] : ['pglite'];

/** Rewrites a backup's manifest and its checksum so that they agree with the edited files. */
function reseal(dir: string, edit: (m: any) => void) {
  const m = JSON.parse(fs.readFileSync(path.join(dir, MANIFEST), 'utf8'));
  edit(m);
  fs.writeFileSync(path.join(dir, MANIFEST), JSON.stringify(m, null, 2) + '\n');
}

describe('restore drill', { timeout: 1_200_000 }, () => {
  for (const kind of kinds) {
    it(`on ${kind}: users, applications and a file back up and drill to a 100 % match; a tampered file or a deleted row fails it by name`, async () => {
      const live = await livePlatform(kind);
      await seedDemo(live.ctx); // demo users, organisations, calls and applications
      await uploadFile(live.ctx, callerFor(live.ctx, seedActor(new Date())), {
        stream: Readable.from([PDF]),
        filename: '申报书附件.pdf',
      });
      const db = live.ctx.db;
      const dir = path.join(tmp, `backups-${kind}`);
      const cfg = { dir, keepDaily: 30, keepWeekly: 0 };
      let clock = new Date('2025-06-02T01:00:00Z');
      const now = () => clock;
      const deps = { db, engine: live.ctx.dbKind, filesDir: live.filesDir, now };
      const drill = (source: string) =>
        runRestoreDrill({
          live: db,
          databaseUrl: kind === 'pg' ? process.env.DATABASE_URL : undefined,
          source,
          scratchRoot: tmp,
          now,
          actor: { id: null, label: 'test' },
        });

      const liveCounts: Record<string, number> = {};
      for (const t of await listTables(db)) liveCounts[t.name] = await countRows(db, t.name);
      const good = await runScheduledBackup(deps, cfg);
      const t0 = performance.now();
      const r = await drill(good.path);
      console.log(
        `[drill ${kind}] tables ${r.tables.matching}/${r.tables.total}, rows ${r.rows.restored}/${r.rows.expected}, files ${r.files.matching}/${r.files.total} (${r.files.bytes} B), ${r.seconds} s (${(performance.now() - t0).toFixed(0)} ms)`,
      );
      expect(r.problems).toEqual([]);
      expect(r).toMatchObject({ ok: true, engine: kind, liveRecord: true });
      expect(r.tables.matching).toBe(r.tables.total);
      expect(r.tables.total).toBeGreaterThan(30);
      expect(r.files).toMatchObject({ matching: 1, total: 1, bytes: PDF.length });
      // the backup's rows are the live rows of that moment, counted here independently
      const expectedRows = Object.values(liveCounts).reduce((s, n) => s + n, 0);
      expect(r.rows).toEqual({ restored: expectedRows, expected: expectedRows });
      expect(liveCounts.users).toBeGreaterThan(5);
      expect(liveCounts.applications).toBeGreaterThan(0);
      expect(r.auditChain.problems).toBe(0);

      // kept and audited
      const kept = await db
        .selectFrom('system_backup_drills')
        .selectAll()
        .orderBy('id', 'desc')
        .executeTakeFirst();
      expect(kept).toMatchObject({ backup_name: good.name, ok: true });
      const audit = await db
        .selectFrom('audit_log')
        .select(['result', 'object_id'])
        .where('action', '=', 'system.backup.drill')
        .execute();
      expect(audit).toEqual([{ result: 'ok', object_id: good.name }]);
      // the scratch copies are gone (on the server: no drill database is left)
      expect(fs.readdirSync(tmp).filter((f) => f.startsWith('transferone-drill-'))).toEqual([]);

      // 1. a byte of the uploaded file changes in the backup
      clock = new Date('2025-06-03T01:00:00Z');
      const b1 = await runScheduledBackup(deps, cfg);
      const m1 = JSON.parse(fs.readFileSync(path.join(b1.path, MANIFEST), 'utf8'));
      const blob = m1.files.find((f: any) => f.path.startsWith('files/') && !f.path.includes('/tmp/')).path;
      const bytes = fs.readFileSync(path.join(b1.path, blob));
      bytes[100] ^= 0x20;
      fs.writeFileSync(path.join(b1.path, blob), bytes);
      const r1 = await drill(b1.path);
      expect(r1.ok).toBe(false);
      expect(r1.problems.join('\n')).toContain(`${blob}: SHA-256`);

      // 2. a row is deleted from the backup's users table
      clock = new Date('2025-06-04T01:00:00Z');
      const b2 = await runScheduledBackup(deps, cfg);
      const m2 = JSON.parse(fs.readFileSync(path.join(b2.path, MANIFEST), 'utf8'));
      const usersFile = m2.tables.find((t: any) => t.name === 'users').file;
      const lines = fs.readFileSync(path.join(b2.path, usersFile), 'utf8').split('\n').filter(Boolean);
      // a user no other table names but the audit log, which has no foreign keys (deleting a referenced
      // one fails the restore on its foreign key first)
      const others = m2.tables
        .filter((t: any) => t.name !== 'users' && t.name !== 'audit_log')
        .map((t: any) => fs.readFileSync(path.join(b2.path, t.file), 'utf8'))
        .join('\n');
      const victim = lines.findIndex((l) => !others.includes((JSON.parse(l) as { id: string }).id));
      expect(victim).toBeGreaterThanOrEqual(0);
      fs.writeFileSync(path.join(b2.path, usersFile), lines.filter((_, i) => i !== victim).join('\n') + '\n');
      const r2 = await drill(b2.path);
      expect(r2.ok).toBe(false);
      expect(r2.problems.join('\n')).toContain(
        `table users: ${lines.length - 1} rows, manifest says ${lines.length}`,
      );

      // 3. the same, with the manifest and its checksum rewritten to agree: the backup verifies on
      //    its own, but the live record of the moment names the table
      const sum = await sha256File(path.join(b2.path, usersFile));
      reseal(b2.path, (m) => {
        m.tables.find((t: any) => t.name === 'users').rows = lines.length - 1;
        Object.assign(
          m.files.find((f: any) => f.path === usersFile),
          sum,
        );
      });
      const msum = await sha256File(path.join(b2.path, MANIFEST));
      fs.writeFileSync(path.join(b2.path, MANIFEST_SUM), `${msum.sha256}  ${MANIFEST}\n`);
      const r3 = await drill(b2.path);
      expect(r3.ok).toBe(false);
      expect(r3.problems.join('\n')).toContain(
        `table users: ${lines.length - 1} rows restored, live at backup time ${lines.length}`,
      );
      expect(r3.problems.join('\n')).toContain('manifest.json');
      expect(r3.tables.matching).toBe(r3.tables.total - 1);

      const results = await db
        .selectFrom('audit_log')
        .select('result')
        .where('action', '=', 'system.backup.drill')
        .orderBy('seq')
        .execute();
      expect(results.map((x) => x.result)).toEqual(['ok', 'failed', 'failed', 'failed']);
      // the last drill is what GET /api/system/backups shows
      const view = await backupsView(live.ctx);
      expect(view.lastDrill).toMatchObject({ backup: b2.name, ok: false, liveRecord: true });
      expect(view.lastDrill!.problems).toEqual(r3.problems);
    });
  }
});
