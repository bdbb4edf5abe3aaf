/**
 * Deadline rush (截止前集中提交): N organisations, each with a complete, approved application to the
 * 2023 guide, all press "submit" in the last simulated minutes before 16:30:00 +08:00, through HTTP
 * against a real listening server (keep-alive sockets, bounded concurrency). A share of clients
 * "time out" (abort their first request after a few ms) and retry with the same Idempotency-Key.
 * Reports p50/p95/p99 latency, throughput and errors, then checks that every acknowledged
 * submission is stored exactly once.
 *
 * --calls K publishes K calls of the same year (2023) closing at the same minute and spreads the
 * organisations over them round-robin: receipt numbers come from one sequence per year shared by all
 * calls, so every acknowledged submission must hold a distinct number, 1…N over the year.
 *
 *   npx tsx bench/deadline-rush/run.ts --applicants 1000 [--db server|pglite] [--concurrency 100] [--retry-share 0.1] [--calls 1]
 *
 * --db server (default) creates a fresh database on DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres)
 * and drops it afterwards; --db pglite uses an in-memory PGlite.
 */
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Command } from 'commander';
import { buildApp, openPlatform } from '../../server/src/app.js';
import { loadConfig } from '../../server/src/platform/config.js';
import { createTestDatabaseUrl, type TestEnv } from '../../server/src/testing/harness.js';
import { createOrg, createUser, loginAs } from '../../server/src/testing/factories.js';
import { guide2023, passingContent, pdf } from '../../server/src/modules/applications/programme.fixtures.js';
import { canonicalJson, sha256Hex } from '../../server/src/platform/canonical.js';

const opts = new Command()
  .option('--applicants <n>', 'organisations submitting', '1000')
  .option('--db <kind>', 'server | pglite', 'server')
  .option('--concurrency <n>', 'parallel clients in the rush', '100')
  .option('--retry-share <x>', 'share of clients that time out once and retry', '0.1')
  .option('--calls <n>', 'calls of the same year closing at the same minute', '1')
  .option('--json <file>', 'write the result as JSON here')
  .parse()
  .opts();
const N = Number(opts.applicants);
const C = Number(opts.concurrency);
const RETRY = Number(opts.retryShare);
const KIND = opts.db as 'server' | 'pglite';
const CALLS = Number(opts.calls);

const CLOSES = Date.parse('2023-10-30T16:30:00+08:00');
/**
 * Simulated clock: setup starts 25 minutes before the close (sessions stay inside the 30-minute idle
 * limit), the rush starts 5 minutes before it.
 */
let offset = CLOSES - 25 * 60_000 - Date.now();
const now = () => new Date(Date.now() + offset);

function pct(sorted: number[], p: number) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
const ms = (x: number) => Math.round(x * 10) / 10;

