import { defineConfig } from 'vitest/config';

/** The repo's vitest config covers server/ and web/ only; this one runs the benchmark's own tests:
 *  npx vitest run --config bench/search/vitest.config.ts */
export default defineConfig({
  test: { root: new URL('../..', import.meta.url).pathname, include: ['bench/search/**/*.test.ts'] },
});
