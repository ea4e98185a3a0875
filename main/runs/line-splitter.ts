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
const EMPTY = Buffer.alloc(0);

/** Complete lines as bytes (each ending in `\n`), or one line as a string. */
export type OutputPiece = Buffer | string;

export class LineSplitter {
  private partial: Buffer = EMPTY;

  constructor(private readonly maxLineBytes = MAX_LINE_BYTES) {}

  /** What this chunk completes, in order. */
  push(chunk: Buffer): OutputPiece[] {
    const pieces: OutputPiece[] = [];
    let data = chunk;
    if (this.partial.length > 0) {
      // Only the line the chunk finishes is joined with the carried part, not the whole chunk.
      const first = chunk.indexOf(NEWLINE);
      if (first === -1) {
        data = Buffer.concat([this.partial, chunk]);
      } else {
        pieces.push(validUtf8(Buffer.concat([this.partial, chunk.subarray(0, first + 1)])));
        data = chunk.subarray(first + 1);
      }
      this.partial = EMPTY;
    }
    const lastNewline = data.lastIndexOf(NEWLINE);
    let rest = data;
    if (lastNewline !== -1) {
      pieces.push(validUtf8(data.subarray(0, lastNewline + 1)));
      rest = data.subarray(lastNewline + 1);
    }
    while (rest.length > this.maxLineBytes) {
      const cut = characterBoundary(rest, this.maxLineBytes);
      pieces.push(rest.toString('utf8', 0, cut));
      rest = rest.subarray(cut);
    }
    // A copy, so the chunk (often 64 KiB) is not kept alive by a few bytes of it.
    this.partial = rest.length > 0 ? Buffer.from(rest) : EMPTY;
    return pieces;
  }

  /** The last line when the stream ended without a newline (none if it ended on one). */
  end(): OutputPiece[] {
    if (this.partial.length === 0) return [];
    const text = this.partial.toString('utf8');
    this.partial = EMPTY;
    return [text.endsWith('\r') ? text.slice(0, -1) : text];
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
