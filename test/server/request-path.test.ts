/**
 * The request path (main/server/create-app.ts: error handler, security headers, Host,
 * token, Origin, body parser, router, 405s) over a real socket: every form of the token
 * accepted, the cookie only when no Bearer is given, headers on error answers, and the
 * router's answers (405, 501 as 405, OPTIONS, HEAD, strict trailing slash) on the real API.
 */
import { describe, expect, it } from 'vitest';
import { sessionCookieName } from '../../main/server/middleware/auth.js';
import { serverForFile, TEST_TOKEN } from '../support/test-server.js';

const file = serverForFile({ checked: true });

const get = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
  file.server.raw({ method, path, headers: { Host: file.host, ...headers } });

describe('token forms', () => {
  it.each([
    ['the exact header', `Bearer ${TEST_TOKEN}`],
    ['a lower-case scheme', `bearer ${TEST_TOKEN}`],
    ['an upper-case scheme', `BEARER ${TEST_TOKEN}`],
    ['a tab after the scheme', `Bearer\t${TEST_TOKEN}`],
    ['several blanks after the scheme', `Bearer   ${TEST_TOKEN}`],
  ])('accepts %s', async (_name, authorization) => {
    expect((await get('/api/info', { Authorization: authorization })).status).toBe(200);
  });

  it('uses the cookie only when no Bearer token is given', async () => {
    const cookie = `${sessionCookieName(file.server.port)}=${TEST_TOKEN}`;
    expect((await get('/api/info', { Cookie: cookie })).status).toBe(200);
    expect((await get('/api/info', { Cookie: cookie, Authorization: 'Token something-else' })).status).toBe(200);
    expect((await get('/api/info', { Cookie: cookie, Authorization: `Bearer ${TEST_TOKEN.slice(1)}x` })).status).toBe(
      401,
    );
  });

  it('guards every static and parametrised /api route but /api/health', async () => {
    for (const path of ['/api/info', '/api/settings', '/api/costs', '/api/runs/some-id', '/api/nope']) {
      expect((await get(path)).status, path).toBe(401);
    }
    expect((await get('/api/health')).status).toBe(200);
  });
});

describe('headers', () => {
  it('puts the security headers and a request id on error answers, even a refused Host', async () => {
    const refused = await file.server.raw({ path: '/api/info', headers: { Host: 'evil.example' } });
    expect(refused.status).toBe(400);
    expect(refused.headers['x-content-type-options']).toBe('nosniff');
    expect(refused.headers['referrer-policy']).toBe('no-referrer');
    expect(refused.headers['cache-control']).toBe('no-store');
    const other = await get('/api/info');
    expect(other.status).toBe(401);
    expect(refused.headers['x-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-z]+$/);
    expect(other.headers['x-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-z]+$/);
    expect(other.headers['x-request-id']).not.toBe(refused.headers['x-request-id']);
  });

  it('marks API answers no-store without the document policy, and documents with it', async () => {
    const api = await get('/api/info', { Authorization: `Bearer ${TEST_TOKEN}` });
    expect(api.headers['cache-control']).toBe('no-store');
    expect(api.headers['x-content-type-options']).toBe('nosniff');
    expect(api.headers['content-security-policy']).toBeUndefined();
    const page = await get('/');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['x-frame-options']).toBe('DENY');
  });
});

describe('the /api dispatch', () => {
  const auth = { Authorization: `Bearer ${TEST_TOKEN}` };

  it('answers HEAD on a GET route without a body, and a trailing slash as no route (strict routing)', async () => {
    const head = await get('/api/info', auth, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
    const slash = await get('/api/info/', auth);
    expect(slash.status).toBe(404);
    expect(slash.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('answers OPTIONS with the allowed methods, and a wrong or unknown method with 405', async () => {
    const options = await get('/api/settings', auth, 'OPTIONS');
    expect(options.status).toBe(200);
    expect(String(options.headers.allow).split(/,\s*/).sort()).toEqual(['GET', 'HEAD', 'PUT']);
    for (const method of ['POST', 'PROPFIND']) {
      const res = await get('/api/info', auth, method);
      expect(res.status, method).toBe(405);
      expect(res.json()).toMatchObject({ error: { code: 'method_not_allowed' } });
    }
  });

  it('answers parametrised routes through the router, and unknown paths with the JSON 404', async () => {
    const run = await get('/api/runs/does-not-exist', auth);
    expect(run.status).toBe(404);
    expect(run.json()).toMatchObject({ error: { code: expect.stringMatching(/^(unknown_run|invalid_id)$/) } });
    const missing = await get('/api/settings/extra', auth);
    expect(missing.status).toBe(404);
    expect(missing.json()).toMatchObject({ error: { code: 'not_found' } });
  });
});