async function main() {
  const server = KIND === 'server' ? await createTestDatabaseUrl() : undefined;
  if (KIND === 'server' && !server) process.env.DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
  const db = KIND === 'server' ? (server ?? (await createTestDatabaseUrl())) : undefined;
  const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rush-files-'));
  const config = loadConfig(
    { ...process.env, DATABASE_URL: db?.url ?? '', JOBS: 'off', LOG_LEVEL: 'silent' },
    { dataDir: '/nonexistent', filesDir },
  );
  const platform = await openPlatform(config, { memory: KIND === 'pglite', now });
  const app = await buildApp(platform.ctx, { logger: false, web: false });
  const env = {
    platform,
    app,
    config,
    setNow: () => undefined,
    close: async () => undefined,
  } as unknown as TestEnv;
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  const agent = new http.Agent({ keepAlive: true, maxSockets: C });

  function request(
    method: string,
    url: string,
    cookie: string,
    body?: unknown | Buffer,
    headers: Record<string, string> = {},
    abortAfterMs?: number,
  ) {
    return new Promise<{ status: number; json: any; ms: number }>((resolve, reject) => {
      const data =
        body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
      const t0 = performance.now();
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          method,
          path: url,
          agent,
          headers: {
            cookie,
            ...(data && !Buffer.isBuffer(body) ? { 'content-type': 'application/json' } : {}),
            ...(data ? { 'content-length': String(data.length) } : {}),
            ...headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const json = (() => {
              try {
                return text ? (JSON.parse(text) as unknown) : null;
              } catch {
                return text;
              }
            })();
            resolve({ status: res.statusCode ?? 0, json, ms: performance.now() - t0 });
          });
        },
      );
      req.on('error', reject);
      if (abortAfterMs !== undefined)
        setTimeout(() => req.destroy(new Error('simulated client timeout')), abortAfterMs);
      if (data) req.write(data);
      req.end();
    });
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
  const must = (r: { status: number; json: any }, ok: number, what: string) => {
    if (r.status !== ok) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.json)}`);
    return r.json;
  };

  // ---- setup: the call, N organisations with complete, approved applications (all over HTTP) ----
  const t0 = performance.now();
  const call = guide2023();
  call.status = 'draft';
  const staff = await loginAs(env, ['commissionStaff']);
  const callIds: string[] = [];
  for (let k = 0; k < CALLS; k++) {
    // same year, same window (closing 16:30:00 the same day), each its own document number
    const c = { ...call, number: k === 0 ? call.number : `沪科指南〔2023〕${21 + k}号` };
    const id = must(await request('POST', '/api/calls/import', staff, c), 201, 'import').id as string;
    must(await request('POST', `/api/calls/${id}/publish`, staff), 200, 'publish');
    callIds.push(id);
  }
  const kinds = [
    { type: 'university', dir: '1' },
    { type: 'enterprise', dir: '2' },
    { type: 'transferInstitution', dir: '4' },
    { type: 'researchInstitute', dir: '4' },
  ] as const;
  const orgs = Array.from({ length: N }, (_, i) => kinds[i % kinds.length]);
  const apps: { id: string; cookie: string }[] = new Array(N);
  await pool(orgs, 32, async (k, i) => {
    const callId = callIds[i % CALLS];
    const org = await createOrg(env, { type: k.type, region: '上海市徐汇区', name: `压测单位${i}` });
    const admin = await createUser(env, { roles: ['orgAdmin'], orgId: org.id });
    const cookie = await loginAs(env, admin);
    const id = must(
      await request('POST', '/api/applications', cookie, {
        callId,
        directionCode: k.dir,
        leadUserId: admin.user.id,
      }),
      201,
      'start',
    ).id;
    must(
      await request('PATCH', `/api/applications/${id}/draft`, cookie, {
        content: passingContent(call, k.dir, k.type, `压测项目${i}`),
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
      const boundary = `----rush${randomUUID().replace(/-/g, '')}`;
      const payload = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${type}.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
        ),
        pdf(`${type} ${i}`),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const f = must(
        await request('POST', '/api/files', cookie, payload, {
          'content-type': `multipart/form-data; boundary=${boundary}`,
        }),
        201,
        'upload',
      );
      must(
        await request('POST', `/api/applications/${id}/attachments`, cookie, { type, fileId: f.id }),
        201,
        'attach',
      );
    }
    must(await request('POST', `/api/applications/${id}/send-for-review`, cookie), 200, 'send');
    must(
      await request('POST', `/api/applications/${id}/org-review`, cookie, { decision: 'approve' }),
      200,
      'approve',
    );
    apps[i] = { id, cookie };
  });
  const setupS = (performance.now() - t0) / 1000;
  process.stderr.write(`setup: ${N} approved applications in ${setupS.toFixed(1)} s\n`);

  // ---- the rush: 5 simulated minutes before the close ----
  offset = Math.max(offset, CLOSES - 5 * 60_000 - Date.now());
  const rushStart = now();
  const loadBefore = os.loadavg()[0];
  const latencies: number[] = [];
  const acknowledged = new Map<string, { number: string; sha256: string }>();
  const errors: Record<string, number> = {};
  let retried = 0;
  let attempts = 0;
  const order = [...apps.keys()].sort(() => Math.random() - 0.5);
  const r0 = performance.now();
  await pool(order, C, async (i) => {
    const { id, cookie } = apps[i];
    const key = { 'idempotency-key': `rush-${id}` };
    let timeoutFirst = Math.random() < RETRY;
    for (let attempt = 0; attempt < 20; attempt++) {
      attempts += 1;
      try {
        const r = await request(
          'POST',
          `/api/applications/${id}/submit`,
          cookie,
          undefined,
          key,
          timeoutFirst ? 2 : undefined,
        );
        if (r.status === 409 && r.json?.code === 'idempotency_in_progress') {
          await new Promise((res) => setTimeout(res, 20 * (attempt + 1)));
          continue;
        }
        latencies.push(r.ms);
        if (r.status === 200 || r.status === 201)
          acknowledged.set(id, { number: r.json.number, sha256: r.json.sha256 });
        else errors[`${r.status} ${r.json?.code}`] = (errors[`${r.status} ${r.json?.code}`] ?? 0) + 1;
        return;
      } catch {
        // the simulated timeout: the server may or may not have stored it; retry with the same key
        if (timeoutFirst) retried += 1;
        timeoutFirst = false;
        await new Promise((res) => setTimeout(res, 10));
      }
    }
    errors['gave up'] = (errors['gave up'] ?? 0) + 1;
  });
  const rushS = (performance.now() - r0) / 1000;
  const simulatedEnd = now();

  // ---- exactly once: every acknowledged submission has one receipt row that matches ----
  const rows = await platform.ctx.db
    .selectFrom('application_receipts')
    .select(['application_id', 'call_id', 'number', 'seq', 'package_sha256', 'package'])
    .where('call_id', 'in', callIds)
    .execute();
  const byApp = new Map(rows.map((r) => [r.application_id, r]));
  const mismatched = [...acknowledged].filter(
    ([id, a]) => byApp.get(id)?.number !== a.number || byApp.get(id)?.package_sha256 !== a.sha256,
  );
  // one sequence per year over all the calls: 1…N without gaps or repeats
  const seqs = rows.map((r) => r.seq).sort((a, b) => a - b);
  const contiguous = seqs.every((s, i) => s === i + 1);
  const hashesOk = rows.every((r) => sha256Hex(canonicalJson(r.package)) === r.package_sha256);
  const audits = await platform.ctx.db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('action', '=', 'application.submit')
    .executeTakeFirstOrThrow();
  const submitted = await platform.ctx.db
    .selectFrom('applications')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('call_id', 'in', callIds)
    .where('status', '=', 'submitted')
    .executeTakeFirstOrThrow();
  const ackByCall = new Map<string, number>();
  for (const r of rows)
    if (acknowledged.has(r.application_id)) ackByCall.set(r.call_id, (ackByCall.get(r.call_id) ?? 0) + 1);
  const sorted = [...latencies].sort((a, b) => a - b);
  const result = {
    db: KIND === 'server' ? 'PostgreSQL server' : 'PGlite (in memory)',
    applicants: N,
    concurrency: C,
    retryShare: RETRY,
    calls: CALLS,
    acknowledgedPerCall: callIds.map((id) => ackByCall.get(id) ?? 0),
    setupSeconds: ms(setupS),
    rushSeconds: ms(rushS),
    simulatedWindow: `${rushStart.toISOString()} … ${simulatedEnd.toISOString()}`,
    attempts,
    simulatedTimeouts: retried,
    acknowledged: acknowledged.size,
    throughputPerS: ms(acknowledged.size / rushS),
    p50: ms(pct(sorted, 50)),
    p95: ms(pct(sorted, 95)),
    p99: ms(pct(sorted, 99)),
    max: ms(sorted.at(-1) ?? NaN),
    errors,
    receipts: rows.length,
    uniqueNumbers: new Set(rows.map((r) => r.number)).size,
    contiguousSeq: contiguous,
    submittedApplications: Number(submitted.n),
    submitAuditRecords: Number(audits.n),
    mismatched: mismatched.length,
    hashesVerified: hashesOk,
    allAcknowledged: acknowledged.size === N,
    exactlyOnce:
      acknowledged.size > 0 &&
      rows.length === acknowledged.size &&
      new Set(rows.map((r) => r.number)).size === rows.length &&
      contiguous &&
      mismatched.length === 0 &&
      Number(audits.n) === rows.length &&
      Number(submitted.n) === rows.length &&
      hashesOk,
    loadAverage1m: { beforeRush: ms(loadBefore), afterRush: ms(os.loadavg()[0]) },
    machine: `${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`,
  };
  console.log(JSON.stringify(result, null, 2));
  if (opts.json) fs.writeFileSync(opts.json, JSON.stringify(result, null, 2));
  agent.destroy();
  await app.close();
  await platform.close();
  // a connection some module left open is cut by the forced drop: that is expected here
  process.on('uncaughtException', (e: { code?: string }) => {
    if (e.code !== '57P01') throw e;
  });
  await db?.drop();
  fs.rmSync(filesDir, { recursive: true, force: true });
  if (!result.exactlyOnce || !result.allAcknowledged) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
