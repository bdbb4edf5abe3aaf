/**
 * `npm start` prints the demo passwords once, when it creates the accounts (issue 10 §9): a later
 * start finds the accounts there and prints no password — the users may have changed theirs, and a
 * start log is no place for credentials.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestEnv, type TestEnv } from '../testing/harness.js';
import { DEMO_USERS } from '../modules/demo/demo.data.js';
import { seedIfEmpty } from './seed-command.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env?.close());

async function stdoutOf(fn: () => Promise<void>): Promise<string> {
  const out: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out.push(String(chunk));
    return true;
  });
  try {
    await fn();
  } finally {
    spy.mockRestore();
  }
  return out.join('');
}

describe('the demo accounts at start', { timeout: 180_000 }, () => {
  it('prints every demo password on the start that creates the accounts, and none on the next start', async () => {
    const first = await stdoutOf(() => seedIfEmpty(env.platform.ctx));
    for (const u of DEMO_USERS) {
      expect(first).toContain(u.username);
      expect(first).toContain(u.password);
    }
    const second = await stdoutOf(() => seedIfEmpty(env.platform.ctx));
    for (const u of DEMO_USERS) expect(second).not.toContain(u.password);
    expect(second).not.toMatch(/Demo@2026/);
    expect(second).toMatch(/只在创建时显示一次/);
    expect(second).toMatch(/shown once, when they were created/);
  });
});
