/**
 * A district officer's application list counts only what the officer may read (issue 10 §9).
 * Guide 2023 §一: only 方向3 ("区已投入资金或承诺投入的资金不低于市级支持额度") needs the district's
 * recommendation (推荐部门审核); an application of another direction never reaches the district, so
 * the district may neither see nor count it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestEnv } from '../../testing/harness.js';
import type { Call } from '../calls/index.js';
import {
  approve,
  fillApplication,
  makeApplicant,
  makeDistrictOfficer,
  programmeSuite,
  type Http,
} from './programme.testkit.js';

const suite = programmeSuite('list-scope-');
let env: TestEnv;
let http: Http;
let call: Call;
let callId: string;
beforeAll(() => {
  ({ env, http, call, callId } = suite);
});

describe("a district officer's application list", () => {
  it('counts only the applications the officer may read: total matches the items on every page', async () => {
    const district = await makeDistrictOfficer(env, '上海市徐汇区');
    // 方向1 needs no district recommendation: approved by the organisation, it is not the district's
    const noDistrict = await makeApplicant(env, 'university', '上海市徐汇区');
    const hidden = await fillApplication(env, call, callId, noDistrict, '1');
    await approve(env, hidden, noDistrict);
    // 方向3 needs it: sent on to the district, the officer reads it
    const needsDistrict = await makeApplicant(env, 'enterprise', '上海市徐汇区');
    const shown = await fillApplication(env, call, callId, needsDistrict, '3');
    await approve(env, shown, needsDistrict);

    expect((await http(district.cookie, 'GET', `/api/applications/${hidden}`)).statusCode).toBe(403);
    expect((await http(district.cookie, 'GET', `/api/applications/${shown}`)).statusCode).toBe(200);

    const all = (await http(district.cookie, 'GET', `/api/applications?callId=${callId}`)).json();
    expect(all.items.map((i: { id: string }) => i.id)).toEqual([shown]);
    expect(all.total).toBe(1);

    const page1 = (
      await http(district.cookie, 'GET', `/api/applications?callId=${callId}&pageSize=1`)
    ).json();
    expect(page1.total).toBe(1);
    expect(page1.items.map((i: { id: string }) => i.id)).toEqual([shown]);
  });
});
