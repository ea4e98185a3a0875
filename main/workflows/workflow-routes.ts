/**
 * `GET /api/workflows` (the catalogue, with the file problem if any) and
 * `POST /api/workflows/:name/runs` (start a run). The start checks run in docs/API.md's
 * order: runs allowed, workflow known, strict body, then the runner's own checks.
 */
import Router from '@koa/router';
import { startRunBodySchema } from '../contract/workflows.js';
import { assertRunsAllowed, findWorkflow } from '../runs/process/run-launch.js';
import { presentRun } from '../runs/run-types.js';
import { parseBody } from '../server/validate.js';
import type { Services } from '../services.js';
import { presentWorkflow, type WorkflowListResponse } from './workflow-schema.js';

export function workflowRoutes(services: Pick<Services, 'runs' | 'settings'>): Router {
  const router = new Router();
  const deps = { catalogue: services.runs.catalogue, runs: services.runs, settings: services.settings };

  router.get('/workflows', async (ctx) => {
    const catalogue = await deps.catalogue.load();
    const error = catalogue.error && {
      ...catalogue.error,
      message: `${catalogue.error.file}${catalogue.error.line ? ` line ${catalogue.error.line}` : ''}: ${catalogue.error.message}${catalogue.error.more > 0 ? ` (and ${catalogue.error.more} more problem${catalogue.error.more > 1 ? 's' : ''})` : ''}`,
    };
    const body: WorkflowListResponse = {
      workflows: catalogue.workflows.map(presentWorkflow),
      error: error || null,
      hint: catalogue.hint,
      allowRun: deps.settings.get().allowRun,
    };
    ctx.body = body;
  });

  router.post('/workflows/:name/runs', async (ctx) => {
    assertRunsAllowed(deps.settings.get().allowRun);
    // The order of the answers is the contract: runs off (403), unknown workflow (404), bad body (400).
    const workflow = await findWorkflow(deps.catalogue, ctx.params.name ?? '');
    const body = parseBody(startRunBodySchema, ctx.request.body);
    const run = await deps.runs.start(workflow, { path: body.path, trigger: body.trigger });
    ctx.status = 201;
    ctx.body = { run: presentRun(run) };
  });

  return router;
}
