/**
 * The live output of one running run: assigns `seq` (1-based, gap-free), keeps a bounded
 * in-memory window of the newest encoded lines for live readers, and hands every line to
 * the log writer. A line leaves the window only once it is on disk, so a reader that
 * falls behind the window can always continue from the file. When the writer lags, the
 * producer is asked to pause (`onPressure(true)`), so memory stays bounded whatever the
 * child's output rate and however slow any reader is.
 */
import type { Clock } from '../core/clock.js';
import { LogWriter } from './log-writer.js';
import { encodeLogLine, type LogStream } from './run-types.js';

export const WINDOW_MAX_LINES = 5000;
export const WINDOW_MAX_CHARS = 8 * 1024 * 1024;
export const PAUSE_ABOVE_CHARS = 2 * 1024 * 1024;

export interface RunOutputOptions {
  logPath: string;
  clock: Clock;
  windowMaxLines?: number;
  windowMaxChars?: number;
  onPressure(paused: boolean): void;
  onError(error: unknown): void;
}

export type WindowRead = { kind: 'lines'; lines: string[]; nextSeq: number } | { kind: 'behind'; firstSeq: number };

export class RunOutput {
  lastSeq = 0;
  finished = false;
  readonly writer: LogWriter;
  private window: string[] = [];
  private start = 0;
  private windowFirstSeq = 1;
  private windowChars = 0;
  private paused = false;
  private waiters: Array<() => void> = [];

  constructor(private readonly options: RunOutputOptions) {
    this.writer = new LogWriter({ path: options.logPath, clock: options.clock, onPersisted: () => this.afterWrite(), onError: options.onError });
  }

  /** Adds lines from one chunk of output; `t` is the chunk's arrival time. */
  append(stream: LogStream, texts: readonly string[], t: string): void {
    if (this.finished || texts.length === 0) return;
    const firstSeq = this.lastSeq + 1;
    const encoded: string[] = new Array<string>(texts.length);
    let chars = 0;
    for (let i = 0; i < texts.length; i++) {
      const line = encodeLogLine(firstSeq + i, t, stream, texts[i]!);
      encoded[i] = line;
      chars += line.length;
      this.window.push(line);
    }
    this.lastSeq += texts.length;
    this.windowChars += chars;
    this.writer.add(firstSeq, encoded, chars);
    this.evict();
    if (!this.paused && this.writer.pendingChars > PAUSE_ABOVE_CHARS) this.setPaused(true);
    this.wake();
  }

  /** Encoded lines from `fromSeq` on, up to about `maxChars`; `behind` when they left memory. */
  read(fromSeq: number, maxChars: number): WindowRead {
    if (fromSeq < this.windowFirstSeq) return { kind: 'behind', firstSeq: this.windowFirstSeq };
    const lines: string[] = [];
    let chars = 0;
    let index = this.start + (fromSeq - this.windowFirstSeq);
    while (index < this.window.length && (lines.length === 0 || chars < maxChars)) {
      const line = this.window[index++]!;
      lines.push(line);
      chars += line.length;
    }
    return { kind: 'lines', lines, nextSeq: fromSeq + lines.length };
  }

  /** Resolves on the next appended line, the next write to disk, or the finish. */
  changed(): Promise<void> {
    if (this.finished) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Writes the rest, closes the file, and wakes every reader for the last time. */
  async finish(): Promise<void> {
    await this.writer.close();
    this.finished = true;
    this.wake();
  }

  get persistedSeq(): number {
    return this.writer.persistedSeq;
  }

  /** Memory held for this run (the service's own counters; tests and benches read them). */
  stats(): { windowLines: number; windowChars: number; pendingChars: number; paused: boolean } {
    return { windowLines: this.window.length - this.start, windowChars: this.windowChars, pendingChars: this.writer.pendingChars, paused: this.paused };
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
    while (this.window.length - this.start > 0 && this.windowFirstSeq <= persisted) {
      if (this.window.length - this.start <= maxLines && this.windowChars <= maxChars) break;
      this.windowChars -= this.window[this.start]!.length;
      this.start++;
      this.windowFirstSeq++;
    }
    if (this.start > 4096 && this.start * 2 > this.window.length) {
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
