/**
 * Loading a log's sparse index from `<id>.log.idx`, checked against the log: entries past
 * the log's end are dropped, the last one must name the line found at its offset (else the
 * index is stale and rebuilt from nothing), and the stretch of the log after the last entry
 * (lines written after the index, e.g. before a crash) is scanned to extend it. A finished
 * log's index is saved back when it changed. `LogIndexes` keeps recently used indexes by
 * (path, size, mtime), so a page of a big finished log costs no scan at all.
 */
import { stat, type FileHandle } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { writeFileAtomic } from '../../core/atomic-write.js';
import { readRegularFileBytes } from './log-file-open.js';
import { SparseIndex, indexPathOf, seqAt } from './log-index.js';

const SCAN_BYTES = 1024 * 1024;
const CACHED = 32;

export type IndexState = 'loaded' | 'extended' | 'rebuilt';

export interface LoadedIndex {
  index: SparseIndex;
  state: IndexState;
}

/** The index of the log open as `log` (`size` bytes long), checked and completed; saved when `save` and it changed. */
export async function loadIndex(
  logPath: string,
  log: FileHandle,
  size: number,
  save: boolean,
  rebuild = false,
): Promise<LoadedIndex> {
  const stored = rebuild ? undefined : await readRegularFileBytes(indexPathOf(logPath));
  let index = stored ? SparseIndex.decode(stored) : new SparseIndex();
  let state: IndexState = stored ? 'loaded' : 'rebuilt';
  let keep = index.length;
  while (keep > 0 && index.at(keep - 1).offset >= size) keep--;
  if (keep < index.length) {
    index.truncate(keep);
    state = 'extended';
  }
  const last = index.last;
  if (last && (await seqOfLineAt(log, last.offset)) !== last.seq) {
    index = new SparseIndex();
    state = 'rebuilt';
  }
  if ((await extendIndex(index, log, size)) && state === 'loaded') state = 'extended';
  if (stored && stored.length !== index.length * 16 && state === 'loaded') state = 'extended';
  if (save && state !== 'loaded') await writeFileAtomic(indexPathOf(logPath), index.encode()).catch(() => undefined);
  return { index, state };
}

/** Whether the line at `offset` of the log begins with the given seq (the check of an entry before it is used). */
export async function seqOfLineAt(log: FileHandle, offset: number): Promise<number> {
  const head = Buffer.alloc(32);
  const { bytesRead } = await log.read(head, 0, head.length, offset);
  return seqAt(head.subarray(0, bytesRead), 0);
}

/** Adds entries for the lines after the index's last entry, up to `size`; true when it added any. */
async function extendIndex(index: SparseIndex, log: FileHandle, size: number): Promise<boolean> {
  const before = index.length;
  const buffer = Buffer.allocUnsafe(SCAN_BYTES);
  let offset = index.last?.offset ?? 0;
  let atLineStart = true;
  while (offset < size) {
    const { bytesRead } = await log.read(buffer, 0, Math.min(SCAN_BYTES, size - offset), offset);
    if (bytesRead === 0) break;
    const data = buffer.subarray(0, bytesRead);
    let at = 0;
    while (at < data.length) {
      if (atLineStart) {
        // Too little left to read a seq: read again from this line's start.
        if (data.length - at < 32 && offset + data.length < size) break;
        const seq = seqAt(data, at);
        if (seq > 0 && index.due(seq, offset + at)) index.add(seq, offset + at);
      }
      const newline = data.indexOf(10, at);
      atLineStart = newline !== -1;
      at = newline === -1 ? data.length : newline + 1;
    }
    offset += at;
  }
  return index.length > before;
}

/** Indexes of finished logs recently read, reloaded when the log's size or mtime changed. */
export class LogIndexes {
  private readonly cache = new Map<string, { size: number; mtimeMs: number; indexBytes: number; index: SparseIndex }>();

  /** The checked index of a log; `rebuild` ignores the index file (it was found stale). */
  async get(logPath: string, log: FileHandle, stats: Stats, save: boolean, rebuild = false): Promise<SparseIndex> {
    const hit = this.cache.get(logPath);
    // The index file's size too: one deleted or cut short is checked (and saved) again.
    const indexBytes = await stat(indexPathOf(logPath)).then(
      (s) => s.size,
      () => -1,
    );
    if (!rebuild && hit && hit.size === stats.size && hit.mtimeMs === stats.mtimeMs && hit.indexBytes === indexBytes)
      return hit.index;
    const { index } = await loadIndex(logPath, log, stats.size, save, rebuild);
    this.cache.delete(logPath);
    this.cache.set(logPath, { size: stats.size, mtimeMs: stats.mtimeMs, indexBytes: index.length * 16, index });
    if (this.cache.size > CACHED) this.cache.delete(this.cache.keys().next().value!);
    return index;
  }

  /** Forgets a log's index (it did not name the line found at an entry: rebuilt on next use). */
  forget(logPath: string): void {
    this.cache.delete(logPath);
  }
}
