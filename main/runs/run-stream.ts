/**
 * `GET /api/runs/:id/events`: one run's log as Server-Sent Events (API.md). The stream
 * opens with `retry`, then a `status` event, then `line` events whose id is the line's
 * seq, starting after the client's `Last-Event-ID` (or at `?from=`): first from the file
 * when the client is behind the in-memory window, then live. A finished run ends with
 * `done` and the stream closes. A batch of whole events (about 512 KB: the window's
 * per-block event strings, see log-block.ts) goes out in one tick, which http sends as
 * one writev, and the loop waits for the socket to drain whenever it buffers, so a slow
 * client costs one batch at most. How a live reader paces the run: run-pacing.ts.
 */
import type { Context } from 'koa';
import type { Clock } from '../core/clock.js';
import { lastEventId, openSse, type SseConnection, type SseHub } from '../server/sse.js';
import type { RunLogSource } from './run-log-source.js';
import { ReaderPacer } from './run-pacing.js';
import type { RunService } from './run-service.js';
import { presentRun, type RunRecord } from './run-types.js';

/** One write: whole events, about this much text (a batch never splits an event). */
const PAGE = { maxLines: 10_000, maxChars: 512 * 1024 };

export interface RunStreamStats {
  runId: string;
  nextSeq: number;
  /** Bytes queued in this response's socket buffer (bounded by one page plus the high-water mark). */
  buffered: number;
}

export class RunStreams {
  private readonly open = new Set<{ stats: RunStreamStats; ctx: Context }>();

  constructor(private readonly deps: { runs: RunService; hub: SseHub; clock: Clock }) {}

  stats(): RunStreamStats[] {
    return [...this.open].map(({ stats, ctx }) => ({ ...stats, buffered: ctx.res.writableLength }));
  }

  async serve(ctx: Context, run: RunRecord): Promise<void> {
    const from = (lastEventId(ctx) ?? 0) + 1;
    const connection = openSse(ctx, { hub: this.deps.hub, clock: this.deps.clock });
    const entry = { stats: { runId: run.id, nextSeq: from, buffered: 0 }, ctx };
    this.open.add(entry);
    const closed = new Promise<void>((resolve) => connection.onClose(resolve));
    try {
      connection.send({ event: 'status', data: presentRun(this.deps.runs.get(run.id) ?? run) });
      const final = await this.pump(ctx, connection, run, entry.stats, closed);
      if (final && !connection.closed) {
        connection.send({
          event: 'done',
          data: {
            status: final.status,
            exitCode: final.exitCode,
            signal: final.signal,
            durationMs: final.durationMs,
            lineCount: final.lineCount,
            reason: final.reason,
          },
        });
        connection.close();
      }
    } finally {
      this.open.delete(entry);
    }
  }

  private async pump(
    ctx: Context,
    connection: SseConnection,
    run: RunRecord,
    stats: RunStreamStats,
    closed: Promise<void>,
  ): Promise<RunRecord | undefined> {
    const source = this.deps.runs.logSource(run);
    const pacer = new ReaderPacer(source, connection, this.deps.clock);
    try {
      return await this.pumpFrom(source, pacer, ctx, connection, stats, closed);
    } finally {
      await source.close(pacer);
    }
  }

  private async pumpFrom(
    source: RunLogSource,
    pacer: ReaderPacer,
    ctx: Context,
    connection: SseConnection,
    stats: RunStreamStats,
    closed: Promise<void>,
  ): Promise<RunRecord | undefined> {
    while (!connection.closed) {
      const page = await source.events(stats.nextSeq, PAGE);
      if (page.kind === 'end') return page.record;
      if (page.kind === 'wait') {
        pacer.caughtUp();
        await Promise.race([page.changed, closed]);
        continue;
      }
      // Writes in one tick leave as one writev (http corks the socket until the next tick).
      let accepted = !connection.closed;
      for (const text of page.texts) accepted = !connection.closed && ctx.res.write(text);
      stats.nextSeq = page.nextSeq;
      await pacer.afterBatch(stats.nextSeq, accepted);
    }
    return undefined;
  }
}
