/**
 * No token, no API: every route the `/api` router holds (read from the router itself, so a
 * new route is covered without editing this file) is asked over real HTTP under casing,
 * trailing-slash, duplicate-slash and percent-encoded variants of its path, without a
 * token. Each answer must be 401 or 404 (never 2xx, 3xx or 5xx), and nothing may change:
 * no run started, settings as they were, the stored admin key still there.
 */
import { readFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiRouter } from '../../main/server/api-router.js';
import { LoginCodes } from '../../main/server/login-codes.js';
import { ADMIN_KEY_ACCOUNT, createMemorySecretStore } from '../../main/secrets/secret-store.js';
import { node, startRunsServer, type RunsServer } from '../runs/run-fixtures.js';
import { removeTempDirs } from '../support/temp.js';

const STORED_KEY = 'sk-ant-admin01-route-variants-test-key-0000000000000000';
const keychain = createMemorySecretStore({ [ADMIN_KEY_ACCOUNT]: STORED_KEY });
let server: RunsServer;
let finishedRunId: string;

beforeAll(async () => {
  server = await startRunsServer([{ name: 'demo', command: node('emit-lines.mjs', '--count', '1') }], {
    deps: { secretStore: keychain },
  });
  finishedRunId = (await server.start('demo')).id;
  await server.waitForEnd(finishedRunId);
});
afterAll(async () => {
  await server.close();
  await removeTempDirs();
});

/** A concrete path for a route pattern: each parameter gets a value that exists here. */
function concrete(pattern: string): string {
  const samples: Record<string, string> = { name: 'demo', id: finishedRunId, slug: 'some-spec', phase: 'design' };
  return pattern.replace(/:(\w+)/g, (_all, name: string) => samples[name] ?? 'x');
}

/** Every spelling of one path that a lax matcher might take for it. */
function variants(path: string): string[] {
  const rest = path.slice('/api'.length); // '/settings', '/runs/<id>/log', …
  const firstLetter = rest.charAt(1);
  return [
    path.toUpperCase(),
    `/API${rest}`,
    `/Api${rest}`,
    `/aPi${rest}`,
    `/api${rest.toUpperCase()}`,
    `${path}/`,
    `/API${rest}/`,
    `/${path}`,
    `/api/${rest}`,
    `${path.replace(/\/(?=[^/]*$)/, '//')}`,
    `/%61pi${rest}`,
    `/%41PI${rest}`,
    `/api/%${firstLetter.charCodeAt(0).toString(16)}${rest.slice(2)}`,
    `/api%2F${rest.slice(1)}`,
    `/api/.${rest}`,
  ];
}

/** The status line of one raw request; the body is not awaited (an event stream would never end). */
function statusOf(method: string, path: string, headers: Record<string, string>, body?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, method, path, headers, setHost: false }, (res) => {
      resolve(res.statusCode ?? 0);
      res.destroy();
    });
    req.setTimeout(5000, () => req.destroy(new Error(`${method} ${path}: no answer in 5 s`)));
    req.on('error', reject);
    req.end(body);
  });
}

const BODIES: Record<string, unknown> = {
  '/api/settings': { theme: 'dark', allowRun: false },
  '/api/costs/key': { key: 'sk-ant-admin01-another-key-that-must-not-be-stored-000000' },
};

describe('every /api route under path variants, without a token', () => {
  it('answers 401 or 404 and changes nothing', async () => {
    const routes = createApiRouter(server.services, new LoginCodes()).stack.flatMap((layer) =>
      layer.methods.filter((method) => method !== 'HEAD').map((method) => ({ method, pattern: String(layer.path) })),
    );
    expect(routes.length).toBeGreaterThan(20);
    const settingsBefore = await readFile(join(server.home, 'ops', 'config.json'), 'utf8').catch(() => '');
    const runsBefore = server.services.runs.list({ limit: 1000 }).runs.length;
    const host = `127.0.0.1:${server.port}`;

    const wrong: string[] = [];
    let asked = 0;
    for (const { method, pattern } of routes) {
      const canonical = concrete(pattern);
      const body = method === 'POST' || method === 'PUT' ? JSON.stringify(BODIES[canonical] ?? {}) : undefined;
      const headers: Record<string, string> = {
        Host: host,
        ...(body && { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) }),
      };
      const paths = canonical === '/api/health' ? variants(canonical) : [canonical, ...variants(canonical)];
      for (const path of paths) {
        const status = await statusOf(method, path, headers, body);
        asked += 1;
        if (status !== 401 && status !== 404) wrong.push(`${method} ${path} -> ${status}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(asked).toBeGreaterThan(routes.length * 10);

    expect(server.services.runs.list({ limit: 1000 }).runs.length).toBe(runsBefore);
    expect(await readFile(join(server.home, 'ops', 'config.json'), 'utf8').catch(() => '')).toBe(settingsBefore);
    expect(server.services.settings.get().theme).toBe('system');
    expect(keychain.entries.get(ADMIN_KEY_ACCOUNT)).toBe(STORED_KEY);
  });

  it('still answers the canonical paths with the token (the variants above were not refused for being unknown)', async () => {
    expect((await server.api('/api/settings')).status).toBe(200);
    expect((await server.api(`/api/runs/${finishedRunId}`)).status).toBe(200);
    expect((await server.api('/api/health', { auth: false })).status).toBe(200);
  });

  it('routes case-sensitively and strictly: /API/… and a trailing slash are 404 even with the token', async () => {
    for (const path of ['/API/settings', '/Api/info', '/api/settings/', '/api/INFO', `/api/runs/${finishedRunId}/`]) {
      const answer = await server.api(path);
      expect(answer.status, path).toBe(404);
      expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('not_found');
    }
  });
});
