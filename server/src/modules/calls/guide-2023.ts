import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Call } from './call.schema.js';

/** The whole 2023 guide (沪科指南〔2023〕21号) as a call document. */
export const GUIDE_2023_PATH = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  'fixtures/guide-2023.json',
);
export function guide2023(): Call {
  return JSON.parse(fs.readFileSync(GUIDE_2023_PATH, 'utf8')) as Call;
}
