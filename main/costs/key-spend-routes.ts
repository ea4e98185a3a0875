/**
 * The route of cost per API key (docs/API.md "Costs"), relative to /api:
 * `GET /costs/keys?days=N[&refresh=1][&org=<slot>]` presents what one organization's
 * KeySpendService computes. A bad `days` (or `org=all`: keys belong to one organization) is a
 * 400 `invalid_query` naming the field; an upstream failure is in the answer's `error`.
 */
import Router from '@koa/router';
import { keySpendQuerySchema } from '../contract/costs-keys.js';
import { parseQuery } from '../server/validate.js';
import type { Organizations } from './organizations.js';

export function keySpendRoutes(services: { orgs: Organizations }): Router {
  const router = new Router();
  router.get('/costs/keys', async (ctx) => {
    const query = parseQuery(keySpendQuerySchema, ctx.query);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await services.orgs.one(query.org, 'Cost per API key').keySpend.keySpend({
      days: query.days === undefined ? undefined : Number(query.days),
      refresh: query.refresh === '1' || query.refresh === 'true',
    });
  });
  return router;
}
