// issue 9, "A clean install everywhere users run it": nothing that runs in production may require more
// than `engines` promises (>=20.19), and the lockfile lists the native packages of every native
// dependency for linux x64/arm64, macOS x64/arm64 and Windows x64.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  engineFindings,
  ltsLines,
  nativeFindings,
  type LockEntry,
  type Lockfile,
} from '../../../scripts/check-install.js';

const root = path.resolve(import.meta.dirname, '../../..');
const readJson = (f: string) => JSON.parse(fs.readFileSync(path.join(root, f), 'utf8'));

const lockOf = (packages: Record<string, LockEntry>): Lockfile => ({
  packages: { '': {}, ...packages },
});

describe('engines of production dependencies', () => {
  it('reads >=20.19 as the LTS lines 20.19+, 22, 24 and later', () => {
    expect(ltsLines('>=20.19')).toBe('^20.19.0 || ^22.0.0 || ^24.0.0 || >=26.0.0');
  });

  it('reports the three packages npm warned about (cookie@2, content-disposition@3, nanoid@6)', () => {
    const lock = lockOf({
      'node_modules/cookie': { version: '2.0.2', engines: { node: '>=22' } },
      'node_modules/@fastify/swagger-ui/node_modules/content-disposition': {
        version: '3.0.0',
        engines: { node: '>=22' },
      },
      'node_modules/nanoid': { version: '6.0.2', engines: { node: '^22 || ^24 || >=26' } },
    });
    const found = engineFindings(lock, '>=20.19');
    expect(found).toHaveLength(3);
    expect(found[0]).toContain('cookie@2.0.2');
    expect(found[1]).toContain('content-disposition@3.0.0');
    expect(found[2]).toContain('nanoid@6.0.2');
  });

  it('passes ranges that admit every LTS line, and ignores development-only packages', () => {
    const lock = lockOf({
      'node_modules/glob': { version: '11.1.0', engines: { node: '20 || >=22' } },
      'node_modules/semver': { version: '7.8.6', engines: { node: '>=10' } },
      'node_modules/vite': { version: '8.3.8', dev: true, engines: { node: '>=22' } },
      'node_modules/esbuild': { version: '0.28.2', devOptional: true, engines: { node: '>=24' } },
    });
    expect(engineFindings(lock, '>=20.19')).toEqual([]);
  });

  it('refuses a range that starts above 20.19 within the 20 line', () => {
    const lock = lockOf({ 'node_modules/x': { version: '1.0.0', engines: { node: '^20.20.0 || >=22' } } });
    expect(engineFindings(lock, '>=20.19')).toHaveLength(1);
  });

  it('the real lockfile passes against package.json engines', () => {
    const pkg = readJson('package.json');
    expect(pkg.engines.node).toBe('>=20.19');
    expect(engineFindings(readJson('package-lock.json'), pkg.engines.node)).toEqual([]);
  });
});

describe('native bindings in the lockfile', () => {
  const binding = (os: string, cpu: string, libc?: string): LockEntry => ({
    version: '2.0.3',
    optional: true,
    os: [os],
    cpu: [cpu],
    ...(libc ? { libc: [libc] } : {}),
  });
  const jiebaWithOptionals = {
    version: '2.0.3',
    optionalDependencies: {
      '@node-rs/jieba-linux-x64-gnu': '2.0.3',
      '@node-rs/jieba-linux-arm64-gnu': '2.0.3',
      '@node-rs/jieba-darwin-x64': '2.0.3',
      '@node-rs/jieba-darwin-arm64': '2.0.3',
      '@node-rs/jieba-win32-x64-msvc': '2.0.3',
    },
  };

  it('reports optional platform packages the lockfile lacks (the jieba lock before 9d74769)', () => {
    const lock = lockOf({
      'node_modules/@node-rs/jieba': jiebaWithOptionals,
      'node_modules/@node-rs/jieba-linux-x64-gnu': binding('linux', 'x64', 'glibc'),
      'node_modules/@node-rs/jieba-linux-arm64-gnu': binding('linux', 'arm64', 'glibc'),
      'node_modules/@node-rs/jieba-win32-x64-msvc': binding('win32', 'x64'),
    });
    const found = nativeFindings(lock);
    expect(found.filter((f) => f.includes('lockfile lacks'))).toHaveLength(2);
    expect(found).toContain('@node-rs/jieba@2.0.3 has no native package for darwin-x64');
    expect(found).toContain('@node-rs/jieba@2.0.3 has no native package for darwin-arm64');
  });

  it('passes a family with all five platforms, and a musl-only linux binding does not count for glibc', () => {
    const full = lockOf({
      'node_modules/@node-rs/jieba': jiebaWithOptionals,
      'node_modules/@node-rs/jieba-linux-x64-gnu': binding('linux', 'x64', 'glibc'),
      'node_modules/@node-rs/jieba-linux-arm64-gnu': binding('linux', 'arm64', 'glibc'),
      'node_modules/@node-rs/jieba-darwin-x64': binding('darwin', 'x64'),
      'node_modules/@node-rs/jieba-darwin-arm64': binding('darwin', 'arm64'),
      'node_modules/@node-rs/jieba-win32-x64-msvc': binding('win32', 'x64'),
    });
    expect(nativeFindings(full)).toEqual([]);
    full.packages['node_modules/@node-rs/jieba-linux-arm64-gnu'] = binding('linux', 'arm64', 'musl');
    expect(nativeFindings(full)).toEqual([
      '@node-rs/jieba@2.0.3 has no native package for linux-arm64-glibc',
    ]);
  });

  it('the real lockfile has bindings of argon2, jieba, esbuild, rolldown and lightningcss for each platform', () => {
    const lock: Lockfile = readJson('package-lock.json');
    expect(nativeFindings(lock)).toEqual([]);
    const families = ['@node-rs/argon2', '@node-rs/jieba', 'esbuild', 'rolldown', 'lightningcss'];
    for (const f of families) {
      const optionals = Object.keys(lock.packages[`node_modules/${f}`].optionalDependencies ?? {});
      expect(optionals.length, f).toBeGreaterThanOrEqual(5);
    }
  });
});
