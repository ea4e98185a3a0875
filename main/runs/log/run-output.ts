/**
 * The live output of one running run: assigns `seq` (1-based, gap-free), keeps a bounded
 * in-memory window of the newest encoded lines for live readers, and hands every line to
 * the log writer. Lines are kept as blocks (see log-block.ts): the file's bytes and the
 * event stream's bytes of a few hundred lines each, encoded from the child's bytes without
 * a string per line (line-encoder.ts), so a flood costs a few Buffers per chunk, outside
 * the JS heap, rather than several objects per line.
 *
 * Invariant: a reader is only given lines that are on disk (`persistedSeq`, see
 * log-writer.ts), so a crash can never lose a line a viewer has seen, and the history
 * after a restart is exactly what was shown (plus, at most, lines nobody saw yet). The
 * writer starts a write as soon as lines arrive, so this costs one write's latency. A
 * line leaves the window only once it is on disk, so a reader that falls behind the
 * window can always continue from the file. When the writer lags, the producer is asked
 * to pause (`onPressure(true)`), so memory stays bounded whatever the child's output rate
 * and however slow any reader is.
 *
 * Live readers that keep up are kept in memory, not sent to re-read the file they chase
 * (the policy is run-pacing.ts): a reader may `hold` the producer while it waits a moment
 * for its client, and `pace` holds it while a reader whose client takes all it is sent
 * has fallen half a window behind (the server, not the client, is the bottleneck then)
 * until it is back within a quarter.
 */
import { LogWriter } from './log-writer.js';
import { afterNewlines, encodeTextBlock, splitLines, type EncodedBlock } from './log-block.js';
import { LineEncoder } from './line-encoder.js';
import type { OutputPiece } from './line-splitter.js';
import type { LogStream } from '../run-types.js';
import { redactKeyShapes } from '../../logging/redact.js';

export const WINDOW_MAX_LINES = 20_000;
export const WINDOW_MAX_BYTES = 4 * 1024 * 1024;
/** String lines per block (runner messages; a child's bytes are blocked by line-encoder.ts). */
export const BLOCK_LINES = 256;
export const PAUSE_ABOVE_BYTES = 2 * 1024 * 1024;
/** A keeping-up reader this far behind (share of the window's lines or bytes) holds the producer… */
export const HOLD_FROM = 0.5;
/** …until it is back within this share. */
export const HOLD_UNTIL = 0.25;
/** A reader further behind than this many windows replays from the file without holding anything. */
export const HOLD_REACH = 4;

const EMPTY = Buffer.alloc(0);
const KEY_PREFIX = Buffer.from('sk-ant-');
const EVICTED: Block = { firstSeq: 0, count: 0, file: EMPTY, events: EMPTY };

export interface RunOutputOptions {
  logPath: string;
  windowMaxLines?: number;
  windowMaxBytes?: number;
  /** Shared between runs (it holds a fixed-size WebAssembly memory); a new one otherwise. */
  encoder?: LineEncoder;
  onPressure(paused: boolean): void;
  onError(error: unknown): void;
}

export type WindowRead = { kind: 'lines'; lines: string[]; nextSeq: number } | { kind: 'behind'; firstSeq: number };
export type WindowEvents = { kind: 'events'; texts: Buffer[]; nextSeq: number } | { kind: 'behind'; firstSeq: number };

type Block = EncodedBlock;

export class RunOutput {
  lastSeq = 0;
  finished = false;
  readonly writer: LogWriter;
  private window: Block[] = [];
  private start = 0;
  private windowFirstSeq = 1;
  private windowBytes = 0;
  private paused = false;
  private writerBehind = false;
  /** Readers waiting a moment for their socket to drain (run-pacing.ts). */
  private readonly drainHolds = new Set<object>();
  /** Keeping-up readers that are far behind (`pace`). */
  private readonly paceHolds = new Set<object>();
  private waiters: Array<() => void> = [];
  private encoderInstance: LineEncoder | undefined;

  constructor(private readonly options: RunOutputOptions) {
    this.encoderInstance = options.encoder;
    this.writer = new LogWriter({
      path: options.logPath,
      onPersisted: () => this.afterWrite(),
      onError: options.onError,
    });
  }

  /** Adds string lines (runner messages, a final partial line); `t` is their arrival time. */
  append(stream: LogStream, texts: readonly string[], t: string): void {
    if (!this.accepting() || texts.length === 0) return;
    texts = texts.map(redactKeyShapes);
    for (let i = 0; i < texts.length; i += BLOCK_LINES) {
      this.add(
        encodeTextBlock(
          this.lastSeq + 1,
          t,
          stream,
          texts.length <= BLOCK_LINES ? texts : texts.slice(i, i + BLOCK_LINES),
        ),
      );
    }
    this.afterAdd();
  }

