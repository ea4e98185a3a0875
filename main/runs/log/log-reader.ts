/**
 * Sequential reader of a run's `<id>.log`. It returns encoded lines (valid JSON in our
 * shape, see record-check.ts) from a given seq on, in bounded pages, and remembers where
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
 * It keeps the file open between pages (an event stream reads page after page): `close()`
 * when done. One call at a time per reader (each stream and request has its own).
 */
import type { FileHandle } from 'node:fs/promises';
import { openLog } from './log-file-open.js';
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

/** Where the lines of a scan go. */
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
  /** The file, kept open between pages until `close()`. */
  private kept: Promise<FileHandle | undefined> | undefined;
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
    const scanned = await this.withFile(from, hint, (handle) => this.scan(handle, from, limits, endSeq ?? 0, sink));
    return {
      lines,
      nextSeq: scanned?.nextSeq ?? from,
      atEnd: scanned?.atEnd ?? true,
      firstSeq: lines.length > 0 ? from : null,
      skipped: scanned?.skipped ?? 0,
    };
  }

  /** Closes the file kept open (the reader can still be used: it reopens). */
  async close(): Promise<void> {
    const kept = this.kept;
    this.kept = undefined;
    await kept?.then(
      (handle) => handle?.close(),
      () => undefined,
    );
  }

  /** Opens the log once (undefined while it does not exist) and positions the reader for `from`. */
  private async withFile<T>(
    from: number,
    hint: { seq: number; offset: number } | undefined,
    use: (handle: FileHandle) => Promise<T>,
  ): Promise<T | undefined> {
    if (from !== this.nextSeq) {
      this.offset = hint && hint.seq <= from ? hint.offset : 0;
    }
    this.kept ??= openLog(this.path).then((opened) => (opened.kind === 'ok' ? opened.handle : undefined));
    const handle = await this.kept.catch((error: unknown) => {
      this.kept = undefined;
      throw error;
    });
    if (!handle) {
      this.kept = undefined; // not there yet: try again next time
      return undefined;
    }
    return use(handle);
  }

  private async scan(
    handle: FileHandle,
    fromSeq: number,
    limits: LogLimits,
    endSeq: number,
    sink: Sink,
  ): Promise<{ nextSeq: number; atEnd: boolean; skipped: number }> {
    let next = fromSeq;
    /** The bytes of a partial line kept at the start of the read buffer for the next read. */
    let carried = 0;
    let atEnd = false;
    let skipped = 0;
    const room = () => sink.count < limits.maxLines && sink.chars < limits.maxChars;
    const push = (text: string, seq: number) => {
      sink.push(text);
      next = seq + 1;
    };
    scanning: while (room()) {
      // Reused by every read (no buffer per read): everything taken from it is copied out as a
      // string, and a partial line is moved to its start; a line longer than it doubles it.
      let buffer = (this.chunk ??= Buffer.allocUnsafe(CHUNK_BYTES));
      if (carried === buffer.length) {
        const bigger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(bigger, 0, 0, carried);
        buffer = this.chunk = bigger;
      }
      const { bytesRead } = await handle.read(buffer, carried, buffer.length - carried, this.offset + carried);
      if (bytesRead === 0) {
        atEnd = true;
        break;
      }
      const data = buffer.subarray(0, carried + bytesRead);
      let start = 0;
      for (let newline = data.indexOf(10, start); newline !== -1 && room(); newline = data.indexOf(10, start)) {
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
      carried = data.length - start;
      data.copyWithin(0, start);
    }
    // Lines the run had after the last readable one (a torn or unreadable tail).
    if (atEnd) {
      for (; next <= endSeq && room(); skipped++) push(placeholderLine(next, this.lastT), next);
    }
    this.nextSeq = next;
    this.skipped += skipped;
    return { nextSeq: next, atEnd, skipped };
  }
}
