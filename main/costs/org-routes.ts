/**
 * The organizations routes (docs/API.md "Organizations"), relative to /api: the list with
 * their total, adding a key (validated, stored in the keychain under its own account, never
 * sent back) and removing one. An unknown slot is a 404 `unknown_org`.
 */
import Router from '@koa/router';
import { addOrgBodySchema } from '../contract/costs-orgs.js';
import { parseBody } from '../server/validate.js';
import { describeOrg, listOrgs } from './org-list.js';
import type { Organizations } from './organizations.js';

export function orgRoutes(services: { orgs: Organizations }): Router {
  const router = new Router();
  const { orgs } = services;

  router.get('/orgs', async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await listOrgs(orgs);
  });

  router.post('/orgs', async (ctx) => {
    const { key } = parseBody(addOrgBodySchema, ctx.request.body);
    ctx.status = 201;
    ctx.body = await describeOrg(orgs, await orgs.add(key));
  });

  router.delete('/orgs/:slot', async (ctx) => {
    await orgs.remove(ctx.params.slot ?? '');
    ctx.body = await listOrgs(orgs);
  });

  return router;
}
