import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { createTestEnv, type TestEnv } from '../testing/harness.js';
import { loginAs } from '../testing/factories.js';
import { loadConfig } from './config.js';
import type { DB } from './db-types.js';
import { auditEvent, verifyAuditChain } from './audit.js';
import { activeAuditKeyring } from './audit-key.js';
import { verifyCheckpoints, writeCheckpoint } from './audit-checkpoint.js';
import { AuditArchiveError, runAuditArchive, type AuditArchiveDeps } from './audit-archive.js';
import { verifyAuditArchives } from './audit-archive-verify.js';
import { JobQueue } from './jobs/queue.js';
import { AUDIT_ARCHIVE_JOB, auditArchiveJobHandler, registerAuditArchiveJob } from './jobs/builtin.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'transferone-audit-archive-'));
const dir = path.join(tmp, 'audit-archives');
const cpFile = path.join(tmp, 'audit-checkpoints.jsonl');
const KEY = 'a'.repeat(20) + 'key-of-the-audit-archive-test';
const DAY = 86_400_000;
const NOW = new Date();
let env: TestEnv;
let db: Kysely<DB>;
let deps: AuditArchiveDeps;

/** Writes n audit rows stamped `daysAgo` days before now (the chain stamps rows with the clock). */
async function rowsAt(daysAgo: number, n: number, tag: string) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(NOW.getTime() - daysAgo * DAY));
  try {
    for (let i = 0; i < n; i++)
      await auditEvent(db, {
        actor: { id: 'u1' },
        action: 'test.write',
        objectId: `${tag}-${i}`,
        after: { i },
      });
  } finally {
    vi.useRealTimers();
  }
}

const count = async (t: 'audit_log' | 'audit_archives') =>
  Number(
    (
      await db
        .selectFrom(t)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirst()
    )?.n,
  );
const files = () => (fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []);

