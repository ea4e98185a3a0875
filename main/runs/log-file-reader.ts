/**
 * Sequential reader of a run's `<id>.log`. It returns encoded lines (the JSON text, as
 * written) from a given seq on, in bounded pages, and remembers where it stopped so the
 * next page continues without rescanning. Tolerant by design: a missing file is an empty
 * log, a last line without its newline (a crash mid-write, or a write in progress) is not
 * read, and a line that is not one of ours is skipped and counted.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { encodeLogLine, type LogLine } from './run-types.js';

const CHUNK_BYTES = 256 * 1024;
const SEQ_PREFIX = /^\{"seq":(\d+),/;

export interface LogPage {
  lines: string[];
  /** The seq to ask for next (one past the last line returned, or `fromSeq` when none). */
  nextSeq: number;
  /** True when the file ended (as far as it is written now). */
  atEnd: boolean;
  /** The seq of `lines[0]` when the lines are consecutive, else null. */
  firstSeq: number | null;
}

export class LogFileReader {
  private offset = 0;
  private nextSeq = 1;
  skipped = 0;

  constructor(private readonly path: string) {}

  /** Lines with seq ≥ fromSeq, at most `maxLines` / about `maxChars`; `hint` is a known offset at or before it. */
  async read(fromSeq: number, limits: { maxLines: number; maxChars: number }, hint?: { seq: number; offset: number }): Promise<LogPage> {
    if (fromSeq !== this.nextSeq || fromSeq < 1) {
      this.offset = hint && hint.seq <= fromSeq ? hint.offset : 0;
    }
    let handle: FileHandle;
    try {
      handle = await open(this.path, 'r');
    } catch {
      return { lines: [], nextSeq: fromSeq, atEnd: true, firstSeq: null };
    }
    try {
      return await this.scan(handle, fromSeq, limits);
    } finally {
      await handle.close();
    }
  }

  private async scan(handle: FileHandle, fromSeq: number, limits: { maxLines: number; maxChars: number }): Promise<LogPage> {
    const lines: string[] = [];
    let chars = 0;
    let next = fromSeq;
    let carry = Buffer.alloc(0);
    let atEnd = false;
    let firstSeq: number | null = null;
    let consecutive = true;
    while (lines.length < limits.maxLines && chars < limits.maxChars) {
      const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, this.offset + carry.length);
      if (bytesRead === 0) {
        atEnd = true;
        break;
      }
      const data = carry.length > 0 ? Buffer.concat([carry, buffer.subarray(0, bytesRead)]) : buffer.subarray(0, bytesRead);
      let start = 0;
      let newline = data.indexOf(10, start);
      while (newline !== -1 && lines.length < limits.maxLines && chars < limits.maxChars) {
        const text = data.toString('utf8', start, newline);
        this.offset += newline + 1 - start;
        start = newline + 1;
        newline = data.indexOf(10, start);
        const line = normalise(text);
        if (line === undefined) {
          this.skipped++;
          continue;
        }
        if (line.seq < next) continue;
        if (lines.length === 0) firstSeq = line.seq;
        else if (line.seq !== next) consecutive = false;
        lines.push(line.text);
        chars += line.text.length;
        next = line.seq + 1;
      }
      carry = Buffer.from(data.subarray(start));
    }
    this.nextSeq = next;
    return { lines, nextSeq: next, atEnd, firstSeq: consecutive ? firstSeq : null };
  }
}

/** Our own lines pass as they are; another valid JSON line is re-encoded in our shape. */
function normalise(text: string): { seq: number; text: string } | undefined {
  const match = SEQ_PREFIX.exec(text);
  if (match && text.endsWith('}')) return { seq: Number(match[1]), text };
  try {
    const parsed = JSON.parse(text) as Partial<LogLine>;
    if (typeof parsed.seq !== 'number' || typeof parsed.text !== 'string') return undefined;
    const stream = parsed.stream === 'stderr' || parsed.stream === 'system' ? parsed.stream : 'stdout';
    return { seq: parsed.seq, text: encodeLogLine(parsed.seq, typeof parsed.t === 'string' && /^[0-9TZ:.+-]*$/.test(parsed.t) ? parsed.t : '', stream, parsed.text) };
  } catch {
    return undefined;
  }
}
