import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPlatform, type Platform } from '../../app.js';
import { loadConfig } from '../config.js';
import { appendAudit, verifyAuditChain } from '../audit.js';
import { migrateToLatest } from '../migrate.js';
import { createTestDatabaseUrl } from '../../testing/harness.js';
import { createBackup } from './backup.js';
import { restoreBackup, RestoreRefusedError } from './restore.js';
import { BackupInvalidError } from './verify.js';
import { countRows, listTables } from './schema-info.js';
import { Readable } from 'node:stream';
import { seedActor, seedDemo } from '../../modules/demo/index.js';
import { openFileForDownload, uploadFile } from '../../modules/files/index.js';
import { callerFor } from '../caller.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'transferone-backup-test-'));
const cleanups: Array<() => Promise<void>> = [];
const AUDIT_KEY = 'backup-test-audit-key-0123456789abcdef';

/** A fresh database: PGlite in its own folder, or (kind 'pg') a new database on the server. */
async function freshPlatform(kind: 'pglite' | 'pg', name: string): Promise<Platform & { filesDir: string }> {
  const dataDir = path.join(tmp, name);
  let url = '';
  if (kind === 'pg') {
    const server = await createTestDatabaseUrl();
    if (!server) throw new Error('DATABASE_URL not set');
    url = server.url;
    cleanups.push(server.drop);
  }
  // One installation's audit key (issue 10, fix 5): a restore elsewhere brings the key along,
  // as docs/SECURITY-audit.md tells the operator; without it the restored rows do not verify.
  const config = loadConfig({
    DATABASE_URL: url,
    DATA_DIR: dataDir,
    JOBS: 'off',
    LOG_LEVEL: 'silent',
    AUDIT_HMAC_KEY: AUDIT_KEY,
  });
  const platform = await openPlatform(config);
  cleanups.unshift(() => platform.close());
  return Object.assign(platform, { filesDir: config.filesDir });
}

async function tableCounts(p: Platform): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of await listTables(p.ctx.db)) out[t.name] = await countRows(p.ctx.db, t.name);
  return out;
}

