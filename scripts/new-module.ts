/**
 * `npm run new:module <name>`: writes server/src/modules/<name>/ from scripts/templates/module/*.ts.tpl
 * (docs/CODE_STYLE.md says what each file holds), formatted with the project's Prettier settings, and
 * prints what to add by hand: the migration (with the next free number block) and the registration in
 * server/src/app.ts. `--migration` writes the migration file too.
 *
 *   npm run new:module evaluation
 *   npm run new:module evaluation -- --migration
 *
 * A module name is lowercase letters only (it is the folder, the table prefix and the first part of
 * every permission name, `evaluation.write`).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import prettier from 'prettier';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const TEMPLATES = path.join(ROOT, 'scripts/templates/module');
export const MODULES_DIR = path.join(ROOT, 'server/src/modules');
export const MIGRATIONS_DIR = path.join(ROOT, 'server/src/migrations');

export interface GenerateOptions {
  name: string;
  /** the folder that holds the module folders (default server/src/modules) */
  modulesDir?: string;
  migrationsDir?: string;
  /** also write the migration file */
  migration?: boolean;
}

export interface Generated {
  dir: string;
  files: string[];
  /** the migration's path, whether written or only proposed */
  migrationFile: string;
  migrationWritten: boolean;
  /** what to do by hand, one line each */
  todo: string[];
}

export function checkName(name: string): string | null {
  if (!/^[a-z]{2,30}$/.test(name))
    return `module name "${name}": use 2 to 30 lowercase letters (it becomes the folder, table prefix and permission prefix)`;
  return null;
}

/** The first number of the next free block of ten: after 0041_matching, 0050. */
export function nextMigrationBlock(migrationsDir = MIGRATIONS_DIR): string {
  const numbers = readdirSync(migrationsDir)
    .map((f) => /^(\d{4})_/.exec(f)?.[1])
    .filter((n): n is string => !!n)
    .map(Number);
  const max = numbers.length ? Math.max(...numbers) : 0;
  return String(Math.floor(max / 10) * 10 + 10).padStart(4, '0');
}

/** `sample` → the file's name in the module folder. */
const targetName = (tpl: string, name: string) => {
  const base = tpl.replace(/\.tpl$/, '');
  return base === 'index.ts' ? base : `${name}.${base}`;
};

export function fill(text: string, name: string): string {
  const pascal = name[0].toUpperCase() + name.slice(1);
  return text
    .replaceAll('__NAME__', name.toUpperCase())
    .replaceAll('__Name__', pascal)
    .replaceAll('__name__', name);
}

export async function generateModule(opts: GenerateOptions): Promise<Generated> {
  const problem = checkName(opts.name);
  if (problem) throw new Error(problem);
  const { name } = opts;
  const modulesDir = opts.modulesDir ?? MODULES_DIR;
  const migrationsDir = opts.migrationsDir ?? MIGRATIONS_DIR;
  const dir = path.join(modulesDir, name);
  if (existsSync(dir)) throw new Error(`${path.relative(ROOT, dir)} exists already`);
  const prettierConfig = (await prettier.resolveConfig(path.join(ROOT, 'package.json'))) ?? {};
  const format = (text: string, file: string) => prettier.format(text, { ...prettierConfig, filepath: file });

  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (const tpl of readdirSync(TEMPLATES)
    .filter((f) => f.endsWith('.ts.tpl') && f !== 'migration.ts.tpl')
    .sort()) {
    const file = path.join(dir, targetName(tpl, name));
    writeFileSync(file, await format(fill(readFileSync(path.join(TEMPLATES, tpl), 'utf8'), name), file));
    files.push(file);
  }

  const migrationFile = path.join(migrationsDir, `${nextMigrationBlock(migrationsDir)}_${name}.ts`);
  if (opts.migration) {
    const text = fill(readFileSync(path.join(TEMPLATES, 'migration.ts.tpl'), 'utf8'), name);
    writeFileSync(migrationFile, await format(text, migrationFile));
  }
  const rel = (p: string) => path.relative(ROOT, p);
  const todo = [
    opts.migration
      ? `${rel(migrationFile)}: written; check the table against ${name}.tables.ts (a new module takes a new block of ten numbers)`
      : `${rel(migrationFile)}: add it from scripts/templates/module/migration.ts.tpl (or run again with --migration); a new module takes a new block of ten numbers`,
    `server/src/app.ts: import { ${name}Module } from './modules/${name}/index.js'; and add ${name}Module to MODULES`,
  ];
  return { dir, files, migrationFile, migrationWritten: !!opts.migration, todo };
}

async function main(argv: string[]) {
  const args = argv.filter((a) => !a.startsWith('--'));
  const name = args[0];
  if (!name || argv.includes('--help')) {
    console.log('usage: npm run new:module <name> [-- --migration]');
    process.exit(name ? 0 : 1);
  }
  try {
    const g = await generateModule({ name, migration: argv.includes('--migration') });
    console.log(`wrote ${path.relative(ROOT, g.dir)}/:`);
    for (const f of g.files) console.log(`  ${path.basename(f)}`);
    console.log('\nthen:');
    g.todo.forEach((line, i) => console.log(`  ${i + 1}. ${line}`));
    console.log(`\nthen: npm run gen:client, npx vitest run ${path.relative(ROOT, g.dir)}`);
  } catch (e) {
    console.error((e as Error).message);
    process.exit(1);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  await main(process.argv.slice(2));
