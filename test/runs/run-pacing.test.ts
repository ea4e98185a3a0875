/**
 * How a live reader paces a run (run-pacing.ts, RunOutput.hold/pace): a client that
 * drains in time holds the producer while it waits and while it is far behind, and is
 * released once back within a quarter window; a client that does not drain within
 * HOLD_MAX_MS stops holding anything until it has caught up; the producer is asked to
 * pause and resume accordingly, and a finished output holds nothing.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Clock, TimerHandle } from '../../main/core/clock.js';
import { HOLD_MAX_MS, ReaderPacer } from '../../main/runs/run-pacing.js';
import { RunOutput } from '../../main/runs/run-output.js';
import type { RunLogSource } from '../../main/runs/run-log-source.js';
import type { SseConnection } from '../../main/server/sse.js';
import { removeTempDirs, tempDir } from '../support/temp.js';

afterAll(removeTempDirs);

/** A clock whose timers fire only when the test moves time on. */
function manualClock(): Clock & { advance(ms: number): void } {
  let now = 0;
  let timers: Array<{ at: number; callback: () => void; handle: TimerHandle }> = [];
  return {
    now: () => now,
    setTimeout(callback, ms) {
      const handle = { id: Symbol('timer') } as unknown as TimerHandle;
      timers.push({ at: now + ms, callback, handle });
      return handle;
    },
    clearTimeout(handle) {
      timers = timers.filter((t) => t.handle !== handle);
    },
    setInterval: () => ({}) as TimerHandle,
    clearInterval: () => undefined,
    advance(ms) {
      now += ms;
      const due = timers.filter((t) => t.at <= now);
      timers = timers.filter((t) => t.at > now);
      for (const timer of due) timer.callback();
    },
  };
}

/** A connection whose socket drains when the test says so. */
function fakeConnection(): SseConnection & { drain(): void } {
  let waiting: Array<() => void> = [];
  return {
    closed: false,
    send: () => true,
    comment: () => true,
    drained: () => new Promise<void>((resolve) => waiting.push(resolve)),
    close: () => undefined,
    onClose: () => undefined,
    drain() {
      const now = waiting;
      waiting = [];
      for (const resolve of now) resolve();
    },
  };
}

async function outputWithLines(count: number, pressure: boolean[]): Promise<RunOutput> {
  const output = new RunOutput({
    logPath: join(await tempDir(), 'p.log'),
    windowMaxLines: 1000,
    onPressure: (p) => pressure.push(p),
    onError: (e) => {
      throw e;
    },
  });
  output.append(
    'stdout',
    Array.from({ length: count }, (_, i) => `line ${i + 1}`),
    't',
  );
  await output.writer.flush();
  return output;
}

/** The slice of RunLogSource the pacer uses, straight onto one RunOutput. */
function sourceFor(output: RunOutput): RunLogSource {
  return {
    hold: (r: object) => output.hold(r),
    unhold: (r: object) => output.unhold(r),
    release: (r: object) => output.release(r),
    pace: (r: object, seq: number, up: boolean) => output.pace(r, seq, up),
  } as unknown as RunLogSource;
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('RunOutput.hold / pace', () => {
  it('pauses the producer while a reader holds it, resumes when the last one lets go', async () => {
    const pressure: boolean[] = [];
    const output = await outputWithLines(10, pressure);
    const a = {};
    const b = {};
    output.hold(a);
    output.hold(b);
    output.release(a);
    expect(pressure).toEqual([true]);
    output.release(b);
    expect(pressure).toEqual([true, false]);
    await output.finish();
  });

  it('holds from half a window behind until back within a quarter, and never once the output ended', async () => {
    const pressure: boolean[] = [];
    const output = await outputWithLines(800, pressure); // window of 1000 lines
    const reader = {};
    output.pace(reader, 500, true); // 301 unread: 0.3 of the window
    expect(pressure).toEqual([]);
    output.pace(reader, 300, true); // 501 unread
    expect(pressure).toEqual([true]);
    output.pace(reader, 550, true); // 251 unread: still above a quarter
    expect(pressure).toEqual([true]);
    output.pace(reader, 700, true); // 101 unread
    expect(pressure).toEqual([true, false]);
    output.pace(reader, 1, false); // a client that is not keeping up holds nothing
    expect(pressure).toEqual([true, false]);
    await output.finish();
    output.hold(reader);
    output.pace(reader, 1, true);
    expect(pressure).toEqual([true, false]);
  });
});

describe('RunOutput.pace: how far behind holds', () => {
  it('a reader more than HOLD_REACH windows behind (a replay from the file) holds nothing; within reach it does', async () => {
    const pressure: boolean[] = [];
    const output = new RunOutput({
      logPath: join(await tempDir(), 'r.log'),
      windowMaxLines: 100,
      onPressure: (p) => pressure.push(p),
      onError: (e) => {
        throw e;
      },
    });
    output.append(
      'stdout',
      Array.from({ length: 1000 }, (_, i) => `line ${i + 1}`),
      't',
    );
    await output.writer.flush();
    const reader = {};
    output.pace(reader, 1, true); // 1000 unread: 10 windows
    expect(pressure).toEqual([]);
    output.pace(reader, 700, true); // 301 unread: 3 windows
    expect(pressure).toEqual([true]);
    await output.finish();
  });

  it('a wait for a drain does not lower the bar for a pace hold', async () => {
    const pressure: boolean[] = [];
    const output = await outputWithLines(800, pressure);
    const reader = {};
    output.hold(reader); // waiting for its socket
    output.unhold(reader); // drained
    output.pace(reader, 500, true); // 301 unread: 0.3, below the 0.5 that starts a hold
    expect(pressure).toEqual([true, false]);
    await output.finish();
  });
});

describe('ReaderPacer', () => {
  it('a client that drains in time holds the run while it waits, then only while far behind', async () => {
    const pressure: boolean[] = [];
    const output = await outputWithLines(800, pressure);
    const clock = manualClock();
    const connection = fakeConnection();
    const pacer = new ReaderPacer(sourceFor(output), connection, clock);
    const done = pacer.afterBatch(790, false);
    expect(pressure).toEqual([true]);
    clock.advance(HOLD_MAX_MS - 1);
    connection.drain();
    await done;
    expect(pressure).toEqual([true, false]); // drained, and only 11 lines behind
    expect(pacer.isFollowing).toBe(true);
    await pacer.afterBatch(100, true); // far behind, client keeps up: hold
    expect(pressure).toEqual([true, false, true]);
    await output.finish();
  });

  it('a client that does not drain within HOLD_MAX_MS stops holding the run until it caught up', async () => {
    const pressure: boolean[] = [];
    const output = await outputWithLines(800, pressure);
    const clock = manualClock();
    const connection = fakeConnection();
    const pacer = new ReaderPacer(sourceFor(output), connection, clock);
    let settled = false;
    const done = pacer.afterBatch(100, false).then(() => (settled = true));
    expect(pressure).toEqual([true]);
    clock.advance(HOLD_MAX_MS);
    await tick();
    expect(pressure).toEqual([true, false]); // the run goes on
    expect(pacer.isFollowing).toBe(false);
    expect(settled).toBe(false); // the stream itself still waits for its client
    connection.drain();
    await done;
    await pacer.afterBatch(100, true); // far behind, but too slow to follow: no hold
    expect(pressure).toEqual([true, false]);
    pacer.caughtUp();
    expect(pacer.isFollowing).toBe(true);
    await pacer.afterBatch(100, true);
    expect(pressure).toEqual([true, false, true]);
    await output.finish();
  });
});
