/**
 * Sequential reader of a run's `<id>.log`. It returns encoded lines (valid JSON in our
 * shape, see log-line-check.ts) from a given seq on, in bounded pages, and remembers where
 * it stopped so the next page continues without rescanning. Tolerant by design: a missing
 * file is an empty log, and a last line without its newline (a crash mid-write, or a write
 * in progress) is not read.
 *
 * Corrupt lines never pass and never vanish silently. Each one is counted (`skipped`), and
 * the seqs stay gap-free: a seq that has no readable line (a torn line, or one missing
 * before the next readable line, or after the last one up to `endSeq` when the caller
 * knows how many lines the run had) is given as a placeholder `system` line
 * "[line N could not be read]". A line never fits half in a page: when the placeholders
 * before it fill the page, the line is left for the next one.
 *
 * `readEvents` gives the same lines as `line` events. Stretches of well-formed records
 * numbered on without a gap (all of a log the runner wrote) are converted in bulk, as
 * bytes, by the line encoder; every other line takes the careful path line by line. It
 * keeps the file open between calls (an event stream reads page after page): `close()`
 * when done. One call at a time per reader (each stream and request has its own).
 */
import { isUtf8 } from 'node:buffer';
import type { FileHandle } from 'node:fs/promises';
import { openLog } from './log-file-open.js';
import { toSseEvents } from './log-block.js';
import { PIECE_BYTES, type ConvertedRecords, type LineEncoder } from './line-encoder.js';
import { checkLine, placeholderLine } from './record-check.js';

const CHUNK_BYTES = 256 * 1024;
/** A seq further ahead than this is not a gap left by torn lines but a corrupt seq: that line is skipped instead. */
const MAX_GAP = 10_000;

export interface LogLimits {
  maxLines: number;
  maxChars: number;
}

export interface LogPage {
  lines: string[];
  /** The seq to ask for next (one past the last line returned, or `fromSeq` when none). */
  nextSeq: number;
  /** True when the file ended (as far as it is written now). */
  atEnd: boolean;
  /** The seq of `lines[0]` (lines are always consecutive), null when there are none. */
  firstSeq: number | null;
  /** Corrupt lines met while reading this page (each is a placeholder or was already given). */
  skipped: number;
}

export interface FileEventsPage {
  /** `line` events of consecutive lines from `fromSeq`, as bytes or text. */
  events: Array<Buffer | string>;
  /** How many lines the events hold. */
  count: number;
  nextSeq: number;
  atEnd: boolean;
  skipped: number;
}

/** Where the lines of a scan go: kept as encoded lines, or turned into events. */
interface Sink {
  count: number;
  chars: number;
  push(text: string): void;
}

export class LogFileReader {
  private offset = 0;
  private nextSeq = 1;
  /** The time of the last readable line, given to placeholders after it. */
  private lastT = '';
  /** Corrupt lines met by this reader so far. */
  skipped = 0;
  /** The file, kept open by `readEvents` until `close()`. */
  private kept: Promise<FileHandle> | undefined;
  /** The read buffer, reused by every page. */
  private chunk: Buffer | undefined;

  constructor(private readonly path: string) {}

  /**
   * Lines with seq ≥ fromSeq, at most `maxLines` / about `maxChars`; `hint` is a known offset
   * at or before it; `endSeq`, when known (a finished run's line count), is the last seq.
   */
  async read(
    fromSeq: number,
    limits: LogLimits,
    hint?: { seq: number; offset: number },
    endSeq?: number,
  ): Promise<LogPage> {
    const lines: string[] = [];
    const sink: Sink = {
      count: 0,
      chars: 0,
      push(text) {
        lines.push(text);
        this.count++;
        this.chars += text.length;
      },
    };
    const from = Math.max(1, fromSeq);
    const scanned = await this.withFile(from, hint, (handle) =>
      this.scan(handle, from, limits, endSeq ?? 0, sink, undefined),
    );
    return {
      lines,
      nextSeq: scanned?.nextSeq ?? from,
      atEnd: scanned?.atEnd ?? true,
      firstSeq: lines.length > 0 ? from : null,
      skipped: scanned?.skipped ?? 0,
    };
  }

