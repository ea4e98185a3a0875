/**
 * The `/api` router: core routes plus one router per capability. It matches
 * case-sensitively and strictly: `/API/info` and `/api/info/` are not routes (404), so
 * only the exact spelling reaches a handler, and the protection decision (api-path.ts)
 * covers every other spelling. A known path with the wrong method is a 405 (the app-level
 * allowedMethods); an unknown path falls through to the error handler's JSON 404.
 */
import Router, { type RouterMiddleware } from '@koa/router';
import type { Services } from '../services.js';
import { coreRoutes } from './core-routes.js';
import type { LoginCodes } from './login-codes.js';
import { sessionRoutes } from './session-routes.js';
import { costRoutes } from '../costs/cost-routes.js';
import { keySpendRoutes } from '../costs/key-spend-routes.js';
import { orgRoutes } from '../costs/org-routes.js';
import { scopeRoutes } from '../scopes/scope-routes.js';
import { specRoutes } from '../specs/spec-routes.js';
import { workflowRoutes } from '../workflows/workflow-routes.js';
import { runRoutes } from '../runs/run-routes.js';
import { telemetryRoutes } from '../telemetry/telemetry-routes.js';
import { statusRoutes } from '../status/status-routes.js';

export function createApiRouter(services: Services, loginCodes: LoginCodes): Router {
  const api = new Router({ prefix: '/api', sensitive: true, strict: true });
  const routers: Router[] = [
    coreRoutes(services),
    sessionRoutes(loginCodes),
    costRoutes(services),
    keySpendRoutes(services),
    orgRoutes(services),
    scopeRoutes(services.scopes),
    specRoutes(services),
    workflowRoutes(services),
    runRoutes(services),
    telemetryRoutes(services),
    statusRoutes(services),
  ];
  // Each capability's routes are registered on `api` itself, so they take its matching
  // options (a mounted router would keep its own, case-insensitive ones). GET brings HEAD.
  for (const router of routers) {
    for (const layer of router.stack) {
      const methods = layer.methods.includes('GET') ? layer.methods.filter((m) => m !== 'HEAD') : layer.methods;
      api.register(layer.path, methods, layer.stack as RouterMiddleware[], { name: layer.name ?? undefined });
    }
  }
  return api;
}