  /** Adds complete lines as bytes (each ending in `\n`, valid UTF-8: line-splitter.ts). */
  appendBytes(stream: LogStream, lines: Buffer, t: string): void {
    if (!this.accepting() || lines.length === 0) return;
    // Key shapes never reach the file or a viewer (issue 12): the rare chunk holding one is scrubbed as text.
    if (lines.includes(KEY_PREFIX)) lines = Buffer.from(redactKeyShapes(lines.toString('utf8')));
    for (const block of this.encoder.encode(lines, this.lastSeq + 1, t, stream)) this.add(block);
    this.afterAdd();
  }

  /** Adds what the line splitter made of one chunk of a child's output, in order. */
  appendOutput(stream: LogStream, pieces: readonly OutputPiece[], t: string): void {
    for (const piece of pieces) {
      if (typeof piece === 'string') this.append(stream, [piece], t);
      else this.appendBytes(stream, piece, t);
    }
  }

  /** After a failed write nothing more is kept: it could never be shown. */
  private accepting(): boolean {
    return !this.finished && this.writer.failure === null;
  }

  private get encoder(): LineEncoder {
    return (this.encoderInstance ??= new LineEncoder());
  }

  private add(block: Block): void {
    this.window.push(block);
    this.lastSeq += block.count;
    this.windowBytes += block.file.length + block.events.length;
    this.writer.add(block.firstSeq, block.count, block.file);
  }

  private afterAdd(): void {
    this.evict();
    this.updatePressure();
  }

  /** Encoded lines on disk from `fromSeq` on, up to about `maxChars`; `behind` when they left memory. */
  read(fromSeq: number, maxChars: number, maxLines = Number.MAX_SAFE_INTEGER): WindowRead {
    const found = this.locate(fromSeq);
    if (found.kind === 'behind') return found;
    const lines: string[] = [];
    let chars = 0;
    // Writes take whole blocks, so `persistedSeq` always ends a block.
    const persisted = this.writer.persistedSeq;
    for (
      let index = found.index;
      index < this.window.length && (lines.length === 0 || chars < maxChars) && lines.length < maxLines;
      index++
    ) {
      const block = this.window[index]!;
      if (block.firstSeq + block.count - 1 > persisted) break;
      const skip = index === found.index ? fromSeq - block.firstSeq : 0;
      const all = splitLines(block.file.toString('utf8'));
      for (const line of skip > 0 ? all.slice(skip) : all) {
        if (lines.length >= maxLines) break;
        lines.push(line);
        chars += line.length;
      }
    }
    return { kind: 'lines', lines, nextSeq: fromSeq + lines.length };
  }

  /**
   * `line` events of the lines on disk from `fromSeq` on, one Buffer per block, whole
   * blocks up to about `maxBytes` (the first block may start mid-way when a client resumed
   * inside it); none when there is nothing new yet. The Buffers are the blocks' own: no copy.
   */
  readEvents(fromSeq: number, maxBytes: number): WindowEvents {
    const found = this.locate(fromSeq);
    if (found.kind === 'behind') return found;
    const parts: Buffer[] = [];
    let bytes = 0;
    let nextSeq = fromSeq;
    // Writes take whole blocks, so `persistedSeq` always ends a block.
    const persisted = this.writer.persistedSeq;
    for (let index = found.index; index < this.window.length && (parts.length === 0 || bytes < maxBytes); index++) {
      const block = this.window[index]!;
      if (block.firstSeq + block.count - 1 > persisted) break;
      const skip = nextSeq - block.firstSeq;
      const events = skip > 0 ? block.events.subarray(afterNewlines(block.events, skip, '\n\n')) : block.events;
      parts.push(events);
      bytes += events.length;
      nextSeq = block.firstSeq + block.count;
    }
    return { kind: 'events', texts: parts, nextSeq };
  }