  /** The lines `read` would give, as `line` events (`maxChars` counts event bytes). */
  async readEvents(
    fromSeq: number,
    limits: LogLimits,
    encoder: LineEncoder,
    hint?: { seq: number; offset: number },
    endSeq?: number,
  ): Promise<FileEventsPage> {
    const events: Array<Buffer | string> = [];
    let text = '';
    const flush = () => {
      if (text !== '') events.push(toSseEvents(text));
      text = '';
    };
    const sink: Sink = {
      count: 0,
      chars: 0,
      push(line) {
        text += `${line}\n`;
        this.count++;
        this.chars += line.length + 40;
      },
    };
    const bulk = (converted: Buffer) => {
      flush();
      events.push(converted);
    };
    const from = Math.max(1, fromSeq);
    const scanned = await this.withFile(
      from,
      hint,
      (handle) => this.scan(handle, from, limits, endSeq ?? 0, sink, { encoder, bulk }),
      true,
    );
    flush();
    return {
      events,
      count: sink.count,
      nextSeq: scanned?.nextSeq ?? from,
      atEnd: scanned?.atEnd ?? true,
      skipped: scanned?.skipped ?? 0,
    };
  }

  /** Closes the file `readEvents` kept open (the reader can still be used: it reopens). */
  async close(): Promise<void> {
    const kept = this.kept;
    this.kept = undefined;
    await kept?.then(
      (handle) => handle.close(),
      () => undefined,
    );
  }

  /** Opens the log (undefined when it does not exist) and positions the reader for `from`. */
  private async withFile<T>(
    from: number,
    hint: { seq: number; offset: number } | undefined,
    use: (handle: FileHandle) => Promise<T>,
    keep = false,
  ): Promise<T | undefined> {
    if (from !== this.nextSeq) {
      this.offset = hint && hint.seq <= from ? hint.offset : 0;
    }
    let handle: FileHandle | undefined;
    if (keep) {
      this.kept ??= openLog(this.path).then((opened) => {
        if (opened.kind === 'missing') throw new Error('missing');
        return opened.handle;
      });
      handle = await this.kept.catch((error: unknown) => {
        this.kept = undefined; // not there yet: try again next time
        if (error instanceof Error && error.message === 'missing') return undefined;
        throw error;
      });
    } else {
      const opened = await openLog(this.path);
      handle = opened.kind === 'ok' ? opened.handle : undefined;
    }
    if (!handle) return undefined;
    try {
      return await use(handle);
    } finally {
      if (!keep) await handle.close();
    }
  }

