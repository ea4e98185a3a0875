/**
 * Turns a byte stream into lines, kept as bytes: each `push` gives the complete lines it
 * finished as one Buffer (every line ending in `\n`; a `\r` before it is left for the
 * encoder to drop), valid UTF-8 (invalid bytes become U+FFFD), so the common case costs
 * no per-line string. A line split across chunks is kept whole, and so is a character
 * split across them. Lines handed out as strings (no `\n`, `\r` dropped): a line longer
 * than `maxLineBytes`, cut into pieces of about that size (at character boundaries) so
 * one endless line cannot hold memory, and the final partial line given by `end()`.
 */
import { isUtf8 } from 'node:buffer';

export const MAX_LINE_BYTES = 4 * 1024 * 1024;
const NEWLINE = 10;

/** Complete lines as bytes (each ending in `\n`), or one line as a string. */
export type OutputPiece = Buffer | string;

export class LineSplitter {
  /** The line still being received, as the pieces it came in (joined once, when it ends or must be cut). */
  private partial: Buffer[] = [];
  private partialBytes = 0;

  constructor(private readonly maxLineBytes = MAX_LINE_BYTES) {}

  /** What this chunk completes, in order. */
  push(chunk: Buffer): OutputPiece[] {
    const pieces: OutputPiece[] = [];
    let data = chunk;
    if (this.partialBytes > 0) {
      const first = chunk.indexOf(NEWLINE);
      if (first === -1) {
        this.keep(chunk);
        this.cutLong(pieces);
        return pieces;
      }
      // Only the line the chunk finishes is joined with the carried part, not the whole chunk.
      pieces.push(validUtf8(Buffer.concat([...this.partial, chunk.subarray(0, first + 1)])));
      this.partial = [];
      this.partialBytes = 0;
      data = chunk.subarray(first + 1);
    }
    const lastNewline = data.lastIndexOf(NEWLINE);
    let rest = data;
    if (lastNewline !== -1) {
      pieces.push(validUtf8(data.subarray(0, lastNewline + 1)));
      rest = data.subarray(lastNewline + 1);
    }
    if (rest.length > 0) this.keep(rest);
    this.cutLong(pieces);
    return pieces;
  }

  /** The last line when the stream ended without a newline (none if it ended on one). */
  end(): OutputPiece[] {
    if (this.partialBytes === 0) return [];
    const text = Buffer.concat(this.partial).toString('utf8');
    this.partial = [];
    this.partialBytes = 0;
    return [text.endsWith('\r') ? text.slice(0, -1) : text];
  }

  /** A copy: a chunk is often a view of a 64 KiB read, which a few kept bytes would hold. */
  private keep(bytes: Buffer): void {
    this.partial.push(Buffer.from(bytes));
    this.partialBytes += bytes.length;
  }

  /** Gives out pieces of an over-long line until what is kept is at most the maximum. */
  private cutLong(pieces: OutputPiece[]): void {
    if (this.partialBytes <= this.maxLineBytes) return;
    let rest = Buffer.concat(this.partial);
    while (rest.length > this.maxLineBytes) {
      const cut = characterBoundary(rest, this.maxLineBytes);
      pieces.push(rest.toString('utf8', 0, cut));
      rest = rest.subarray(cut);
    }
    this.partial = rest.length > 0 ? [Buffer.from(rest)] : [];
    this.partialBytes = rest.length;
  }
}

/** The bytes as they are when valid UTF-8, else re-encoded with U+FFFD for each invalid sequence. */
function validUtf8(lines: Buffer): Buffer {
  return isUtf8(lines) ? lines : Buffer.from(lines.toString('utf8'));
}

/** The largest cut at or below `max` that does not split a UTF-8 character (at least 1). */
function characterBoundary(bytes: Buffer, max: number): number {
  let cut = max;
  // Step back over continuation bytes (10xxxxxx), at most 3.
  while (cut > max - 3 && cut > 1 && ((bytes[cut] ?? 0) & 0xc0) === 0x80) cut--;
  return ((bytes[cut] ?? 0) & 0xc0) === 0x80 ? max : cut;
}
