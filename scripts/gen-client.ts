/**
 * Generates the web client's API types from the app's own OpenAPI document.
 *
 *   npm run gen:client              builds the app on an in-memory PGlite, reads /api/openapi.json and
 *                                   writes web/src/api/schema.d.ts (openapi-typescript)
 *   npm run gen:client -- --check   the same, but only compares: exits 1 when the committed file differs
 *
 * The web imports `paths` and `components` from that file only (web/src/api/client.ts, types.ts), so a
 * changed route or schema on the server shows up as a type error in the pages that use it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';
import { buildApp, openPlatform } from '../server/src/app.js';
import { loadConfig } from '../server/src/platform/config.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SCHEMA_FILE = path.join(ROOT, 'web/src/api/schema.d.ts');

/** The OpenAPI document as the running app serves it. */
export async function readOpenApiDocument(): Promise<Record<string, unknown>> {
  const config = loadConfig(
    { ...process.env, DATABASE_URL: '', JOBS: 'off', LOG_LEVEL: 'silent' },
    { dataDir: '/nonexistent' },
  );
  const platform = await openPlatform(config, { memory: true });
  try {
    const app = await buildApp(platform.ctx, { logger: false, web: false });
    try {
      const res = await app.inject({ method: 'GET', url: '/api/openapi.json' });
      if (res.statusCode !== 200) throw new Error(`GET /api/openapi.json answered ${res.statusCode}`);
      return res.json();
    } finally {
      await app.close();
    }
  } finally {
    await platform.close();
  }
}

/** schema.d.ts text for a document (deterministic: same document, same text). */
export async function renderSchema(doc: Record<string, unknown>): Promise<string> {
  const ast = await openapiTS(doc as any, { alphabetize: false });
  const header =
    COMMENT_HEADER.trimEnd() +
    '\n// Generated from /api/openapi.json by `npm run gen:client` (scripts/gen-client.ts). Do not edit.\n\n';
  return header + astToString(ast);
}

async function main() {
  const check = process.argv.includes('--check');
  const text = await renderSchema(await readOpenApiDocument());
  const rel = path.relative(ROOT, SCHEMA_FILE);
  if (check) {
    const committed = fs.existsSync(SCHEMA_FILE) ? fs.readFileSync(SCHEMA_FILE, 'utf8') : '';
    if (committed !== text) {
      const a = committed.split('\n');
      const b = text.split('\n');
      let i = 0;
      while (i < a.length && i < b.length && a[i] === b[i]) i++;
      console.error(
        `${rel} differs from what the app's OpenAPI document generates (first difference at line ${i + 1}:\n` +
          `  committed: ${a[i] ?? '(end of file)'}\n  generated: ${b[i] ?? '(end of file)'}).\n` +
          'Run `npm run gen:client` and commit the result.',
      );
      process.exit(1);
    }
    console.log(`${rel} matches the app's OpenAPI document.`);
    return;
  }
  fs.writeFileSync(SCHEMA_FILE, text);
  console.log(`wrote ${rel} (${text.split('\n').length} lines)`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
