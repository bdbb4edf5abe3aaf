// The expert pool (专家库) behind experts/index.ts: what matching and challenges (and, in issue 12,
// programme review) read of an expert.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../testing/harness.js';
import { createUser } from '../../testing/factories.js';
import { expertCards, expertsForIndex, getExpertProfile, saveExpertProfile } from './index.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env?.close());

describe('expert pool', () => {
  it('gives an empty profile (version 0) until the expert writes one, then counts edits', async () => {
    const { user } = await createUser(env, { roles: ['expert'], name: '王专家' });
    const db = env.platform.ctx.db;
    expect(await getExpertProfile(db, user.id)).toEqual({
      userId: user.id,
      fields: [],
      keywords: [],
      bio: '',
      version: 0,
    });
    const body = { fields: ['新材料'], keywords: ['石墨烯', '涂层'], bio: '二十年材料研究' };
    await saveExpertProfile(db, user.id, body, new Date());
    expect(await getExpertProfile(db, user.id)).toMatchObject({ ...body, version: 1 });
    await saveExpertProfile(db, user.id, { ...body, bio: '三十年' }, new Date());
    expect(await getExpertProfile(db, user.id)).toMatchObject({ bio: '三十年', version: 2 });
    const [card] = await expertCards(db, [user.id]);
    expect(card).toMatchObject({ id: user.id, name: '王专家', fields: ['新材料'] });
    expect(card).not.toHaveProperty('email');
  });

  it('indexes only active users who hold the expert role', async () => {
    const db = env.platform.ctx.db;
    const active = (await createUser(env, { roles: ['expert'] })).user;
    const disabled = (await createUser(env, { roles: ['expert'], status: 'disabled' })).user;
    const notExpert = (await createUser(env, { roles: ['projectLead'] })).user;
    const body = { fields: ['生物医药'], keywords: ['抗体'], bio: '' };
    for (const u of [active, disabled, notExpert]) await saveExpertProfile(db, u.id, body, new Date());
    const ids = (await expertsForIndex(db, [active.id, disabled.id, notExpert.id])).map((e) => e.userId);
    expect(ids).toEqual([active.id]);
    expect(await expertsForIndex(db, [])).toEqual([]);
  });
});