  private async scan(
    handle: FileHandle,
    fromSeq: number,
    limits: LogLimits,
    endSeq: number,
    sink: Sink,
    fast: { encoder: LineEncoder; bulk(events: Buffer): void } | undefined,
  ): Promise<{ nextSeq: number; atEnd: boolean; skipped: number }> {
    let next = fromSeq;
    let carry = Buffer.alloc(0);
    let atEnd = false;
    let skipped = 0;
    const room = () => sink.count < limits.maxLines && sink.chars < limits.maxChars;
    const push = (text: string, seq: number) => {
      sink.push(text);
      next = seq + 1;
    };
    scanning: while (room()) {
      // Everything taken from it is copied (lines, events, the carried partial line).
      const buffer = (this.chunk ??= Buffer.allocUnsafe(CHUNK_BYTES));
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, this.offset + carry.length);
      if (bytesRead === 0) {
        atEnd = true;
        break;
      }
      const data =
        carry.length > 0 ? Buffer.concat([carry, buffer.subarray(0, bytesRead)]) : buffer.subarray(0, bytesRead);
      let start = 0;
      const wholeLines = data.lastIndexOf(10) + 1;
      // Where bulk conversion is not tried again (a piece that is not valid UTF-8 ends there).
      let noBulkBefore = 0;
      for (let newline = data.indexOf(10, start); newline !== -1 && room(); newline = data.indexOf(10, start)) {
        if (fast && start >= noBulkBefore && seqAt(data, start) === next) {
          const converted = this.convert(fast.encoder, data, start, wholeLines, next, limits.maxLines - sink.count);
          if (typeof converted === 'number') noBulkBefore = converted;
          else if (converted) {
            fast.bulk(converted.events);
            sink.count += converted.count;
            sink.chars += converted.events.length;
            next += converted.count;
            this.offset += converted.consumed;
            start += converted.consumed;
            continue;
          }
        }
        const line = checkLine(data.toString('utf8', start, newline));
        const take = line.kind !== 'unreadable' && line.seq >= next && line.seq - next <= MAX_GAP;
        if (take) {
          if (line.seq > next) {
            const t = line.kind === 'ok' ? line.t : this.lastT;
            while (next < line.seq && room()) push(placeholderLine(next, t), next);
            // Not consumed when the placeholders filled the page: the next page starts with this line.
            if (!room()) break scanning;
          }
        } else if (line.kind === 'unreadable' || line.seq >= next) {
          // Unreadable, or a corrupt seq far ahead (a line already given, or before `fromSeq`, is simply passed).
          skipped++;
        }
        this.offset += newline + 1 - start;
        start = newline + 1;
        if (!take) continue;
        if (line.kind === 'ok') {
          if (line.salvaged) skipped++;
          this.lastT = line.t;
          push(line.text, line.seq);
        } else {
          skipped++;
          push(placeholderLine(line.seq, this.lastT), line.seq);
        }
      }
      carry = Buffer.from(data.subarray(start));
    }
    // Lines the run had after the last readable one (a torn or unreadable tail).
    if (atEnd) {
      for (; next <= endSeq && room(); skipped++) push(placeholderLine(next, this.lastT), next);
    }
    this.nextSeq = next;
    this.skipped += skipped;
    return { nextSeq: next, atEnd, skipped };
  }

  /**
   * Bulk-converts the well-formed records at `start`: undefined when the line there is not
   * one (or is longer than a piece), or the end of a piece that is not valid UTF-8 (the
   * careful path takes its lines, and bulk is not tried again before that offset).
   */
  private convert(
    encoder: LineEncoder,
    data: Buffer,
    start: number,
    wholeLines: number,
    seq: number,
    maxLines: number,
  ): ConvertedRecords | number | undefined {
    let end = wholeLines;
    if (end - start > PIECE_BYTES) end = data.lastIndexOf(10, start + PIECE_BYTES - 1) + 1;
    if (end <= start) return undefined; // a line longer than a piece
    const piece = data.subarray(start, end);
    if (!isUtf8(piece)) return end;
    const converted = encoder.recordsToEvents(piece, seq, maxLines);
    if (converted.count === 0) return undefined;
    const time = TIME.exec(
      piece.toString('latin1', converted.lastLineAt, Math.min(piece.length, converted.lastLineAt + 96)),
    );
    if (time) this.lastT = time[1]!;
    return converted;
  }
}

const TIME = /^\{"seq":\d+,"t":"([0-9TZ:.+-]*)"/;
const SEQ_START = 7; // after `{"seq":`

/** The seq a line at `start` says it has, when it begins like one of ours (-1 otherwise): a cheap look before bulk work. */
function seqAt(data: Buffer, start: number): number {
  if (data[start] !== 123 || data[start + 1] !== 34 || data[start + 5] !== 34 || data[start + 6] !== 58) return -1;
  let seq = 0;
  let at = start + SEQ_START;
  for (let c = data[at]; c !== undefined && c >= 48 && c <= 57 && at < start + SEQ_START + 16; c = data[++at])
    seq = seq * 10 + (c - 48);
  return at === start + SEQ_START ? -1 : seq;
}
