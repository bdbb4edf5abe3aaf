/**
 * Audit archives in the backup and the restore drill (issue 10): records pruned from the database
 * live only in AUDIT_ARCHIVE_DIR, so a backup that leaves them out loses them. The backup carries
 * every registered archive, the restore puts them back, and the drill re-verifies them row by row.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openPlatform } from '../../app.js';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db.js';
import { auditEvent } from '../audit.js';
import { activeAuditKeyring } from '../audit-key.js';
import { runAuditArchive } from '../audit-archive.js';
import { createTestDatabaseUrl } from '../../testing/harness.js';
import { MANIFEST, MANIFEST_SUM, sha256File } from './manifest.js';
import { runScheduledBackup } from './scheduled.js';
import { runRestoreDrill } from './drill.js';
import { restoreBackup } from './restore.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'transferone-drill-archives-'));
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups) await c().catch(() => undefined);
  fs.rmSync(tmp, { recursive: true, force: true });
});
const DAY = 86_400_000;
const kinds: Array<'pglite' | 'pg'> = process.env.DATABASE_URL ? ['pglite', 'pg'] : ['pglite'];

describe('audit archives in the backup and the drill', { timeout: 900_000 }, () => {
  for (const kind of kinds) {
    it(`on ${kind}: archived records are backed up, restored and re-verified; a backup without them fails the drill by name`, async () => {
      let url = '';
      if (kind === 'pg') {
        const server = (await createTestDatabaseUrl())!;
        url = server.url;
        cleanups.push(server.drop);
      }
      const config = loadConfig({
        DATABASE_URL: url,
        DATA_DIR: path.join(tmp, `live-${kind}`),
        AUDIT_HMAC_KEY: 'k'.repeat(24) + '-drill-archives-test',
        JOBS: 'off',
        LOG_LEVEL: 'silent',
      });
      const live = await openPlatform(config);
      cleanups.unshift(() => live.close());
      const db = live.ctx.db;
      const now = new Date();
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date(now.getTime() - 400 * DAY));
      try {
        for (let i = 0; i < 12; i++)
          await auditEvent(db, { actor: { id: 'u1' }, action: 'test.write', objectId: `old-${i}` });
      } finally {
        vi.useRealTimers();
      }
      const archived = await runAuditArchive(
        { db, keyring: activeAuditKeyring(), dir: config.audit.archiveDir, now: () => now },
        { retentionDays: 365 },
      );
      expect(archived.rows).toBeGreaterThanOrEqual(12);

      const deps = {
        db,
        engine: live.ctx.dbKind,
        filesDir: config.filesDir,
        auditArchiveDir: config.audit.archiveDir,
        now: () => now,
      };
      const cfg = { dir: path.join(tmp, `backups-${kind}`), keepDaily: 30, keepWeekly: 0 };
      const drill = (source: string) =>
        runRestoreDrill({
          live: db,
          databaseUrl: kind === 'pg' ? process.env.DATABASE_URL : undefined,
          source,
          scratchRoot: tmp,
          now: () => now,
          actor: { id: null, label: 'test' },
          auditKeyring: activeAuditKeyring(),
        });

      const good = await runScheduledBackup(deps, cfg);
      const m = JSON.parse(fs.readFileSync(path.join(good.path, MANIFEST), 'utf8'));
      const inBackup = m.files.filter((f: { path: string }) => f.path.startsWith('audit-archives/'));
      expect(inBackup.map((f: { path: string }) => f.path).sort()).toEqual(
        [archived.file!, archived.file!.replace(/\.jsonl\.gz$/, '.manifest.json')]
          .map((f) => `audit-archives/${f}`)
          .sort(),
      );
      const r = await drill(good.path);
      console.log(
        `[drill-archives ${kind}] archives ${r.archives.matching}/${r.archives.total} files, ${r.archives.rows} archived records re-verified, tables ${r.tables.matching}/${r.tables.total}, ${r.seconds} s`,
      );
      expect(r.problems).toEqual([]);
      expect(r.archives).toEqual({ matching: 2, total: 2, rows: archived.rows });

      // a restore puts the archives back beside the restored registry
      const target = path.join(tmp, `restored-${kind}`);
      const restored = await openDatabase({ dataDir: path.join(target, 'db') });
      try {
        const res = await restoreBackup({
          db: restored.db,
          filesDir: path.join(target, 'files'),
          auditArchiveDir: path.join(target, 'audit-archives'),
          source: good.path,
        });
        expect(res.archiveFiles).toBe(2);
        expect((await sha256File(path.join(target, 'audit-archives', archived.file!))).sha256).toBe(
          archived.sha256,
        );
      } finally {
        await restored.close();
      }

      // a backup that leaves the archives out (as before): the drill names each one
      fs.rmSync(path.join(good.path, 'audit-archives'), { recursive: true });
      m.files = m.files.filter((f: { path: string }) => !f.path.startsWith('audit-archives/'));
      fs.writeFileSync(path.join(good.path, MANIFEST), JSON.stringify(m, null, 2) + '\n');
      const sum = (await sha256File(path.join(good.path, MANIFEST))).sha256;
      fs.writeFileSync(path.join(good.path, MANIFEST_SUM), `${sum}  ${MANIFEST}\n`);
      const bad = await drill(good.path);
      expect(bad.ok).toBe(false);
      const text = bad.problems.join('\n');
      expect(text).toContain('archive_missing');
      expect(text).toContain(`audit-archives/${archived.file}: 清单中缺失 / missing from the manifest`);
    });
  }
});
