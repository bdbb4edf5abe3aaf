/**
 * An unpublished achievement does not reveal that it exists (issue 10 §9): to anyone who may not
 * read it — another organisation's user, another institution's transfer office — every achievement
 * route answers an unpublished disclosure exactly as it answers an id that was never used: 404.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../testing/harness.js';
import { actorIn, call, marketCast } from './market.test-helpers.js';

let env: TestEnv;
let cast: Awaited<ReturnType<typeof marketCast>>;

beforeAll(async () => {
  env = await createTestEnv();
  cast = await marketCast(env);
});
afterAll(async () => env?.close());

const body = {
  title: '钙钛矿叠层太阳能电池封装工艺',
  abstract: '本成果提出一种钙钛矿叠层电池的柔性封装工艺，湿热老化1000小时后效率保持率达到92%。',
  keywords: ['钙钛矿', '封装'],
  field: '新能源',
  organisations: [{ name: '上海测试大学', role: 'first' }],
  people: [{ name: '王五' }],
  ipItems: [{ type: 'patent', number: 'ZL202210000003.3' }],
  trl: 5,
  ownership: 'unitOwned',
  transferModes: ['licence'],
};

/** Every route that takes an achievement id, with a body that would pass the schema. */
const routes = (id: string): [string, string, unknown?][] => [
  ['GET', `/api/market/achievements/${id}`],
  ['GET', `/api/market/achievements/${id}/full`],
  ['GET', `/api/market/achievements/${id}/matches`],
  ['PATCH', `/api/market/achievements/${id}`, { version: 1, title: '钙钛矿叠层太阳能电池柔性封装工艺' }],
  ['POST', `/api/market/achievements/${id}/submit`, {}],
  ['POST', `/api/market/achievements/${id}/withdraw`, {}],
];

describe('an unpublished achievement read by someone who may not see it', () => {
  it('answers 404 not_found on every route, exactly as for an unknown id, and leaves the draft unchanged', async () => {
    const made = await call(env, cast.researcher.cookie, 'POST', '/api/market/achievements', body);
    expect(made.statusCode).toBe(201);
    const draft = made.json().id as string;
    const otherUni = await actorIn(env, cast.ent.id, ['orgAdmin']);
    const outsiders = { enterprise: cast.enterprise, broker: cast.broker, otherOrgAdmin: otherUni };

    const answers: Record<string, string[]> = {};
    for (const [who, u] of Object.entries(outsiders))
      for (const target of [draft, randomUUID()]) {
        for (const [method, url, payload] of routes(target)) {
          const res = await call(env, u.cookie, method, url, payload);
          (answers[`${who} ${method} ${url.replace(target, ':id')}`] ??= []).push(
            `${res.statusCode} ${res.json().code}`,
          );
        }
      }
    for (const [k, v] of Object.entries(answers))
      expect([k, v]).toEqual([k, ['404 not_found', '404 not_found']]);

    const full = await call(env, cast.researcher.cookie, 'GET', `/api/market/achievements/${draft}/full`);
    expect(full.json()).toMatchObject({ status: 'draft', title: body.title, version: 1 });
  });
});
