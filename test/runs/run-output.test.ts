/**
 * The output pipeline in isolation: the line splitter's edge cases; the log writer, which
 * starts a write as soon as lines arrive (no timer) and puts lines that arrive during a
 * write in the next one; readers that are shown a line only once it is in the file; the
 * in-memory window: bounded, evicting only lines already on disk, and telling a reader
 * that fell behind it to continue from the file; and a log that cannot be written.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LineSplitter, type OutputPiece } from '../../main/runs/log/line-splitter.js';
import { LogFileReader } from '../../main/runs/log/log-reader.js';
import { RunOutput } from '../../main/runs/log/run-output.js';
import { removeTempDirs, tempDir } from '../support/temp.js';

afterAll(removeTempDirs);

const noThrow = (e: unknown) => {
  throw e;
};
const logLines = async (path: string) =>
  (await readFile(path, 'utf8').catch(() => ''))
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { seq: number; text: string });
const seqsOf = (read: ReturnType<RunOutput['read']>) =>
  read.kind === 'records'
    ? Buffer.concat(read.parts)
        .toString('utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => (JSON.parse(l) as { seq: number }).seq)
    : read;

/** What a run makes of splitter pieces: bytes of complete lines (a \\r before \\n dropped), or one line as text. */
const linesOf = (pieces: OutputPiece[]) =>
  pieces.flatMap((piece) =>
    typeof piece === 'string'
      ? [piece]
      : piece
          .toString('utf8')
          .split('\n')
          .slice(0, -1)
          .map((l) => l.replace(/\r$/, '')),
  );

describe('LineSplitter', () => {
  it('joins lines across chunks, keeps a split UTF-8 character whole, flushes the partial last line', () => {
    const splitter = new LineSplitter();
    const euro = Buffer.from('€');
    const first = splitter.push(Buffer.concat([Buffer.from('a\r\nb'), euro.subarray(0, 1)]));
    expect(first).toEqual([Buffer.from('a\r\n')]);
    expect(linesOf(splitter.push(Buffer.concat([euro.subarray(1), Buffer.from('\nc')])))).toEqual(['b€']);
    expect(splitter.end()).toEqual(['c']);
    expect(splitter.end()).toEqual([]);
  });

  it('gives the complete lines of a chunk as one Buffer, and replaces invalid UTF-8 with U+FFFD', () => {
    const splitter = new LineSplitter();
    const pieces = splitter.push(Buffer.from([0x6f, 0x6b, 0x0a, 0xff, 0x62, 0x0a, 0xe2, 0x82, 0x0a, 0x7a]));
    expect(pieces).toHaveLength(1);
    expect(linesOf(pieces)).toEqual(['ok', '\ufffdb', '\ufffd']);
    expect(splitter.end()).toEqual(['z']);
  });

  it('strips a \\r from the partial last line', () => {
    const splitter = new LineSplitter();
    expect(splitter.push(Buffer.from('x\r'))).toEqual([]);
    expect(splitter.end()).toEqual(['x']);
  });

  it('gives the same lines however the bytes are cut into chunks (seeded)', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const text = Array.from(
      { length: 300 },
      (_, i) => `${'€é😀ab'.repeat(i % 7)}line ${i}${i % 5 === 0 ? '\r' : ''}`,
    ).join('\n');
    const bytes = Buffer.from(text);
    for (let round = 0; round < 20; round++) {
      const splitter = new LineSplitter();
      const pieces: OutputPiece[] = [];
      for (let at = 0; at < bytes.length;) {
        const size = 1 + Math.floor(random() * 200);
        pieces.push(...splitter.push(bytes.subarray(at, at + size)));
        at += size;
      }
      pieces.push(...splitter.end());
      expect(linesOf(pieces)).toEqual(text.split('\n').map((l) => l.replace(/\r$/, '')));
    }
  });

  it('keeps a line that arrives in many small chunks whole, and cuts it at the maximum while it grows', () => {
    const splitter = new LineSplitter(1000);
    const pieces: OutputPiece[] = [];
    const line = 'é'.repeat(1200); // 2400 bytes, arriving 7 bytes at a time (characters split across chunks)
    const bytes = Buffer.from(`${line}\nnext\n`);
    for (let at = 0; at < bytes.length; at += 7) pieces.push(...splitter.push(bytes.subarray(at, at + 7)));
    const lines = linesOf(pieces);
    expect(lines.join('')).toBe(`${line}next`);
    expect(lines.slice(0, 2).map((l) => Buffer.byteLength(l))).toEqual([1000, 1000]);
    expect(lines.slice(2)).toEqual(['é'.repeat(200), 'next']);
  });

  it('cuts an endless line into pieces of the maximum size', () => {
    const splitter = new LineSplitter(4);
    expect(splitter.push(Buffer.from('abcdefghij'))).toEqual(['abcd', 'efgh']);
    expect(splitter.end()).toEqual(['ij']);
  });

  it('never cuts inside a UTF-8 character', () => {
    const splitter = new LineSplitter(4);
    // 'ab' + '€' (3 bytes): a cut at 4 bytes would split the euro sign.
    expect(splitter.push(Buffer.from('ab€cd'))).toEqual(['ab', '€c']);
    expect(splitter.end()).toEqual(['d']);
  });
});

