/**
 * Faults under deadline load (issue 10): a deadline rush against a real `transferone serve` process
 * on a PRIVATE PostgreSQL cluster, while a chaos loop SIGKILLs the server (and starts it again) and
 * crash-restarts PostgreSQL (`pg_ctl restart -m immediate`). Clients retry with the same
 * Idempotency-Key until they get an answer. Then it checks: every acknowledged submission is stored
 * with its receipt, none twice, no orphan file (a blob without its row, a row without its blob, a
 * stray temp file), the audit chain verifies (`transferone audit-verify`); it reports the recovery
 * time (kill → first successful answer). The call's deadline is set during the rush from the configured
 * kill and restart counts and the pace of the first FAULTS_PACE_KILLS kills (unless
 * FAULTS_DEADLINE_MINUTES fixes it), so every client can submit before it; the run reports whether all
 * did. Orphan files are counted before and after the orphan sweep (`files.orphan-sweep`). Last, a full disk: the file store on a small tmpfs, uploads
 * until it is full, a clean 507 Problem, no partial file, then space freed and uploads work again.
 *
 *   npx tsx bench/faults/run.ts
 *
 * Environment (defaults): FAULTS_APPLICANTS=200 FAULTS_CONCURRENCY=24 FAULTS_KILLS=50
 * FAULTS_PG_RESTARTS=10 FAULTS_PG_PORT=55432 FAULTS_HTTP_PORT=38471 FAULTS_PACE_KILLS=5
 * FAULTS_DEADLINE_MINUTES=(computed) FAULTS_MAX_UP_MS=20000 FAULTS_TMPFS_MB=20 FAULTS_FULL_DISK=on|off PG_BIN=/usr/lib/postgresql/15/bin.
 * The system cluster on :5432 is never touched. Everything (cluster, temp dirs, tmpfs) is removed at
 * the end, also on failure. A benchmark, not a CI test.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { buildApp, openPlatform, ROOT } from '../../server/src/app.js';
import { loadConfig } from '../../server/src/platform/config.js';
import type { TestEnv } from '../../server/src/testing/harness.js';
import { createOrg, createUser, loginAs } from '../../server/src/testing/factories.js';
import { guide2023, passingContent, pdf } from '../../server/src/modules/applications/programme.fixtures.js';
import { shanghaiIso } from '../../server/src/modules/calls/index.js';
import { sweepOrphans } from '../../server/src/modules/files/index.js';

const num = (name: string, def: number) => Number(process.env[name] ?? def);
const N = num('FAULTS_APPLICANTS', 200);
const C = num('FAULTS_CONCURRENCY', 24);
const KILLS = num('FAULTS_KILLS', 50);
const PG_RESTARTS = num('FAULTS_PG_RESTARTS', 10);
const PG_PORT = num('FAULTS_PG_PORT', 55432);
const HTTP_PORT = num('FAULTS_HTTP_PORT', 38471);
/** A fixed deadline (minutes after setup) instead of the computed one. */
const DEADLINE_MIN = process.env.FAULTS_DEADLINE_MINUTES
  ? Number(process.env.FAULTS_DEADLINE_MINUTES)
  : undefined;
/** The deadline is computed after this many kills, from their pace. */
const PACE_KILLS = Math.max(1, Math.min(num('FAULTS_PACE_KILLS', 5), KILLS));
/** Provisional deadline during setup and the first kills (replaced by the computed one). */
const PROVISIONAL_MIN = 180;
/** After a start, the kill waits for the server's first answer, at most this long. */
const MAX_UP_MS = num('FAULTS_MAX_UP_MS', 20_000);
const TMPFS_MB = num('FAULTS_TMPFS_MB', 20);
const FULL_DISK = (process.env.FAULTS_FULL_DISK ?? 'on') !== 'off';
const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
const BIN = path.join(ROOT, 'bin/transferone.mjs');
if (PG_PORT === 5432) throw new Error('FAULTS_PG_PORT must not be the system cluster port 5432');

