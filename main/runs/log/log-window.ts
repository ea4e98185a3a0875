/**
 * The in-memory window of a running run's newest blocks (log-block.ts: the `<id>.log`
 * records and the same lines as `line` events), for live readers. It is bounded by lines
 * and bytes, and a block leaves it only once it is on disk, so a reader behind it goes on
 * from the file (through the index). Reads slice the blocks' bytes and hand the slices on
 * as they are (no copy, no string per line): a live viewer's bytes go from the block to the
 * socket.
 * Invariant: the blocks are consecutive, seqs `firstSeq` … the last block's end.
 */
import { afterNewlines, type EncodedBlock } from './log-block.js';

/** What a window read gives: the `<id>.log` records (each ending in `\n`) or the same lines as `line` events. */
export type WindowForm = 'records' | 'events';

/** `records`: `count` whole lines from the asked seq, in the form asked: slices of the window's blocks, in order. */
export type WindowRead =
  | { kind: 'records'; form: WindowForm; parts: Buffer[]; count: number; nextSeq: number }
  | { kind: 'behind'; firstSeq: number };

const EMPTY = Buffer.alloc(0);
const EVICTED: EncodedBlock = { firstSeq: 0, count: 0, file: EMPTY, events: EMPTY };

export class LogWindow {
  /** The seq of the window's first line (the next one to come when it is empty). */
  firstSeq = 1;
  /** Records and events held. */
  bytes = 0;
  private blocks: EncodedBlock[] = [];
  private start = 0;
  private lastSeq = 0;

  constructor(private readonly limits: { maxLines: number; maxBytes: number }) {}

  get lines(): number {
    return this.lastSeq - this.firstSeq + 1;
  }

  push(block: EncodedBlock): void {
    this.blocks.push(block);
    this.lastSeq = block.firstSeq + block.count - 1;
    this.bytes += block.file.length + block.events.length;
  }

  /**
   * Lines up to `persistedSeq` from `fromSeq` on, up to about `maxBytes` and at most
   * `maxLines`, in the form asked; `behind` when they left the window.
   */
  read(fromSeq: number, persistedSeq: number, maxBytes: number, maxLines: number, form: WindowForm): WindowRead {
    const found = this.locate(fromSeq);
    if (found.kind === 'behind') return found;
    const parts: Buffer[] = [];
    let count = 0;
    let bytes = 0;
    for (
      let index = found.index;
      index < this.blocks.length && (count === 0 || bytes < maxBytes) && count < maxLines;
      index++
    ) {
      const block = this.blocks[index]!;
      // Writes take whole blocks, so `persistedSeq` always ends a block.
      if (block.firstSeq + block.count - 1 > persistedSeq) break;
      const skip = index === found.index ? fromSeq - block.firstSeq : 0;
      const take = Math.min(block.count - skip, maxLines - count);
      const bytesOf = form === 'events' ? block.events : block.file;
      const separator = form === 'events' ? '\n\n' : '\n';
      const start = afterNewlines(bytesOf, skip, separator);
      const end = take === block.count - skip ? bytesOf.length : afterNewlines(bytesOf, skip + take, separator);
      parts.push(bytesOf.subarray(start, end));
      count += take;
      bytes += end - start;
    }
    return { kind: 'records', form, parts, count, nextSeq: fromSeq + count };
  }

  /** Lets go of the oldest blocks on disk while the window is over a limit. */
  evict(persistedSeq: number): void {
    while (this.start < this.blocks.length) {
      const block = this.blocks[this.start]!;
      if (block.firstSeq + block.count - 1 > persistedSeq) break;
      if (this.lines <= this.limits.maxLines && this.bytes <= this.limits.maxBytes) break;
      this.bytes -= block.file.length + block.events.length;
      this.blocks[this.start] = EVICTED;
      this.start++;
      this.firstSeq = block.firstSeq + block.count;
    }
    if (this.start > 1024 && this.start * 2 > this.blocks.length) {
      this.blocks = this.blocks.slice(this.start);
      this.start = 0;
    }
  }

  /** The block holding `seq` (or the next one to come), or `behind` when it left memory. */
  private locate(seq: number): { kind: 'at'; index: number } | { kind: 'behind'; firstSeq: number } {
    if (seq < this.firstSeq) return { kind: 'behind', firstSeq: this.firstSeq };
    let low = this.start;
    let high = this.blocks.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const block = this.blocks[mid]!;
      if (block.firstSeq + block.count <= seq) low = mid + 1;
      else high = mid;
    }
    return { kind: 'at', index: low };
  }
}
