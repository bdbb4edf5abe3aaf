import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, call, createApi, onApiError } from './client.js';

// The web's one client: requests typed by the generated OpenAPI types, answers as today's client gave
// them (same-origin cookies, problem+json → ApiError with zh, en and every invalid field).
const api = createApi('http://app.test');
const seen: Request[] = [];
function answer(status: number, body?: unknown, type = 'application/json') {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (req: Request) => {
      seen.push(req);
      return new Response(body === undefined ? null : JSON.stringify(body), {
        status,
        headers: body === undefined ? {} : { 'content-type': type },
      });
    }),
  );
}
afterEach(() => {
  vi.unstubAllGlobals();
  seen.length = 0;
});

describe('web API client', () => {
  it('sends the session cookie, JSON, and leaves empty query values out', async () => {
    answer(200, { total: 0, items: [] });
    const page = await call(api.GET('/api/orgs', { params: { query: { q: '', type: undefined, page: 2 } } }));
    expect(page).toEqual({ total: 0, items: [] });
    expect(seen[0].url).toBe('http://app.test/api/orgs?page=2');
    expect(seen[0].credentials).toBe('same-origin');
    expect(seen[0].headers.get('accept')).toBe('application/json');

    answer(200, { id: 'o1' });
    await call(api.PATCH('/api/orgs/{id}', { params: { path: { id: 'a/b' } }, body: { name: '复旦大学' } }));
    expect(seen[1].url).toBe('http://app.test/api/orgs/a%2Fb');
    expect(seen[1].headers.get('content-type')).toBe('application/json');
    expect(await seen[1].json()).toEqual({ name: '复旦大学' });
  });

  it('turns a problem+json answer into an ApiError naming each invalid field, told to listeners', async () => {
    const problem = {
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      code: 'validation_failed',
      detail: '',
      message: '请求数据有误',
      messageEn: 'Invalid request',
      errors: [
        { field: 'uscc', code: 'invalid', message: '统一社会信用代码格式不正确', messageEn: 'Invalid USCC' },
      ],
    };
    answer(400, problem, 'application/problem+json');
    const heard: ApiError[] = [];
    const off = onApiError((e) => heard.push(e));
    const err = await call(api.POST('/api/orgs', { body: {} as any })).catch((e) => e);
    off();
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 400, code: 'validation_failed', messageZh: '请求数据有误' });
    expect(err.errors).toEqual(problem.errors);
    expect(err.text('en')).toBe('Invalid request');
    expect(heard).toEqual([err]);
  });

  it('keeps a quiet request from the listeners, and reads a body-less 404 as not_found', async () => {
    answer(404);
    const heard: ApiError[] = [];
    const off = onApiError((e) => heard.push(e));
    const err = await call(api.GET('/api/auth/me'), { quiet: true }).catch((e) => e);
    off();
    expect(err).toMatchObject({ status: 404, code: 'not_found', messageZh: '接口不存在' });
    expect(heard).toEqual([]);
  });

  it('answers 204 with undefined and a network failure with the network ApiError', async () => {
    answer(204);
    await expect(call(api.POST('/api/auth/logout'))).resolves.toBeUndefined();
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    const err = await call(api.GET('/api/health')).catch((e) => e);
    expect(err).toMatchObject({
      status: 0,
      code: 'network',
      messageEn: 'Network error; check your connection and retry',
    });
  });
});