const log = (m: string) => process.stderr.write(`[faults ${new Date().toISOString().slice(11, 19)}] ${m}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const isRoot = process.getuid?.() === 0;

// ---------------------------------------------------------------- temp dirs, cleanup
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'transferone-faults-'));
fs.chmodSync(root, 0o755);
const pgData = path.join(root, 'pg');
const dataDir = path.join(root, 'data');
const filesDir = path.join(root, 'files');
const fullDir = path.join(root, 'full');
const DATABASE_URL = `postgres://postgres@127.0.0.1:${PG_PORT}/postgres`;
let server: ChildProcess | undefined;
let pgStarted = false;
let tmpfsMounted = false;

function asPostgres(cmd: string, args: string[]) {
  const full = isRoot
    ? spawnSync('runuser', ['-u', 'postgres', '--', path.join(PG_BIN, cmd), ...args], { encoding: 'utf8' })
    : spawnSync(path.join(PG_BIN, cmd), args, { encoding: 'utf8' });
  if (full.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${full.stdout}\n${full.stderr}`);
  return full.stdout;
}
const pgCtl = (...args: string[]) => asPostgres('pg_ctl', ['-D', pgData, '-w', '-t', '60', ...args]);

function cleanup() {
  if (server && server.exitCode === null) server.kill('SIGKILL');
  if (pgStarted) {
    try {
      pgCtl('stop', '-m', 'immediate');
    } catch {
      /* already down */
    }
    pgStarted = false;
  }
  if (tmpfsMounted) {
    spawnSync('umount', [fullDir]);
    tmpfsMounted = false;
  }
  fs.rmSync(root, { recursive: true, force: true });
}
process.on('exit', cleanup);
for (const sig of ['SIGINT', 'SIGTERM'] as const)
  process.on(sig, () => {
    cleanup();
    process.exit(130);
  });

function startPg() {
  fs.mkdirSync(pgData, { mode: 0o700 });
  if (isRoot) spawnSync('chown', ['postgres:postgres', pgData]);
  asPostgres('initdb', ['-D', pgData, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  fs.appendFileSync(
    path.join(pgData, 'postgresql.conf'),
    `\nport = ${PG_PORT}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '${pgData}'\nmax_connections = 200\nfsync = on\n`,
  );
  pgCtl('start', '-l', path.join(pgData, 'server.log'));
  pgStarted = true;
}

// ---------------------------------------------------------------- the server process
const serverEnv = (files: string, port: number) => {
  const base: NodeJS.ProcessEnv = { ...process.env };
  delete base.VITEST;
  return {
    ...base,
    DATABASE_URL,
    DATA_DIR: dataDir,
    FILES_DIR: files,
    PORT: String(port),
    HOST: '127.0.0.1',
    JOBS: 'off',
    LOG_LEVEL: 'error',
  };
};
let serverOut = '';
function startServer(files = filesDir, port = HTTP_PORT): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'serve', '--no-web'], {
      cwd: ROOT,
      env: serverEnv(files, port),
    });
    let out = '';
    const onData = (d: Buffer) => {
      out += d;
      serverOut = (serverOut + d).slice(-20_000);
      if (/listening on/.test(out)) {
        child.stdout!.off('data', onData);
        resolve(child);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => (serverOut = (serverOut + d).slice(-20_000)));
    child.on('exit', (code, signal) => {
      if (!/listening on/.test(out))
        reject(new Error(`serve exited ${code ?? signal}\n${out}\n${serverOut}`));
    });
  });
}
/** Starts the server, retrying while PostgreSQL is itself recovering. */
async function startServerRetrying(files = filesDir, port = HTTP_PORT): Promise<ChildProcess> {
  for (let i = 0; ; i++) {
    try {
      return await startServer(files, port);
    } catch (e) {
      if (i >= 30) throw e;
      await sleep(500);
    }
  }
}
function killServer(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

// ---------------------------------------------------------------- HTTP client
const agent = new http.Agent({ keepAlive: true, maxSockets: C * 2 });
interface Answer {
  status: number;
  json: any;
  headers: http.IncomingHttpHeaders;
}
function request(
  port: number,
  method: string,
  url: string,
  cookie: string,
  body?: unknown,
  headers: Record<string, string> = {},
  timeoutMs = 30_000,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const data =
      body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: url,
        agent,
        headers: {
          cookie,
          origin: `http://127.0.0.1:${port}`,
          ...(data && !Buffer.isBuffer(body) ? { 'content-type': 'application/json' } : {}),
          ...(data ? { 'content-length': String(data.length) } : {}),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown = text;
          try {
            json = text ? JSON.parse(text) : null;
          } catch {
            /* not JSON */
          }
          resolve({ status: res.statusCode ?? 0, json, headers: res.headers });
        });
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error('client timeout')));
    req.on('error', reject);
    if (data) req.write(data);
    req.end();
  });
}
function multipart(name: string, content: Buffer) {
  const boundary = `----faults${randomUUID().replace(/-/g, '')}`;
  return {
    body: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
async function pool<T>(items: T[], width: number, fn: (t: T, i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i], i);
      }
    }),
  );
}
function pct(sorted: number[], p: number) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

