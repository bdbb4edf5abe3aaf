import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, startServe, type ServerChild } from './cli-testkit.js';
import { createTestDatabaseUrl } from '../testing/harness.js';
import { openDatabase } from '../platform/db.js';
import { loadConfig } from '../platform/config.js';
import { verifyAuditChain } from '../platform/audit.js';
import { DEMO_USERS, syntheticUscc } from '../modules/demo/demo.data.js';
import { totpCode } from '../modules/identity/totp.rules.js';

/**
 * kill -9 during writes: every write the server acknowledged (2xx) must be there after a restart.
 * A real `transferone serve` process gets many concurrent "create organisation" requests; it is
 * SIGKILLed while requests are still in flight; a new process opens the same data and we look
 * for every acknowledged organisation, its audit record, and an intact audit chain.
 *
 * Finding (PGlite 0.4.6, measured 2026-05): PGlite runs PostgreSQL with fsync=off but
 * synchronous_commit=on, and its NodeFS mounts Emscripten's NODEFS on DATA_DIR/pgdata, which
 * passes every write() straight to the operating system (syncToFs is a no-op for NodeFS;
 * relaxedDurability only matters for the IndexedDB/OPFS backends). So when a COMMIT returns, its
 * WAL record is in the kernel's page cache: it survives kill -9 of the process (this test), but
 * NOT a power cut or kernel crash, because nothing is fsynced. Deployments that need that use
 * DATABASE_URL (the PostgreSQL server fsyncs its WAL). No change to platform/db.ts was needed.
 */
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'transferone-durability-'));
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups) await c().catch(() => undefined);
  fs.rmSync(tmp, { recursive: true, force: true });
});

const admin = DEMO_USERS.find((u) => u.role === 'systemAdmin')!;

async function signIn(url: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: admin.username, password: admin.password }),
  });
  expect(res.status).toBe(200);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const body = (await res.json()) as { mfa: string };
  expect(body.mfa).toBe('enrol');
  const post = (p: string, payload?: unknown) =>
    fetch(`${url}${p}`, {
      method: 'POST',
      headers: { cookie, ...(payload ? { 'content-type': 'application/json' } : {}) },
      body: payload ? JSON.stringify(payload) : undefined,
    });
  const e = await post('/api/auth/totp/enrol');
  expect(e.status).toBe(200);
  const { secret } = (await e.json()) as { secret: string };
  const a = await post('/api/auth/totp/activate', { code: totpCode(secret, new Date()) });
  expect(a.status).toBe(200);
  return cookie;
}

interface Ack {
  uscc: string;
  id: string;
  name: string;
}

/** Keeps `concurrency` creates in flight; SIGKILLs the server once `killAfter` were acknowledged. */
async function writeUntilKilled(server: ServerChild, cookie: string, killAfter: number, concurrency = 8) {
  const acked: Ack[] = [];
  let sent = 0;
  let failed = 0;
  let killed = false;
  const worker = async (w: number) => {
    while (!killed) {
      const n = sent++;
      const name = `耐久测试单位 ${w}-${n}`;
      const uscc = syntheticUscc(name, 'enterprise', '310104');
      try {
        const res = await fetch(`${server.url}/api/orgs`, {
          method: 'POST',
          headers: { cookie, 'content-type': 'application/json' },
          body: JSON.stringify({ name, type: 'enterprise', uscc, region: '上海市徐汇区' }),
        });
        if (res.status >= 200 && res.status < 300) {
          const body = (await res.json()) as { id: string };
          acked.push({ uscc, id: body.id, name });
          if (acked.length >= killAfter && !killed) {
            killed = true;
            server.child.kill('SIGKILL'); // mid-stream: the other workers' requests are in flight
          }
        } else failed++;
      } catch {
        failed++; // connection reset by the kill: not acknowledged, may or may not be saved
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  const exit = await server.exited;
  return { acked, sent, failed, exit };
}

async function checkAfterRestart(env: Record<string, string>, acked: Ack[], cookie: string, label: string) {
  const again = await startServe(env);
  let stopped = false;
  try {
    // the session cookie (itself an acknowledged write) still works, and so does the data
    const r = await fetch(`${again.url}/api/orgs?pageSize=1`, { headers: { cookie } });
    expect(r.status).toBe(200);
    if (env.DATA_DIR && !env.DATABASE_URL) {
      expect(fs.readFileSync(path.join(env.DATA_DIR, 'transferone.lock'), 'utf8')).toBe(
        String(again.child.pid),
      );
    }
    again.child.kill('SIGTERM');
    stopped = true;
    expect((await again.exited).code).toBe(0);
  } finally {
    if (!stopped) again.child.kill('SIGKILL');
  }
  const database = await openDatabase(
    loadConfig({ DATA_DIR: env.DATA_DIR ?? '/nonexistent', DATABASE_URL: env.DATABASE_URL ?? '' }),
  );
  try {
    const rows = await database.db.selectFrom('orgs').select(['id', 'uscc', 'name']).execute();
    const byUscc = new Map(rows.map((r) => [r.uscc, r]));
    const missing = acked.filter((a) => byUscc.get(a.uscc)?.id !== a.id);
    const audited = new Set(
      (
        await database.db
          .selectFrom('audit_log')
          .select('object_id')
          .where('action', '=', 'org.create')
          .execute()
      ).map((r) => r.object_id),
    );
    const unaudited = acked.filter((a) => !audited.has(a.id));
    const chain = await verifyAuditChain(database.db);
    console.log(
      `[durability ${label}] acknowledged ${acked.length}, found ${acked.length - missing.length}, ` +
        `rows after restart ${rows.length}, audit rows ${chain.rows}, chain problems ${chain.problems.length}`,
    );
    expect(missing).toEqual([]);
    expect(unaudited).toEqual([]);
    expect(chain.problems).toEqual([]);
  } finally {
    await database.close();
  }
}

describe('kill -9 durability', { timeout: 300_000 }, () => {
  it('embedded PGlite: no acknowledged write is lost, and the stale folder lock is taken over', async () => {
    const env = { DATA_DIR: path.join(tmp, 'embedded') };
    expect((await runCli(['seed'], env)).code).toBe(0);
    const server = await startServe(env);
    const cookie = await signIn(server.url);
    const { acked, sent, exit } = await writeUntilKilled(server, cookie, 60);
    expect(exit.signal).toBe('SIGKILL');
    expect(acked.length).toBeGreaterThanOrEqual(60);
    expect(sent).toBeGreaterThan(acked.length); // requests were in flight when it died
    // the dead process's pid is still in the lock file: the restart must take it over
    expect(fs.readFileSync(path.join(env.DATA_DIR, 'transferone.lock'), 'utf8')).toBe(
      String(server.child.pid),
    );
    await checkAfterRestart(env, acked, cookie, 'pglite');
  });

  it.skipIf(!process.env.DATABASE_URL)('PostgreSQL server: no acknowledged write is lost', async () => {
    const db = (await createTestDatabaseUrl())!;
    cleanups.push(db.drop);
    const env = { DATABASE_URL: db.url, DATA_DIR: path.join(tmp, 'server-files') };
    expect((await runCli(['seed'], env)).code).toBe(0);
    const server = await startServe(env);
    const cookie = await signIn(server.url);
    const { acked, exit } = await writeUntilKilled(server, cookie, 60);
    expect(exit.signal).toBe('SIGKILL');
    await checkAfterRestart(env, acked, cookie, 'server');
  });
});
