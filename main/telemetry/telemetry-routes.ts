/**
 * `GET /api/telemetry`: usage totals, top workflows by cost, the last 14 UTC days.
 */
import Router from '@koa/router';
import type { Services } from '../services.js';

export function telemetryRoutes(services: Pick<Services, 'telemetry'>): Router {
  const router = new Router();
  router.get('/telemetry', async (ctx) => {
    ctx.body = await services.telemetry.summary();
  });
  return router;
}