// ---------------------------------------------------------------- setup (in process, then closed)
interface Applicant {
  appId: string;
  cookie: string;
}
async function setup(): Promise<{ callId: string; applicants: Applicant[]; closesAt: string }> {
  const config = loadConfig(serverEnv(filesDir, 0));
  const platform = await openPlatform(config, { log: () => undefined });
  const app = await buildApp(platform.ctx, { logger: false, web: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  const env = { platform, app, config } as unknown as TestEnv;
  const must = async (p: Promise<Answer>, ok: number, what: string) => {
    const r = await p;
    if (r.status !== ok) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.json)}`);
    return r.json;
  };
  try {
    const call = guide2023();
    call.status = 'draft';
    const closesAt = new Date(Date.now() + (DEADLINE_MIN ?? PROVISIONAL_MIN) * 60_000);
    closesAt.setMilliseconds(0);
    call.window = {
      ...call.window,
      opensAt: shanghaiIso(new Date(Date.now() - 3_600_000)),
      closesAt: shanghaiIso(closesAt),
    };
    const staff = await loginAs(env, ['commissionStaff']);
    const callId = (await must(request(port, 'POST', '/api/calls/import', staff, call), 201, 'import'))
      .id as string;
    await must(request(port, 'POST', `/api/calls/${callId}/publish`, staff), 200, 'publish');
    const kinds = [
      { type: 'university', dir: '1' },
      { type: 'enterprise', dir: '2' },
      { type: 'transferInstitution', dir: '4' },
      { type: 'researchInstitute', dir: '4' },
    ] as const;
    const applicants: Applicant[] = new Array(N);
    await pool(
      Array.from({ length: N }, (_, i) => i),
      16,
      async (i) => {
        const k = kinds[i % kinds.length];
        const org = await createOrg(env, { type: k.type, region: '上海市徐汇区', name: `故障测试单位${i}` });
        const admin = await createUser(env, { roles: ['orgAdmin'], orgId: org.id });
        const cookie = await loginAs(env, admin);
        const appId = (
          await must(
            request(port, 'POST', '/api/applications', cookie, {
              callId,
              directionCode: k.dir,
              leadUserId: admin.user.id,
            }),
            201,
            'start',
          )
        ).id as string;
        await must(
          request(port, 'PATCH', `/api/applications/${appId}/draft`, cookie, {
            content: passingContent(call, k.dir, k.type, `故障测试项目${i}`),
          }),
          200,
          'save',
        );
        const types = [
          'feasibilityPlan',
          ...(k.dir === '4'
            ? [k.type === 'transferInstitution' ? 'serviceInstitutionAnnualReport' : 'annualTransferReport']
            : []),
        ];
        for (const type of types) {
          const m = multipart(`${type}.pdf`, pdf(`${type} ${i} ${randomUUID()}`));
          const f = await must(request(port, 'POST', '/api/files', cookie, m.body, m.headers), 201, 'upload');
          await must(
            request(port, 'POST', `/api/applications/${appId}/attachments`, cookie, { type, fileId: f.id }),
            201,
            'attach',
          );
        }
        await must(request(port, 'POST', `/api/applications/${appId}/send-for-review`, cookie), 200, 'send');
        await must(
          request(port, 'POST', `/api/applications/${appId}/org-review`, cookie, { decision: 'approve' }),
          200,
          'approve',
        );
        applicants[i] = { appId, cookie };
      },
    );
    return { callId, applicants, closesAt: closesAt.toISOString() };
  } finally {
    await app.close();
    await platform.close();
  }
}

// ---------------------------------------------------------------- the rush under chaos
interface Recovery {
  kind: 'server' | 'postgres';
  at: number;
  firstOk?: number;
}
async function rushUnderChaos(applicants: Applicant[], closesAt: string, callIdOf: string) {
  const recoveries: Recovery[] = [];
  let okSinceStart = 0;
  const noteOk = () => {
    okSinceStart += 1;
    const t = performance.now();
    for (const r of recoveries) if (r.firstOk === undefined && t > r.at) r.firstOk = t - r.at;
  };
  const acknowledged = new Map<string, { number: string; sha256: string }>();
  const uploads = new Map<string, { sha256: string; key: string }>();
  const answers: Record<string, number> = {};
  const count = (k: string) => (answers[k] = (answers[k] ?? 0) + 1);
  let attempts = 0;
  let chaosDone = false;
  let deadline = Date.parse(closesAt);
  const deadlineInfo: Record<string, unknown> = { mode: DEADLINE_MIN ? 'fixed' : 'computed' };
  let lastSubmitAnswerAt = 0;
  let deadlineRefusals = 0;
  let unsubmitted = applicants.length;

  /**
   * After the first PACE_KILLS kills: the deadline is now + 1.5 × the time the remaining kills and
   * restarts take at the pace measured so far + 2 min, written to the call (window and column).
   */
  async function setDeadlineFromPace(t0: number, kills: number, pgDone: number, pgMs: number) {
    const elapsed = performance.now() - t0;
    const perKill = (elapsed - pgMs) / kills;
    const perPg = pgDone ? pgMs / pgDone : perKill;
    const remaining = perKill * (KILLS - kills) + perPg * (PG_RESTARTS - pgDone) + 2000;
    const at = new Date(Date.now() + 1.5 * remaining + 120_000);
    at.setMilliseconds(0);
    const db = new pg.Client({ connectionString: DATABASE_URL });
    for (let i = 0; ; i++) {
      try {
        await db.connect();
        break;
      } catch (e) {
        if (i >= 60) throw e;
        await sleep(500);
      }
    }
    try {
      await db.query(
        `update calls set closes_at = $2, content = jsonb_set(content, '{window,closesAt}', to_jsonb($3::text)) where id = $1`,
        [callIdOf, at, shanghaiIso(at)],
      );
    } finally {
      await db.end();
    }
    deadline = at.getTime();
    Object.assign(deadlineInfo, {
      closesAt: at.toISOString(),
      setAfterKills: kills,
      paceMsPerKill: Math.round(perKill),
      paceMsPerPgRestart: Math.round(perPg),
      setSecondsIntoRush: Math.round(elapsed / 1000),
      estimatedRemainingSeconds: Math.round(remaining / 1000),
      unsubmittedWhenSet: unsubmitted,
    });
    log(
      `deadline set to ${at.toISOString()} (${(perKill / 1000).toFixed(1)} s per kill, ${unsubmitted} not yet submitted)`,
    );
  }

  /** Sends until an answer that is not a transport error, a 5xx or "in progress"; same key each time. */
  async function untilAnswered(what: string, send: () => Promise<Answer>): Promise<Answer | undefined> {
    for (let attempt = 0; Date.now() < deadline + 60_000; attempt++) {
      attempts += 1;
      try {
        const r = await send();
        if (r.status >= 500 || (r.status === 409 && r.json?.code === 'idempotency_in_progress')) {
          count(`${what} ${r.status} ${r.json?.code ?? ''} (retried)`);
          await sleep(Math.min(1000, 50 * (attempt + 1)));
          continue;
        }
        noteOk();
        return r;
      } catch {
        count(`${what} connection error (retried)`);
        await sleep(Math.min(1000, 50 * (attempt + 1)));
      }
    }
    count(`${what} gave up`);
    return undefined;
  }

  async function upload(a: Applicant, label: string) {
    const key = `faults-up-${randomUUID()}`;
    const m = multipart(`${label}.pdf`, pdf(`${label} ${key} ${'补充材料'.repeat(200)}`));
    const r = await untilAnswered('upload', () =>
      request(HTTP_PORT, 'POST', '/api/files?purpose=supplement', a.cookie, m.body, {
        ...m.headers,
        'idempotency-key': key,
      }),
    );
    if (r?.status === 201) uploads.set(r.json.id as string, { sha256: r.json.sha256 as string, key });
    else if (r) count(`upload ${r.status} ${r.json?.code ?? ''}`);
  }

  const client = async () => {
    // each applicant: two supplementary uploads, then the submit (same key on every retry)
    await pool(applicants, C, async (a, i) => {
      await upload(a, `supplement-${i}-a`);
      await upload(a, `supplement-${i}-b`);
      const key = { 'idempotency-key': `faults-submit-${a.appId}` };
      const r = await untilAnswered('submit', () =>
        request(HTTP_PORT, 'POST', `/api/applications/${a.appId}/submit`, a.cookie, undefined, key),
      );
      if (r) {
        lastSubmitAnswerAt = Math.max(lastSubmitAnswerAt, Date.now());
        unsubmitted -= 1;
      }
      if (r && (r.status === 200 || r.status === 201))
        acknowledged.set(a.appId, { number: r.json.number as string, sha256: r.json.sha256 as string });
      else if (r) {
        if (r.json?.code === 'deadline_passed') deadlineRefusals += 1;
        count(`submit ${r.status} ${r.json?.code ?? ''}`);
      }
    });
    // keep the load on (more uploads) until the chaos loop is done
    let n = 0;
    await Promise.all(
      Array.from({ length: Math.min(C, 8) }, async (_, w) => {
        while (!chaosDone) await upload(applicants[(w + n++) % applicants.length], `late-${w}-${n}`);
      }),
    );
  };

  const chaos = async () => {
    const pgEvery = Math.max(1, Math.floor(KILLS / Math.max(1, PG_RESTARTS)));
    let pgDone = 0;
    let pgMs = 0;
    const pgRestart = () => {
      const t = performance.now();
      recoveries.push({ kind: 'postgres', at: t });
      pgCtl('restart', '-m', 'immediate', '-l', path.join(pgData, 'server.log'));
      pgDone += 1;
      pgMs += performance.now() - t;
    };
    const tc = performance.now();
    for (let k = 0; k < KILLS; k++) {
      if (k === PACE_KILLS && !DEADLINE_MIN) await setDeadlineFromPace(tc, k, pgDone, pgMs);
      // a kill only once this server has answered something (up to FAULTS_MAX_UP_MS): on a slow
      // machine a start takes longer than the 0.3–1.2 s window, and no request would ever finish
      for (const t = Date.now(); okSinceStart === 0 && Date.now() - t < MAX_UP_MS;) await sleep(50);
      await sleep(300 + Math.random() * 900);
      await killServer(server!);
      recoveries.push({ kind: 'server', at: performance.now() });
      if (k % 25 === 0) log(`kill ${k + 1}/${KILLS}, acknowledged ${acknowledged.size}/${applicants.length}`);
      // PostgreSQL crash, while the server is down every pgEvery kills (the server then starts against a
      // recovering cluster) — and on odd turns while the server runs, under load
      if (pgDone < PG_RESTARTS && k % pgEvery === pgEvery - 1 && pgDone % 2 === 0) pgRestart();
      server = await startServerRetrying();
      okSinceStart = 0;
      if (pgDone < PG_RESTARTS && k % pgEvery === pgEvery - 1 && pgDone % 2 === 1) {
        await sleep(300 + Math.random() * 700);
        pgRestart();
      }
    }
    while (pgDone < PG_RESTARTS) {
      await sleep(500);
      pgRestart();
    }
    await sleep(2000); // let the clients see a successful answer after the last fault
    chaosDone = true;
    return pgDone;
  };

  const t0 = performance.now();
  const [, pgRestarts] = await Promise.all([client(), chaos()]);
  return {
    seconds: (performance.now() - t0) / 1000,
    acknowledged,
    uploads,
    answers,
    attempts,
    recoveries,
    pgRestarts,
    deadline: {
      ...deadlineInfo,
      closesAt: new Date(deadline).toISOString(),
      lastSubmitAnswerAt: lastSubmitAnswerAt ? new Date(lastSubmitAnswerAt).toISOString() : null,
      allSubmittedBeforeDeadline:
        unsubmitted === 0 && lastSubmitAnswerAt < deadline && deadlineRefusals === 0,
      refusedAsDeadlinePassed: deadlineRefusals,
      neverAnswered: unsubmitted,
    },
  };
}

// ---------------------------------------------------------------- checks
function walk(dir: string, out: string[] = []): string[] {
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}
/** Blobs on disk vs rows of `files`: orphans both ways, and stray temp files. */
async function fileConsistency(db: pg.Client, dir: string, since?: Date) {
  const rows = (
    await db.query<{ id: string; sha256: string }>('select id, sha256 from files where created_at >= $1', [
      since ?? new Date(0),
    ])
  ).rows;
  const onDisk = walk(dir).filter((p) => path.basename(p) !== 'filler.bin');
  const tmp = onDisk.filter((p) => path.relative(dir, p).startsWith(`tmp${path.sep}`));
  const blobs = new Set(onDisk.filter((p) => !tmp.includes(p)).map((p) => path.basename(p)));
  const referenced = new Set(rows.map((r) => r.sha256));
  return {
    rows,
    blobs: blobs.size,
    orphanBlobs: [...blobs].filter((b) => !referenced.has(b)).length,
    missingBlobs: [...referenced].filter((s) => !blobs.has(s)).length,
    strayTemp: tmp.length,
  };
}

async function verify(callId: string, rush: Awaited<ReturnType<typeof rushUnderChaos>>) {
  const db = new pg.Client({ connectionString: DATABASE_URL });
  await db.connect();
  try {
    const receipts = (
      await db.query<{ application_id: string; number: string; package_sha256: string }>(
        'select application_id, number, package_sha256 from application_receipts where call_id = $1',
        [callId],
      )
    ).rows;
    const perApp = new Map<string, number>();
    for (const r of receipts) perApp.set(r.application_id, (perApp.get(r.application_id) ?? 0) + 1);
    const byApp = new Map(receipts.map((r) => [r.application_id, r]));
    const lost = [...rush.acknowledged].filter(
      ([id, a]) => byApp.get(id)?.number !== a.number || byApp.get(id)?.package_sha256 !== a.sha256,
    );
    const submitted = Number(
      (
        await db.query<{ n: string }>(
          "select count(*) as n from applications where call_id = $1 and status = 'submitted'",
          [callId],
        )
      ).rows[0].n,
    );
    const submitAudits = Number(
      (
        await db.query<{ n: string }>(
          "select count(*) as n from audit_log where action = 'application.submit' and object_id = any($1::text[])",
          [receipts.map((r) => r.application_id)],
        )
      ).rows[0].n,
    );
    const files = await fileConsistency(db, filesDir);
    const fileRows = new Map(files.rows.map((r) => [r.id, r.sha256]));
    const lostUploads = [...rush.uploads].filter(([id, u]) => fileRows.get(id) !== u.sha256).length;
    // the orphan sweep (the server is stopped: nothing in flight, so no grace period is needed)
    const sweep = await runSweep();
    const swept = await fileConsistency(db, filesDir);
    const sweptRows = new Map(swept.rows.map((r) => [r.id, r.sha256]));
    const lostUploadsAfterSweep = [...rush.uploads].filter(
      ([id, u]) => sweptRows.get(id) !== u.sha256,
    ).length;
    const audit = spawnSync(process.execPath, [BIN, 'audit-verify'], {
      cwd: ROOT,
      env: serverEnv(filesDir, 0),
      encoding: 'utf8',
    });
    return {
      receipts: receipts.length,
      lost: lost.length,
      duplicatedPerApplication: [...perApp.values()].filter((n) => n > 1).length,
      duplicatedNumbers: receipts.length - new Set(receipts.map((r) => r.number)).size,
      unacknowledgedButStored: receipts.filter((r) => !rush.acknowledged.has(r.application_id)).length,
      submittedApplications: submitted,
      submitAudits,
      lostUploads,
      fileRows: files.rows.length,
      blobs: files.blobs,
      orphanBlobs: files.orphanBlobs,
      missingBlobs: files.missingBlobs,
      strayTemp: files.strayTemp,
      sweep,
      afterSweep: {
        blobs: swept.blobs,
        orphanBlobs: swept.orphanBlobs,
        missingBlobs: swept.missingBlobs,
        strayTemp: swept.strayTemp,
        lostUploads: lostUploadsAfterSweep,
      },
      auditVerify: audit.status === 0 ? 'ok' : 'FAILED',
      auditVerifyOutput: (audit.stdout + audit.stderr)
        .split('\n')
        .filter((l) => /Audit chain|TAMPERED|seq/.test(l))
        .join(' / '),
    };
  } finally {
    await db.end();
  }
}

/** Runs the files module's orphan sweep in process against the stopped server's store and database. */
async function runSweep() {
  const config = { ...loadConfig(serverEnv(filesDir, 0)), filesSweepGraceMs: 0 };
  const platform = await openPlatform(config, { log: () => undefined });
  try {
    const t = performance.now();
    const r = await sweepOrphans(platform.ctx);
    return { ...r, ms: Math.round(performance.now() - t) };
  } finally {
    await platform.close();
  }
}

// ---------------------------------------------------------------- full disk
async function fullDisk(cookie: string) {
  if (!isRoot) return { skipped: 'not root: no tmpfs' };
  fs.mkdirSync(fullDir);
  const m = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${TMPFS_MB}m`, 'tmpfs', fullDir], {
    encoding: 'utf8',
  });
  if (m.status !== 0) return { skipped: `mount failed: ${m.stderr.trim()}` };
  tmpfsMounted = true;
  const port = HTTP_PORT + 1;
  // a filler leaves a few MB, so the store fills after a handful of uploads
  const filler = path.join(fullDir, 'filler.bin');
  fs.writeFileSync(filler, Buffer.alloc(Math.max(0, (TMPFS_MB - 4) * 1024 * 1024)));
  const child = await startServerRetrying(fullDir, port);
  const since = new Date();
  try {
    const outcomes: { status: number; code?: string; zh?: string; en?: string }[] = [];
    let refused: Answer | undefined;
    for (let i = 0; i < 200 && !refused; i++) {
      const mp = multipart(`big-${i}.pdf`, pdf(`${i} ${randomUUID()} ${'x'.repeat(700_000)}`));
      const r = await request(port, 'POST', '/api/files', cookie, mp.body, mp.headers);
      outcomes.push({ status: r.status, code: r.json?.code });
      if (r.status !== 201) refused = r;
    }
    const db = new pg.Client({ connectionString: DATABASE_URL });
    await db.connect();
    const atFull = await fileConsistency(db, fullDir, since);
    fs.rmSync(filler);
    const mp = multipart('after-free.pdf', pdf(`after ${randomUUID()} ${'y'.repeat(700_000)}`));
    const after = await request(port, 'POST', '/api/files', cookie, mp.body, mp.headers);
    const afterFree = await fileConsistency(db, fullDir, since);
    await db.end();
    const problem = refused?.json as { code?: string; message?: string; messageEn?: string } | undefined;
    return {
      accepted: outcomes.filter((o) => o.status === 201).length,
      refusedStatus: refused?.status ?? 'never refused',
      refusedCode: problem?.code,
      refusedContentType: refused?.headers['content-type'],
      messageZh: problem?.message,
      messageEn: problem?.messageEn,
      atFull: {
        strayTemp: atFull.strayTemp,
        orphanBlobs: atFull.orphanBlobs,
        missingBlobs: atFull.missingBlobs,
      },
      afterFreeStatus: after.status,
      afterFree: {
        strayTemp: afterFree.strayTemp,
        orphanBlobs: afterFree.orphanBlobs,
        missingBlobs: afterFree.missingBlobs,
      },
    };
  } finally {
    await killServer(child);
    spawnSync('umount', [fullDir]);
    tmpfsMounted = false;
  }
}

