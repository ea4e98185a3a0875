/**
 * The resume rules of the live log stream (renderer/src/log/resume.ts): lines are
 * accepted strictly in seq order, duplicates are dropped, a gap reopens the stream from
 * the first missing seq, errors reconnect with capped backoff from lastSeq + 1, and
 * `done`/`stop` end it for good.
 */
import { describe, expect, it } from 'vitest';
import {
  backoffDelay,
  initialStreamState,
  reduceStream,
  resumeFrom,
  type StreamInput,
  type StreamState,
} from '../../../renderer/src/log/resume';

const backoff = { baseMs: 100, maxMs: 1000, random: () => 0.5 };
const line = (seq: number) => ({ type: 'line', line: { seq, t: '', stream: 'stdout', text: `line ${seq}` } }) as const;

function feed(inputs: StreamInput[], state: StreamState = initialStreamState()) {
  const appended: number[] = [];
  const effects: unknown[] = [];
  for (const input of inputs) {
    const result = reduceStream(state, input, backoff);
    state = result.state;
    for (const effect of result.effects) {
      if (effect.type === 'append') appended.push(effect.line.seq);
      else effects.push(effect);
    }
  }
  return { state, appended, effects };
}

describe('resume logic', () => {
  it('accepts consecutive lines and resumes right after the last one', () => {
    const { state, appended } = feed([{ type: 'open' }, line(1), line(2), line(3)]);
    expect(appended).toEqual([1, 2, 3]);
    expect(state.phase).toBe('live');
    expect(resumeFrom(state)).toBe(4);
  });

  it('drops duplicates (a replay overlapping what is already shown)', () => {
    const { state, appended } = feed([line(1), line(2), line(2), line(1), line(3)]);
    expect(appended).toEqual([1, 2, 3]);
    expect(state.duplicatesDropped).toBe(2);
  });

  it('on a gap, drops the line and reopens the stream from the first missing seq', () => {
    const { state, appended, effects } = feed([line(1), line(2), line(5)]);
    expect(appended).toEqual([1, 2]);
    expect(state.gapsDetected).toBe(1);
    expect(state.phase).toBe('reconnecting');
    expect(effects).toEqual([{ type: 'close' }, { type: 'reconnect', from: 3, delayMs: 0 }]);
    const refilled = feed([{ type: 'open' }, line(3), line(4), line(5)], state);
    expect(refilled.appended).toEqual([3, 4, 5]);
    expect(refilled.state.phase).toBe('live');
  });

  it('reconnects after an error from lastSeq + 1 with growing, capped delays', () => {
    const first = feed([{ type: 'open' }, line(1), line(2), { type: 'error' }]);
    expect(first.state.phase).toBe('reconnecting');
    expect(first.effects).toEqual([{ type: 'close' }, { type: 'reconnect', from: 3, delayMs: 100 }]);
    const again = feed([{ type: 'error' }, { type: 'error' }], first.state);
    expect(again.effects).toEqual([
      { type: 'close' },
      { type: 'reconnect', from: 3, delayMs: 200 },
      { type: 'close' },
      { type: 'reconnect', from: 3, delayMs: 400 },
    ]);
    const opened = feed([{ type: 'open' }], again.state);
    expect(opened.state.failures).toBe(0);
    expect(opened.state.phase).toBe('live');
  });

  it('ends on done and ignores anything after it', () => {
    const { state, appended, effects } = feed([line(1), { type: 'done' }, line(2), { type: 'error' }]);
    expect(appended).toEqual([1]);
    expect(state.phase).toBe('done');
    expect(effects).toEqual([{ type: 'close' }]);
  });

  it('resumes after a given seq (a remounted view keeps its lines)', () => {
    const { appended, state } = feed([line(3), line(4), line(5)], initialStreamState(4));
    expect(appended).toEqual([5]);
    expect(state.duplicatesDropped).toBe(2);
  });

  it('jitters the backoff within ±20 % and never exceeds the cap by more', () => {
    expect(backoffDelay(1, { ...backoff, random: () => 0 })).toBe(80);
    expect(backoffDelay(1, { ...backoff, random: () => 0.999 })).toBe(120);
    expect(backoffDelay(30, backoff)).toBe(1000);
  });
});
