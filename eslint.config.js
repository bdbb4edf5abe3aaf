import fs from 'node:fs';
import path from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';

const root = path.dirname(new URL(import.meta.url).pathname);
const MODULES_DIR = 'server/src/modules';
const modules = fs
  .readdirSync(path.join(root, MODULES_DIR), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);
/** Test kits a module offers other modules' tests (never production code). */
const testKits = (m) =>
  fs
    .readdirSync(path.join(root, MODULES_DIR, m))
    .filter((f) => /\.(testkit|test-helpers|fixtures)\.ts$/.test(f));

/**
 * Module boundaries (docs/ARCHITECTURE.md, "Modules"): a module reaches another only through that
 * module's public `index.ts`; tests may also use another module's test kits; `platform/` imports no
 * module (its tests only modules' `index.ts`); no import cycle between files (so none between
 * modules, whose indexes re-export their files). Paths are resolved, so `../calls/calls.repo.js`
 * and `../../modules/calls/calls.repo.js` are the same import.
 */
const NOT_TEST = '**/!(*.test).ts';
const boundaryZones = [
  ...modules.flatMap((m) =>
    modules
      .filter((other) => other !== m)
      .flatMap((other) => [
        {
          target: `./${MODULES_DIR}/${m}/${NOT_TEST}`,
          from: `./${MODULES_DIR}/${other}`,
          except: ['./index.ts'],
          message: `Module "${m}" reaches module "${other}" only through ${MODULES_DIR}/${other}/index.ts.`,
        },
        {
          target: `./${MODULES_DIR}/${m}/**/*.test.ts`,
          from: `./${MODULES_DIR}/${other}`,
          except: ['./index.ts', ...testKits(other).map((f) => `./${f}`)],
          message: `Tests of "${m}" reach module "${other}" through its index.ts or its test kits.`,
        },
      ]),
  ),
  {
    target: `./server/src/platform/${NOT_TEST}`,
    from: `./${MODULES_DIR}`,
    message: 'platform/ imports no module: modules plug into the platform, not the other way round.',
  },
  ...modules.map((m) => ({
    target: './server/src/platform/**/*.test.ts',
    from: `./${MODULES_DIR}/${m}`,
    except: ['./index.ts'],
    message: `Platform tests reach module "${m}" only through its index.ts.`,
  })),
];

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'data', '.test-data', '.bench-out', 'web/src/api/schema.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { languageOptions: { globals: { ...globals.node } } },
  {
    files: ['web/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['server/src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      // import-x parses the files it follows itself: TypeScript with typescript-eslint's parser.
      'import-x/extensions': ['.ts', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [
        createNodeResolver({
          extensions: ['.ts', '.js', '.mjs', '.json'],
          extensionAlias: { '.js': ['.ts', '.js'] },
        }),
      ],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: boundaryZones }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
);
