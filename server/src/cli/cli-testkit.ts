import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { ROOT } from '../app.js';

export const BIN = path.join(ROOT, 'bin/transferone.mjs');

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Environment for a child CLI: no DATABASE_URL unless given, quiet logs, no background jobs. */
export function cliEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base = { ...process.env };
  delete base.DATABASE_URL;
  delete base.VITEST;
  return { ...base, LOG_LEVEL: 'warn', JOBS: 'off', HOST: '127.0.0.1', ...env };
}

/** Runs `transferone <args>` to completion. */
export function runCli(args: string[], env: Record<string, string>, timeoutMs = 120_000): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: cliEnv(env) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`transferone ${args.join(' ')} timed out\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

export interface ServerChild {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<CliRun>;
}

/** Starts `transferone serve` on a free port and resolves once it is listening. */
export function startServe(env: Record<string, string>, timeoutMs = 120_000): Promise<ServerChild> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'serve', '--no-web'], {
      cwd: ROOT,
      env: cliEnv({ PORT: '0', ...env }),
    });
    let stdout = '';
    let stderr = '';
    let done = false;
    const exited = new Promise<CliRun>((res) =>
      child.on('close', (code, signal) => res({ code, signal, stdout, stderr })),
    );
    const timer = setTimeout(() => {
      if (done) return;
      done = true;
      child.kill('SIGKILL');
      reject(new Error(`serve did not start in time\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.stdout!.on('data', (d) => {
      stdout += d;
      const m = /listening on (http:\/\/localhost:\d+)/.exec(stdout);
      if (m && !done) {
        done = true;
        clearTimeout(timer);
        resolve({
          child,
          url: m[1].replace('localhost', '127.0.0.1'),
          output: () => stdout + stderr,
          exited,
        });
      }
    });
    child.stderr!.on('data', (d) => (stderr += d));
    exited.then((r) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      reject(Object.assign(new Error(`serve exited with ${r.code}\n${r.stdout}\n${r.stderr}`), { run: r }));
    });
  });
}
