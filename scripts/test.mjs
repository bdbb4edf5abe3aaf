#!/usr/bin/env node
// The whole test suite, as the README's `npm test` runs it:
//   1. format, lint, typecheck, the install check (scripts/check-install.ts), generated client up to date
//   2. unit + integration tests on the embedded PGlite
//   3. the same tests on the PostgreSQL server, when DATABASE_URL is set
//   4. browser journeys in Chromium (/usr/bin/chromium or CHROMIUM_PATH)
// and a closing line `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'transferone-test-'));
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const only = process.argv.slice(2);
let passed = 0;
let failed = 0;
const failures = [];

function run(label, cmd, args, env = {}) {
  console.log(`\n━━ ${label} ━━`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status === 0;
}

function step(label, ok) {
  if (ok) passed++;
  else {
    failed++;
    failures.push(label);
  }
}

function vitest(label, config, env) {
  const out = path.join(tmp, `${label.replace(/\W+/g, '_')}.json`);
  const ok = run(
    label,
    npx,
    [
      'vitest',
      'run',
      '--config',
      config,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${out}`,
    ],
    env,
  );
  if (!fs.existsSync(out)) {
    step(`${label}: vitest produced no report`, false);
    return;
  }
  const rep = JSON.parse(fs.readFileSync(out, 'utf8'));
  passed += rep.numPassedTests;
  failed += rep.numFailedTests;
  // A file that fails to load has no failed test but a failed suite.
  const brokenFiles = rep.testResults.filter(
    (f) => f.status === 'failed' && f.assertionResults.every((a) => a.status !== 'failed'),
  );
  for (const f of brokenFiles) step(`${label}: ${path.relative(root, f.name)} failed to run`, false);
  for (const f of rep.testResults)
    for (const a of f.assertionResults)
      if (a.status === 'failed') failures.push(`${label}: ${path.relative(root, f.name)} › ${a.fullName}`);
  if (!ok && rep.numFailedTests === 0 && brokenFiles.length === 0)
    step(`${label}: vitest exited non-zero`, false);
}

const want = (k) => only.length === 0 || only.includes(k);

if (want('check')) {
  step('format (prettier --check)', run('format', npx, ['prettier', '--check', '.']));
  step('lint (eslint)', run('lint', npx, ['eslint', '.']));
  step('typecheck (tsc)', run('typecheck', npx, ['tsc', '--noEmit', '-p', '.']));
  step(
    'generated web client matches the API (gen:client --check)',
    run('gen:client --check', npx, ['tsx', 'scripts/gen-client.ts', '--check']),
  );
  step(
    'install (engines and native bindings in package-lock.json)',
    run('install', npx, ['tsx', 'scripts/check-install.ts']),
  );
}
if (want('pglite')) vitest('tests on PGlite', 'vitest.config.ts', { DATABASE_URL: '' });
if (want('postgres') && process.env.DATABASE_URL) {
  vitest('tests on PostgreSQL server', 'vitest.config.ts', { DATABASE_URL: process.env.DATABASE_URL });
}
if (want('e2e') && fs.existsSync(path.join(root, 'vitest.e2e.config.ts'))) {
  vitest('browser journeys (Chromium)', 'vitest.e2e.config.ts', {});
}

fs.rmSync(tmp, { recursive: true, force: true });
if (failures.length) {
  console.log('\nFailed:');
  for (const f of failures) console.log(`  ✗ ${f}`);
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