// ---------------------------------------------------------------- main
async function main() {
  const started = new Date();
  log(`private PostgreSQL on :${PG_PORT} in ${pgData}`);
  startPg();
  const t0 = performance.now();
  const { callId, applicants, closesAt } = await setup();
  const setupS = (performance.now() - t0) / 1000;
  log(`setup: ${N} approved applications in ${setupS.toFixed(1)} s; the call closes ${closesAt}`);
  server = await startServerRetrying();
  const rush = await rushUnderChaos(applicants, closesAt, callId);
  log(`chaos done in ${rush.seconds.toFixed(0)} s; stopping the server for the checks`);
  await killServer(server);
  const checks = await verify(callId, rush);
  const full = FULL_DISK ? await fullDisk(applicants[0].cookie) : { skipped: 'FAULTS_FULL_DISK=off' };
  const rec = (kind: Recovery['kind']) => {
    const xs = rush.recoveries
      .filter((r) => r.kind === kind && r.firstOk !== undefined)
      .map((r) => r.firstOk!)
      .sort((a, b) => a - b);
    return {
      n: xs.length,
      min: Math.round(xs[0] ?? NaN),
      median: Math.round(pct(xs, 50)),
      p95: Math.round(pct(xs, 95)),
      max: Math.round(xs.at(-1) ?? NaN),
    };
  };
  const result = {
    date: started.toISOString(),
    applicants: N,
    concurrency: C,
    setupSeconds: Math.round(setupS),
    chaosSeconds: Math.round(rush.seconds),
    serverKills: rush.recoveries.filter((r) => r.kind === 'server').length,
    postgresRestarts: rush.pgRestarts,
    attempts: rush.attempts,
    acknowledged: rush.acknowledged.size,
    acknowledgedUploads: rush.uploads.size,
    deadline: rush.deadline,
    ...checks,
    answers: rush.answers,
    recoveryServerMs: rec('server'),
    recoveryPostgresMs: rec('postgres'),
    fullDisk: full,
    machine: `${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, Node ${process.version}, PostgreSQL ${asPostgres('postgres', ['--version']).trim()}`,
  };
  const ok =
    result.acknowledged === N &&
    checks.lost === 0 &&
    checks.duplicatedPerApplication === 0 &&
    checks.duplicatedNumbers === 0 &&
    checks.lostUploads === 0 &&
    checks.afterSweep.orphanBlobs === 0 &&
    checks.afterSweep.missingBlobs === 0 &&
    checks.afterSweep.strayTemp === 0 &&
    checks.afterSweep.lostUploads === 0 &&
    checks.missingBlobs === 0 &&
    rush.deadline.allSubmittedBeforeDeadline &&
    checks.auditVerify === 'ok';
  const md = report(result, ok);
  process.stdout.write(md);
  const out = path.join(ROOT, 'bench/faults/results', `${started.toISOString().slice(0, 10)}.md`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, md);
  log(`written ${path.relative(ROOT, out)}`);
  if (!ok) process.exitCode = 1;
}

