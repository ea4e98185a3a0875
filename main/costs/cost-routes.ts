/**
 * HTTP routes of the cost capability (docs/API.md "Costs"), relative to /api. They present
 * what the organizations' CostServices hold (`?org=`: one, or `all` summed where offered);
 * `/costs/key` is the first organization's key. The key itself is accepted by PUT and never
 * sent back: key answers carry `{configured, source, last4}` only.
 */
import Router from '@koa/router';
import { claudeCodeQuerySchema } from '../contract/costs-claude-code.js';
import { adminKeyBodySchema, costsExportQuerySchema, costsQuerySchema, usageQuerySchema } from '../contract/costs.js';
import { OpsError } from '../core/errors.js';
import { parseBody, parseQuery } from '../server/validate.js';
import type { Services } from '../services.js';
import { costsFor, usageFor } from './org-answers.js';
import { DEFAULT_SPAN, type Span } from './cost-window.js';

export function costRoutes(services: Services): Router {
  const router = new Router();
  const { costs, orgs } = services;

  router.get('/costs', async (ctx) => {
    const query = parseQuery(costsQuerySchema, ctx.query);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await costsFor(orgs, query.org, {
      refresh: query.refresh === '1' || query.refresh === 'true',
      span: spanOf(query.days),
    });
  });

  router.get('/usage', async (ctx) => {
    const query = parseQuery(usageQuerySchema, ctx.query);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await usageFor(orgs, query.org, {
      refresh: query.refresh === '1' || query.refresh === 'true',
      span: spanOf(query.days),
    });
  });

  router.get('/claude-code', async (ctx) => {
    const query = parseQuery(claudeCodeQuerySchema, ctx.query);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await orgs
      .one(query.org, 'Claude Code')
      .costs.claudeCode({ refresh: query.refresh === '1' || query.refresh === 'true' });
  });

  router.get('/costs/export.csv', async (ctx) => {
    const query = parseQuery(costsExportQuerySchema, ctx.query);
    const result = await orgs.one(query.org, 'The CSV export').costs.exportCsv(spanOf(query.days));
    if (result.kind === 'empty') {
      const why = result.error?.message ?? 'No cost data has been fetched yet.';
      throw new OpsError(503, 'upstream_failed', `No cost data to export: ${why}`, {
        kind: result.error?.kind ?? null,
      });
    }
    const today = new Date(services.clock.now()).toISOString().slice(0, 10);
    ctx.set('Cache-Control', 'no-store');
    ctx.set('Content-Disposition', `attachment; filename="attune-costs-${today}.csv"`);
    ctx.type = 'text/csv; charset=utf-8';
    ctx.body = result.csv;
  });

  router.get('/costs/key', async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await costs.adminKey.status();
  });

  router.put('/costs/key', async (ctx) => {
    const { key } = parseBody(adminKeyBodySchema, ctx.request.body);
    await orgs.setFirstKey(key);
    ctx.body = await costs.adminKey.status();
  });

  router.delete('/costs/key', async (ctx) => {
    await orgs.remove('default');
    ctx.body = await costs.adminKey.status();
  });

  return router;
}

/** `?days=7|30|90` (validated by the contract's schema) as a span; 30 when absent. */
function spanOf(days: '7' | '30' | '90' | undefined): Span {
  return days === undefined ? DEFAULT_SPAN : (Number(days) as Span);
}
