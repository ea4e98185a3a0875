/**
 * `/api/scopes` routes (docs/API.md "Scopes and specs"):
 * - GET  /scopes       → {features, wholeProject, lastByWorkflow, droppedLast, warning?}
 * - PUT  /scopes/last  {workflow, path} → {workflow, path, lastByWorkflow}
 * A path outside the project (or missing) is a 400 `invalid_path` with the reason.
 */
import Router from '@koa/router';
import { lastScopeBodySchema } from '../contract/scopes.js';
import { OpsError } from '../core/errors.js';
import { parseBody } from '../server/validate.js';
import type { ScopeService } from './scope-service.js';

export function scopeRoutes(scopes: ScopeService): Router {
  const router = new Router();

  router.get('/scopes', async (ctx) => {
    ctx.body = await scopes.view();
  });

  router.put('/scopes/last', async (ctx) => {
    const body = parseBody(lastScopeBodySchema, ctx.request.body);
    const result = await scopes.rememberLast(body.workflow, body.path);
    if (result.kind === 'invalid') throw new OpsError(400, 'invalid_path', result.reason, { field: 'path' });
    const view = await scopes.view();
    ctx.body = { workflow: result.workflow, path: result.path, lastByWorkflow: view.lastByWorkflow };
  });

  return router;
}
