/**
 * The contract and the server name the same routes: every route the real app's `/api`
 * router registers has an `API_ROUTES` entry (same method, same pattern) and every entry
 * is registered, except one marked `pending` (its server side is a change in flight).
 * Also: a concrete path finds its own entry, in the router's order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ROUTES, findRoute, type HttpMethod } from '../../main/contract/index.js';
import { createApiRouter } from '../../main/server/api-router.js';
import { LoginCodes } from '../../main/server/login-codes.js';
import { routeKey } from '../support/checked-api.js';
import { removeTempDirs } from '../support/temp.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;
let registered: string[];
let router: ReturnType<typeof createApiRouter>;

beforeAll(async () => {
  server = await startTestServer();
  router = createApiRouter(server.services, new LoginCodes());
  registered = router.stack.flatMap((layer) =>
    layer.methods.filter((method) => method !== 'HEAD').map((method) => `${method} ${layer.path}`),
  );
});

afterAll(async () => {
  await server?.close();
  await removeTempDirs();
});

describe('API_ROUTES and the routers', () => {
  it('reads a plausible route table from the router', () => {
    expect(registered).toContain('GET /api/health');
    expect(registered.length).toBeGreaterThan(25);
  });

  it('has an entry for every registered route', () => {
    const contract = new Set(API_ROUTES.map(routeKey));
    expect(registered.filter((key) => !contract.has(key))).toEqual([]);
  });

  it('lists only registered routes, but for pending ones', () => {
    const server = new Set(registered);
    const missing = API_ROUTES.filter((route) => !route.pending && !server.has(routeKey(route))).map(routeKey);
    expect(missing).toEqual([]);
  });

  it('has one entry per method and path', () => {
    const keys = API_ROUTES.map(routeKey);
    expect(keys.filter((key, index) => keys.indexOf(key) !== index)).toEqual([]);
  });

  it('finds each route by a concrete path, never an earlier pattern', () => {
    for (const route of API_ROUTES) {
      const concrete = route.path.replace(/:[A-Za-z]+/g, 'x1');
      expect(findRoute(route.method, concrete), routeKey(route)).toBe(route);
      expect(findRoute(route.method, `${concrete}?a=1`), routeKey(route)).toBe(route);
    }
    expect(findRoute('GET', '/api/specs/completion-candidates')?.path).toBe('/api/specs/completion-candidates');
    expect(findRoute('GET', '/api/runs/r1/log.txt')?.path).toBe('/api/runs/:id/log.txt');
    expect(findRoute('GET', '/api/runs/r1/x/log')).toBeUndefined();
    expect(findRoute('PATCH' as HttpMethod, '/api/settings')).toBeUndefined();
  });

  it('picks, for a concrete path, the route the router picks', () => {
    for (const route of API_ROUTES) {
      const concrete = route.path.replace(/:[A-Za-z]+/g, 'x1');
      const first = router.stack.find((layer) => layer.methods.includes(route.method) && layer.match(concrete));
      if (first) expect(findRoute(route.method, concrete)?.path, routeKey(route)).toBe(first.path);
      else expect(route.pending, `${routeKey(route)} is not registered`).toBeDefined();
    }
  });
});
