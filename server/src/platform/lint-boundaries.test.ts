// issue 9, "Module boundaries that are enforced": a module reaches another only through its
// index.ts, platform/ imports no module, and no import cycle exists. The rules live in
// eslint.config.js (import-x/no-restricted-paths and import-x/no-cycle); this test lints planted
// violations through ESLint's Node API and asserts each is reported, and that the tree passes.
import fs from 'node:fs';
import path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

async function lint(file: string, code: string): Promise<Linter.LintMessage[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result.messages;
}
const boundaryErrors = (ms: Linter.LintMessage[]) =>
  ms.filter((m) => m.ruleId === 'import-x/no-restricted-paths');

describe('module boundaries (eslint.config.js)', () => {
  it("refuses another module's repository, the relative form everyone writes", async () => {
    const ms = await lint(
      'server/src/modules/applications/planted.ts',
      "import { nextReceiptSeq } from '../calls/calls.repo.js';\nexport const f = nextReceiptSeq;\n",
    );
    expect(boundaryErrors(ms)).toHaveLength(1);
    expect(ms[0].message).toContain('only through server/src/modules/calls/index.ts');
  });

  it('refuses a deep import written through ../../modules/ as well as a service file', async () => {
    const ms = await lint(
      'server/src/modules/applications/planted.ts',
      [
        "import { loadCall } from '../../modules/calls/calls.service.js';",
        "import { getOrg } from '../identity/org.service.js';",
        'export const f = [loadCall, getOrg];',
        '',
      ].join('\n'),
    );
    expect(boundaryErrors(ms).map((m) => m.line)).toEqual([1, 2]);
  });

  it("accepts another module's index.ts, and a module's own files", async () => {
    const ms = await lint(
      'server/src/modules/applications/planted.ts',
      [
        "import { loadCall } from '../calls/index.js';",
        "import { programmeRoutes } from './applications.module.js';",
        'export const f = [loadCall, programmeRoutes];',
        '',
      ].join('\n'),
    );
    expect(ms).toEqual([]);
  });

  it("lets a test use another module's test kit, but not its repository", async () => {
    const ms = await lint(
      'server/src/modules/matching/planted.test.ts',
      [
        "import { call } from '../market/market.test-helpers.js';",
        "import { findNeed } from '../market/need.repo.js';",
        'export const f = [call, findNeed];',
        '',
      ].join('\n'),
    );
    expect(boundaryErrors(ms).map((m) => m.line)).toEqual([2]);
  });

  it("keeps platform/ free of module imports, even of a module's index.ts", async () => {
    const ms = await lint(
      'server/src/platform/planted.ts',
      "import type { Notifier } from '../modules/notifications/index.js';\nexport type N = Notifier;\n",
    );
    expect(boundaryErrors(ms)).toHaveLength(1);
    expect(ms[0].message).toContain('platform/ imports no module');
  });

  it('refuses an import cycle between modules (market → matching → market)', async () => {
    // achievement.service.ts as it is, plus the import that market ↔ matching had before the
    // market.changed event: matching/index → matching.module → market/index → … → this file.
    const file = 'server/src/modules/market/achievement.service.ts';
    const code = fs.readFileSync(path.join(root, file), 'utf8');
    const planted = `import { indexChanged } from '../matching/index.js';\nexport const _x = indexChanged;\n${code}`;
    const cycles = (await lint(file, planted)).filter((m) => m.ruleId === 'import-x/no-cycle');
    expect(cycles.length).toBeGreaterThan(0);
    expect(cycles[0].line).toBe(1);
    expect(await lint(file, code)).toEqual([]);
  });

  it('every module has a public index.ts', () => {
    const dir = path.join(root, 'server/src/modules');
    const modules = fs.readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory());
    expect(modules.length).toBeGreaterThan(10);
    for (const m of modules) expect(fs.existsSync(path.join(dir, m.name, 'index.ts')), m.name).toBe(true);
  });

  it('the real tree passes the boundary and cycle rules', { timeout: 120_000 }, async () => {
    const results = await eslint.lintFiles(['server/src']);
    const found = results.flatMap((r) =>
      r.messages
        .filter((m) => m.ruleId?.startsWith('import-x/'))
        .map((m) => `${path.relative(root, r.filePath)}:${m.line} ${m.message}`),
    );
    expect(found).toEqual([]);
  });
});
