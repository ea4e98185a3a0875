/**
 * One pass over a run log's lines, in order, for search and first-error: reads the file
 * in large chunks of whole lines (the next read runs while a chunk is scanned), decodes
 * them as UTF-8 (invalid bytes become U+FFFD) in slices of whole lines small enough to stay
 * in V8's young generation (one string per chunk costs far more to allocate and collect
 * than the scan itself), and hands each readable line (seq, stream, text) to `visit` until
 * it says stop. Lines that cannot be read (torn, corrupt) are never visited, so a
 * placeholder never matches; a seq not above the last one visited (a duplicate) is passed
 * over; lines past `maxSeq` (a live run's lines not yet on disk as a whole) end the pass.
 * A `prefilter` (a global regex over the raw records) lets the pass decode only lines it
 * hits. `deadline` bounds the time. A visited text may share memory with its slice: a
 * caller keeping many copies them (ownText).
 */
import { isAscii } from 'node:buffer';
import type { FileHandle } from 'node:fs/promises';
import type { LogStream } from '../run-types.js';
import { openLog } from './log-file-open.js';
import { checkLine } from './record-check.js';

const CHUNK_BYTES = 8 * 1024 * 1024;
/** Decoded at once: below V8's large-object size, so the string is young and dies cheaply. */
const SLICE_BYTES = 64 * 1024;
/** A line longer than this (escaped) is passed over: no output line is (line-splitter.ts cuts at 4 MiB). */
const MAX_RECORD_BYTES = 64 * 1024 * 1024;

export interface ScanOptions {
  maxSeq: number;
  /** A global regex a record must hit to be visited at all (false positives are fine, misses are not). */
  prefilter?: RegExp;
  /** Date.now() after which the pass stops (`timedOut`). */
  deadline: number;
  /** Return false to stop. */
  visit(seq: number, stream: LogStream, text: string): boolean;
}

/** Whether the pass ran out of time before the end. */
export async function scanLog(path: string, options: ScanOptions): Promise<{ timedOut: boolean }> {
  const opened = await openLog(path);
  if (opened.kind === 'missing') return { timedOut: false };
  try {
    return await scanHandle(opened.handle, options);
  } finally {
    await opened.handle.close().catch(() => undefined);
  }
}

async function scanHandle(handle: FileHandle, options: ScanOptions): Promise<{ timedOut: boolean }> {
  let lastSeq = 0;
  let stopped = false;
  const line = (text: string): void => {
    const checked = checkLine(text);
    if (checked.kind !== 'ok' || checked.seq <= lastSeq) return;
    if (checked.seq > options.maxSeq) {
      stopped = true;
      return;
    }
    lastSeq = checked.seq;
    if (!options.visit(checked.seq, streamOf(checked.text), textOf(checked.text))) stopped = true;
  };
  const chunks = new ChunkReader(handle);
  for (let chunk = await chunks.next(); chunk && !stopped; chunk = await chunks.next()) {
    if (Date.now() > options.deadline) {
      await chunks.close();
      return { timedOut: true };
    }
    for (let start = 0; start < chunk.length && !stopped;) {
      let end = Math.min(chunk.length, start + SLICE_BYTES);
      if (end < chunk.length) end = chunk.lastIndexOf(10, end - 1) + 1;
      if (end <= start) end = chunk.indexOf(10, start + SLICE_BYTES) + 1; // one line longer than a slice
      scanSlice(chunk.subarray(start, end), options.prefilter, line, () => stopped);
      start = end;
    }
  }
  await chunks.close();
  return { timedOut: false };
}

/** Hands `line` each line of `bytes` (whole lines) that the prefilter hits, or every line. */
function scanSlice(bytes: Buffer, prefilter: RegExp | undefined, line: (text: string) => void, stopped: () => boolean) {
  // Logs are mostly ASCII, which decodes several times faster as such (and reads the same).
  const text = bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
  if (!prefilter) {
    for (let start = 0; start < text.length && !stopped();) {
      const newline = text.indexOf('\n', start);
      line(text.slice(start, newline));
      start = newline + 1;
    }
    return;
  }
  prefilter.lastIndex = 0;
  for (let hit = prefilter.exec(text); hit && !stopped(); hit = prefilter.exec(text)) {
    const start = text.lastIndexOf('\n', hit.index) + 1;
    const newline = text.indexOf('\n', hit.index);
    line(text.slice(start, newline));
    prefilter.lastIndex = newline + 1;
  }
}

/**
 * The file as chunks of whole lines, each read started while the previous chunk is being
 * scanned (two buffers in turn). A last line without its newline is not whole yet and is
 * left out; a line longer than MAX_RECORD_BYTES is skipped.
 */
class ChunkReader {
  private buffers = [Buffer.allocUnsafe(CHUNK_BYTES), Buffer.allocUnsafe(CHUNK_BYTES)];
  private turn = 0;
  private offset = 0;
  private pending: Promise<number> | undefined;

  constructor(private readonly handle: FileHandle) {}

  async next(): Promise<Buffer | undefined> {
    for (;;) {
      const buffer = this.buffers[this.turn]!;
      const bytesRead = await (this.pending ?? this.read(buffer, this.offset));
      this.pending = undefined;
      if (bytesRead === 0) return undefined;
      const end = buffer.lastIndexOf(10, bytesRead - 1) + 1;
      if (end === 0) {
        if (bytesRead < buffer.length) return undefined; // a last line without its newline: not whole yet
        if (buffer.length >= MAX_RECORD_BYTES) {
          this.offset = await skipLine(this.handle, this.offset, buffer);
          if (this.offset === -1) return undefined;
        } else {
          this.buffers[this.turn] = Buffer.allocUnsafe(buffer.length * 2);
        }
        continue;
      }
      this.offset += end;
      this.turn = 1 - this.turn;
      const following = this.buffers[this.turn]!;
      if (following.length < buffer.length) this.buffers[this.turn] = Buffer.allocUnsafe(buffer.length);
      this.pending = this.read(this.buffers[this.turn]!, this.offset);
      return buffer.subarray(0, end);
    }
  }

  /** Waits for a read still under way, so the handle can be closed. */
  async close(): Promise<void> {
    await this.pending?.catch(() => undefined);
    this.pending = undefined;
  }

  private async read(buffer: Buffer, offset: number): Promise<number> {
    return (await this.handle.read(buffer, 0, buffer.length, offset)).bytesRead;
  }
}

/** The offset after the next newline at or after `from` (-1 at the end). */
async function skipLine(handle: FileHandle, from: number, buffer: Buffer): Promise<number> {
  for (let offset = from; ;) {
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
    if (bytesRead === 0) return -1;
    const newline = buffer.subarray(0, bytesRead).indexOf(10);
    if (newline !== -1) return offset + newline + 1;
    offset += bytesRead;
  }
}

/** A copy of `text` that holds no reference to the slice it was cut from (V8 keeps a cut as a view). */
export function ownText(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}

const TEXT_KEY = '"text":"';
const STREAM_KEY = '"stream":"';

/** The text of a checked record (no parse when it holds no escape). */
export function textOf(record: string): string {
  const at = record.indexOf(TEXT_KEY) + TEXT_KEY.length;
  if (record.indexOf('\\', at) === -1) return record.slice(at, -2);
  return (JSON.parse(record) as { text: string }).text;
}

function streamOf(record: string): LogStream {
  const at = record.indexOf(STREAM_KEY) + STREAM_KEY.length;
  const stream = record.slice(at, at + 6);
  return stream === 'stderr' || stream === 'system' ? stream : 'stdout';
}
