/**
 * The `/api` router: core routes plus one router per capability. A known path with the
 * wrong method is a 405 (the app-level allowedMethods); an unknown path falls through to
 * the error handler's JSON 404.
 */
import Router from '@koa/router';
import type { Services } from '../services.js';
import { coreRoutes } from './core-routes.js';
import { costRoutes } from '../costs/cost-routes.js';
import { scopeRoutes } from '../scopes/scope-routes.js';
import { specRoutes } from '../specs/spec-routes.js';
import { workflowRoutes } from '../workflows/workflow-routes.js';
import { runRoutes } from '../runs/run-routes.js';
import { telemetryRoutes } from '../telemetry/telemetry-routes.js';
import { statusRoutes } from '../status/status-routes.js';
// <capability-route-imports>

export function createApiRouter(services: Services): Router {
  const api = new Router({ prefix: '/api' });
  const routers: Router[] = [
    coreRoutes(services),
    costRoutes(services),
    scopeRoutes(services.scopes),
    specRoutes(services),
    workflowRoutes(services),
    runRoutes(services),
    telemetryRoutes(services),
    statusRoutes(services),
    // <capability-routers>
  ];
  // One allowedMethods for the whole API (create-app.ts) answers 405s; per-router ones would
  // add a pass-through layer to every request.
  for (const router of routers) api.use(router.routes());
  return api;
}
