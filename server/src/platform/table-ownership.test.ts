// issue 9: "Module-owned tables are reached only through that module". A module owns the tables it
// declares in its *.tables.ts (interface merging into DB). This test reads the source:
//   - only the owner writes a table (insertInto / updateTable / deleteFrom);
//   - the expert pool's tables are not named at all outside modules/experts (programme review,
//     issue 12, will use experts/index.ts as challenges do);
//   - reads of another module's table are the ones docs/ARCHITECTURE.md lists, and no new ones.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const src = path.resolve(import.meta.dirname, '..');
const modulesDir = path.join(src, 'modules');

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? walk(p) : d.name.endsWith('.ts') ? [p] : [];
  });
}

/** table → owning module, from each module's `interface DB { … }` block. */
function owners(): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of fs.readdirSync(modulesDir)) {
    const dir = path.join(modulesDir, m);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.tables.ts'))) {
      const text = fs.readFileSync(path.join(dir, f), 'utf8');
      const block = /interface DB \{([\s\S]*?)\n {2}\}/.exec(text)?.[1] ?? '';
      for (const [, name] of block.matchAll(/^ {4}(\w+)\s*:/gm)) out.set(name, m);
    }
  }
  return out;
}

/** The module (or top folder: platform, cli, testing) a source file belongs to. */
function areaOf(file: string): string {
  const rel = path.relative(src, file).split(path.sep);
  return rel[0] === 'modules' ? rel[1] : rel[0];
}

const sources = walk(src).filter(
  (f) => !f.endsWith('.test.ts') && !f.includes(`${path.sep}migrations${path.sep}`),
);
const tables = owners();

describe('table ownership', () => {
  it('finds the owners, the experts module owning the expert pool', () => {
    expect(tables.get('market_expert_profiles')).toBe('experts');
    expect(tables.get('market_challenge_experts')).toBe('experts');
    expect(tables.get('market_dictionary_terms')).toBe('matching');
    expect(tables.get('market_achievements')).toBe('market');
    expect(tables.get('users')).toBe('identity');
  });

  it('only the owning module writes a table (the test harness aside)', () => {
    const found: string[] = [];
    for (const f of sources) {
      const area = areaOf(f);
      if (area === 'testing') continue;
      const text = fs.readFileSync(f, 'utf8');
      for (const [, table] of text.matchAll(/(?:insertInto|updateTable|deleteFrom)\(\s*['"](\w+)/g)) {
        const owner = tables.get(table);
        if (owner && owner !== area)
          found.push(`${path.relative(src, f)} writes ${table} (owned by ${owner})`);
      }
    }
    expect(found).toEqual([]);
  });

  it("names the expert pool's tables only inside modules/experts", () => {
    const found = sources
      .filter((f) => areaOf(f) !== 'experts')
      .filter((f) => /market_(expert_profiles|challenge_experts)/.test(fs.readFileSync(f, 'utf8')))
      .map((f) => path.relative(src, f));
    expect(found).toEqual([]);
  });

  it('reads across modules only where docs/ARCHITECTURE.md says so', () => {
    // "reader → owner: tables". Joins on identity's users/orgs for names are allowed everywhere.
    const allowed = new Set([
      'applications → calls: calls',
      'matching → market: market_achievements, market_needs, market_solutions',
    ]);
    const reads = new Map<string, Set<string>>();
    for (const f of sources) {
      const area = areaOf(f);
      if (area === 'testing' || area === 'cli') continue;
      const text = fs.readFileSync(f, 'utf8');
      for (const [, table] of text.matchAll(/(?:selectFrom|innerJoin|leftJoin)\(\s*['"](\w+)/g)) {
        const owner = tables.get(table);
        if (!owner || owner === area || owner === 'identity') continue;
        const key = `${area} → ${owner}`;
        if (!reads.has(key)) reads.set(key, new Set());
        reads.get(key)!.add(table);
      }
    }
    const found = [...reads].map(([k, t]) => `${k}: ${[...t].sort().join(', ')}`).sort();
    expect(found.filter((r) => !allowed.has(r))).toEqual([]);
    const doc = fs.readFileSync(path.resolve(src, '../../docs/ARCHITECTURE.md'), 'utf8');
    for (const r of allowed) expect(doc, r).toContain(r);
  });
});
