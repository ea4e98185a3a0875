/**
 * Turns a byte stream into text lines: UTF-8 decoded in streaming mode (a character split
 * across chunks is kept whole; invalid bytes become U+FFFD), split on `\n` with a
 * trailing `\r` dropped, and a final partial line given out by `end()`. A line longer than
 * `maxLineChars` is cut into pieces of that size so one endless line cannot hold memory.
 */

export const MAX_LINE_CHARS = 4 * 1024 * 1024;

export class LineSplitter {
  private readonly decoder = new TextDecoder('utf-8', { fatal: false });
  private partial = '';

  constructor(private readonly maxLineChars = MAX_LINE_CHARS) {}

  /** The complete lines this chunk finishes, in order. */
  push(chunk: Uint8Array): string[] {
    return this.split(this.decoder.decode(chunk, { stream: true }));
  }

  /** The last line when the stream ended without a newline (none if it ended on one). */
  end(): string[] {
    const rest = this.split(this.decoder.decode());
    if (this.partial !== '') rest.push(stripCr(this.partial));
    this.partial = '';
    return rest;
  }

  private split(text: string): string[] {
    const lines: string[] = [];
    let start = 0;
    let newline = text.indexOf('\n');
    while (newline !== -1) {
      const piece = text.slice(start, newline);
      lines.push(stripCr(this.partial === '' ? piece : this.partial + piece));
      this.partial = '';
      start = newline + 1;
      newline = text.indexOf('\n', start);
    }
    if (start < text.length) this.partial += text.slice(start);
    while (this.partial.length > this.maxLineChars) {
      lines.push(this.partial.slice(0, this.maxLineChars));
      this.partial = this.partial.slice(this.maxLineChars);
    }
    return lines;
  }
}

function stripCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
