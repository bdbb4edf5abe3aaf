import type { TestEnv } from '../../testing/harness.js';
import { createOrg, createUser, loginAs } from '../../testing/factories.js';
import type { Role } from '../../platform/roles.js';

/** A signed-in user of a given organisation, for the market's HTTP tests. */
export async function actorIn(env: TestEnv, orgId: string, roles: Role[]) {
  const made = await createUser(env, { roles, orgId });
  const cookie = await loginAs(env, made);
  return { id: made.user.id, orgId, cookie };
}

export async function marketCast(env: TestEnv) {
  const uni = await createOrg(env, { type: 'university', name: '上海测试大学', region: '上海市徐汇区' });
  const ent = await createOrg(env, {
    type: 'enterprise',
    name: '上海芯片制造有限公司',
    region: '上海市浦东新区',
  });
  const ent2 = await createOrg(env, {
    type: 'enterprise',
    name: '上海生物医药有限公司',
    region: '上海市闵行区',
  });
  const tto = await createOrg(env, {
    type: 'transferInstitution',
    name: '上海技术转移中心',
    region: '上海市杨浦区',
  });
  return {
    uni,
    ent,
    ent2,
    tto,
    researcher: await actorIn(env, uni.id, ['projectLead']),
    transferOffice: await actorIn(env, uni.id, ['techManager']),
    enterprise: await actorIn(env, ent.id, ['enterpriseUser']),
    enterprise2: await actorIn(env, ent2.id, ['enterpriseUser']),
    broker: await actorIn(env, tto.id, ['techManager']),
  };
}

export function call(env: TestEnv, cookie: string | null, method: string, url: string, payload?: unknown) {
  return env.app.inject({
    method: method as 'GET',
    url,
    headers: cookie ? { cookie } : {},
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
}
