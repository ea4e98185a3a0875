/**
 * The route of cost per API key (docs/API.md "Costs"), relative to /api:
 * `GET /costs/keys?days=N[&refresh=1]` presents what KeySpendService computes. A bad `days`
 * is a 400 `invalid_query` naming the field; an upstream failure is in the answer's `error`.
 */
import Router from '@koa/router';
import { keySpendQuerySchema } from '../contract/costs-keys.js';
import { parseQuery } from '../server/validate.js';
import type { KeySpendService } from './key-spend-service.js';

export function keySpendRoutes(services: { keySpend: KeySpendService }): Router {
  const router = new Router();
  router.get('/costs/keys', async (ctx) => {
    const query = parseQuery(keySpendQuerySchema, ctx.query);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await services.keySpend.keySpend({
      days: query.days === undefined ? undefined : Number(query.days),
      refresh: query.refresh === '1' || query.refresh === 'true',
    });
  });
  return router;
}
