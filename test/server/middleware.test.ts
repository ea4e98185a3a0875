/**
 * Every middleware case of the foundation over a real socket: Host allowlist, token
 * auth and the cookie bootstrap, Origin, body limits, JSON errors, 404/405, CSP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseCsp } from '../../main/server/csp.js';
import { sessionCookieName } from '../../main/server/middleware/auth.js';
import { startTestServer, TEST_TOKEN, type TestServer } from '../support/test-server.js';
import { removeTempDirs, tempDir } from '../support/temp.js';

let server: TestServer;
let host: string;

beforeAll(async () => {
  const rendererDir = await tempDir('renderer-');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(
    join(rendererDir, 'index.html'),
    '<!doctype html><title>console</title><script type="module" src="/assets/app.js"></script>',
  );
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  server = await startTestServer({
    checked: true,
    deps: { rendererDir },
    config: { trustedHosts: ['ops.example.test', 'tunnel.test:9000'] },
  });
  host = `127.0.0.1:${server.port}`;
});
afterAll(async () => {
  await server.close();
  await removeTempDirs();
});

const bearer = { Authorization: `Bearer ${TEST_TOKEN}` };

describe('Host allowlist', () => {
  it.each(['127.0.0.1', 'localhost', 'LOCALHOST', '[::1]'])(
    'accepts the loopback alias %s with the port',
    async (name) => {
      const res = await server.raw({ path: '/api/health', headers: { Host: `${name}:${server.port}` } });
      expect(res.status).toBe(200);
    },
  );

  it.each([
    ['a foreign host', () => 'evil.example:80'],
    ['the right name on another port', () => `localhost:${server.port + 1}`],
    ['a name without the port', () => 'localhost'],
    ['an empty Host', () => ''],
  ])('refuses %s with 400 untrusted_host', async (_name, value) => {
    const res = await server.raw({ path: '/api/health', headers: { Host: value() } });
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({ error: { code: 'untrusted_host' } });
  });

  it('accepts a port-less trusted host bare and on :80 and :443, a ported one only on its port', async () => {
    for (const value of ['ops.example.test', 'ops.example.test:80', 'OPS.example.test:443', 'tunnel.test:9000']) {
      expect((await server.raw({ path: '/api/health', headers: { Host: value } })).status).toBe(200);
    }
    for (const value of ['ops.example.test:8080', 'tunnel.test', 'tunnel.test:443']) {
      expect((await server.raw({ path: '/api/health', headers: { Host: value } })).status).toBe(400);
    }
  });

  it('checks the Host before auth and routing', async () => {
    const res = await server.raw({ path: '/api/nope', headers: { Host: 'evil.test' } });
    expect(res.json()).toMatchObject({ error: { code: 'untrusted_host' } });
  });
});

describe('token auth', () => {
  it('lets /api/health through without a token and guards every other /api route', async () => {
    expect((await server.api('/api/health', { auth: false })).status).toBe(200);
    const res = await server.api('/api/info', { auth: false });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'unauthorized' } });
  });

  it.each([
    ['a wrong token', 'Bearer wrong-token-wrong-token-wrong-token-wrong'],
    ['a prefix of the token', `Bearer ${TEST_TOKEN.slice(0, 10)}`],
    ['the token plus a character', `Bearer ${TEST_TOKEN}x`],
    ['a non-ASCII token', 'Bearer t\u00f6k\u00e9n\u00ff\u00fe'],
    [
      'raw high bytes',
      Buffer.from([0x42, 0x65, 0x61, 0x72, 0x65, 0x72, 0x20, 0xff, 0xfe, 0xc3, 0x28]).toString('latin1'),
    ],
    ['a Basic scheme', `Basic ${TEST_TOKEN}`],
    ['an empty bearer', 'Bearer '],
  ])('answers 401 (never 500) for %s', async (_name, authorization) => {
    const res = await server.raw({ path: '/api/info', headers: { Host: host, Authorization: authorization } });
    expect(res.status).toBe(401);
    expect(res.json()).toMatchObject({ error: { code: 'unauthorized' } });
  });

  it('accepts the bearer token', async () => {
    expect((await server.raw({ path: '/api/info', headers: { Host: host, ...bearer } })).status).toBe(200);
  });

  it('sets an HttpOnly SameSite=Strict cookie from /?token= and redirects to a clean URL', async () => {
    const res = await server.raw({ path: `/?token=${TEST_TOKEN}&tab=runs`, headers: { Host: host } });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/?tab=runs');
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toContain(`${sessionCookieName(server.port)}=${TEST_TOKEN}`);
    expect(cookie.toLowerCase()).toContain('httponly');
    expect(cookie.toLowerCase()).toContain('samesite=strict');
    const withCookie = await server.raw({
      path: '/api/info',
      headers: { Host: host, Cookie: `${sessionCookieName(server.port)}=${TEST_TOKEN}` },
    });
    expect(withCookie.status).toBe(200);
  });

  it('never redirects off-site after the cookie bootstrap', async () => {
    for (const path of [`//evil.example/?token=${TEST_TOKEN}`, `/\\evil.example/?token=${TEST_TOKEN}`]) {
      const res = await server.raw({ path, headers: { Host: host } });
      expect(res.status).toBe(303);
      expect(String(res.headers.location)).toMatch(/^\/[^/\\]/);
    }
  });

  it('refuses a wrong ?token= without setting a cookie, and a cookie for another port', async () => {
    const res = await server.raw({ path: '/?token=nope', headers: { Host: host } });
    expect(res.status).toBe(401);
    expect(res.headers['set-cookie']).toBeUndefined();
    const other = await server.raw({
      path: '/api/info',
      headers: { Host: host, Cookie: `${sessionCookieName(server.port + 1)}=${TEST_TOKEN}` },
    });
    expect(other.status).toBe(401);
  });
});

describe('Origin on state-changing requests', () => {
  const body = JSON.stringify({ theme: 'dark' });
  const json = { ...bearer, 'Content-Type': 'application/json' };

  it('accepts a same-origin Origin and a request without one', async () => {
    expect(
      (
        await server.raw({
          method: 'PUT',
          path: '/api/settings',
          headers: { Host: host, ...json, Origin: `http://${host}` },
          body,
        })
      ).status,
    ).toBe(200);
    expect(
      (await server.raw({ method: 'PUT', path: '/api/settings', headers: { Host: host, ...json }, body })).status,
    ).toBe(200);
  });

  it.each(['http://evil.example', 'null', `https://${'127.0.0.1'}:1`])(
    'refuses Origin %s with 403 forbidden_origin',
    async (origin) => {
      const res = await server.raw({
        method: 'PUT',
        path: '/api/settings',
        headers: { Host: host, ...json, Origin: origin },
        body,
      });
      expect(res.status).toBe(403);
      expect(res.json()).toMatchObject({ error: { code: 'forbidden_origin' } });
    },
  );

  it('does not check Origin on reads', async () => {
    expect(
      (await server.raw({ path: '/api/info', headers: { Host: host, ...bearer, Origin: 'http://evil.example' } }))
        .status,
    ).toBe(200);
  });
});

describe('bodies and errors', () => {
  const headers = () => ({ Host: host, ...bearer, 'Content-Type': 'application/json' });

  it('answers 400 invalid_json for malformed JSON', async () => {
    const res = await server.raw({ method: 'PUT', path: '/api/settings', headers: headers(), body: '{"theme": ' });
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({ error: { code: 'invalid_json' } });
  });

  it('answers 413 body_too_large above 1 MiB', async () => {
    const big = JSON.stringify({ theme: 'x'.repeat(1024 * 1024 + 10) });
    const res = await server.raw({ method: 'PUT', path: '/api/settings', headers: headers(), body: big });
    expect(res.status).toBe(413);
    expect(res.json()).toMatchObject({ error: { code: 'body_too_large' } });
  });

  it('rejects unknown keys naming the key, and bad values naming the field', async () => {
    const unknown = await server.raw({
      method: 'PUT',
      path: '/api/settings',
      headers: headers(),
      body: '{"theme":"dark","colour":"red"}',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.json()).toMatchObject({ error: { code: 'invalid_body', field: 'colour' } });
    const bad = await server.raw({
      method: 'PUT',
      path: '/api/settings',
      headers: headers(),
      body: '{"maxConcurrentRuns":0}',
    });
    expect(bad.json()).toMatchObject({ error: { code: 'invalid_body', field: 'maxConcurrentRuns' } });
  });

  it('answers a JSON 404 for an unknown /api path and 405 for a wrong method', async () => {
    const missing = await server.api('/api/does-not-exist');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'not_found' } });
    const wrong = await server.api('/api/info', { method: 'DELETE' });
    expect(wrong.status).toBe(405);
    expect(await wrong.json()).toMatchObject({ error: { code: 'method_not_allowed' } });
  });

  it.each([
    ['text/plain', '{"theme":"dark"}'],
    ['application/x-www-form-urlencoded', 'theme=dark'],
    ['', '{"theme":"dark"}'],
  ])('refuses a %s body with 415 instead of reading it as {}', async (type, body) => {
    const headers: Record<string, string> = { Host: host, ...bearer };
    if (type) headers['Content-Type'] = type;
    const res = await server.raw({ method: 'PUT', path: '/api/settings', headers, body });
    expect(res.status).toBe(415);
    expect(res.json()).toMatchObject({ error: { code: 'unsupported_media_type' } });
  });

  it('accepts a bodiless POST and a JSON body with a charset', async () => {
    const res = await server.raw({
      method: 'PUT',
      path: '/api/settings',
      headers: { Host: host, ...bearer, 'Content-Type': 'application/json; charset=utf-8' },
      body: '{"theme":"light"}',
    });
    expect(res.status).toBe(200);
    const bodiless = await server.raw({
      method: 'POST',
      path: '/api/status/ack-failure',
      headers: { Host: host, ...bearer },
    });
    expect(bodiless.status).toBeLessThan(400);
  });

  it('persists settings through GET/PUT /api/settings', async () => {
    const put = await server.api('/api/settings', {
      method: 'PUT',
      json: { monthlyBudgetUsd: 120, costRefreshMinutes: 10 },
    });
    expect(put.status).toBe(200);
    const got = (await (await server.api('/api/settings')).json()) as { settings: Record<string, unknown> };
    expect(got.settings).toMatchObject({ monthlyBudgetUsd: 120, costRefreshMinutes: 10, allowRun: false });
  });
});

describe('the console', () => {
  it('serves the built renderer with a strict CSP and an SPA fallback', async () => {
    for (const path of ['/', '/runs/abc', '/settings']) {
      const res = await server.raw({ path, headers: { Host: host } });
      expect(res.status).toBe(200);
      expect(res.text).toContain('<title>console</title>');
      const csp = parseCsp(String(res.headers['content-security-policy']));
      expect(csp['script-src']).toEqual(["'self'"]);
      expect(Object.values(csp).flat()).not.toContain("'unsafe-inline'");
      expect(Object.values(csp).flat()).not.toContain("'unsafe-eval'");
      expect(csp['frame-ancestors']).toEqual(["'none'"]);
    }
    const asset = await server.raw({ path: '/assets/app.js', headers: { Host: host } });
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    expect((await server.raw({ path: '/assets/missing.js', headers: { Host: host } })).status).toBe(404);
  });

  it('never answers a stack trace', async () => {
    const res = await server.raw({
      method: 'PUT',
      path: '/api/settings',
      headers: { Host: host, ...bearer, 'Content-Type': 'application/json' },
      body: '[',
    });
    expect(res.text).not.toMatch(/at .*\.(ts|js):\d+/);
  });
});
