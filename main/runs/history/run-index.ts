/**
 * The in-memory index of every run on disk plus the live ones, built once at startup
 * and kept current by the runner, so listing history never touches the disk. Order:
 * running runs first, then newest first (ids sort by start time). The cursor `before`
 * is the id of the last run of the previous page.
 */
import type { RunRecord, RunStatus } from '../run-types.js';

export interface RunQuery {
  workflow?: string;
  status?: RunStatus;
  limit: number;
  before?: string;
}

export interface IndexEntry {
  record: RunRecord;
  bytes: number;
}

export class RunIndex {
  private readonly byId = new Map<string, IndexEntry>();
  /** Ids of finished runs, ascending. */
  private finished: string[] = [];
  private readonly running = new Set<string>();

  /** Replaces the whole index (startup scan). */
  load(entries: IndexEntry[]): void {
    this.byId.clear();
    this.running.clear();
    for (const entry of entries) this.byId.set(entry.record.id, entry);
    this.finished = entries
      .filter((e) => e.record.status !== 'running')
      .map((e) => e.record.id)
      .sort();
    for (const entry of entries) if (entry.record.status === 'running') this.running.add(entry.record.id);
  }

  get(id: string): IndexEntry | undefined {
    return this.byId.get(id);
  }

  get size(): number {
    return this.byId.size;
  }

  /** Adds or updates a run; moves it between running and finished as its status says. */
  put(record: RunRecord, bytes?: number): void {
    const previous = this.byId.get(record.id);
    this.byId.set(record.id, { record, bytes: bytes ?? previous?.bytes ?? 0 });
    if (record.status === 'running') {
      this.running.add(record.id);
      return;
    }
    if (this.running.delete(record.id) || !previous) insertSorted(this.finished, record.id);
  }

  remove(id: string): void {
    const entry = this.byId.get(id);
    if (!entry) return;
    this.byId.delete(id);
    this.running.delete(id);
    const at = lowerBound(this.finished, id);
    if (this.finished[at] === id) this.finished.splice(at, 1);
  }

  runningRecords(): RunRecord[] {
    return [...this.running]
      .sort()
      .reverse()
      .map((id) => this.byId.get(id)!.record);
  }

  /** Finished entries, oldest first (retention walks this). */
  oldestFirst(): IndexEntry[] {
    return this.finished.map((id) => this.byId.get(id)!);
  }

  list(query: RunQuery): { runs: RunRecord[]; nextCursor: string | null } {
    const matches = (r: RunRecord) =>
      (!query.workflow || r.workflow === query.workflow) && (!query.status || r.status === query.status);
    const out: RunRecord[] = [];
    const before = query.before;
    const beforeIsRunning = before !== undefined && this.running.has(before);
    if (before === undefined || beforeIsRunning) {
      let passed = before === undefined;
      for (const record of this.runningRecords()) {
        if (!passed) {
          passed = record.id === before;
          continue;
        }
        if (matches(record)) out.push(record);
        if (out.length > query.limit) break;
      }
    }
    let i = before === undefined || beforeIsRunning ? this.finished.length - 1 : lowerBound(this.finished, before) - 1;
    for (; i >= 0 && out.length <= query.limit; i--) {
      const record = this.byId.get(this.finished[i]!)!.record;
      if (matches(record)) out.push(record);
    }
    const more = out.length > query.limit;
    const runs = more ? out.slice(0, query.limit) : out;
    return { runs, nextCursor: more ? runs[runs.length - 1]!.id : null };
  }
}

function lowerBound(sorted: string[], id: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function insertSorted(sorted: string[], id: string): void {
  const at = lowerBound(sorted, id);
  if (sorted[at] !== id) sorted.splice(at, 0, id);
}