describe('RunOutput', () => {
  it('writes lines as soon as they arrive, without waiting for a timer, and shows a reader only lines already in the file', async () => {
    const path = join(await tempDir(), 'a.log');
    const output = new RunOutput({ logPath: path, onPressure: () => undefined, onError: noThrow });
    output.append('stdout', ['one', 'two'], '2026-11-24T00:00:00.000Z');
    expect(seqsOf(output.read(1, 1e6))).toEqual([]);
    await output.changed();
    expect(seqsOf(output.read(1, 1e6))).toEqual([1, 2]);
    expect(await logLines(path)).toEqual([
      { seq: 1, t: '2026-11-24T00:00:00.000Z', stream: 'stdout', text: 'one' },
      { seq: 2, t: '2026-11-24T00:00:00.000Z', stream: 'stdout', text: 'two' },
    ]);
    await output.finish();
  });

  it('puts the lines that arrive during a write into the next write, and shows each batch once it is written', async () => {
    const path = join(await tempDir(), 'b.log');
    const output = new RunOutput({ logPath: path, onPressure: () => undefined, onError: noThrow });
    output.append('stdout', ['first'], 't');
    await Promise.resolve(); // the write of 'first' has started
    output.append('stdout', ['second'], 't');
    output.append('stderr', ['third'], 't');
    await output.changed();
    expect(output.persistedSeq).toBe(1);
    expect(seqsOf(output.read(1, 1e6))).toEqual([1]);
    await output.changed();
    expect(output.persistedSeq).toBe(3);
    expect(seqsOf(output.read(2, 1e6))).toEqual([2, 3]);
    expect((await logLines(path)).map((l) => l.text)).toEqual(['first', 'second', 'third']);
    await output.finish();
  });

  it('keeps at most the window in memory once lines are on disk, and sends a reader behind it to the file', async () => {
    const dir = await tempDir();
    const output = new RunOutput({
      logPath: join(dir, 'c.log'),
      windowMaxLines: 100,
      onPressure: () => undefined,
      onError: noThrow,
    });
    for (let i = 0; i < 10; i++)
      output.append(
        'stdout',
        Array.from({ length: 50 }, (_, j) => `l${i * 50 + j + 1}`),
        't',
      );
    expect(output.stats().windowLines).toBe(500);
    await output.writer.flush();
    expect(output.stats().windowLines).toBe(100);
    expect(output.read(1, 1e6)).toEqual({ kind: 'behind', firstSeq: 401 });
    const fromWindow = output.read(401, 1e6);
    expect(fromWindow.kind === 'records' && fromWindow.count).toBe(100);
    const page = await new LogFileReader(join(dir, 'c.log')).read(
      1,
      { maxLines: 1000, maxChars: 1e7 },
      output.writer.index.seek(1),
    );
    expect(page.lines.map((l) => (JSON.parse(l) as { seq: number }).seq)).toEqual(
      Array.from({ length: 500 }, (_, i) => i + 1),
    );
    await output.finish();
  });

  it('asks the producer to pause while the writer lags and to resume once it caught up', async () => {
    const dir = await tempDir();
    const pressure: boolean[] = [];
    const output = new RunOutput({
      logPath: join(dir, 'd.log'),
      onPressure: (p) => pressure.push(p),
      onError: noThrow,
    });
    const big = 'z'.repeat(100_000);
    for (let i = 0; i < 30; i++) output.append('stdout', [big], 't');
    expect(pressure[0]).toBe(true);
    await output.finish();
    expect(pressure[pressure.length - 1]).toBe(false);
  });

  it('when the log cannot be written (a full disk: /dev/full), reports it once, shows no line, keeps nothing more, and lets the producer go', async () => {
    const errors: unknown[] = [];
    const pressure: boolean[] = [];
    const output = new RunOutput({
      logPath: '/dev/full',
      onPressure: (p) => pressure.push(p),
      onError: (e) => errors.push(e),
    });
    const big = 'z'.repeat(100_000);
    for (let i = 0; i < 30; i++) output.append('stdout', [big], 't');
    expect(pressure).toEqual([true]);
    await output.changed();
    expect(errors.map((e) => (e as NodeJS.ErrnoException).code)).toEqual(['ENOSPC']);
    expect(output.failure).toContain('ENOSPC');
    expect(pressure).toEqual([true, false]);
    output.append('stdout', ['later'], 't');
    await output.finish();
    expect(errors).toHaveLength(1);
    expect(output.persistedSeq).toBe(0);
    expect(seqsOf(output.read(1, 1e6))).toEqual([]);
    expect(output.stats()).toMatchObject({ windowLines: 30, pendingBytes: 0, paused: false });
  });
});
