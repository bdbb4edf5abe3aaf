import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../testing/harness.js';
import { JobQueue } from '../jobs/queue.js';
import { BACKUP_JOB, backupJobHandler, registerBackupJob } from '../jobs/builtin.js';
import { loadConfig } from '../config.js';
import { loginAs } from '../../testing/factories.js';
import { backupName, dayKey, planRetention, weekKey } from './retention.js';
import { BackupRunError, runScheduledBackup, type BackupDeps } from './scheduled.js';

let env: TestEnv;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'transferone-sched-test-'));
let filesDir: string;
beforeAll(async () => {
  env = await createTestEnv();
  filesDir = path.join(tmp, 'files');
  fs.mkdirSync(path.join(filesDir, 'ab/cd'), { recursive: true });
  fs.writeFileSync(path.join(filesDir, 'ab/cd/blob.bin'), Buffer.from('成果材料 blob'));
});
afterAll(async () => {
  await env?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const day0 = new Date('2025-03-03T02:30:00Z'); // Monday 10:30 in Shanghai
const dayN = (n: number, hours = 0) => new Date(day0.getTime() + n * 86_400_000 + hours * 3_600_000);
const deps = (now: Date, extra: Partial<BackupDeps> = {}): BackupDeps => ({
  db: env.platform.ctx.db,
  engine: env.platform.ctx.dbKind,
  filesDir,
  now: () => now,
  ...extra,
});
const listDir = (dir: string) => fs.readdirSync(dir).sort();

describe('retention rules', () => {
  it('judges days and ISO weeks in Shanghai', () => {
    // 2025-03-09T17:00Z is Monday 01:00 on the 10th in Shanghai: a new day and a new week
    expect(dayKey(new Date('2025-03-09T17:00:00Z'), 'Asia/Shanghai')).toBe('2025-03-10');
    expect(weekKey(new Date('2025-03-09T17:00:00Z'), 'Asia/Shanghai')).toBe('2025-W11');
    expect(weekKey(new Date('2025-03-09T15:00:00Z'), 'Asia/Shanghai')).toBe('2025-W10');
    expect(weekKey(new Date('2024-12-30T04:00:00Z'), 'Asia/Shanghai')).toBe('2025-W01');
  });

  it('keeps the newest of each of the last N days and M weeks, never other names', () => {
    const names = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => backupName(dayN(i)));
    names.push(backupName(dayN(9, 2))); // a second run on the last day replaces the first
    const plan = planRetention([...names, 'my-own-copy', '.partial-x'], 3, 2);
    expect(plan.keep.map((k) => k.name)).toEqual([
      'transferone-20250312T043000Z',
      'transferone-20250311T023000Z',
      'transferone-20250310T023000Z',
      'transferone-20250309T023000Z', // Sunday: the newest of week 10
    ]);
    expect(plan.remove).toHaveLength(7);
    expect(plan.remove).toContain('transferone-20250312T023000Z');
    expect(plan.remove).not.toContain('my-own-copy');
  });
});

describe('scheduled backup', { timeout: 240_000 }, () => {
  it('10 daily runs on a fake clock with KEEP_DAILY=3, KEEP_WEEKLY=2 leave 3 daily + 1 weekly, each run audited', async () => {
    const dir = path.join(tmp, 'ten-days');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'README.txt'), 'not a backup: never deleted');
    const results = [];
    for (let i = 0; i < 10; i++)
      results.push(await runScheduledBackup(deps(dayN(i)), { dir, keepDaily: 3, keepWeekly: 2 }));
    expect(listDir(dir)).toEqual([
      'README.txt',
      'transferone-20250309T023000Z',
      'transferone-20250310T023000Z',
      'transferone-20250311T023000Z',
      'transferone-20250312T023000Z',
    ]);
    expect(results.map((r) => r.deleted.length)).toEqual([0, 0, 0, 1, 1, 1, 1, 1, 1, 0]);
    // Tue 11th: Sat 8th falls out of the last 3 days and is not its week's newest (Sun 9th is)
    expect(results[8].deleted).toEqual(['transferone-20250308T023000Z']);
    expect(results[8].kept).toEqual([
      'transferone-20250311T023000Z',
      'transferone-20250310T023000Z',
      'transferone-20250309T023000Z',
    ]);

    const db = env.platform.ctx.db;
    const audits = await db
      .selectFrom('audit_log')
      .select(['object_id', 'detail', 'result'])
      .where('action', '=', 'system.backup.create')
      .orderBy('seq')
      .execute();
    expect(audits).toHaveLength(10);
    expect(audits[8].detail).toMatchObject({ deleted: ['transferone-20250308T023000Z'] });
    expect(audits[9].object_id).toBe('transferone-20250312T023000Z');
    expect(audits[9].detail).toMatchObject({
      written: path.join(dir, 'transferone-20250312T023000Z'),
      deleted: [],
      kept: listDir(dir).slice(1).reverse(),
      files: 1,
    });
    const recs = await db
      .selectFrom('system_backups')
      .select(['name', 'deleted_at'])
      .orderBy('name')
      .execute();
    expect(recs.filter((r) => r.deleted_at === null).map((r) => r.name)).toEqual(listDir(dir).slice(1));
    expect(recs.filter((r) => r.deleted_at !== null)).toHaveLength(6);

    // GET /api/system/backups: systemAdmin only
    const admin = await loginAs(env, ['systemAdmin']);
    const res = await env.app.inject({
      method: 'GET',
      url: '/api/system/backups',
      headers: { cookie: admin },
    });
    expect(res.statusCode).toBe(200);
    const view = res.json();
    expect(view.backups).toHaveLength(10);
    expect(view.backups.filter((b: any) => b.onDisk).map((b: any) => b.name)).toEqual(
      listDir(dir).slice(1).reverse(),
    );
    expect(view.backups[0]).toMatchObject({ kind: 'scheduled', files: 1, deletedAt: null });
    expect(view.backups.filter((b: any) => b.deletedAt).length).toBe(6);
    expect(view.lastDrill).toBeNull();
    for (const role of ['programmeOfficeStaff', 'auditor', 'orgAdmin'] as const) {
      const other = await loginAs(env, [role]);
      const denied = await env.app.inject({
        method: 'GET',
        url: '/api/system/backups',
        headers: { cookie: other },
      });
      expect(denied.statusCode).toBe(403);
    }
  });

  it('a backup that fails verification, or a full disk, deletes nothing old and is audited as failed', async () => {
    const dir = path.join(tmp, 'faults');
    fs.mkdirSync(dir);
    await runScheduledBackup(deps(dayN(0)), { dir, keepDaily: 1, keepWeekly: 0 });
    const before = listDir(dir);

    // a byte flips between writing and verifying: the new backup is refused, the old one stays
    const flip = async (d: string) => {
      const f = path.join(d, 'files/ab/cd/blob.bin');
      const b = fs.readFileSync(f);
      b[0] ^= 1;
      fs.writeFileSync(f, b);
    };
    const e1 = await runScheduledBackup(deps(dayN(1), { afterWrite: flip }), {
      dir,
      keepDaily: 1,
      keepWeekly: 0,
    }).catch((e) => e);
    expect(e1).toBeInstanceOf(BackupRunError);
    expect(e1.message).toContain('files/ab/cd/blob.bin');
    expect(e1.message).toContain('No old backup was deleted');
    expect(listDir(dir)).toEqual(before);

    // the disk fills up while writing
    const full = async () => {
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), {
        code: 'ENOSPC',
        path: dir,
      });
    };
    const e2 = await runScheduledBackup(deps(dayN(2), { afterWrite: full }), {
      dir,
      keepDaily: 1,
      keepWeekly: 0,
    }).catch((e) => e);
    expect(e2.message).toContain(`the disk holding BACKUP_DIR is full (${dir})`);
    expect(listDir(dir)).toEqual(before); // no partial folder left either

    // BACKUP_DIR is a file: a clear message, nothing written
    const notDir = path.join(tmp, 'a-file');
    fs.writeFileSync(notDir, 'x');
    const e3 = await runScheduledBackup(deps(dayN(3)), {
      dir: path.join(notDir, 'b'),
      keepDaily: 1,
      keepWeekly: 0,
    }).catch((e) => e);
    expect(e3).toBeInstanceOf(BackupRunError);
    expect(e3.message).toContain('BACKUP_DIR is not a usable folder');

    const failed = await env.platform.ctx.db
      .selectFrom('audit_log')
      .select(['object_id', 'result', 'detail'])
      .where('action', '=', 'system.backup.fail')
      .orderBy('seq')
      .execute();
    expect(failed.map((f) => [f.object_id, f.result])).toEqual([
      [backupName(dayN(1)), 'failed'],
      [backupName(dayN(2)), 'failed'],
      [backupName(dayN(3)), 'failed'],
    ]);
  });

  it('the job is scheduled only when BACKUP_CRON is set; its failure is a log error and a failed job', async () => {
    const ctx = env.platform.ctx;
    const log: Array<[string, string]> = [];
    const off = new JobQueue(ctx.db, ctx.dbKind, { run: false });
    expect(
      await registerBackupJob(off, deps(dayN(0)), loadConfig({ DATA_DIR: tmp }), (l, m) => log.push([l, m])),
    ).toBe(false);
    expect(off.scheduled()).toEqual([]);
    const on = new JobQueue(ctx.db, ctx.dbKind, { run: false });
    const cfg = loadConfig({ DATA_DIR: tmp, BACKUP_CRON: '30 2 * * *', BACKUP_KEEP_DAILY: '3' });
    expect(cfg.backup).toMatchObject({ dir: path.join(tmp, 'backups'), keepDaily: 3, keepWeekly: 4 });
    expect(await registerBackupJob(on, deps(dayN(0)), cfg, (l, m) => log.push([l, m]))).toBe(true);
    expect(on.scheduled()).toEqual([{ name: BACKUP_JOB, cron: '30 2 * * *', tz: 'Asia/Shanghai' }]);
    expect(() => loadConfig({ BACKUP_CRON: 'nightly' })).toThrow(/BACKUP_CRON/);

    const handler = backupJobHandler(
      deps(dayN(5)),
      { ...cfg.backup, dir: path.join(tmp, 'a-file', 'c') },
      (l, m) => log.push([l, m]),
    );
    await expect(handler()).rejects.toBeInstanceOf(BackupRunError);
    expect(log.at(-1)![0]).toBe('error');
    expect(log.at(-1)![1]).toContain('BACKUP_DIR is not a usable folder');
  });
});
