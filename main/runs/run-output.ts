/**
 * The live output of one running run: assigns `seq` (1-based, gap-free), keeps a bounded
 * in-memory window of the newest encoded lines for live readers, and hands every line to
 * the log writer. Lines are kept as blocks (one per output chunk, see log-block.ts): one
 * string per block for the file and, once a reader asked, one for the event stream, so a
 * flood costs a few strings per chunk rather than several objects per line.
 *
 * Invariant: a reader is only given lines that are on disk (`persistedSeq`, see
 * log-writer.ts), so a crash can never lose a line a viewer has seen, and the history
 * after a restart is exactly what was shown (plus, at most, lines nobody saw yet). The
 * writer starts a write as soon as lines arrive, so this costs one write's latency. A
 * line leaves the window only once it is on disk, so a reader that falls behind the
 * window can always continue from the file. When the writer lags, the producer is asked
 * to pause (`onPressure(true)`), so memory stays bounded whatever the child's output rate
 * and however slow any reader is. If the log cannot be written, `failure` says why and no
 * further line is shown; the runner stops the run.
 */
import { LogWriter } from './log-writer.js';
import { afterNewlines, encodeLines, splitLines, toSseEvents } from './log-block.js';
import type { LogStream } from './run-types.js';

export const WINDOW_MAX_LINES = 20_000;
export const WINDOW_MAX_CHARS = 4 * 1024 * 1024;
/**
 * Lines per block: small enough that a block's strings stay ordinary young objects (not
 * large-object pages that only a full GC frees), large enough to amortise per-block work.
 */
export const BLOCK_LINES = 256;
export const PAUSE_ABOVE_CHARS = 2 * 1024 * 1024;

const EVICTED: Block = { firstSeq: 0, count: 0, file: '', sse: undefined };

export interface RunOutputOptions {
  logPath: string;
  windowMaxLines?: number;
  windowMaxChars?: number;
  onPressure(paused: boolean): void;
  onError(error: unknown): void;
}

export type WindowRead = { kind: 'lines'; lines: string[]; nextSeq: number } | { kind: 'behind'; firstSeq: number };
export type WindowEvents = { kind: 'events'; texts: string[]; nextSeq: number } | { kind: 'behind'; firstSeq: number };

interface Block {
  firstSeq: number;
  count: number;
  /** Log-file text of the block's lines, each ending in `\n`. */
  file: string;
  /** The same lines as `line` events, made on the first read. */
  sse: string | undefined;
}

export class RunOutput {
  lastSeq = 0;
  finished = false;
  readonly writer: LogWriter;
  private window: Block[] = [];
  private start = 0;
  private windowFirstSeq = 1;
  private windowChars = 0;
  private paused = false;
  private waiters: Array<() => void> = [];

  constructor(private readonly options: RunOutputOptions) {
    this.writer = new LogWriter({ path: options.logPath, onPersisted: () => this.afterWrite(), onError: options.onError });
  }

  /** Adds lines from one chunk of output; `t` is the chunk's arrival time. */
  append(stream: LogStream, texts: readonly string[], t: string): void {
    // After a failed write nothing more is kept: it could never be shown.
    if (this.finished || texts.length === 0 || this.writer.failure !== null) return;
    for (let i = 0; i < texts.length; i += BLOCK_LINES) {
      const part = texts.length <= BLOCK_LINES ? texts : texts.slice(i, i + BLOCK_LINES);
      const firstSeq = this.lastSeq + 1;
      const file = encodeLines(firstSeq, t, stream, part);
      this.window.push({ firstSeq, count: part.length, file, sse: undefined });
      this.lastSeq += part.length;
      this.windowChars += file.length;
      this.writer.add(firstSeq, part.length, file);
    }
    this.evict();
    if (!this.paused && this.writer.pendingChars > PAUSE_ABOVE_CHARS) this.setPaused(true);
  }

  /** Encoded lines on disk from `fromSeq` on, up to about `maxChars`; `behind` when they left memory. */
  read(fromSeq: number, maxChars: number): WindowRead {
    const found = this.locate(fromSeq);
    if (found.kind === 'behind') return found;
    const lines: string[] = [];
    let chars = 0;
    // Writes take whole blocks, so `persistedSeq` always ends a block.
    const persisted = this.writer.persistedSeq;
    for (let index = found.index; index < this.window.length && (lines.length === 0 || chars < maxChars); index++) {
      const block = this.window[index]!;
      if (block.firstSeq + block.count - 1 > persisted) break;
      const skip = index === found.index ? fromSeq - block.firstSeq : 0;
      for (const line of skip > 0 ? splitLines(block.file).slice(skip) : splitLines(block.file)) {
        lines.push(line);
        chars += line.length;
      }
    }
    return { kind: 'lines', lines, nextSeq: fromSeq + lines.length };
  }

  /**
   * `line` events of the lines on disk from `fromSeq` on, one string per block, whole
   * blocks up to about `maxChars` (the first block may start mid-way when a client resumed inside it); no
   * text when there is nothing new yet. The strings are the blocks' own: no copy.
   */
  readEvents(fromSeq: number, maxChars: number): WindowEvents {
    const found = this.locate(fromSeq);
    if (found.kind === 'behind') return found;
    const parts: string[] = [];
    let chars = 0;
    let nextSeq = fromSeq;
    // Writes take whole blocks, so `persistedSeq` always ends a block.
    const persisted = this.writer.persistedSeq;
    for (let index = found.index; index < this.window.length && (parts.length === 0 || chars < maxChars); index++) {
      const block = this.window[index]!;
      if (block.firstSeq + block.count - 1 > persisted) break;
      if (block.sse === undefined) {
        block.sse = toSseEvents(block.file);
        this.windowChars += block.sse.length;
      }
      const skip = nextSeq - block.firstSeq;
      const text = skip > 0 ? block.sse.slice(afterNewlines(block.sse, skip, '\n\n')) : block.sse;
      parts.push(text);
      chars += text.length;
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
  stats(): { windowLines: number; windowChars: number; pendingChars: number; paused: boolean } {
    return { windowLines: this.lastSeq - this.windowFirstSeq + 1, windowChars: this.windowChars, pendingChars: this.writer.pendingChars, paused: this.paused };
  }

  private afterWrite(): void {
    this.evict();
    if (this.paused && this.writer.pendingChars <= PAUSE_ABOVE_CHARS / 2) this.setPaused(false);
    this.wake();
  }

  private evict(): void {
    const maxLines = this.options.windowMaxLines ?? WINDOW_MAX_LINES;
    const maxChars = this.options.windowMaxChars ?? WINDOW_MAX_CHARS;
    const persisted = this.writer.persistedSeq;
    while (this.start < this.window.length) {
      const block = this.window[this.start]!;
      if (block.firstSeq + block.count - 1 > persisted) break;
      if (this.lastSeq - this.windowFirstSeq + 1 <= maxLines && this.windowChars <= maxChars) break;
      this.windowChars -= block.file.length + (block.sse?.length ?? 0);
      this.window[this.start] = EVICTED;
      this.start++;
      this.windowFirstSeq = block.firstSeq + block.count;
    }
    if (this.start > 1024 && this.start * 2 > this.window.length) {
      this.window = this.window.slice(this.start);
      this.start = 0;
    }
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
