import { defineConfig } from 'vitest/config';

/** Browser journeys (e2e/): the real server in-process, the built web client, Chromium via playwright-core. */
export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts'],
    globalSetup: ['e2e/support/global-setup.ts'],
    testTimeout: 240_000,
    hookTimeout: 240_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
  },
});
