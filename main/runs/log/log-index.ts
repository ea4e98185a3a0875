/**
 * The sparse seq → byte-offset index beside a run log: `<id>.log.idx`, 16-byte entries
 * (seq, offset: two little-endian float64, exact below 2^53), each saying "the line with
 * this seq starts at this offset of `<id>.log`". Entries ascend in both; one at least every
 * INDEX_EVERY_LINES lines or INDEX_EVERY_BYTES bytes, so a read from any seq scans a bounded
 * stretch. The log stays the truth: an index that is missing, cut short, or stale after a
 * crash (entries past the end, or not naming the line found there) is extended or rebuilt
 * from the log (log-index-file.ts), never trusted blindly.
 */

export const INDEX_EVERY_LINES = 1000;
export const INDEX_EVERY_BYTES = 256 * 1024;
export const ENTRY_BYTES = 16;

export interface IndexEntry {
  seq: number;
  offset: number;
}

export class SparseIndex {
  private seqs = new Float64Array(64);
  private offsets = new Float64Array(64);
  private size = 0;

  get length(): number {
    return this.size;
  }

  /** The last entry, or undefined when there is none. */
  get last(): IndexEntry | undefined {
    return this.size === 0 ? undefined : this.at(this.size - 1);
  }

  at(index: number): IndexEntry {
    return { seq: this.seqs[index]!, offset: this.offsets[index]! };
  }

  /** Whether a line starting at (seq, offset) is due an entry (far enough past the last one). */
  due(seq: number, offset: number): boolean {
    const last = this.last;
    if (!last) return true;
    if (seq <= last.seq || offset <= last.offset) return false;
    return seq - last.seq >= INDEX_EVERY_LINES || offset - last.offset >= INDEX_EVERY_BYTES;
  }

  /** Adds an entry (ignored unless it ascends in both seq and offset). */
  add(seq: number, offset: number): boolean {
    const last = this.last;
    if (last && (seq <= last.seq || offset <= last.offset)) return false;
    if (this.size === this.seqs.length) {
      this.seqs = grow(this.seqs);
      this.offsets = grow(this.offsets);
    }
    this.seqs[this.size] = seq;
    this.offsets[this.size] = offset;
    this.size++;
    return true;
  }

  /** Keeps the first `count` entries. */
  truncate(count: number): void {
    this.size = Math.min(this.size, Math.max(0, count));
  }

  /** The greatest entry with seq ≤ `seq` (the start of the log when none). */
  seek(seq: number): IndexEntry {
    let low = 0;
    let high = this.size;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.seqs[mid]! <= seq) low = mid + 1;
      else high = mid;
    }
    return low === 0 ? { seq: 1, offset: 0 } : this.at(low - 1);
  }

  /** The entries from `from` on, as the bytes of the index file. */
  encode(from = 0): Buffer {
    const out = Buffer.allocUnsafe((this.size - from) * ENTRY_BYTES);
    for (let i = from; i < this.size; i++) {
      out.writeDoubleLE(this.seqs[i]!, (i - from) * ENTRY_BYTES);
      out.writeDoubleLE(this.offsets[i]!, (i - from) * ENTRY_BYTES + 8);
    }
    return out;
  }

  /** The whole entries of index-file bytes, up to the first that does not ascend (a torn or corrupt tail). */
  static decode(bytes: Buffer): SparseIndex {
    const index = new SparseIndex();
    for (let at = 0; at + ENTRY_BYTES <= bytes.length; at += ENTRY_BYTES) {
      const seq = bytes.readDoubleLE(at);
      const offset = bytes.readDoubleLE(at + 8);
      if (!Number.isSafeInteger(seq) || !Number.isSafeInteger(offset) || seq < 1 || offset < 0) break;
      if (!index.add(seq, offset)) break;
    }
    return index;
  }
}

function grow(array: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> {
  const bigger = new Float64Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

/** The index file of a log. */
export function indexPathOf(logPath: string): string {
  return `${logPath}.idx`;
}

/** The seq a record at `start` of `data` begins with (`{"seq":N,`), or -1 when it does not begin like one. */
export function seqAt(data: Uint8Array, start: number): number {
  if (data[start] !== 123 || data[start + 1] !== 34 || data[start + 5] !== 34 || data[start + 6] !== 58) return -1;
  let seq = 0;
  let at = start + 7;
  for (let c = data[at]; c !== undefined && c >= 48 && c <= 57 && at < start + 7 + 16; c = data[++at])
    seq = seq * 10 + (c - 48);
  return at === start + 7 || data[at] !== 44 ? -1 : seq;
}
