/**
 * The live output of one running run: assigns `seq` (1-based, gap-free), keeps a bounded
 * in-memory window of the newest blocks for live readers (log-window.ts), and hands every
 * line to the log writer. Lines are kept as blocks of `<id>.log` records and their `line`
 * events (log-block.ts), encoded from the child's bytes without a string per line
 * (line-encoder.ts), so a flood costs a few Buffers per chunk, outside the JS heap. Workflow output is scrubbed of key shapes first.
 *
 * Invariant: a reader is only given lines that are on disk (`persistedSeq`, see
 * log-writer.ts), so a crash can never lose a line a viewer has seen. A line leaves the
 * window only once it is on disk, so a reader behind the window continues from the file
 * (through the index) and catches up. Readers never hold the producer: it is asked to
 * pause (`onPressure(true)`) only while the writer lags, so memory stays bounded whatever
 * the child's output rate and however slow any reader is.
 */
import { LogWriter } from './log-writer.js';
import { encodeTextBlock, type EncodedBlock } from './log-block.js';
import { LogWindow, type WindowForm, type WindowRead } from './log-window.js';
import { LineEncoder } from './line-encoder.js';
import type { OutputPiece } from './line-splitter.js';
import type { LogStream } from '../run-types.js';
import { redactKeyShapes } from '../../logging/redact.js';

export const WINDOW_MAX_LINES = 20_000;
/** Records and their events together (about 6 MB for 20,000 lines of 60 characters). */
export const WINDOW_MAX_BYTES = 8 * 1024 * 1024;
/** String lines per block (runner messages; a child's bytes are blocked by line-encoder.ts). */
export const BLOCK_LINES = 256;
export const PAUSE_ABOVE_BYTES = 2 * 1024 * 1024;

const KEY_PREFIX = Buffer.from('sk-ant-');

export interface RunOutputOptions {
  logPath: string;
  windowMaxLines?: number;
  windowMaxBytes?: number;
  /** Shared between runs (it holds a fixed-size WebAssembly memory); a new one otherwise. */
  encoder?: LineEncoder;
  onPressure(paused: boolean): void;
  onError(error: unknown): void;
}

export type { WindowForm, WindowRead };

export class RunOutput {
  lastSeq = 0;
  finished = false;
  readonly writer: LogWriter;
  private readonly window: LogWindow;
  private paused = false;
  private writerBehind = false;
  private waiters: Array<() => void> = [];
  private encoderInstance: LineEncoder | undefined;

  constructor(private readonly options: RunOutputOptions) {
    this.encoderInstance = options.encoder;
    this.window = new LogWindow({
      maxLines: options.windowMaxLines ?? WINDOW_MAX_LINES,
      maxBytes: options.windowMaxBytes ?? WINDOW_MAX_BYTES,
    });
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

  private add(encoded: EncodedBlock): void {
    // The encoder made the events with the records: live viewers are sent them as they are.
    this.window.push(encoded);
    this.lastSeq += encoded.count;
    this.writer.add(encoded.firstSeq, encoded.count, encoded.file);
  }

  private afterAdd(): void {
    this.evict();
    this.updatePressure();
  }

  /** Lines on disk from `fromSeq` on, in the form asked (log-window.ts); `behind` when they left memory. */
  read(
    fromSeq: number,
    maxBytes: number,
    maxLines = Number.MAX_SAFE_INTEGER,
    form: WindowForm = 'records',
  ): WindowRead {
    return this.window.read(fromSeq, this.writer.persistedSeq, maxBytes, maxLines, form);
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
      windowLines: this.window.lines,
      windowBytes: this.window.bytes,
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
    this.window.evict(this.writer.persistedSeq);
  }

  /** Pause while the writer lags (with hysteresis). */
  private updatePressure(): void {
    const pending = this.writer.pendingBytes;
    if (!this.writerBehind && pending > PAUSE_ABOVE_BYTES) this.writerBehind = true;
    else if (this.writerBehind && pending <= PAUSE_ABOVE_BYTES / 2) this.writerBehind = false;
    if (this.writerBehind === this.paused) return;
    this.paused = this.writerBehind;
    this.options.onPressure(this.paused);
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}