  /** The window block holding `seq` (or the next one to come), or `behind` when it left memory. */
  private locate(seq: number): { kind: 'at'; index: number } | { kind: 'behind'; firstSeq: number } {
    if (seq < this.windowFirstSeq) return { kind: 'behind', firstSeq: this.windowFirstSeq };
    let low = this.start;
    let high = this.window.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const block = this.window[mid]!;
      if (block.firstSeq + block.count <= seq) low = mid + 1;
      else high = mid;
    }
    return { kind: 'at', index: low };
  }

  /** Resolves after the next write to disk (completed or failed), or the finish. */
  changed(): Promise<void> {
    if (this.finished) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Writes the rest and closes the file (readers keep waiting until `end`). */
  async close(): Promise<void> {
    await this.writer.close();
  }

  /** No more lines: wakes every reader for the last time. */
  end(): void {
    this.finished = true;
    this.drainHolds.clear();
    this.paceHolds.clear();
    this.updatePressure();
    this.wake();
  }

  /** `close` then `end`. */
  async finish(): Promise<void> {
    await this.close();
    this.end();
  }

  get persistedSeq(): number {
    return this.writer.persistedSeq;
  }

  /** Why the log could not be written, or null. */
  get failure(): string | null {
    return this.writer.failure;
  }

  /** Memory held for this run (the service's own counters; tests and benches read them). */
  stats(): { windowLines: number; windowBytes: number; pendingBytes: number; paused: boolean } {
    return {
      windowLines: this.lastSeq - this.windowFirstSeq + 1,
      windowBytes: this.windowBytes,
      pendingBytes: this.writer.pendingBytes,
      paused: this.paused,
    };
  }

  private afterWrite(): void {
    this.evict();
    this.updatePressure();
    this.wake();
  }

  private evict(): void {
    const maxLines = this.options.windowMaxLines ?? WINDOW_MAX_LINES;
    const maxBytes = this.options.windowMaxBytes ?? WINDOW_MAX_BYTES;
    const persisted = this.writer.persistedSeq;
    while (this.start < this.window.length) {
      const block = this.window[this.start]!;
      if (block.firstSeq + block.count - 1 > persisted) break;
      if (this.lastSeq - this.windowFirstSeq + 1 <= maxLines && this.windowBytes <= maxBytes) break;
      this.windowBytes -= block.file.length + block.events.length;
      this.window[this.start] = EVICTED;
      this.start++;
      this.windowFirstSeq = block.firstSeq + block.count;
    }
    if (this.start > 1024 && this.start * 2 > this.window.length) {
      this.window = this.window.slice(this.start);
      this.start = 0;
    }
  }

  /**
   * Called by a live reader after each batch its client took without the socket filling
   * up (`keepingUp`; false lets go): holds the producer while the reader is half a window
   * behind the newest line on disk, until it is back within a quarter — but not while it
   * is more than HOLD_REACH windows behind (a new viewer replaying a long run from the
   * file does not pause the run for the whole replay, only for its last stretch).
   */
  pace(reader: object, nextSeq: number, keepingUp: boolean): void {
    const behind = this.behindShare(nextSeq);
    const hold =
      keepingUp &&
      !this.finished &&
      behind <= HOLD_REACH &&
      (this.paceHolds.has(reader) ? behind > HOLD_UNTIL : behind >= HOLD_FROM);
    if (hold) this.paceHolds.add(reader);
    else this.paceHolds.delete(reader);
    this.updatePressure();
  }

  /** Pauses the producer until `unhold` or `release` (run-pacing.ts bounds how long). */
  hold(reader: object): void {
    if (this.finished) return;
    this.drainHolds.add(reader);
    this.updatePressure();
  }

  /** The reader's socket drained: its wait holds nothing any more (a `pace` hold stays). */
  unhold(reader: object): void {
    if (this.drainHolds.delete(reader)) this.updatePressure();
  }

  /** The reader holds nothing (any more). */
  release(reader: object): void {
    const had = this.drainHolds.delete(reader);
    if (this.paceHolds.delete(reader) || had) this.updatePressure();
  }

  /** How far behind the newest line on disk `nextSeq` is, in windows (of the line or the byte budget, whichever is more). */
  private behindShare(nextSeq: number): number {
    const windowLines = this.lastSeq - this.windowFirstSeq + 1;
    const unread = Math.max(0, this.writer.persistedSeq - nextSeq + 1);
    if (unread === 0) return 0;
    const unreadBytes = windowLines > 0 ? (this.windowBytes / windowLines) * unread : 0;
    return Math.max(
      unread / (this.options.windowMaxLines ?? WINDOW_MAX_LINES),
      unreadBytes / (this.options.windowMaxBytes ?? WINDOW_MAX_BYTES),
    );
  }

  /** Pause while the writer lags (with hysteresis) or a keeping-up reader holds the producer. */
  private updatePressure(): void {
    const pending = this.writer.pendingBytes;
    if (!this.writerBehind && pending > PAUSE_ABOVE_BYTES) this.writerBehind = true;
    else if (this.writerBehind && pending <= PAUSE_ABOVE_BYTES / 2) this.writerBehind = false;
    const paused = this.writerBehind || this.drainHolds.size > 0 || this.paceHolds.size > 0;
    if (paused !== this.paused) this.setPaused(paused);
  }

  private setPaused(paused: boolean): void {
    this.paused = paused;
    this.options.onPressure(paused);
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}
