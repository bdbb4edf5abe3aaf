import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { createTestEnv, type TestEnv } from '../../testing/harness.js';
import { createOrg, createUser, type CreatedUser } from '../../testing/factories.js';
import { DomainError } from '../errors.js';
import { PUBLIC } from '../permissions.js';

/**
 * Issue 10 §1: "Logs must never hold personal data or secrets, at any depth, on any error path; a test
 * triggers each error class and scans the log." GB/T 35273 / PIPL: ID and phone numbers are personal
 * data; a password hash is a secret. The app below is the real one (every module, the real logger
 * set-up) with three extra routes that fail the three ways an error reaches the log.
 */
const ID_NUMBER = '110101199003071234';
const PHONE = '13812345678';
const DRAFT = '一种基于量子点的柔性显示面板制备工艺草稿正文';

let env: TestEnv;
let app: FastifyInstance;
let user: CreatedUser;
let hash: string;
const lines: string[] = [];

beforeAll(async () => {
  env = await createTestEnv({ logLevel: 'info' });
  user = await createUser(env, { roles: ['projectLead'], idNumber: ID_NUMBER, phone: PHONE });
  const row = user.user;
  hash = row.password_hash!;
  const org = await createOrg(env, {});
  app = await buildApp(env.platform.ctx, {
    web: false,
    logStream: { write: (line) => void lines.push(line) },
    extraModules: [
      (api, ctx) => {
        const cfg = { config: { permission: PUBLIC }, schema: { hide: true } } as const;
        // A unique violation: the row re-inserted with its ID number, phone and hash as SQL parameters.
        api.post('/log-probe/unique', cfg, async () => {
          await ctx.db.insertInto('users').values(row).execute();
          return {};
        });
        // A bug: a plain Error carrying a nested object that holds a password hash.
        api.post('/log-probe/plain', cfg, async () => {
          throw Object.assign(new Error('profile update failed'), {
            context: { account: { user: { passwordHash: hash, phone: PHONE } }, idNumber: ID_NUMBER },
          });
        });
        // A 5xx DomainError whose cause is a database error on an application draft.
        api.post('/log-probe/domain', cfg, async () => {
          try {
            await ctx.db
              .insertInto('applications')
              .values({
                id: randomUUID(),
                call_id: 'no-such-call',
                call_year: 2023,
                direction_code: 'x',
                org_id: org.id,
                created_by: user.user.id,
                content: JSON.stringify({ summary: DRAFT, leadIdNumber: ID_NUMBER, leadPhone: PHONE }),
              })
              .execute();
          } catch (e) {
            throw new DomainError('internal', { cause: e });
          }
          return {};
        });
      },
    ],
  });
});
afterAll(async () => {
  await app?.close();
  await env?.close();
});

describe('the error log holds no personal data or secrets', () => {
  it.each([
    ['a unique violation whose parameters carry an ID number, a phone and a hash', '/api/log-probe/unique'],
    ['a thrown Error with a password hash nested three levels deep', '/api/log-probe/plain'],
    ['a 5xx DomainError caused by a database error on a draft', '/api/log-probe/domain'],
  ])('%s: answers 500 and logs the error without the values', async (_name, url) => {
    lines.length = 0;
    const res = await app.inject({ method: 'POST', url, payload: {} });
    expect(res.statusCode).toBe(500);
    const log = lines.join('');
    // The error was logged (a scan of an empty log would prove nothing).
    expect(log).toMatch(/"level":50/);
    expect(log).not.toContain(ID_NUMBER);
    expect(log).not.toContain(PHONE);
    expect(log).not.toContain('$argon2id$');
    expect(log).not.toContain(hash.split('$').at(-1));
    expect(log).not.toContain(DRAFT);
    // What the operator needs stays: the error's class and, for a database error, its code.
    if (url.endsWith('unique')) expect(log).toContain('23505');
    if (url.endsWith('domain')) expect(log).toContain('23503');
  });
});
