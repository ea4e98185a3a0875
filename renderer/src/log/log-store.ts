/**
 * A compact, append-only store for a run's log lines, built for a million lines.
 *
 * Lines live in chunks of CHUNK_LINES. The open (newest) chunk keeps plain arrays; once
 * full it is sealed into one joined string plus typed arrays (line ends, seqs, stream
 * flags), so a sealed line costs its text bytes plus 9 bytes, not a JS object. React
 * never holds lines in state: views read `lineAt(i)` for the rows they paint and
 * subscribe to `version`, which changes once per appended batch.
 * Memory is bounded: beyond `maxLines`, whole oldest chunks are dropped and counted in
 * `droppedLines` (the full log stays downloadable from the server).
 */

export const CHUNK_LINES = 4096;
export const DEFAULT_MAX_LINES = 1_500_000;

export interface StoredLine {
  seq: number;
  stderr: boolean;
  text: string;
}

interface SealedChunk {
  text: string;
  /** ends[i] = end offset of line i in `text` (start = ends[i-1] or 0). */
  ends: Uint32Array;
  seqs: Uint32Array;
  stderr: Uint8Array;
  lower: string | null;
}

interface OpenChunk {
  texts: string[];
  seqs: number[];
  stderr: boolean[];
}

export class LogStore {
  private sealed: SealedChunk[] = [];
  private open: OpenChunk = { texts: [], seqs: [], stderr: [] };
  private listeners = new Set<() => void>();
  private readonly maxLines: number;
  droppedLines = 0;
  version = 0;

  constructor(options: { maxLines?: number } = {}) {
    this.maxLines = Math.max(CHUNK_LINES * 2, options.maxLines ?? DEFAULT_MAX_LINES);
  }

  get length(): number {
    return this.sealed.length * CHUNK_LINES + this.open.texts.length;
  }

  append(lines: ReadonlyArray<{ seq: number; stream: string; text: string }>): void {
    if (lines.length === 0) return;
    for (const line of lines) {
      this.open.texts.push(line.text);
      this.open.seqs.push(line.seq);
      this.open.stderr.push(line.stream === 'stderr');
      if (this.open.texts.length === CHUNK_LINES) this.seal();
    }
    while (this.length > this.maxLines && this.sealed.length > 0) {
      this.sealed.shift();
      this.droppedLines += CHUNK_LINES;
    }
    this.bump();
  }

  lineAt(index: number): StoredLine | undefined {
    if (index < 0 || index >= this.length) return undefined;
    const chunkIndex = Math.floor(index / CHUNK_LINES);
    const offset = index % CHUNK_LINES;
    const chunk = this.sealed[chunkIndex];
    if (!chunk) {
      return {
        seq: this.open.seqs[offset] ?? 0,
        stderr: this.open.stderr[offset] ?? false,
        text: this.open.texts[offset] ?? '',
      };
    }
    const start = offset === 0 ? 0 : (chunk.ends[offset - 1] ?? 0);
    return {
      seq: chunk.seqs[offset] ?? 0,
      stderr: chunk.stderr[offset] === 1,
      text: chunk.text.slice(start, chunk.ends[offset]),
    };
  }

  lastSeq(): number {
    return this.length === 0 ? 0 : (this.lineAt(this.length - 1)?.seq ?? 0);
  }

  /** Indexes of the lines containing `query` (case-insensitive), in order. */
  search(query: string): Int32Array {
    const needle = query.toLowerCase();
    if (!needle) return new Int32Array(0);
    const out: number[] = [];
    this.sealed.forEach((chunk, chunkIndex) => {
      chunk.lower ??= chunk.text.toLowerCase();
      const base = chunkIndex * CHUNK_LINES;
      let from = 0;
      let lastLine = -1;
      for (;;) {
        const at = chunk.lower.indexOf(needle, from);
        if (at < 0) break;
        const line = upperBound(chunk.ends, at);
        const start = line === 0 ? 0 : (chunk.ends[line - 1] ?? 0);
        const end = chunk.ends[line] ?? 0;
        if (at + needle.length <= end && line !== lastLine) {
          out.push(base + line);
          lastLine = line;
          from = end;
        } else {
          from = Math.max(at + 1, start);
        }
      }
    });
    const base = this.sealed.length * CHUNK_LINES;
    this.open.texts.forEach((text, i) => {
      if (text.toLowerCase().includes(needle)) out.push(base + i);
    });
    return Int32Array.from(out);
  }

  /** Indexes in [from, length) whose line contains `query` (for incremental search). */
  searchFrom(query: string, from: number): number[] {
    const needle = query.toLowerCase();
    const out: number[] = [];
    if (!needle) return out;
    for (let i = Math.max(0, from); i < this.length; i += 1) {
      if (this.lineAt(i)?.text.toLowerCase().includes(needle)) out.push(i);
    }
    return out;
  }

  /** The whole kept log as plain text lines (for copy). */
  toText(transform: (text: string) => string = (t) => t): string {
    const parts: string[] = [];
    for (let i = 0; i < this.length; i += 1) parts.push(transform(this.lineAt(i)?.text ?? ''));
    return parts.join('\n');
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  private seal(): void {
    const { texts, seqs, stderr } = this.open;
    const ends = new Uint32Array(texts.length);
    let offset = 0;
    texts.forEach((text, i) => {
      offset += text.length;
      ends[i] = offset;
    });
    this.sealed.push({
      text: texts.join(''),
      ends,
      seqs: Uint32Array.from(seqs),
      stderr: Uint8Array.from(stderr, (b) => (b ? 1 : 0)),
      lower: null,
    });
    this.open = { texts: [], seqs: [], stderr: [] };
  }

  private bump(): void {
    this.version += 1;
    for (const listener of this.listeners) listener();
  }
}

/** First index i with ends[i] > offset (the line holding character `offset`). */
function upperBound(ends: Uint32Array, offset: number): number {
  let lo = 0;
  let hi = ends.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((ends[mid] ?? 0) > offset) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
