/**
 * Binds one run's live stream to a LogStore for a React view: opens the stream on mount
 * right after the store's last seq (a page reload starts with an empty store, so the
 * server replays the log from seq 1; a re-mounted effect resumes, no duplicate), keeps
 * it connected through errors (see run-stream.ts), and closes it on unmount. Lines go
 * straight into the store, never into React state; the hook's state changes only when
 * the connection phase changes, a status or `done` arrives.
 */
import { useEffect, useRef, useState } from 'react';
import { LogStore } from './log-store';
import { openRunStream, type DoneEvent, type RunStreamOptions } from './run-stream';
import type { StreamPhase, StreamState } from './resume';

export interface RunLog {
  store: LogStore;
  phase: StreamPhase;
  stats: Pick<StreamState, 'duplicatesDropped' | 'gapsDetected' | 'failures'>;
  status: Record<string, unknown> | null;
  done: DoneEvent | null;
}

export type StreamFactory = (options: RunStreamOptions) => { stop(): void };

export function useRunLog(runId: string, open: StreamFactory = openRunStream): RunLog {
  const storeRef = useRef<{ runId: string; store: LogStore } | null>(null);
  if (storeRef.current?.runId !== runId) storeRef.current = { runId, store: new LogStore() };
  const store = storeRef.current.store;
  const [phase, setPhase] = useState<StreamPhase>('connecting');
  const [stats, setStats] = useState<RunLog['stats']>({ duplicatesDropped: 0, gapsDetected: 0, failures: 0 });
  const [status, setStatus] = useState<Record<string, unknown> | null>(null);
  const [done, setDone] = useState<DoneEvent | null>(null);

  useEffect(() => {
    setPhase('connecting');
    setDone(null);
    setStatus(null);
    const stream = open({
      runId,
      afterSeq: store.lastSeq(),
      onLines: (lines) => store.append(lines),
      onStatus: setStatus,
      onDone: setDone,
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
  }, [runId, store, open]);

  return { store, phase, stats, status, done };
}
