/**
 * The live stream client of one run: drives an EventSource over
 * `/api/runs/:id/events?from=N` through the pure reducer in resume.ts.
 *
 * We never rely on EventSource's own retry (it gives up for good on a 5xx, a wrong
 * content type, or a refused connection during a server restart): on any error the
 * source is closed and a new one is opened after our backoff, from lastSeq + 1.
 * Accepted lines are buffered and handed to `onLines` once per animation frame, so a
 * 10,000 lines/s stream costs one store append and one render per frame.
 * The stream ends on `done`, and when the server answers 204 No Content (a reconnect to a
 * finished run at or past its end): EventSource reports a refused connection without its
 * status, so the client asks the URL once more (headers only) and stops on a 204.
 * Dependencies (EventSource, the status probe, timers, frame scheduler, random) are injected.
 */
import {
  DEFAULT_BACKOFF,
  initialStreamState,
  reduceStream,
  type StreamInput,
  type StreamLine,
  type StreamPhase,
  type StreamState,
} from './resume';

export interface EventSourceLike {
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void;
  close(): void;
  onopen: ((event: Event) => void) | null;
  onerror: ((event: Event) => void) | null;
  /** 2 (CLOSED) after an error means the browser will not retry: the server refused the stream. */
  readonly readyState?: number;
}

const CLOSED = 2;

/** `event: done`: the server's own shape (with `lineCount` and `reason`), not a copy. */
import type { DoneEvent } from '../../../main/contract';
export type { DoneEvent };

export interface RunStreamCallbacks {
  onLines(lines: StreamLine[]): void;
  onStatus?(status: Record<string, unknown>): void;
  onDone?(done: DoneEvent): void;
  onPhase?(phase: StreamPhase, state: StreamState): void;
}

export interface RunStreamOptions extends RunStreamCallbacks {
  runId: string;
  /** Resume after this seq (0 = from the beginning). */
  afterSeq?: number;
  createSource?: (url: string) => EventSourceLike;
  /** The HTTP status of a GET of `url` (headers only), or null when it cannot be reached. */
  probeStatus?: (url: string) => Promise<number | null>;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  scheduleFrame?: (fn: () => void) => unknown;
  random?: () => number;
  backoff?: { baseMs: number; maxMs: number };
}

export interface RunStream {
  stop(): void;
  state(): StreamState;
}

export function eventsUrl(runId: string, from: number): string {
  return `/api/runs/${encodeURIComponent(runId)}/events?from=${from}`;
}

/** Opens the stream; it keeps itself connected until `done` arrives or stop() is called. */
export function openRunStream(options: RunStreamOptions): RunStream {
  const createSource = options.createSource ?? ((url: string) => new EventSource(url) as unknown as EventSourceLike);
  const setTimer = options.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  const probeStatus = options.probeStatus ?? fetchStatus;
  const scheduleFrame = options.scheduleFrame ?? ((fn: () => void) => requestAnimationFrame(fn));
  const backoff = { ...DEFAULT_BACKOFF, ...options.backoff, random: options.random ?? Math.random };

  let state = initialStreamState(options.afterSeq ?? 0);
  let source: EventSourceLike | null = null;
  let timer: unknown = null;
  let pending: StreamLine[] = [];
  let frameQueued = false;

  const flush = () => {
    frameQueued = false;
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    options.onLines(batch);
  };

  const dispatch = (input: StreamInput) => {
    const before = state.phase;
    const result = reduceStream(state, input, backoff);
    state = result.state;
    for (const effect of result.effects) {
      if (effect.type === 'append') {
        pending.push(effect.line);
        if (!frameQueued) {
          frameQueued = true;
          scheduleFrame(flush);
        }
      } else if (effect.type === 'close') {
        source?.close();
        source = null;
      } else {
        timer = setTimer(() => connect(effect.from), effect.delayMs);
      }
    }
    if (state.phase !== before) options.onPhase?.(state.phase, state);
  };

  const connect = (from: number) => {
    timer = null;
    const current = createSource(eventsUrl(options.runId, from));
    source = current;
    const mine = (fn: (event: MessageEvent<string>) => void) => (event: MessageEvent<string>) => {
      if (source === current) fn(event);
    };
    current.onopen = () => source === current && dispatch({ type: 'open' });
    current.onerror = () => {
      if (source !== current) return;
      if (current.readyState !== CLOSED) return dispatch({ type: 'error' });
      // Refused for good by the browser: a 204 (finished, nothing after `from`) or an error status.
      const url = eventsUrl(options.runId, state.lastSeq + 1);
      current.close();
      void probeStatus(url).then((status) => {
        if (source !== current) return;
        dispatch(status === 204 ? { type: 'done' } : { type: 'error' });
      });
    };
    current.addEventListener(
      'line',
      mine((event) => {
        const line = parseJson<StreamLine>(event.data);
        if (line && typeof line.seq === 'number') dispatch({ type: 'line', line });
      }),
    );
    current.addEventListener(
      'status',
      mine((event) => {
        const status = parseJson<Record<string, unknown>>(event.data);
        if (status) options.onStatus?.(status);
      }),
    );
    current.addEventListener(
      'done',
      mine((event) => {
        flush();
        const done = parseJson<DoneEvent>(event.data);
        if (done) options.onDone?.(done);
        dispatch({ type: 'done' });
      }),
    );
  };

  connect(state.lastSeq + 1);
  return {
    stop() {
      if (timer !== null) clearTimer(timer);
      timer = null;
      // Lines not yet flushed are dropped: a new stream resumes after the store's last seq.
      pending = [];
      dispatch({ type: 'stop' });
    },
    state: () => state,
  };
}

/** GET `url` and read only the status: the body (a live stream) is cancelled at once. */
async function fetchStatus(url: string): Promise<number | null> {
  const controller = new AbortController();
  try {
    const response = await fetch(url, { credentials: 'same-origin', signal: controller.signal });
    return response.status;
  } catch {
    return null;
  } finally {
    controller.abort();
  }
}

function parseJson<T>(text: string): T | null {
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}
