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
  private partial: Buffer = Buffer.alloc(0);

  constructor(private readonly maxLineBytes = MAX_LINE_BYTES) {}

  /** What this chunk completes, in order. */
  push(chunk: Buffer): OutputPiece[] {
    const data = this.partial.length > 0 ? Buffer.concat([this.partial, chunk]) : chunk;
    const pieces: OutputPiece[] = [];
    const lastNewline = data.lastIndexOf(NEWLINE);
    let rest = data;
    if (lastNewline !== -1) {
      const complete = data.subarray(0, lastNewline + 1);
      pieces.push(isUtf8(complete) ? complete : Buffer.from(complete.toString('utf8')));
      rest = data.subarray(lastNewline + 1);
    }
    while (rest.length > this.maxLineBytes) {
      const cut = characterBoundary(rest, this.maxLineBytes);
      pieces.push(rest.toString('utf8', 0, cut));
      rest = rest.subarray(cut);
    }
    // A copy, so the chunk (often 64 KiB) is not kept alive by a few bytes of it.
    this.partial = rest.length > 0 ? Buffer.from(rest) : Buffer.alloc(0);
    return pieces;
  }

  /** The last line when the stream ended without a newline (none if it ended on one). */
  end(): OutputPiece[] {
    if (this.partial.length === 0) return [];
    const text = this.partial.toString('utf8');
    this.partial = Buffer.alloc(0);
    return [text.endsWith('\r') ? text.slice(0, -1) : text];
  }
}

/** The largest cut at or below `max` that does not split a UTF-8 character (at least 1). */
function characterBoundary(bytes: Buffer, max: number): number {
  let cut = max;
  // Step back over continuation bytes (10xxxxxx), at most 3.
  while (cut > max - 3 && cut > 1 && ((bytes[cut] ?? 0) & 0xc0) === 0x80) cut--;
  return ((bytes[cut] ?? 0) & 0xc0) === 0x80 ? max : cut;
}
