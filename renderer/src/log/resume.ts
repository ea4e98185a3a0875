/**
 * The resume logic of a run's live log stream, as a pure reducer (no timers, no I/O), so
 * every rule is unit-testable:
 *   - lines are accepted only in seq order: seq <= lastSeq is a duplicate and dropped;
 *     seq > lastSeq + 1 is a gap: the line is dropped and the stream is reopened from
 *     lastSeq + 1 (the server replays from `?from=`), so the store never holds a hole;
 *   - any transport error (network blip, 5xx, refused connection while the server
 *     restarts) schedules a reconnect with capped exponential backoff, from lastSeq + 1;
 *   - `done` ends the stream for good; `stop` (the view went away) too.
 * Invariant: the lines handed out by `append` effects have seqs lastSeq+1, +2, … exactly.
 */

import type { LogLine } from '../api/runs';

/** A line as the event stream sends it (`event: line`, id = seq). */
export type StreamLine = LogLine;

export type StreamPhase = 'connecting' | 'live' | 'reconnecting' | 'done' | 'stopped';

export interface StreamState {
  phase: StreamPhase;
  /** The seq of the last line accepted; 0 before the first line. */
  lastSeq: number;
  /** Consecutive failed connection attempts (reset when a connection opens). */
  failures: number;
  duplicatesDropped: number;
  gapsDetected: number;
}

export type StreamInput =
  { type: 'open' } | { type: 'line'; line: StreamLine } | { type: 'done' } | { type: 'error' } | { type: 'stop' };

export type StreamEffect =
  { type: 'append'; line: StreamLine } | { type: 'reconnect'; from: number; delayMs: number } | { type: 'close' };

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  /** In [0, 1); the delay is scaled by 0.8 + 0.4 * random() so clients do not stampede. */
  random: () => number;
}

export const DEFAULT_BACKOFF: Omit<BackoffOptions, 'random'> = { baseMs: 250, maxMs: 5000 };

export function initialStreamState(lastSeq = 0): StreamState {
  return { phase: 'connecting', lastSeq, failures: 0, duplicatesDropped: 0, gapsDetected: 0 };
}

/** The `from` query value that resumes right after the last accepted line. */
export function resumeFrom(state: Pick<StreamState, 'lastSeq'>): number {
  return state.lastSeq + 1;
}

/** Delay before reconnect attempt number `failures` (1-based): base·2^(n-1), capped, jittered. */
export function backoffDelay(failures: number, options: BackoffOptions): number {
  const exponent = Math.max(0, Math.min(failures - 1, 16));
  const raw = Math.min(options.maxMs, options.baseMs * 2 ** exponent);
  return Math.round(raw * (0.8 + 0.4 * options.random()));
}

export function reduceStream(
  state: StreamState,
  input: StreamInput,
  backoff: BackoffOptions,
): { state: StreamState; effects: StreamEffect[] } {
  if (state.phase === 'done' || state.phase === 'stopped') return { state, effects: [] };
  switch (input.type) {
    case 'open':
      return { state: { ...state, phase: 'live', failures: 0 }, effects: [] };
    case 'line':
      return acceptLine(state, input.line);
    case 'done':
      return { state: { ...state, phase: 'done' }, effects: [{ type: 'close' }] };
    case 'stop':
      return { state: { ...state, phase: 'stopped' }, effects: [{ type: 'close' }] };
    case 'error': {
      const failures = state.failures + 1;
      const delayMs = backoffDelay(failures, backoff);
      return {
        state: { ...state, phase: 'reconnecting', failures },
        effects: [{ type: 'close' }, { type: 'reconnect', from: resumeFrom(state), delayMs }],
      };
    }
  }
}

function acceptLine(state: StreamState, line: StreamLine): { state: StreamState; effects: StreamEffect[] } {
  if (line.seq <= state.lastSeq) {
    return { state: { ...state, duplicatesDropped: state.duplicatesDropped + 1 }, effects: [] };
  }
  if (line.seq > state.lastSeq + 1) {
    // Never render past a hole: reopen from the first missing seq, right away.
    return {
      state: { ...state, phase: 'reconnecting', gapsDetected: state.gapsDetected + 1 },
      effects: [{ type: 'close' }, { type: 'reconnect', from: resumeFrom(state), delayMs: 0 }],
    };
  }
  return { state: { ...state, lastSeq: line.seq }, effects: [{ type: 'append', line }] };
}
