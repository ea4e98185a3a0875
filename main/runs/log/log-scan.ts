/**
 * One pass over a run log's lines, in order, for search and first-error: reads the file
 * in chunks of whole lines, decodes them as UTF-8 (invalid bytes become U+FFFD) and hands
 * each readable line (seq, stream, text) to `visit` until it says stop. Lines that cannot
 * be read (torn, corrupt) are never visited, so a placeholder never matches; a seq not
 * above the last one visited (a duplicate) is passed over; lines past `maxSeq` (a live
 * run's lines not yet on disk as a whole) end the pass. A `prefilter` (a global regex
 * over the raw records) lets the pass decode only lines it hits. `deadline` bounds the time.
 */
import { isAscii } from 'node:buffer';
import type { FileHandle } from 'node:fs/promises';
import type { LogStream } from '../run-types.js';
import { openLog } from './log-file-open.js';
import { checkLine } from './record-check.js';

const CHUNK_BYTES = 1024 * 1024;
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
  let buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  let offset = 0;
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
  while (!stopped) {
    if (Date.now() > options.deadline) return { timedOut: true };
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
    if (bytesRead === 0) break;
    const end = buffer.lastIndexOf(10, bytesRead - 1) + 1;
    if (end === 0) {
      if (bytesRead < buffer.length) break; // a last line without its newline: not whole yet
      if (buffer.length >= MAX_RECORD_BYTES) {
        offset = await skipLine(handle, offset, buffer);
        if (offset === -1) break;
        continue;
      }
      buffer = Buffer.allocUnsafe(buffer.length * 2);
      continue;
    }
    // Logs are mostly ASCII, which decodes about 5× faster as such (and reads the same).
    const chunk = buffer.subarray(0, end);
    const text = isAscii(chunk) ? chunk.toString('ascii') : chunk.toString('utf8');
    offset += end;
    const { prefilter } = options;
    if (prefilter) {
      prefilter.lastIndex = 0;
      for (let hit = prefilter.exec(text); hit && !stopped; hit = prefilter.exec(text)) {
        const start = text.lastIndexOf('\n', hit.index) + 1;
        const newline = text.indexOf('\n', hit.index);
        line(text.slice(start, newline));
        prefilter.lastIndex = newline + 1;
      }
    } else {
      for (let start = 0; start < text.length && !stopped;) {
        const newline = text.indexOf('\n', start);
        line(text.slice(start, newline));
        start = newline + 1;
      }
    }
  }
  return { timedOut: false };
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
