import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { createTestEnv, type TestEnv } from '../../testing/harness.js';

/**
 * Issue 10 §7: "No Content-Security-Policy on the web client or the API docs; no HSTS behind a trusted
 * HTTPS proxy." ASVS 5.0 V3.4 (browser security mechanisms): a CSP with object-src 'none' and
 * base-uri, frame-ancestors against framing, a Referrer-Policy, and Strict-Transport-Security on
 * answers given over HTTPS. The app is the real one, with a built client's index.html at /.
 */
let env: TestEnv;
let webDir: string;
const apps: FastifyInstance[] = [];

async function appWith(trustProxy: false | string[]): Promise<FastifyInstance> {
  const ctx = { ...env.platform.ctx, config: { ...env.platform.ctx.config, trustProxy } };
  const app = await buildApp(ctx, { logger: false, webDir });
  apps.push(app);
  return app;
}

beforeAll(async () => {
  env = await createTestEnv();
  webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'web-'));
  fs.writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><div id="root"></div>');
});
afterAll(async () => {
  for (const a of apps) await a.close();
  await env?.close();
  fs.rmSync(webDir, { recursive: true, force: true });
});

function directives(csp: unknown): Map<string, string> {
  return new Map(
    String(csp ?? '')
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => [d.split(/\s+/)[0], d.split(/\s+/).slice(1).join(' ')] as [string, string]),
  );
}

describe('security headers', () => {
  it.each([
    ['the web client', '/'],
    ['a deep link of the web client', '/programme/calls'],
    ['the API docs', '/api/docs/'],
    ['an API route', '/api/health'],
    ['an API problem answer', '/api/no-such-route'],
  ])('%s (%s) has a CSP that forbids framing, plugins and foreign scripts', async (_n, url) => {
    const app = await appWith(false);
    const res = await app.inject({ url });
    expect(res.statusCode).toBeLessThan(500);
    const d = directives(res.headers['content-security-policy']);
    expect(d.get('frame-ancestors')).toBe("'none'");
    expect(d.get('object-src')).toBe("'none'");
    expect(d.get('base-uri')).toMatch(/'self'|'none'/);
    expect(d.get('default-src')).toMatch(/^'(self|none)'$/);
    expect(d.get('script-src') ?? d.get('default-src')).not.toMatch(/unsafe|\*|https?:/);
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('same-origin');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('gives the web client its own policy: scripts from itself, inline styles for Ant Design, API on itself', async () => {
    const app = await appWith(false);
    const d = directives((await app.inject({ url: '/' })).headers['content-security-policy']);
    expect(d.get('default-src')).toBe("'self'");
    expect(d.get('script-src')).toBe("'self'");
    expect(d.get('style-src')).toBe("'self' 'unsafe-inline'");
    expect(d.get('connect-src')).toBe("'self'");
    expect(d.get('form-action')).toBe("'self'");
  });

  it('answers API data with a policy that loads nothing', async () => {
    const app = await appWith(false);
    const d = directives((await app.inject({ url: '/api/health' })).headers['content-security-policy']);
    expect(d.get('default-src')).toBe("'none'");
  });

  it('sends HSTS when the request came over HTTPS through a trusted proxy', async () => {
    const app = await appWith(['127.0.0.1']);
    for (const url of ['/', '/api/health', '/api/docs/']) {
      const res = await app.inject({ url, headers: { 'x-forwarded-proto': 'https' } });
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    }
  });

  it.each([
    ['no proxy is trusted', false, '127.0.0.1', 'https'],
    ['the sender is not the trusted proxy', ['10.0.0.1'], '127.0.0.1', 'https'],
    ['the trusted proxy says the request came over HTTP', ['127.0.0.1'], '127.0.0.1', 'http'],
  ] as const)('sends no HSTS when %s', async (_n, trust, from, proto) => {
    const app = await appWith(trust === false ? false : [...trust]);
    const res = await app.inject({
      url: '/api/health',
      remoteAddress: from,
      headers: { 'x-forwarded-proto': proto },
    });
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });
});
