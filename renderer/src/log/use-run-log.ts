/**
 * One run's log for the Run view: opens at the end with one `tail` request (no replay),
 * sizes the view from the log's total, fetches pages on demand (LogPages), and, while the
 * run is running, follows it over the event stream from the line after the tail. Lines go
 * into LogPages, never into React state; the hook's state changes only when loading ends,
 * the connection phase changes, or a status / `done` arrives. A finished run opens no
 * stream at all; a stream that ends with a 204 counts as done.
 * When a run this view followed live stops running without a `done` that covers every
 * line (the stream was cut while the server stopped, or the record's status arrived
 * first), one more `tail` request brings the view to the log's real end.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { getLogPage, getLogTail, type LogPage } from '../api/runs';
import { LogPages } from './log-pages';
import { openRunStream, type DoneEvent, type RunStreamOptions } from './run-stream';
import type { StreamPhase, StreamState } from './resume';

/** Lines asked for when the view opens: more than a tall view shows. */
export const TAIL_LINES = 200;

export type LogOpening = { kind: 'loading' } | { kind: 'ready' } | { kind: 'error'; message: string };

export interface RunLog {
  pages: LogPages;
  opening: LogOpening;
  phase: StreamPhase;
  stats: Pick<StreamState, 'duplicatesDropped' | 'gapsDetected' | 'failures'>;
  status: Record<string, unknown> | null;
  done: DoneEvent | null;
  /** Why a page of the log could not be loaded (the rows stay "…"), or null. */
  pageError: string | null;
}

export type StreamFactory = (options: RunStreamOptions) => { stop(): void };

export interface RunLogDeps {
  openStream?: StreamFactory;
  fetchTail?: (runId: string, lines: number, signal: AbortSignal) => Promise<LogPage>;
  fetchPage?: (runId: string, from: number, limit: number, signal: AbortSignal) => Promise<LogPage>;
}

/** `running`: null while the run record is loading (the tail is fetched meanwhile). */
export function useRunLog(runId: string, running: boolean | null, deps: RunLogDeps = {}): RunLog {
  const { openStream = openRunStream, fetchTail = getLogTail, fetchPage = getLogPage } = deps;
  const [pageError, setPageError] = useState<string | null>(null);
  const pages = useMemo(
    () =>
      new LogPages({
        fetchPage: (from, limit, signal) => fetchPage(runId, from, limit, signal),
        onError: (error) => setPageError(`Part of the log could not be loaded: ${(error as Error).message}`),
      }),
    [runId, fetchPage],
  );
  const [opening, setOpening] = useState<LogOpening>({ kind: 'loading' });
  const [phase, setPhase] = useState<StreamPhase>('connecting');
  const [stats, setStats] = useState<RunLog['stats']>({ duplicatesDropped: 0, gapsDetected: 0, failures: 0 });
  const [status, setStatus] = useState<Record<string, unknown> | null>(null);
  const [done, setDone] = useState<DoneEvent | null>(null);
  /** This view followed the run live; the lines the last `done` said the log holds. */
  const followed = useRef(false);
  const doneLineCount = useRef<number | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    setOpening({ kind: 'loading' });
    fetchTail(runId, TAIL_LINES, controller.signal).then(
      (answer) => {
        pages.accept(answer);
        setOpening({ kind: 'ready' });
      },
      (error: Error) => {
        if (!controller.signal.aborted) setOpening({ kind: 'error', message: error.message });
      },
    );
    return () => {
      controller.abort();
      pages.dispose();
    };
  }, [runId, pages, fetchTail]);

  const ready = opening.kind === 'ready';
  useEffect(() => {
    if (!ready || running === null) return;
    if (!running) {
      setPhase('done');
      if (!followed.current) return;
      followed.current = false;
      if (doneLineCount.current !== null && doneLineCount.current <= pages.lastSeq()) return;
      const controller = new AbortController();
      fetchTail(runId, TAIL_LINES, controller.signal).then(
        (answer) => pages.accept(answer),
        (error: Error) => {
          if (!controller.signal.aborted) setPageError(`The end of the log could not be loaded: ${error.message}`);
        },
      );
      return () => controller.abort();
    }
    followed.current = true;
    doneLineCount.current = null;
    setPhase('connecting');
    setDone(null);
    setStatus(null);
    const stream = openStream({
      runId,
      afterSeq: pages.lastSeq(),
      onLines: (lines) => pages.append(lines),
      onStatus: setStatus,
      onDone: (event) => {
        doneLineCount.current = event.lineCount;
        setDone(event);
      },
      onPhase: (next, state) => {
        setPhase(next);
        setStats({
          duplicatesDropped: state.duplicatesDropped,
          gapsDetected: state.gapsDetected,
          failures: state.failures,
        });
      },
    });
    return () => stream.stop();
  }, [ready, running, runId, pages, openStream, fetchTail]);

  return { pages, opening, phase, stats, status, done, pageError };
}
