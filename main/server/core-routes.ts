/**
 * Core routes: health (no token), info, and the persisted settings.
 */
import Router from '@koa/router';
import { parseBody } from './validate.js';
import { httpSettingsPatchSchema } from '../settings/schema.js';
import type { Services } from '../services.js';

export function coreRoutes(services: Services): Router {
  const router = new Router();
  const { config, settings } = services;
  // Fixed for the launch: worked out once, not on every /api/info.
  const projectName = config.projectRoot.split(/[\\/]/).filter(Boolean).pop() ?? config.projectRoot;

  router.get('/health', (ctx) => {
    ctx.body = { ok: true, version: services.version };
  });

  router.get('/info', (ctx) => {
    const current = settings.get();
    ctx.body = {
      version: services.version,
      projectRoot: config.projectRoot,
      projectName,
      attuneHome: config.attuneHome,
      runsDir: config.runsDir,
      allowRun: current.allowRun,
      specsCandidatesEnabled: current.specsCandidatesEnabled,
    };
  });

  router.get('/settings', (ctx) => {
    ctx.body = { settings: settings.get(), warning: settings.warning ?? null };
  });

  router.put('/settings', async (ctx) => {
    const patch = parseBody(httpSettingsPatchSchema, ctx.request.body);
    ctx.body = { settings: await settings.update(patch), warning: settings.warning ?? null };
  });

  return router;
}
