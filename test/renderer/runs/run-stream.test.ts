/**
 * The stream client (renderer/src/log/run-stream.ts) over a scripted EventSource: it
 * opens `?from=1`, batches lines per frame, reconnects by itself with `?from=<last+1>`
 * after an error (including the kind EventSource gives up on), refetches from the first
 * missing seq after a gap, and stops reconnecting after `done`, a 204 No Content (a
 * reconnect to a finished run at its end) or stop().
 */
import { describe, expect, it } from 'vitest';
import { openRunStream, type EventSourceLike } from '../../../renderer/src/log/run-stream';
import type { StreamLine } from '../../../renderer/src/log/resume';

class ScriptedSource implements EventSourceLike {
  onopen: ((event: Event) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  readyState = 0;
  closed = false;
  private listeners = new Map<string, Array<(event: MessageEvent<string>) => void>>();
  constructor(readonly url: string) {}
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close() {
    this.closed = true;
  }
  open() {
    this.onopen?.(new Event('open'));
  }
  emit(type: string, data: unknown) {
    for (const listener of this.listeners.get(type) ?? [])
      listener(new MessageEvent(type, { data: JSON.stringify(data) }));
  }
  lines(...seqs: number[]) {
    for (const seq of seqs)
      this.emit('line', { seq, stream: seq % 2 ? 'stdout' : 'stderr', text: `l${seq}`, t: '2026-01-01T00:00:00Z' });
  }
  fail() {
    this.onerror?.(new Event('error'));
  }
  /** What EventSource does on a 204 or an error status: fail the connection for good (CLOSED). */
  refuse() {
    this.readyState = 2;
    this.onerror?.(new Event('error'));
  }
}

function setup(probeStatus: (url: string) => Promise<number | null> = async () => 200) {
  const sources: ScriptedSource[] = [];
  const timers: Array<{ fn: () => void; ms: number; cleared: boolean }> = [];
  const frames: Array<() => void> = [];
  const received: number[] = [];
  const phases: string[] = [];
  const stream = openRunStream({
    runId: 'r1',
    createSource: (url) => {
      const source = new ScriptedSource(url);
      sources.push(source);
      return source;
    },
    setTimer: (fn, ms) => {
      const timer = { fn, ms, cleared: false };
      timers.push(timer);
      return timer;
    },
    clearTimer: (handle) => ((handle as { cleared: boolean }).cleared = true),
    scheduleFrame: (fn) => frames.push(fn),
    random: () => 0.5,
    probeStatus,
    onLines: (lines: StreamLine[]) => received.push(...lines.map((l) => l.seq)),
    onPhase: (phase) => phases.push(phase),
  });
  const runFrames = () => frames.splice(0).forEach((fn) => fn());
  const fireTimers = () => timers.splice(0).forEach((t) => !t.cleared && t.fn());
  const latest = () => sources[sources.length - 1]!;
  return { stream, sources, timers, received, phases, runFrames, fireTimers, latest };
}

describe('run stream client', () => {
  it('starts from seq 1 and hands lines over once per animation frame', () => {
    const t = setup();
    expect(t.latest().url).toBe('/api/runs/r1/events?from=1');
    t.latest().open();
    t.latest().lines(1, 2, 3);
    expect(t.received).toEqual([]);
    t.runFrames();
    expect(t.received).toEqual([1, 2, 3]);
    expect(t.phases).toEqual(['live']);
  });

  it('after an error closes the source and reconnects itself from the next seq', () => {
    const t = setup();
    const first = t.latest();
    first.open();
    first.lines(1, 2);
    first.fail();
    expect(first.closed).toBe(true);
    expect(t.phases).toEqual(['live', 'reconnecting']);
    expect(t.timers[0]?.ms).toBeGreaterThan(0);
    t.fireTimers();
    expect(t.sources).toHaveLength(2);
    expect(t.latest().url).toBe('/api/runs/r1/events?from=3');
    t.latest().fail();
    t.fireTimers();
    expect(t.latest().url).toBe('/api/runs/r1/events?from=3');
    t.latest().open();
    t.latest().lines(2, 3, 4);
    t.runFrames();
    expect(t.received).toEqual([1, 2, 3, 4]);
    expect(t.phases.at(-1)).toBe('live');
  });

  it('on a gap refetches from the first missing seq instead of showing a hole', () => {
    const t = setup();
    t.latest().open();
    t.latest().lines(1, 2, 6, 7);
    expect(t.latest().closed).toBe(true);
    t.fireTimers();
    expect(t.latest().url).toBe('/api/runs/r1/events?from=3');
    t.latest().open();
    t.latest().lines(3, 4, 5, 6, 7);
    t.runFrames();
    expect(t.received).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('ignores events from a source it already replaced', () => {
    const t = setup();
    const stale = t.latest();
    stale.open();
    stale.lines(1);
    stale.fail();
    t.fireTimers();
    stale.lines(2);
    t.runFrames();
    expect(t.received).toEqual([1]);
  });

  it('after done flushes, closes and never reconnects', () => {
    const t = setup();
    const source = t.latest();
    source.open();
    source.lines(1, 2);
    source.emit('done', { status: 'succeeded', exitCode: 0, signal: null, durationMs: 10 });
    expect(t.received).toEqual([1, 2]);
    expect(source.closed).toBe(true);
    source.fail();
    expect(t.timers).toHaveLength(0);
    expect(t.phases.at(-1)).toBe('done');
  });

  it('stop() cancels a pending reconnect and drops unflushed lines', () => {
    const t = setup();
    t.latest().open();
    t.latest().lines(1);
    t.latest().fail();
    t.stream.stop();
    t.fireTimers();
    t.runFrames();
    expect(t.sources).toHaveLength(1);
    expect(t.received).toEqual([]);
  });

  it('stops for good when the server answers 204 No Content (finished run, nothing after from)', async () => {
    const probed: string[] = [];
    const t = setup(async (url) => {
      probed.push(url);
      return 204;
    });
    t.latest().open();
    t.latest().lines(1, 2);
    t.runFrames();
    t.latest().refuse();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(probed).toEqual(['/api/runs/r1/events?from=3']);
    expect(t.latest().closed).toBe(true);
    expect(t.timers).toHaveLength(0);
    expect(t.stream.state().phase).toBe('done');
    t.fireTimers();
    expect(t.sources).toHaveLength(1);
  });

  it('keeps reconnecting with backoff when a refused stream was an error status, not a 204', async () => {
    const t = setup(async () => 503);
    t.latest().refuse();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(t.stream.state().phase).toBe('reconnecting');
    t.fireTimers();
    expect(t.sources).toHaveLength(2);
    expect(t.latest().url).toBe('/api/runs/r1/events?from=1');
  });
});
