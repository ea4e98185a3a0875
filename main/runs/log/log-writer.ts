/**
 * Append-only writer of a run's `<id>.log` (one JSON line per log line). A write starts
 * as soon as lines arrive and none is in flight (in the same tick's microtasks, so the
 * blocks of one output chunk go together); lines arriving during a write go in the next
 * one. So a line waits for at most the write in flight, never for a timer: the "flushed at
 * least every 250 ms" promise holds whenever the disk answers within 250 ms, and under
 * load batches grow by themselves. One write at a time, so the file is always a prefix of
 * the run's lines and `persistedSeq` says how far it reaches: a completed write(2) is in
 * the kernel's page cache, which survives a kill -9 of this process. Readers are only
 * ever shown lines up to `persistedSeq` (see run-output.ts).
 *
 * A failed write is final: the file is cut back to the last whole write, everything after
 * `persistedSeq` is dropped (and later lines too), and `failure` says why; the runner
 * then stops the run (run-service.ts), since it could not keep what it would show.
 * Beside the log it keeps the sparse seq → byte-offset index (log-index.ts) in memory and
 * in `<id>.log.idx`, appended after each log write (so the index never names a line that
 * is not on disk; one lost in a crash is rebuilt from the log). Both files are 0600.
 */
import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { SparseIndex, indexPathOf } from './log-index.js';

export interface LogWriterOptions {
  path: string;
  /** Called after each write completes or fails (readers and back-pressure follow persistedSeq). */
  onPersisted(): void;
  /** Called once, when a write fails; nothing more is written after it. */
  onError(error: unknown): void;
}

export class LogWriter {
  persistedSeq = 0;
  /** Why the log could not be written (set once, by the first failed write). */
  failure: string | null = null;
  private queuedBytes = 0;
  private inflightBytes = 0;
  private pending: Buffer[] = [];
  private pendingSeqs: number[] = [];
  private pendingCount = 0;
  private pendingFirstSeq = 1;
  private handle: Promise<FileHandle> | undefined;
  private writing: Promise<void> | undefined;
  private scheduled = false;
  private offset = 0;
  /** Where the lines written so far start (sparse), for readers of this live log. */
  readonly index = new SparseIndex();
  private indexHandle: Promise<FileHandle | undefined> | undefined;

  constructor(private readonly options: LogWriterOptions) {}

  /** Queues `count` already-encoded lines (each ending in `\n`) from `firstSeq` on. */
  add(firstSeq: number, count: number, data: Buffer): void {
    if (this.failure !== null) return;
    if (this.pending.length === 0) this.pendingFirstSeq = firstSeq;
    this.pending.push(data);
    this.pendingSeqs.push(firstSeq);
    this.pendingCount += count;
    this.queuedBytes += data.length;
    if (this.writing || this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      this.startWrite();
    });
  }

  /** Resolves once everything queued so far is written (in the OS cache) or dropped by a failure. */
  async flush(): Promise<void> {
    for (;;) {
      if (!this.writing) this.startWrite();
      if (!this.writing) return;
      await this.writing;
    }
  }

  /** Bytes handed to `add` and not yet written. */
  get pendingBytes(): number {
    return this.queuedBytes + this.inflightBytes;
  }

  async close(): Promise<void> {
    await this.flush();
    const handle = this.handle;
    this.handle = undefined;
    if (handle) await handle.then((h) => h.close()).catch(() => undefined);
    const indexHandle = this.indexHandle;
    this.indexHandle = undefined;
    await indexHandle?.then((h) => h?.close()).catch(() => undefined);
  }

  /** Starts the next write with everything pending, unless one is in flight. */
  private startWrite(): void {
    if (this.writing || this.pending.length === 0 || this.failure !== null) return;
    const data = this.pending;
    const count = this.pendingCount;
    const firstSeq = this.pendingFirstSeq;
    const seqs = this.pendingSeqs;
    this.pending = [];
    this.pendingSeqs = [];
    this.pendingCount = 0;
    this.inflightBytes = this.queuedBytes;
    this.queuedBytes = 0;
    this.writing = this.write(firstSeq, count, data, seqs).finally(() => {
      this.writing = undefined;
      this.startWrite();
    });
  }

  private async write(firstSeq: number, count: number, data: Buffer[], seqs: number[]): Promise<void> {
    let bytes = 0;
    for (const buffer of data) bytes += buffer.length;
    try {
      this.handle ??= mkdir(dirname(this.options.path), { recursive: true, mode: 0o700 }).then(() =>
        open(this.options.path, 'a', 0o600),
      );
      const handle = await this.handle;
      await writeAll(handle, data, bytes);
      const before = this.index.length;
      let offset = this.offset;
      for (let i = 0; i < data.length; i++) {
        if (this.index.due(seqs[i]!, offset)) this.index.add(seqs[i]!, offset);
        offset += data[i]!.length;
      }
      this.offset += bytes;
      this.persistedSeq = firstSeq + count - 1;
      if (this.index.length > before) await this.writeIndex(before);
    } catch (error) {
      await this.fail(error);
    }
    this.inflightBytes = 0;
    this.options.onPersisted();
  }

  /** Appends the new entries to the index file; an index that cannot be written is left (readers rebuild it). */
  private async writeIndex(from: number): Promise<void> {
    this.indexHandle ??= open(indexPathOf(this.options.path), 'w', 0o600).catch(() => undefined);
    const handle = await this.indexHandle;
    try {
      await handle?.write(this.index.encode(from));
    } catch {
      this.indexHandle = Promise.resolve(undefined);
      await handle?.close().catch(() => undefined);
    }
  }

  /** Remembers the failure, drops what is queued, and cuts a partly written batch off the file. */
  private async fail(error: unknown): Promise<void> {
    const code = (error as NodeJS.ErrnoException).code;
    this.failure = `${code ? `${code}: ` : ''}${error instanceof Error ? error.message : String(error)}`;
    this.pending = [];
    this.pendingSeqs = [];
    this.pendingCount = 0;
    this.queuedBytes = 0;
    try {
      await (await this.handle)?.truncate(this.offset);
    } catch {
      // the file may not exist or be unwritable: nothing to cut back then
    }
    this.options.onError(error);
  }
}

/** writev until every byte is written (a write to a regular file may be short, e.g. at ENOSPC). */
async function writeAll(handle: FileHandle, data: Buffer[], total: number): Promise<void> {
  let written = (await handle.writev(data)).bytesWritten;
  while (written < total) {
    const rest = Buffer.concat(data).subarray(written);
    const { bytesWritten } = await handle.write(rest);
    if (bytesWritten === 0) throw new Error(`short write: ${written} of ${total} bytes`);
    written += bytesWritten;
  }
}
