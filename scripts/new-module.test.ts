/**
 * The module template (issue 9, "Habits a newcomer can follow"): `npm run new:module sample` writes
 * the agreed files, which type-check with the project's settings, whose decision tables pass, and
 * whose workflow passes the checks every registered workflow passes (workflowProblems).
 *
 * The module is generated into a temporary folder beside server/src/modules (a dot folder, so that
 * neither tsc's nor vitest's globs of the tree see it while it exists) and removed afterwards. That
 * it also runs end to end once registered (migration, app.ts) is what its own `sample.test.ts` says.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allWorkflows, workflowProblems } from '../server/src/platform/workflow.js';
import { checkName, generateModule, MODULES_DIR, nextMigrationBlock, type Generated } from './new-module.js';

const run = promisify(execFile);
const ROOT = path.resolve(MODULES_DIR, '../../..');
const GEN = path.join(path.dirname(MODULES_DIR), `.new-module-test-${process.pid}`);
let g: Generated;

beforeAll(async () => {
  g = await generateModule({ name: 'sample', modulesDir: GEN });
});
afterAll(() => rmSync(GEN, { recursive: true, force: true }));

describe('npm run new:module', () => {
  it('writes the agreed files of a module and proposes the next block of migration numbers', () => {
    expect(readdirSync(g.dir).sort()).toEqual([
      'index.ts',
      'sample.dto.ts',
      'sample.module.ts',
      'sample.permissions.ts',
      'sample.repo.ts',
      'sample.routes.ts',
      'sample.rules.test.ts',
      'sample.rules.ts',
      'sample.schema.ts',
      'sample.service.ts',
      'sample.tables.ts',
      'sample.test.ts',
      'sample.workflow.test.ts',
      'sample.workflow.ts',
    ]);
    expect(g.migrationWritten).toBe(false);
    expect(path.basename(g.migrationFile)).toBe(`${nextMigrationBlock()}_sample.ts`);
    expect(g.todo[1]).toContain("import { sampleModule } from './modules/sample/index.js'");
  });

  it('type-checks with the project’s compiler settings', { timeout: 300_000 }, async () => {
    const tsconfig = path.join(GEN, 'tsconfig.json');
    writeFileSync(
      tsconfig,
      JSON.stringify({ extends: path.relative(GEN, path.join(ROOT, 'tsconfig.json')), include: ['sample'] }),
    );
    const tsc = path.join(ROOT, 'node_modules/typescript/bin/tsc');
    const out = await run(process.execPath, [tsc, '--noEmit', '-p', tsconfig]).catch((e) => e);
    expect(`${out.stdout}${out.stderr}`).toBe('');
  });

  it('has decision tables (database-free) that pass', { timeout: 120_000 }, async () => {
    const config = path.join(GEN, 'vitest.config.mjs');
    writeFileSync(config, "export default { test: { include: ['sample/*.{workflow,rules}.test.ts'] } };\n");
    const vitest = path.join(ROOT, 'node_modules/vitest/vitest.mjs');
    const out = await run(process.execPath, [vitest, 'run', '--root', GEN, '--config', config], {
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    }).catch((e) => e);
    const text = `${out.stdout}${out.stderr}`;
    expect(text).toMatch(/Test Files\s+2 passed \(2\)/);
    expect(text).not.toMatch(/failed/);
  });

  it('defines a workflow that passes the registry’s checks', async () => {
    await import(path.join(g.dir, 'sample.permissions.ts'));
    const { SAMPLE } = await import(path.join(g.dir, 'sample.workflow.ts'));
    expect(allWorkflows().map((w) => w.name)).toContain('sample.record');
    expect(workflowProblems(SAMPLE)).toEqual([]);
  });

  it('refuses a name that cannot be a module, and a module that exists', async () => {
    for (const bad of ['Sample', 'my-module', 'x', 'mod2'])
      expect(checkName(bad)).toMatch(/lowercase letters/);
    await expect(generateModule({ name: 'sample', modulesDir: GEN })).rejects.toThrow(/exists already/);
    await expect(generateModule({ name: 'market' })).rejects.toThrow(/exists already/);
  });
});

describe('the next migration block', () => {
  it('is the first number of the block of ten after the highest migration', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'migrations-'));
    try {
      for (const f of ['0001_platform.ts', '0036_imported_calls.ts', '0041_matching.ts'])
        writeFileSync(path.join(dir, f), '');
      expect(nextMigrationBlock(dir)).toBe('0050');
      writeFileSync(path.join(dir, '0050_evaluation.ts'), '');
      expect(nextMigrationBlock(dir)).toBe('0060');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