function report(r: Record<string, any>, ok: boolean): string {
  const row = (k: string, v: unknown) =>
    `| ${k} | ${typeof v === 'object' ? JSON.stringify(v) : String(v)} |`;
  const recRow = (k: string, x: { n: number; min: number; median: number; p95: number; max: number }) =>
    `| ${k} | n ${x.n}: min ${x.min} / median ${x.median} / p95 ${x.p95} / max ${x.max} ms |`;
  return [
    `# Faults under deadline load — ${r.date.slice(0, 10)}`,
    '',
    '`npx tsx bench/faults/run.ts` ' +
      `(FAULTS_APPLICANTS=${r.applicants} FAULTS_CONCURRENCY=${r.concurrency} FAULTS_KILLS=${KILLS} FAULTS_PG_RESTARTS=${PG_RESTARTS}${DEADLINE_MIN ? ` FAULTS_DEADLINE_MINUTES=${DEADLINE_MIN}` : ''})`,
    '',
    `Verdict: **${ok ? 'PASS' : 'FAIL'}**`,
    '',
    '| measure | value |',
    '|---|---|',
    row('applicants (approved drafts, one call)', r.applicants),
    row('setup / chaos seconds', `${r.setupSeconds} / ${r.chaosSeconds}`),
    row('server kill -9 survived', r.serverKills),
    row('PostgreSQL crash restarts (-m immediate)', r.postgresRestarts),
    row('requests sent (with retries)', r.attempts),
    row('submissions acknowledged (receipt returned)', r.acknowledged),
    row('receipts stored', r.receipts),
    row('acknowledged but lost or different', r.lost),
    row('duplicated receipts per application', r.duplicatedPerApplication),
    row('duplicated receipt numbers', r.duplicatedNumbers),
    row('stored without acknowledgement', r.unacknowledgedButStored),
    row('applications submitted / submit audit records', `${r.submittedApplications} / ${r.submitAudits}`),
    row('uploads acknowledged / lost', `${r.acknowledgedUploads} / ${r.lostUploads}`),
    row('file rows / blobs on disk', `${r.fileRows} / ${r.blobs}`),
    row(
      'before the sweep: orphan blobs (no row) / rows without blob / stray temp files',
      `${r.orphanBlobs} / ${r.missingBlobs} / ${r.strayTemp}`,
    ),
    row('orphan sweep removed', r.sweep),
    row(
      'after the sweep: orphan blobs / rows without blob / stray temp files / acknowledged uploads lost',
      `${r.afterSweep.orphanBlobs} / ${r.afterSweep.missingBlobs} / ${r.afterSweep.strayTemp} / ${r.afterSweep.lostUploads}`,
    ),
    row('deadline', r.deadline),
    row('audit-verify', `${r.auditVerify} (${r.auditVerifyOutput})`),
    recRow('recovery after server kill (kill → first 2xx/4xx answer)', r.recoveryServerMs),
    recRow('recovery after PostgreSQL crash', r.recoveryPostgresMs),
    row('full disk', r.fullDisk),
    row('answers that were retried / final refusals', r.answers),
    row('machine', r.machine),
    '',
  ].join('\n');
}

main()
  .catch((e) => {
    console.error(e);
    if (serverOut) console.error(`--- server output (tail) ---\n${serverOut.slice(-4000)}`);
    process.exitCode = 1;
  })
  .finally(() => {
    agent.destroy();
    process.exit(process.exitCode ?? 0); // runs cleanup() through the 'exit' handler
  });
