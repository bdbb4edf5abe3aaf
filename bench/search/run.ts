/**
 * Search benchmark runner: every engine in its own child process with a heap limit and a time limit.
 *   npx tsx bench/search/run.ts --sizes 10000,100000,1000000 --peers all [--kppatent] [--timeout 600] [--heap 6144]
 * Prints a Markdown table and writes it to .bench-out/search.md (JSON rows to .bench-out/search.json).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { kppatentAvailable, kppatentPath } from './kppatent.js';
import { dropDatabase } from './peers-pg.js';
import { ENGINES } from './engines.js';
import { table, type Row } from './report.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] && !process.argv[i + 1].startsWith('--')
    ? process.argv[i + 1]
    : fallback;
}
const flag = (name: string): boolean => process.argv.includes(`--${name}`);

const sizes = arg('sizes', '10000,100000').replace('none', '').split(',').filter(Boolean).map(Number);
const peersArg = arg('peers', 'all');
const engines =
  peersArg === 'all'
    ? [...ENGINES]
    : [
        ...(flag('no-ours') ? [] : ['ours']),
        ...peersArg.split(',').filter((p) => p !== 'ours' && p !== 'none'),
      ];
const timeoutS = Number(arg('timeout', '600'));
const heapMb = Number(arg('heap', '6144'));
const corpora = [...sizes.map((n) => `synth:${n}`)];
if (!flag('no-kppatent')) corpora.push('kppatent');
const outDir = '.bench-out';
const outName = arg('out', 'search');
mkdirSync(outDir, { recursive: true });

function runOne(engine: string, corpus: string): Promise<Row> {
  const out = `${outDir}/search-${engine}-${corpus.replace(':', '')}-${process.pid}.json`;
  const database = `bench_search_${Math.random().toString(36).slice(2, 10)}`;
  rmSync(out, { force: true });
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(
      process.execPath,
      [
        `--max-old-space-size=${heapMb}`,
        '--expose-gc',
        '--import',
        'tsx',
        'bench/search/worker.ts',
        engine,
        corpus,
        out,
        database,
      ],
      { stdio: ['ignore', 'inherit', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => {
      stderr = (stderr + b.toString()).slice(-4000);
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutS * 1000);
    child.on('exit', async (code, signal) => {
      clearTimeout(timer);
      if (engine === 'pg-server') await dropDatabase(database).catch(() => undefined);
      const wall = (Date.now() - t0) / 1000;
      const base = { engine, corpus };
      const partialFile = `${out}.partial`;
      const partial = existsSync(partialFile) ? JSON.parse(readFileSync(partialFile, 'utf8')) : undefined;
      rmSync(partialFile, { force: true });
      const oom =
        /heap out of memory|Allocation failed|Cannot allocate|RangeError: (Array buffer|Invalid typed array)/i.test(
          stderr,
        ) ||
        signal === 'SIGABRT' ||
        code === 134;
      if (existsSync(out) && code === 0) {
        resolve({ status: 'ok', ...base, ...JSON.parse(readFileSync(out, 'utf8')) });
        rmSync(out, { force: true });
      } else if (timedOut) {
        const when = partial ? 'built; time limit hit while querying' : 'time limit hit while building';
        resolve({ ...base, ...partial, status: `${when} (> ${timeoutS} s)` });
      } else if (oom) {
        resolve({ ...base, ...partial, status: `OOM (heap limit ${heapMb} MB, after ${wall.toFixed(0)} s)` });
      } else {
        // the error's own message, not the last stack frame
        const lines = stderr.trim().split('\n');
        const last = lines.find((l) => /\b\w*Error\b/.test(l) && !/^\s+at /.test(l)) ?? lines.at(-1) ?? '';
        resolve({ ...base, ...partial, status: `crash (code ${code ?? signal}): ${last}` });
      }
    });
  });
}

async function main(): Promise<void> {
  const loadStart = loadavg()[0];
  const rows: Row[] = [];
  const notes: string[] = [];
  if (corpora.includes('kppatent') && !kppatentAvailable()) {
    notes.push(
      `KPPatent-ZH is absent (looked at ${kppatentPath()}; set KPPATENT_PATH): known-item run skipped.`,
    );
    corpora.splice(corpora.indexOf('kppatent'), 1);
  }
  const render = (done: boolean): string =>
    `Command: \`npx tsx bench/search/run.ts ${process.argv.slice(2).join(' ')}\`${done ? '' : ' (in progress)'}  \n` +
    `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), Node ${process.version}, ${new Date().toISOString()}; ` +
    `each engine in its own process with --max-old-space-size=${heapMb} and a ${timeoutS} s limit; ` +
    `1-min load average ${loadStart.toFixed(1)} at start, ${loadavg()[0].toFixed(1)} now (the machine is shared).\n\n` +
    table(rows) +
    (notes.length ? '\n' + notes.map((n) => `- ${n}`).join('\n') + '\n' : '');
  for (const corpus of corpora) {
    for (const engine of engines) {
      process.stderr.write(`[bench:search] ${corpus} ${engine} …\n`);
      const row = await runOne(engine, corpus);
      process.stderr.write(`[bench:search]   ${row.status}\n`);
      rows.push(row);
      writeFileSync(`${outDir}/${outName}.json`, JSON.stringify(rows, null, 1));
      writeFileSync(`${outDir}/${outName}.md`, render(false));
    }
  }
  const md = render(true);
  writeFileSync(`${outDir}/${outName}.md`, md);
  process.stdout.write(md);
}

void main();
