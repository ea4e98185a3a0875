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
 * stream adds a `warning` event (run-log-source.ts). No text is parsed here unchecked.
 */
import { Readable } from 'node:stream';
import Router from '@koa/router';
import type { Context } from 'koa';
import { z } from 'zod';
import { OpsError } from '../core/errors.js';
import { parseQuery } from '../server/validate.js';
import { decodeLogLine } from './log-line-check.js';
import { isValidRunId } from './history/run-id.js';
import { seqOf, unreadableWarning } from './run-log-source.js';
import { unknownRun } from './process/run-outcome.js';
import type { RunService } from './run-service.js';
import type { Services } from '../services.js';
import { RUN_STATUSES, presentRun, type LogLine, type RunRecord } from './run-types.js';

const listQuerySchema = z
  .object({
    workflow: z.string().max(200).optional(),
    status: z.enum(RUN_STATUSES).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    before: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,128}$/, 'must be a run id')
      .optional(),
  })
  .strict();

const logQuerySchema = z
  .object({
    from: z.coerce.number().int().min(1).default(1),
    limit: z.coerce.number().int().min(1).max(10_000).default(1000),
  })
  .strict();

export function runRoutes(services: Pick<Services, 'runs'>): Router {
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
    const query = parseQuery(listQuerySchema, ctx.query);
    await runs.ready();
    await runs.refreshForeign();
    const page = runs.list(query);
    ctx.body = { runs: page.runs.map(presentRun), nextCursor: page.nextCursor, skipped: page.skipped };
  });

  router.get('/runs/:id', async (ctx) => {
    ctx.body = { run: presentRun(await find(ctx)) };
  });

  router.get('/runs/:id/events', async (ctx) => {
    await runs.streams.serve(ctx, await find(ctx));
  });

  router.get('/runs/:id/log', async (ctx) => {
    const run = await find(ctx);
    const query = parseQuery(logQuerySchema, ctx.query);
    const page = await runs.logSource(run).next(query.from, { maxLines: query.limit, maxChars: 8 * 1024 * 1024 });
    const lines = page.kind === 'lines' ? page.lines.map(decode) : [];
    const skipped = page.kind === 'lines' ? page.skipped : 0;
    ctx.body = {
      lines,
      nextFrom: page.kind === 'lines' ? page.nextSeq : query.from,
      done: page.kind === 'end',
      skipped,
      ...(skipped > 0 &&
        page.kind === 'lines' && { warning: unreadableWarning(skipped, query.from, page.nextSeq - 1).message }),
    };
  });

  router.get('/runs/:id/log.txt', async (ctx) => {
    const run = await find(ctx);
    ctx.type = 'text/plain; charset=utf-8';
    ctx.set('Content-Disposition', `attachment; filename="${run.workflow}-${run.id}.log.txt"`);
    ctx.body = Readable.from(logText(runs, run));
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

/** The log so far as plain text; stderr and runner lines are prefixed so they stay visible. */
async function* logText(runs: RunService, run: RunRecord): AsyncGenerator<string> {
  const source = runs.logSource(run);
  let from = 1;
  for (;;) {
    const page = await source.next(from, { maxLines: 5000, maxChars: 1024 * 1024 });
    if (page.kind !== 'lines') return;
    yield page.lines.map(toText).join('');
    from = page.nextSeq;
  }
}

/** Lines from the source are checked (log-line-check.ts); one that still does not decode shows as a placeholder, never a 500. */
function decode(encoded: string): LogLine {
  const line = decodeLogLine(encoded);
  if (line) return line;
  const seq = seqOf(encoded);
  return { seq, t: '', stream: 'system', text: `[line ${seq} could not be read]` };
}

function toText(encoded: string): string {
  const line = decode(encoded);
  return line.stream === 'stderr'
    ? `[stderr] ${line.text}\n`
    : line.stream === 'system'
      ? `[runner] ${line.text}\n`
      : `${line.text}\n`;
}
