/**
 * `GET /api/runs/:id/events`: a run's log as Server-Sent Events (docs/API.md). The SSE framing
 * of the runner's `subscribe` (run-logs.ts): `retry`, a `status` event, the `line` events
 * (id = seq; framed from the records by the log module, log-block.ts) from after the
 * client's `Last-Event-ID` (or at `?from=`), a `warning` event (no id) after corrupt lines,
 * and `done` at the end, then the stream closes. A client coming back to a finished run at or past its last line gets 204 No
 * Content, which tells a standard EventSource to stop reconnecting. Back-pressure: the
 * next chunk is pulled only after the socket took the last one (or drained), and, while the
 * run goes on, at the pace of live-pace.ts; the run itself is never held by a viewer.
 */
import type { Context } from 'koa';
import type { Clock } from '../core/clock.js';
import type { LogChunk } from '../runs/log/run-logs.js';
import { presentRun, type RunRecord } from '../runs/run-types.js';
import { LivePace } from './live-pace.js';
import { formatEvent, lastEventId, openSse, type SseHub } from './sse.js';

export interface RunEventsDeps {
  hub: SseHub;
  clock: Clock;
  /** The run as it is now (its status event). */
  current(): RunRecord;
  subscribe(fromSeq: number): AsyncGenerator<LogChunk>;
}

export async function serveRunEvents(ctx: Context, deps: RunEventsDeps): Promise<void> {
  const lastSeen = lastEventId(ctx);
  const run = deps.current();
  if (lastSeen !== undefined && run.status !== 'running' && lastSeen >= run.lineCount) {
    ctx.status = 204;
    return;
  }
  const connection = openSse(ctx, { hub: deps.hub, clock: deps.clock });
  const closed = new Promise<'closed'>((resolve) => connection.onClose(() => resolve('closed')));
  const chunks = deps.subscribe((lastSeen ?? 0) + 1);
  const pace = new LivePace(deps.clock);
  try {
    connection.send({ event: 'status', data: presentRun(run) });
    while (!connection.closed) {
      const next = await Promise.race([chunks.next(), closed]);
      if (next === 'closed' || next.done) break;
      const chunk = next.value;
      if (chunk.kind === 'end') {
        connection.send({ event: 'done', data: doneOf(chunk.record) });
        connection.close();
        break;
      }
      const parts = chunk.kind === 'events' ? chunk.parts : [formatEvent({ event: 'warning', data: chunk.warning })];
      if (connection.closed) break;
      let accepted = true;
      let bytes = 0;
      for (const part of parts) {
        accepted = ctx.res.write(part);
        bytes += part.length;
      }
      if (!accepted) await connection.drained();
      const wait = deps.current().status === 'running' ? pace.spend(bytes) : 0;
      if (wait > 0) await Promise.race([sleep(deps.clock, wait), closed]);
    }
  } finally {
    // Lets the subscription release its file once it is not inside a wait.
    void chunks.return(undefined).catch(() => undefined);
    if (!connection.closed) connection.close();
  }
}

function sleep(clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => clock.setTimeout(resolve, ms));
}

function doneOf(record: RunRecord) {
  return {
    status: record.status,
    exitCode: record.exitCode,
    signal: record.signal,
    durationMs: record.durationMs,
    lineCount: record.lineCount,
    reason: record.reason,
  };
}
