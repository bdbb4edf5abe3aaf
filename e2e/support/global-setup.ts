import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const INDEX = path.join(ROOT, 'dist/web/index.html');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds the web client when dist/web is missing or older than the sources. */
export default function setup() {
  const stale =
    !fs.existsSync(INDEX) ||
    fs.statSync(INDEX).mtimeMs <
      Math.max(
        newestMtime(path.join(ROOT, 'web')),
        newestMtime(path.join(ROOT, 'shared')),
        fs.statSync(path.join(ROOT, 'vite.config.ts')).mtimeMs,
      );
  // vitest sets NODE_ENV=test, which would give React's and antd's development builds
  if (stale) {
    execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    });
  }
}
