/**
 * Append-only writer of a run's `<id>.log` (one JSON line per log line). Lines are
 * batched and written at least every `flushMs` (250 ms), sooner when a batch grows large;
 * one write is in flight at a time, so the file is always a prefix of the run's lines
 * and `persistedSeq` says how far it reaches. It keeps a sparse seq → byte offset index
 * so readers can resume deep into a long log without scanning it from the start.
 */
import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Clock, TimerHandle } from '../core/clock.js';

export const LOG_FLUSH_MS = 250;
/** A batch this large is written at once instead of waiting for the timer. */
export const LOG_BATCH_CHARS = 256 * 1024;
const SPARSE_EVERY = 1000;

export interface LogWriterOptions {
  path: string;
  clock: Clock;
  flushMs?: number;
  /** Called after each completed write (readers and back-pressure follow persistedSeq). */
  onPersisted(): void;
  onError(error: unknown): void;
}

export class LogWriter {
  persistedSeq = 0;
  private queuedChars = 0;
  private inflightChars = 0;
  private pending: string[] = [];
  private pendingCount = 0;
  private pendingFirstSeq = 1;
  private handle: Promise<FileHandle> | undefined;
  private writing: Promise<void> | undefined;
  private timer: TimerHandle | undefined;
  private offset = 0;
  private readonly sparse: Array<[seq: number, offset: number]> = [];

  constructor(private readonly options: LogWriterOptions) {}

  /** Queues `count` already-encoded lines as one text (each line ending in `\n`) from `firstSeq` on. */
  add(firstSeq: number, count: number, text: string): void {
    if (this.pending.length === 0) this.pendingFirstSeq = firstSeq;
    this.pending.push(text);
    this.pendingCount += count;
    this.queuedChars += text.length;
    if (this.queuedChars >= LOG_BATCH_CHARS) void this.flush();
    else this.timer ??= this.options.clock.setTimeout(() => void this.flush(), this.options.flushMs ?? LOG_FLUSH_MS);
  }

  /** Writes everything queued so far; resolves when it is on disk (in the OS cache). */
  async flush(): Promise<void> {
    if (this.timer) this.options.clock.clearTimeout(this.timer);
    this.timer = undefined;
    while (this.writing) await this.writing;
    if (this.pending.length === 0) return;
    const texts = this.pending;
    const count = this.pendingCount;
    const firstSeq = this.pendingFirstSeq;
    this.pending = [];
    this.pendingCount = 0;
    this.inflightChars = this.queuedChars;
    this.queuedChars = 0;
    this.writing = this.write(firstSeq, count, texts).finally(() => (this.writing = undefined));
    await this.writing;
    if (this.pending.length > 0 && this.queuedChars >= LOG_BATCH_CHARS) await this.flush();
  }

  /** Characters handed to `add` and not yet written. */
  get pendingChars(): number {
    return this.queuedChars + this.inflightChars;
  }

  /** The greatest known (seq, byte offset) at or before `seq`, to start a read from. */
  hint(seq: number): { seq: number; offset: number } {
    let found = { seq: 1, offset: 0 };
    for (const [s, offset] of this.sparse) {
      if (s > seq) break;
      found = { seq: s, offset };
    }
    return found;
  }

  async close(): Promise<void> {
    await this.flush();
    if (this.handle) await (await this.handle).close().catch(() => undefined);
    this.handle = undefined;
  }

  private async write(firstSeq: number, count: number, texts: string[]): Promise<void> {
    const data = texts.map((text) => Buffer.from(text));
    try {
      this.handle ??= mkdir(dirname(this.options.path), { recursive: true }).then(() => open(this.options.path, 'a'));
      const handle = await this.handle;
      await handle.writev(data);
      const last = this.sparse[this.sparse.length - 1];
      if (!last || firstSeq - last[0] >= SPARSE_EVERY) this.sparse.push([firstSeq, this.offset]);
      for (const buffer of data) this.offset += buffer.length;
    } catch (error) {
      this.options.onError(error);
    }
    this.persistedSeq = firstSeq + count - 1;
    this.inflightChars = 0;
    this.options.onPersisted();
  }
}
