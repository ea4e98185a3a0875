/**
 * The output pipeline in isolation: the line splitter's edge cases, the log writer's
 * batching on an injected clock (nothing written before 250 ms, everything after), and
 * the in-memory window: bounded, evicting only lines already on disk, and telling a
 * reader that fell behind it to continue from the file.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Clock, TimerHandle } from '../../main/core/clock.js';
import { LineSplitter } from '../../main/runs/line-splitter.js';
import { LogFileReader } from '../../main/runs/log-file-reader.js';
import { RunOutput } from '../../main/runs/run-output.js';
import { removeTempDirs, tempDir } from '../support/temp.js';

afterAll(removeTempDirs);

function manualClock(): Clock & { advance(ms: number): void } {
  let now = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  let next = 1;
  return {
    now: () => now,
    setTimeout: (fn, ms) => (timers.set(next, { at: now + ms, fn }), next++) as unknown as TimerHandle,
    clearTimeout: (handle) => void timers.delete(handle as unknown as number),
    setInterval: () => 0 as unknown as TimerHandle,
    clearInterval: () => undefined,
    advance(ms) {
      now += ms;
      for (const [id, timer] of [...timers]) {
        if (timer.at > now) continue;
        timers.delete(id);
        timer.fn();
      }
    },
  };
}

const settle = () => new Promise((r) => setTimeout(r, 30));

describe('LineSplitter', () => {
  it('joins lines across chunks, strips \\r, keeps a split UTF-8 character whole, flushes the partial last line', () => {
    const splitter = new LineSplitter();
    const euro = Buffer.from('€');
    expect(splitter.push(Buffer.concat([Buffer.from('a\r\nb'), euro.subarray(0, 1)]))).toEqual(['a']);
    expect(splitter.push(Buffer.concat([euro.subarray(1), Buffer.from('\nc')]))).toEqual(['b€']);
    expect(splitter.end()).toEqual(['c']);
    expect(splitter.end()).toEqual([]);
  });

  it('cuts an endless line into pieces of the maximum size', () => {
    const splitter = new LineSplitter(4);
    expect(splitter.push(Buffer.from('abcdefghij'))).toEqual(['abcd', 'efgh']);
    expect(splitter.end()).toEqual(['ij']);
  });
});

describe('RunOutput', () => {
  it('writes the log in batches: nothing before 250 ms, everything after', async () => {
    const dir = await tempDir();
    const clock = manualClock();
    const output = new RunOutput({ logPath: join(dir, 'a.log'), clock, onPressure: () => undefined, onError: (e) => { throw e; } });
    output.append('stdout', ['one', 'two'], '2026-11-24T00:00:00.000Z');
    clock.advance(249);
    await settle();
    expect(await readFile(join(dir, 'a.log'), 'utf8').catch(() => '')).toBe('');
    clock.advance(1);
    await settle();
    const text = await readFile(join(dir, 'a.log'), 'utf8');
    expect(text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { seq: number; text: string })).toEqual([
      { seq: 1, t: '2026-11-24T00:00:00.000Z', stream: 'stdout', text: 'one' },
      { seq: 2, t: '2026-11-24T00:00:00.000Z', stream: 'stdout', text: 'two' },
    ]);
    await output.finish();
  });

  it('keeps at most the window in memory once lines are on disk, and sends a reader behind it to the file', async () => {
    const dir = await tempDir();
    const clock = manualClock();
    const output = new RunOutput({ logPath: join(dir, 'b.log'), clock, windowMaxLines: 100, onPressure: () => undefined, onError: (e) => { throw e; } });
    for (let i = 0; i < 10; i++) output.append('stdout', Array.from({ length: 50 }, (_, j) => `l${i * 50 + j + 1}`), 't');
    expect(output.stats().windowLines).toBe(500);
    clock.advance(250);
    await settle();
    expect(output.stats().windowLines).toBe(100);
    expect(output.read(1, 1e6)).toEqual({ kind: 'behind', firstSeq: 401 });
    const fromWindow = output.read(401, 1e6);
    expect(fromWindow.kind === 'lines' && fromWindow.lines.length).toBe(100);
    const page = await new LogFileReader(join(dir, 'b.log')).read(1, { maxLines: 1000, maxChars: 1e7 }, output.writer.hint(1));
    expect(page.lines.map((l) => (JSON.parse(l) as { seq: number }).seq)).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
    await output.finish();
  });

  it('asks the producer to pause while the writer lags and to resume once it caught up', async () => {
    const dir = await tempDir();
    const clock = manualClock();
    const pressure: boolean[] = [];
    const output = new RunOutput({ logPath: join(dir, 'c.log'), clock, onPressure: (p) => pressure.push(p), onError: (e) => { throw e; } });
    const big = 'z'.repeat(100_000);
    for (let i = 0; i < 30; i++) output.append('stdout', [big], 't');
    expect(pressure[0]).toBe(true);
    await output.finish();
    expect(pressure[pressure.length - 1]).toBe(false);
  });
});
