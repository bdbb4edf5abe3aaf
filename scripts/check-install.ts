// What a clean install on a user's machine needs from package-lock.json, checked without a network:
//   1. engines: no package that runs in production (neither `dev` nor `devOptional` in the lockfile,
//      so the optional native bindings of other platforms count too) refuses a Node.js release that
//      package.json's `engines.node` (>=20.19) promises. Users run the even (LTS) lines, so the
//      promise is read as ^20.19.0 || ^22 || ^24 || >=26 (glob's "20 || >=22" passes, nanoid 6's
//      "^22 || ^24 || >=26" does not);
//   2. native bindings: every optional dependency a locked package declares is itself locked, and
//      every package that ships per-platform binaries has one for each platform users run:
//      linux x64/arm64 (glibc), macOS x64/arm64 and Windows x64.
// `npx tsx scripts/check-install.ts` prints each finding and exits 1 if there is one.
// (That `npm install` leaves the lockfile unchanged is checked by .ci/run with git.)
import fs from 'node:fs';
import path from 'node:path';
import semver from 'semver';

export interface LockEntry {
  version?: string;
  dev?: boolean;
  devOptional?: boolean;
  optional?: boolean;
  os?: string[];
  cpu?: string[];
  libc?: string[];
  engines?: Record<string, string> | string[];
  optionalDependencies?: Record<string, string>;
}
export interface Lockfile {
  packages: Record<string, LockEntry>;
}

export const PLATFORMS = [
  { os: 'linux', cpu: 'x64', libc: 'glibc' },
  { os: 'linux', cpu: 'arm64', libc: 'glibc' },
  { os: 'darwin', cpu: 'x64' },
  { os: 'darwin', cpu: 'arm64' },
  { os: 'win32', cpu: 'x64' },
] as const;

const nameOf = (key: string) => key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);

/** The even (LTS) release lines inside `promised`: ">=20.19" → "^20.19.0 || ^22.0.0 || ^24.0.0 || >=26.0.0". */
export function ltsLines(promised: string): string {
  const min = semver.minVersion(promised);
  if (!min) throw new Error(`engines.node "${promised}" admits no version`);
  const lines = [`^${min.version}`];
  let major = min.major + (min.major % 2 === 0 ? 2 : 1);
  for (; major < 26; major += 2) lines.push(`^${major}.0.0`);
  lines.push(`>=${major}.0.0`);
  return lines.filter((r) => semver.intersects(r, promised)).join(' || ');
}

/** Production packages whose engines.node refuses a release line that `promised` covers. */
export function engineFindings(lock: Lockfile, promised: string): string[] {
  const out: string[] = [];
  const lines = ltsLines(promised);
  for (const [key, e] of Object.entries(lock.packages)) {
    if (key === '' || e.dev || e.devOptional) continue;
    const node = Array.isArray(e.engines) ? undefined : e.engines?.node;
    if (!node) continue;
    if (!semver.validRange(node)) {
      out.push(`${nameOf(key)}@${e.version}: engines.node "${node}" is not a semver range`);
    } else if (!semver.subset(lines, node)) {
      out.push(
        `${nameOf(key)}@${e.version} (${key}) needs node "${node}", package.json promises "${promised}"`,
      );
    }
  }
  return out;
}

/** Where Node's resolution from `from` finds `dep` in the lockfile, or undefined. */
function resolveIn(lock: Lockfile, from: string, dep: string): string | undefined {
  let base = from;
  for (;;) {
    const key = `${base ? `${base}/` : ''}node_modules/${dep}`;
    if (lock.packages[key]) return key;
    if (!base) return undefined;
    const i = base.lastIndexOf('/node_modules/');
    base = i < 0 ? '' : base.slice(0, i);
  }
}

const covers = (e: LockEntry, p: (typeof PLATFORMS)[number]) =>
  (!e.os || e.os.includes(p.os)) &&
  (!e.cpu || e.cpu.includes(p.cpu)) &&
  (!e.libc || !('libc' in p) || e.libc.includes(p.libc));

/** Optional dependencies missing from the lockfile, and native packages lacking a platform's binary. */
export function nativeFindings(lock: Lockfile): string[] {
  const out: string[] = [];
  for (const [key, e] of Object.entries(lock.packages)) {
    const deps = Object.keys(e.optionalDependencies ?? {});
    if (deps.length === 0) continue;
    const platformSpecific: LockEntry[] = [];
    for (const dep of deps) {
      const at = resolveIn(lock, key, dep);
      if (!at) {
        out.push(`${nameOf(key) || 'the project'} lists optional ${dep}, which the lockfile lacks`);
        continue;
      }
      const d = lock.packages[at];
      if (d.os || d.cpu) platformSpecific.push(d);
    }
    // A package with only one or two platform-specific optionals (fsevents) is not a binding family.
    if (platformSpecific.length < 3) continue;
    for (const p of PLATFORMS) {
      if (!platformSpecific.some((d) => covers(d, p)))
        out.push(`${nameOf(key)}@${e.version} has no native package for ${Object.values(p).join('-')}`);
    }
  }
  return out;
}

function main() {
  const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const lock: Lockfile = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
  const findings = [...engineFindings(lock, pkg.engines.node), ...nativeFindings(lock)];
  for (const f of findings) console.log(`✗ ${f}`);
  const prod = Object.entries(lock.packages).filter(([k, e]) => k && !e.dev && !e.devOptional).length;
  console.log(
    findings.length === 0
      ? `install check: ${prod} production packages support node ${pkg.engines.node}; native bindings locked for ${PLATFORMS.length} platforms`
      : `install check: ${findings.length} finding(s)`,
  );
  process.exit(findings.length === 0 ? 0 : 1);
}

if (process.argv[1] && path.resolve(process.argv[1]) === new URL(import.meta.url).pathname) main();
