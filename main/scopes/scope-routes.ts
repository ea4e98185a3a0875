/**
 * `/api/scopes` routes (docs/API.md "Scopes and specs"):
 * - GET  /scopes       → {features, wholeProject, lastByWorkflow, droppedLast, warning?}
 * - PUT  /scopes/last  {workflow, path} → {workflow, path, lastByWorkflow}
 * A path outside the project (or missing) is a 400 `invalid_path` with the reason.
 */
import Router from '@koa/router';
import { z } from 'zod';
import { OpsError } from '../core/errors.js';
import { parseBody } from '../server/validate.js';
import type { ScopeService } from './scope-service.js';

export const WORKFLOW_NAME = /^[a-z][a-z0-9-]{1,63}$/;

const lastScopeBody = z
  .object({
    workflow: z.string().regex(WORKFLOW_NAME, 'must match ^[a-z][a-z0-9-]{1,63}$'),
    path: z.string().max(4096),
  })
  .strict();

export function scopeRoutes(scopes: ScopeService): Router {
  const router = new Router();

  router.get('/scopes', async (ctx) => {
    ctx.body = await scopes.view();
  });

  router.put('/scopes/last', async (ctx) => {
    const body = parseBody(lastScopeBody, ctx.request.body);
    const result = await scopes.rememberLast(body.workflow, body.path);
    if (result.kind === 'invalid') throw new OpsError(400, 'invalid_path', result.reason, { field: 'path' });
    const view = await scopes.view();
    ctx.body = { workflow: result.workflow, path: result.path, lastByWorkflow: view.lastByWorkflow };
  });

  return router;
}
