/**
 * `/api/specs` routes (docs/API.md "Scopes and specs"):
 * - GET  /specs                                   {roots, specs, counts, warnings}
 * - GET  /specs/completion-candidates[?refresh=1] {enabled, reason?, candidates, …}
 * - POST /specs/:slug/completion-candidates/dismiss {snapshotHash}
 * - GET  /specs/:slug                             one spec, phases with their text
 * - PUT  /specs/:slug/:phase/status {status}      needs allowRun (403 `read_only`)
 * The candidates route is registered before `/specs/:slug`, so no spec can be named
 * "completion-candidates" through the API.
 */
import Router from '@koa/router';
import { refreshQuerySchema } from '../contract/common.js';
import { dismissBodySchema, statusBodySchema } from '../contract/specs.js';
import { OpsError } from '../core/errors.js';
import type { SettingsStore } from '../settings/settings-store.js';
import { parseBody, parseQuery } from '../server/validate.js';
import type { CandidateService } from './candidates/candidate-service.js';
import { checkSlug, type SpecService } from './spec-service.js';

export const READ_ONLY_MESSAGE =
  "Changing a spec's status is off in read-only mode. Turn on 'Allow runs' in Settings or start with --allow-run.";

export interface SpecRoutesDeps {
  specs: SpecService;
  candidates: CandidateService;
  settings: Pick<SettingsStore, 'get'>;
}

export function specRoutes({ specs, candidates, settings }: SpecRoutesDeps): Router {
  const router = new Router();

  router.get('/specs', async (ctx) => {
    ctx.body = await specs.list();
  });

  router.get('/specs/completion-candidates', async (ctx) => {
    const query = parseQuery(refreshQuerySchema, ctx.query);
    ctx.body = await candidates.answer({ refresh: query.refresh === '1' || query.refresh === 'true' });
  });

  router.post('/specs/:slug/completion-candidates/dismiss', async (ctx) => {
    const slug = checkSlug(ctx.params.slug ?? '');
    const body = parseBody(dismissBodySchema, ctx.request.body);
    ctx.body = { dismissed: await candidates.dismiss(slug, body.snapshotHash) };
  });

  router.get('/specs/:slug', async (ctx) => {
    ctx.body = { spec: await specs.detail(ctx.params.slug ?? '') };
  });

  router.put('/specs/:slug/:phase/status', async (ctx) => {
    if (!settings.get().allowRun) throw new OpsError(403, 'read_only', READ_ONLY_MESSAGE);
    checkSlug(ctx.params.slug ?? '');
    const body = parseBody(statusBodySchema, ctx.request.body);
    const outcome = await specs.setStatus(ctx.params.slug ?? '', ctx.params.phase ?? '', body.status);
    ctx.body = { changed: outcome.changed, previous: outcome.previous, status: body.status, spec: outcome.spec };
  });

  return router;
}
