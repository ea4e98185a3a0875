/**
 * History and control of runs: list (filters, running first, cursor), one run, its
 * event stream, its log in pages and as text, cancel (202) and rerun (201). Every `:id`
 * is checked against the run id pattern (400 `invalid_id`) before anything else, and an
 * unknown one is a 404 `unknown_run`.
 *
 * Corrupt log lines (torn writes) are never a 500: the source gives a placeholder
 * `system` line "[line N could not be read]" in their place (seqs stay gap-free), `/log`
 * answers `skipped` (corrupt lines met in that page, 0 normally) plus a `warning` sentence
 * when it is not 0, `/log.txt` shows the placeholder as a `[runner]` line, and the event
 * stream adds a `warning` event (run-log-source.ts). A log that is a directory or FIFO is
 * a 409 `invalid_file` (log/log-file-open.ts). Log reads, search and first-error: log/run-logs.ts.
 */
import { Readable } from 'node:stream';
import Router from '@koa/router';
import type { Context } from 'koa';
import { logQuerySchema, logSearchQuerySchema, runListQuerySchema } from '../contract/runs.js';
import { OpsError } from '../core/errors.js';
import { serveRunEvents } from '../server/run-events.js';
import type { SseHub } from '../server/sse.js';
import type { Clock } from '../core/clock.js';
import { parseQuery } from '../server/validate.js';
import { isValidRunId } from './history/run-id.js';
import { unknownRun } from './process/run-outcome.js';
import type { RunService } from './run-service.js';
import { presentRun, type RunRecord } from './run-types.js';

export interface RunRoutesDeps {
  runs: RunService;
  sseHub: SseHub;
  clock: Clock;
}

export function runRoutes(services: RunRoutesDeps): Router {
  const { runs } = services;
  const router = new Router();
  const find = async (ctx: Context): Promise<RunRecord> => {
    const id = String(ctx.params.id ?? '');
    if (!isValidRunId(id))
      throw new OpsError(400, 'invalid_id', 'A run id has only letters, digits, dashes and underscores.');
    await runs.ready();
    await runs.refreshForeign();
    const run = runs.get(id);
    if (!run) throw unknownRun(id);
    return run;
  };

  router.get('/runs', async (ctx) => {
    const query = parseQuery(runListQuerySchema, ctx.query);
    await runs.ready();
    await runs.refreshForeign();
    const page = runs.list(query);
    ctx.body = { runs: page.runs.map(presentRun), nextCursor: page.nextCursor, skipped: page.skipped };
  });

  router.get('/runs/:id', async (ctx) => {
    ctx.body = { run: presentRun(await find(ctx)) };
  });

  router.get('/runs/:id/events', async (ctx) => {
    const run = await find(ctx);
    await runs.logs.check(run);
    await serveRunEvents(ctx, {
      hub: services.sseHub,
      clock: services.clock,
      current: () => runs.get(run.id) ?? run,
      subscribe: (fromSeq) => runs.subscribe(run.id, fromSeq),
    });
  });

  router.get('/runs/:id/log', async (ctx) => {
    const run = await find(ctx);
    const query = parseQuery(logQuerySchema, ctx.query);
    const at = query.tail !== undefined ? { tail: query.tail } : { from: query.from ?? 1 };
    ctx.body = await runs.logs.page(run, at, query.limit);
  });

  router.get('/runs/:id/log/search', async (ctx) => {
    const run = await find(ctx);
    const query = parseQuery(logSearchQuerySchema, ctx.query);
    ctx.body = await runs.logs.search(run, {
      q: query.q,
      regex: query.regex === '1',
      caseSensitive: query.case === '1',
      from: query.from,
      limit: query.limit,
    });
  });

  router.get('/runs/:id/log/first-error', async (ctx) => {
    ctx.body = { match: await runs.logs.firstError(await find(ctx)) };
  });

  router.get('/runs/:id/log.txt', async (ctx) => {
    const run = await find(ctx);
    await runs.logs.check(run);
    ctx.type = 'text/plain; charset=utf-8';
    ctx.set('Content-Disposition', `attachment; filename="${run.workflow}-${run.id}.log.txt"`);
    ctx.body = Readable.from(runs.logs.text(run));
  });

  router.post('/runs/:id/cancel', async (ctx) => {
    const run = await find(ctx);
    ctx.status = 202;
    ctx.body = { run: presentRun(runs.cancel(run.id)) };
  });

  router.post('/runs/:id/rerun', async (ctx) => {
    const run = await find(ctx);
    const started = await runs.start(run.workflow, { path: run.path, trigger: 'rerun' });
    ctx.status = 201;
    ctx.body = { run: presentRun(started) };
  });

  return router;
}
