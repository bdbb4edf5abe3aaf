import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createTestEnv, type TestEnv } from '../../testing/harness.js';
import { createOrg } from '../../testing/factories.js';
import { up } from '../../migrations/0046_challenge_shanghai_days.js';
import { shanghaiDate } from '../../../../shared/time.js';
import { challengeAccepts } from './challenge.rules.js';

// Issue 11: "A challenge ending 2027-01-31 shows 2027-02-01 (stored as UTC end of day): date-only
// deadlines are judged and shown as Asia/Shanghai dates everywhere." Migration 0046 moves the rows the
// old web wrote (endOf('day').toISOString() in a UTC browser) to the Shanghai day they meant.
let env: TestEnv;
let orgId: string;

beforeAll(async () => {
  env = await createTestEnv();
  orgId = (await createOrg(env)).id;
});
afterAll(async () => env?.close());

async function insert(opensAt: string, closesAt: string) {
  const id = randomUUID();
  await env.platform.ctx.db
    .insertInto('market_challenges')
    .values({
      id,
      title: `挑战赛${id.slice(0, 4)}`,
      description: '',
      kind: 'challenge',
      organiser_org_id: orgId,
      opens_at: opensAt,
      closes_at: closesAt,
      rounds: 1,
      status: 'open',
    })
    .execute();
  return id;
}
const read = (id: string) =>
  env.platform.ctx.db
    .selectFrom('market_challenges')
    .select(['opens_at', 'closes_at', 'version'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

describe('migration 0046: challenge windows stored as UTC days become Shanghai days', () => {
  it('a close at the UTC end of 2027-01-31 shows as 2027-01-31 and closes at 00:00 Beijing time on 2027-02-01', async () => {
    const id = await insert('2027-01-01T00:00:00.000Z', '2027-01-31T23:59:59.999Z');
    expect(shanghaiDate((await read(id)).closes_at)).toBe('2027-02-01'); // the bug as stored
    await up(env.platform.ctx.db);
    const r = await read(id);
    expect(new Date(r.closes_at).toISOString()).toBe(new Date('2027-01-31T23:59:59.999+08:00').toISOString());
    expect(new Date(r.opens_at).toISOString()).toBe(new Date('2027-01-01T00:00:00+08:00').toISOString());
    expect(shanghaiDate(r.closes_at)).toBe('2027-01-31');
    expect(r.version).toBe(2);
    const w = { status: 'open' as const, opensAt: new Date(r.opens_at), closesAt: new Date(r.closes_at) };
    expect(challengeAccepts(w, new Date('2027-01-31T23:59:59+08:00')).allowed).toBe(true);
    expect(challengeAccepts(w, new Date('2027-02-01T00:00:00+08:00')).allowed).toBe(false);
  });

  it('leaves a window already in Shanghai days, or typed as instants, as it is (and a second run changes nothing)', async () => {
    const shanghai = await insert('2027-03-01T00:00:00+08:00', '2027-03-31T23:59:59.999+08:00');
    const typed = await insert('2027-04-01T09:00:00+08:00', '2027-04-30T17:00:00+08:00');
    const before = await Promise.all([read(shanghai), read(typed)]);
    await up(env.platform.ctx.db);
    expect(await Promise.all([read(shanghai), read(typed)])).toEqual(before);
  });
});