beforeAll(async () => {
  const base = loadConfig({ DATA_DIR: tmp, AUDIT_HMAC_KEY: KEY });
  env = await createTestEnv({ audit: base.audit });
  db = env.platform.ctx.db;
  deps = { db, keyring: activeAuditKeyring(), dir, now: () => NOW };
  await rowsAt(400, 10, 'old');
  await writeCheckpoint(db, activeAuditKeyring()!, cpFile, new Date());
  await rowsAt(200, 4, 'mid');
  await rowsAt(0, 3, 'new');
});
afterAll(async () => {
  await env?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('audit archive-and-prune (issue 10, retention)', () => {
  it('refuses a retention below 180 days, in Chinese and English, and changes nothing', async () => {
    const before = await count('audit_log');
    await expect(runAuditArchive(deps, { retentionDays: 179 })).rejects.toThrow(AuditArchiveError);
    await expect(runAuditArchive(deps, { retentionDays: 179 })).rejects.toThrow(
      /不得少于 180 天.*at least 180 days/,
    );
    expect(() => loadConfig({ AUDIT_RETENTION_DAYS: '90' })).toThrow(/不得少于 180 天.*at least 180 days/s);
    expect(loadConfig({}).audit.retentionDays).toBe(365);
    expect(await count('audit_log')).toBe(before);
  });

  it('a dry run counts what would go and changes nothing', async () => {
    const before = await count('audit_log');
    const r = await runAuditArchive(deps, { retentionDays: 365, dryRun: true });
    expect(r).toMatchObject({ dryRun: true, rows: 10, file: null });
    expect(await count('audit_log')).toBe(before);
    expect(await count('audit_archives')).toBe(0);
    expect(files()).toEqual([]);
  });

  it('archives the rows older than the retention, verifies the file, then prunes them and audits the run', async () => {
    const before = await count('audit_log');
    const r = await runAuditArchive(deps, { retentionDays: 365 });
    expect(r).toMatchObject({ rows: 10, firstSeq: 1, lastSeq: 10 });
    expect(files()).toEqual([r.file, r.file!.replace('.jsonl.gz', '.manifest.json')]);
    const live = await db
      .selectFrom('audit_log')
      .select(['seq', 'object_id', 'action'])
      .orderBy('seq')
      .execute();
    expect(live.some((x) => x.object_id?.startsWith('old-'))).toBe(false);
    expect(
      live.filter((x) => x.object_id?.startsWith('mid-') || x.object_id?.startsWith('new-')),
    ).toHaveLength(7);
    expect(await count('audit_log')).toBe(before - 10 + 1);
    const audit = live.at(-1)!;
    expect(audit.action).toBe('audit.archive.create');
    const rec = await db.selectFrom('audit_archives').selectAll().executeTakeFirstOrThrow();
    expect(rec).toMatchObject({ file: r.file, sha256: r.sha256, retention_days: 365 });
    expect(Number(rec.rows)).toBe(10);
  });

  it('the chain, the archive and the checkpoints verify after the prune', async () => {
    const chain = await verifyAuditChain(db);
    expect(chain.problems).toEqual([]);
    expect(chain.archivedUpTo.seq).toBe(10);
    const arch = await verifyAuditArchives(db, activeAuditKeyring(), dir, {
      deep: true,
      wanted: new Set([10]),
    });
    expect(arch).toMatchObject({ archives: 1, rows: 10, rowsChecked: 10, problems: [] });
    const cps = await verifyCheckpoints(db, activeAuditKeyring(), cpFile, arch);
    expect(cps).toEqual({ checkpoints: 1, problems: [] });
  });

  it('a later run chains onto the first archive; a run with nothing old enough is audited as such', async () => {
    const r = await runAuditArchive(deps, { retentionDays: 180 });
    expect(r).toMatchObject({ rows: 4, firstSeq: 11, lastSeq: 14 });
    const again = await runAuditArchive(deps, { retentionDays: 180 });
    expect(again).toMatchObject({ rows: 0, file: null });
    const last = await db.selectFrom('audit_log').select('action').orderBy('seq', 'desc').executeTakeFirst();
    expect(last?.action).toBe('audit.archive.empty');
    expect((await verifyAuditChain(db)).problems).toEqual([]);
    const arch = await verifyAuditArchives(db, activeAuditKeyring(), dir, { deep: true });
    expect(arch).toMatchObject({ archives: 2, rows: 14, problems: [] });
  });

  it('GET /api/audit/archives lists the archives to the auditor; POST /api/audit/verify passes after the prune', async () => {
    const auditor = await loginAs(env, ['auditor']);
    const res = await env.app.inject({
      method: 'GET',
      url: '/api/audit/archives',
      headers: { cookie: auditor },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ retentionDays: 365, minRetentionDays: 180, scheduled: false });
    expect(body.items.map((a: { firstSeq: number; lastSeq: number }) => [a.firstSeq, a.lastSeq])).toEqual([
      [11, 14],
      [1, 10],
    ]);
    const lead = await loginAs(env, ['projectLead']);
    const denied = await env.app.inject({
      method: 'GET',
      url: '/api/audit/archives',
      headers: { cookie: lead },
    });
    expect(denied.statusCode).toBe(403);
    const v = await env.app.inject({
      method: 'POST',
      url: '/api/audit/verify',
      headers: { cookie: auditor, origin: env.config.baseUrl },
    });
    expect(v.json()).toMatchObject({ ok: true, problems: [] });
  });

  it('a direct DELETE is still refused, outside an archived range too, and the app role cannot prune', async () => {
    const low = Number(
      (await db.selectFrom('audit_log').select('seq').orderBy('seq').executeTakeFirst())!.seq,
    );
    await expect(sql`delete from audit_log where seq = ${low}`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_log`.execute(db)).rejects.toThrow(/append-only/);
    // an archive registered earlier (another transaction) opens nothing
    await expect(sql`select audit_prune(1)`.execute(db)).rejects.toThrow(
      /not registered in this transaction/,
    );
    await expect(sql`delete from audit_archives`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`update audit_archives set last_hash = 'x'`.execute(db)).rejects.toThrow(/append-only/);
    // in a transaction that registers a range, a row outside that range is still refused
    await expect(
      db.transaction().execute(async (trx) => {
        await sql`insert into audit_archives (first_seq, last_seq, rows, first_prev_hash, last_hash, first_at,
          last_at, file, sha256, bytes, retention_days, created_at, mac_key, mac)
          values (${low}, ${low}, 1, 'x', 'x', now(), now(), 'forged.jsonl.gz', 'x', 0, 365, now(), 'k', 'm')`.execute(
          trx,
        );
        await sql`delete from audit_log where seq = ${low + 1}`.execute(trx);
      }),
    ).rejects.toThrow(/append-only/);
    // and the DB refuses to prune rows younger than 180 days, whatever the caller says
    await expect(
      db.transaction().execute(async (trx) => {
        const a = await sql<{
          id: number;
        }>`insert into audit_archives (first_seq, last_seq, rows, first_prev_hash,
          last_hash, first_at, last_at, file, sha256, bytes, retention_days, created_at, mac_key, mac)
          select seq, seq, 1, prev_hash, hash, at, at, 'young.jsonl.gz', 'x', 0, 365, now(), 'k', 'm'
          from audit_log where seq = ${low} returning id`.execute(trx);
        await sql`select audit_prune(${a.rows[0].id})`.execute(trx);
      }),
    ).rejects.toThrow(/younger than 180 days/);
    await db.connection().execute(async (conn) => {
      await sql`set role transferone_app`.execute(conn);
      try {
        await expect(sql`delete from audit_log where seq = ${low}`.execute(conn)).rejects.toThrow(
          /permission denied for table audit_log/,
        );
        await expect(sql`delete from audit_archives`.execute(conn)).rejects.toThrow(/permission denied/);
        await expect(sql`select audit_prune(1)`.execute(conn)).rejects.toThrow(/not registered/);
      } finally {
        await sql`reset role`.execute(conn);
      }
    });
    expect(await count('audit_archives')).toBe(2);
    expect((await verifyAuditChain(db)).problems).toEqual([]);
  });

  it('the daily job is scheduled only when AUDIT_ARCHIVE_CRON is set, and each run is audited', async () => {
    const ctx = env.platform.ctx;
    const log: Array<[string, string]> = [];
    const off = new JobQueue(ctx.db, ctx.dbKind, { run: false });
    expect(
      await registerAuditArchiveJob(
        off,
        db,
        () => NOW,
        loadConfig({ DATA_DIR: tmp }),
        () => {},
      ),
    ).toBe(false);
    expect(off.scheduled()).toEqual([]);
    const on = new JobQueue(ctx.db, ctx.dbKind, { run: false });
    const cfg = loadConfig({ DATA_DIR: tmp, AUDIT_ARCHIVE_CRON: '15 3 * * *' });
    expect(cfg.audit).toMatchObject({ archiveDir: dir, retentionDays: 365 });
    expect(
      await registerAuditArchiveJob(
        on,
        db,
        () => NOW,
        cfg,
        () => {},
      ),
    ).toBe(true);
    expect(on.scheduled()).toEqual([{ name: AUDIT_ARCHIVE_JOB, cron: '15 3 * * *', tz: 'Asia/Shanghai' }]);
    expect(() => loadConfig({ AUDIT_ARCHIVE_CRON: 'daily' })).toThrow(/AUDIT_ARCHIVE_CRON/);
    await auditArchiveJobHandler(
      db,
      () => NOW,
      cfg.audit,
      (l, m) => log.push([l, m]),
    )();
    expect(log.at(-1)![0]).toBe('info');
    expect(JSON.parse(log.at(-1)![1])).toMatchObject({ msg: 'audit.archived', rows: 0 });
    const last = await db.selectFrom('audit_log').select('action').orderBy('seq', 'desc').executeTakeFirst();
    expect(last?.action).toBe('audit.archive.empty');
    const failing = auditArchiveJobHandler(
      db,
      () => NOW,
      { ...cfg.audit, retentionDays: 30 },
      (l, m) => log.push([l, m]),
    );
    await expect(failing()).rejects.toBeInstanceOf(AuditArchiveError);
    expect(log.at(-1)).toEqual(['error', expect.stringContaining('at least 180 days')]);
  });

  it('reports a tampered archive file, a forged manifest and a deleted archive', async () => {
    const rec = await db
      .selectFrom('audit_archives')
      .selectAll()
      .orderBy('first_seq')
      .executeTakeFirstOrThrow();
    const file = path.join(dir, rec.file);
    const manifest = file.replace('.jsonl.gz', '.manifest.json');
    const original = fs.readFileSync(file);
    const originalManifest = fs.readFileSync(manifest, 'utf8');
    try {
      const bad = Buffer.from(original);
      bad[bad.length - 12] ^= 0xff;
      fs.writeFileSync(file, bad);
      let v = await verifyAuditArchives(db, activeAuditKeyring(), dir, { deep: true });
      expect(v.problems.map((p) => p.problem)).toContain('archive_tampered');
      fs.writeFileSync(file, original);

      fs.writeFileSync(manifest, originalManifest.replace(/"rows": 10/, '"rows": 9'));
      v = await verifyAuditArchives(db, activeAuditKeyring(), dir);
      expect(v.problems.map((p) => p.problem)).toEqual(['archive_manifest_mismatch']);
      fs.writeFileSync(manifest, originalManifest);

      fs.rmSync(file);
      v = await verifyAuditArchives(db, activeAuditKeyring(), dir);
      expect(v.problems.map((p) => p.problem)).toEqual(['archive_missing']);
    } finally {
      fs.writeFileSync(file, original);
      fs.writeFileSync(manifest, originalManifest);
    }
    expect((await verifyAuditArchives(db, activeAuditKeyring(), dir, { deep: true })).problems).toEqual([]);
  });

  it('reports an archive record moved by someone without the key, and the live chain no longer links', async () => {
    await sql`alter table audit_archives disable trigger audit_archives_no_update`.execute(db);
    try {
      await sql`update audit_archives set last_hash = ${'f'.repeat(64)} where first_seq = 11`.execute(db);
      const v = await verifyAuditArchives(db, activeAuditKeyring(), dir);
      expect(v.problems.map((p) => p.problem)).toContain('archive_forged');
      const chain = await verifyAuditChain(db);
      expect(chain.problems.map((p) => p.problem)).toContain('broken_link');
    } finally {
      await sql`alter table audit_archives enable trigger audit_archives_no_update`.execute(db);
    }
  });
});