/** Organisations (one with a parent-less row), users with a text[] of roles, audit records, blobs. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\n成果转化材料\n' + 'x'.repeat(4000) + '\n%%EOF\n');
let uploadedId = '';
let reviewScored = 0;
let panelScored = 0;

async function fill(p: Platform & { filesDir: string }) {
  const seeded = await seedDemo(p.ctx);
  reviewScored = seeded.review?.submitted ?? 0;
  panelScored = seeded.twoRounds?.submitted ?? 0;
  const up = await uploadFile(p.ctx, callerFor(p.ctx, seedActor(new Date())), {
    stream: Readable.from([PDF]),
    filename: '成果材料.pdf',
  });
  uploadedId = up.id;
  const db = p.ctx.db as any;
  await db.transaction().execute(async (trx: any) => {
    for (let i = 0; i < 25; i++) {
      const id = `org-${i}`;
      await trx
        .insertInto('orgs')
        .values({
          id,
          name: `测试单位 ${i} “引号” \\ 反斜杠`,
          type: 'university',
          uscc: `USCC${i}`,
          region: '310104',
        })
        .execute();
      await trx
        .insertInto('users')
        .values({
          id: `u-${i}`,
          username: `user${i}`,
          name: `用户${i}`,
          email: `u${i}@example.cn`,
          org_id: id,
          roles: ['orgAdmin', 'projectLead'],
        })
        .execute();
      await appendAudit(trx, {
        actor: { id: null, label: 'test' },
        action: 'org.create',
        objectType: 'org',
        objectId: id,
        after: { n: i, big: 12345678901234 },
      });
    }
  });
  fs.mkdirSync(path.join(p.filesDir, 'ab/cd'), { recursive: true });
  fs.writeFileSync(
    path.join(p.filesDir, 'ab/cd/blob-1.pdf'),
    Buffer.from('%PDF-1.7 成果材料 ' + 'x'.repeat(5000)),
  );
  fs.writeFileSync(path.join(p.filesDir, 'ab/blob-2.bin'), Buffer.from([0, 1, 2, 255, 254]));
}

const kinds: Array<'pglite' | 'pg'> = process.env.DATABASE_URL ? ['pglite', 'pg'] : ['pglite'];

describe('backup and restore', { timeout: 180_000 }, () => {
  let source: Platform & { filesDir: string };
  let tarFile: string;
  let auditRows = 0;

  beforeAll(async () => {
    source = await freshPlatform('pglite', 'source');
    await fill(source);
    tarFile = path.join(tmp, 'demo.tar');
    const t0 = performance.now();
    const res = await createBackup({
      db: source.ctx.db,
      engine: 'pglite',
      filesDir: source.filesDir,
      target: tarFile,
    });
    console.log(
      `[backup] demo DB + 25 orgs + upload: ${res.manifest.auditRows} audit rows, ${res.bytes} bytes, ${(performance.now() - t0).toFixed(0)} ms`,
    );
    auditRows = await countRows(source.ctx.db, 'audit_log');
    expect(res.manifest.auditRows).toBe(auditRows);
    // demo orgs and users (13 roles), the 2023 call (import, publish), the market demo, the ongoing-projects
    // registry import, the 2022 call imported with its 25 example organisations and 25 applications
    // (one record each) and the admin of one of them (the notice's last applicant), the expert pool's 12 demo experts and the demo expert's pool entry, the review
    // demo (round created, assigned, opened; each scored sheet accepted and submitted), the notice demo
    // (created, published, one objection lodged) and its funding plan (drafted, revised, consulted,
    // noticed), the two-round 2023 call (imported with its 61 example organisations and 61
    // applications; two rounds created, assigned, opened, round 1 closed; each scored sheet accepted
    // and submitted; a panel session scheduled and notified), the projects demo (4 agreements created,
    // 3 confirmed by the organisation, 2 by the commission; 2 first tranches requested, 1 approved and
    // paid, an extension filed), one upload, 25 orgs
    expect(reviewScored).toBeGreaterThan(10);
    expect(panelScored).toBeGreaterThan(100);
    const twoRounds = 1 + 61 + 61 + 7 + 2 * panelScored + 2;
    const projects = 4 + 3 + 2 + 2 + 1 + 1 + 1;
    expect(auditRows).toBe(
      36 +
        2 +
        1 +
        1 +
        (1 + 25 + 1 + 25) +
        1 +
        12 +
        1 +
        (3 + 2 * reviewScored) +
        3 +
        4 +
        twoRounds +
        projects +
        25,
    );
  }, 180_000);
  afterAll(async () => {
    for (const c of cleanups) await c().catch(() => undefined);
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  for (const kind of kinds) {
    it(`restores a PGlite backup onto ${kind}, then back again, with the same rows, chain and files`, async () => {
      const target = await freshPlatform(kind, `target-${kind}`);
      const t0 = performance.now();
      const res = await restoreBackup({
        db: target.ctx.db,
        filesDir: target.filesDir,
        source: tarFile,
        migrateAfter: migrateToLatest,
      });
      console.log(`[restore] onto ${kind}: ${(performance.now() - t0).toFixed(0)} ms`);
      expect(res.audit.problems).toEqual([]);
      expect(res.audit.rows).toBe(auditRows);
      expect(await tableCounts(target)).toEqual(await tableCounts(source));
      const head = (db: any) => db.selectFrom('audit_chain_head').selectAll().executeTakeFirst();
      expect(await head(target.ctx.db)).toEqual(await head(source.ctx.db));
      const u = await (target.ctx.db as any)
        .selectFrom('users')
        .selectAll()
        .where('id', '=', 'u-3')
        .executeTakeFirst();
      expect(u.roles).toEqual(['orgAdmin', 'projectLead']);
      const o = await (target.ctx.db as any)
        .selectFrom('orgs')
        .selectAll()
        .where('id', '=', 'org-3')
        .executeTakeFirst();
      expect(o.name).toBe('测试单位 3 “引号” \\ 反斜杠');
      expect(fs.readFileSync(path.join(target.filesDir, 'ab/blob-2.bin'))).toEqual(
        Buffer.from([0, 1, 2, 255, 254]),
      );
      // sequences continue after the restored rows: the next audit record follows on and the chain still verifies
      const next = await target.ctx.db
        .transaction()
        .execute((trx) => appendAudit(trx, { actor: { id: null }, action: 'after.restore' }));
      expect(next.seq).toBe(auditRows + 1);
      expect((await verifyAuditChain(target.ctx.db)).problems).toEqual([]);
      // the uploaded file downloads from the restored blob store, byte for byte (the download is audited)
      const dl = await openFileForDownload(
        target.ctx,
        callerFor(target.ctx, seedActor(new Date())),
        uploadedId,
      );
      const chunks: Buffer[] = [];
      for await (const c of dl.stream) chunks.push(c as Buffer);
      expect(Buffer.concat(chunks)).toEqual(PDF);

      // and back: a backup of the restored database restores onto a fresh PGlite
      const back = path.join(tmp, `back-from-${kind}`);
      await createBackup({
        db: target.ctx.db,
        engine: target.ctx.dbKind,
        filesDir: target.filesDir,
        target: back,
      });
      const again = await freshPlatform('pglite', `again-${kind}`);
      const res2 = await restoreBackup({ db: again.ctx.db, filesDir: again.filesDir, source: back });
      expect(res2.audit.problems).toEqual([]);
      expect(res2.audit.rows).toBe(auditRows + 2);
      expect(await tableCounts(again)).toEqual(await tableCounts(target));
    });

    it(`refuses a non-empty ${kind} target without --force, and replaces it with --force`, async () => {
      const target = await freshPlatform(kind, `busy-${kind}`);
      await target.ctx.db
        .transaction()
        .execute((trx) => appendAudit(trx, { actor: { id: null }, action: 'existing.work' }));
      await expect(
        restoreBackup({ db: target.ctx.db, filesDir: target.filesDir, source: tarFile }),
      ).rejects.toBeInstanceOf(RestoreRefusedError);
      expect(await countRows(target.ctx.db, 'audit_log')).toBe(1);
      const res = await restoreBackup({
        db: target.ctx.db,
        filesDir: target.filesDir,
        source: tarFile,
        force: true,
      });
      expect(res.audit.problems).toEqual([]);
      expect(await countRows(target.ctx.db, 'audit_log')).toBe(auditRows);
    });

    it(`verifies every checksum before touching the ${kind} database: one flipped byte changes nothing`, async () => {
      const dir = path.join(tmp, `corrupt-${kind}`);
      await createBackup({ db: source.ctx.db, engine: 'pglite', filesDir: source.filesDir, target: dir });
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
      const orgFile = manifest.tables.find((t: any) => t.name === 'orgs').file;
      const buf = fs.readFileSync(path.join(dir, orgFile));
      buf[Math.floor(buf.length / 2)] ^= 0x01;
      fs.writeFileSync(path.join(dir, orgFile), buf);

      const target = await freshPlatform(kind, `victim-${kind}`);
      await target.ctx.db
        .transaction()
        .execute((trx) => appendAudit(trx, { actor: { id: null }, action: 'precious.work' }));
      const before = await tableCounts(target);
      const err = await restoreBackup({
        db: target.ctx.db,
        filesDir: target.filesDir,
        source: dir,
        force: true,
      }).catch((e) => e);
      expect(err).toBeInstanceOf(BackupInvalidError);
      expect(err.problems.join('\n')).toContain(`${orgFile}: SHA-256`);
      expect(await tableCounts(target)).toEqual(before);
      const rows = await sql<{ action: string }>`select action from audit_log`.execute(target.ctx.db);
      expect(rows.rows.map((r) => r.action)).toEqual(['precious.work']);
    });
  }

  it('refuses a tar whose manifest was edited, and a folder with an extra file', async () => {
    const dir = path.join(tmp, 'edited');
    await createBackup({ db: source.ctx.db, engine: 'pglite', filesDir: source.filesDir, target: dir });
    fs.writeFileSync(path.join(dir, 'files/extra.txt'), 'smuggled');
    const target = await freshPlatform('pglite', 'edited-target');
    const e1 = await restoreBackup({ db: target.ctx.db, filesDir: target.filesDir, source: dir }).catch(
      (e) => e,
    );
    expect(e1).toBeInstanceOf(BackupInvalidError);
    expect(e1.problems.join('\n')).toContain('files/extra.txt');
    fs.rmSync(path.join(dir, 'files/extra.txt'));
    const m = fs
      .readFileSync(path.join(dir, 'manifest.json'), 'utf8')
      .replace(`"auditRows": ${auditRows}`, `"auditRows": ${auditRows - 1}`);
    fs.writeFileSync(path.join(dir, 'manifest.json'), m);
    const e2 = await restoreBackup({ db: target.ctx.db, filesDir: target.filesDir, source: dir }).catch(
      (e) => e,
    );
    expect(e2).toBeInstanceOf(BackupInvalidError);
    expect(await countRows(target.ctx.db, 'audit_log')).toBe(0);
  });
});
