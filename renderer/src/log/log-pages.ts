/**
 * The run view's window on a log of any size: lines are kept in pages of `pageSize` seqs
 * (page p holds seqs p·size+1 … (p+1)·size), at most `maxPages` of them, least recently
 * used evicted first, so memory is bounded whatever the log's length. `total` (from the
 * server) sizes the view; a row whose page is not here reads as `undefined` and `want()`
 * fetches the pages of the rows in view (never more than `maxInFlight` at once; a request
 * for pages no longer wanted is aborted). Live lines (`append`) land in the same pages.
 * Invariant: a seq the server skipped (unreadable) reads as an `unreadable` line, never
 * as a hole that is fetched again and again.
 */
import type { LogLine, LogPage } from '../api/runs';

export type PageFetcher = (from: number, limit: number, signal: AbortSignal) => Promise<LogPage>;

export interface LogPagesOptions {
  fetchPage: PageFetcher;
  pageSize?: number;
  maxPages?: number;
  maxInFlight?: number;
  /** Told about a page that could not be loaded (the rows stay "loading" until asked again). */
  onError?: (error: unknown) => void;
}

export const UNREADABLE_TEXT = '(this line could not be read from the log file)';

interface Page {
  lines: Array<LogLine | undefined>;
}

export class LogPages {
  readonly pageSize: number;
  private readonly maxPages: number;
  private readonly maxInFlight: number;
  /** Insertion order is recency: a touched page is deleted and set again. */
  private pages = new Map<number, Page>();
  private inFlight = new Map<number, AbortController>();
  private wanted: number[] = [];
  private listeners = new Set<() => void>();
  total = 0;
  version = 0;
  /** Lines fetched through pages (not counting live appends): tests and the bench read it. */
  linesFetched = 0;
  warning: string | null = null;

  constructor(private readonly options: LogPagesOptions) {
    this.pageSize = options.pageSize ?? 250;
    this.maxPages = Math.max(2, options.maxPages ?? 160);
    this.maxInFlight = options.maxInFlight ?? 3;
  }

  get pageCount(): number {
    return this.pages.size;
  }

  /** The last seq of the log so far (rows are seqs 1 … total). */
  lastSeq(): number {
    return this.total;
  }

  /** The line with this seq, or undefined while its page is not loaded. */
  lineAt(seq: number): LogLine | undefined {
    if (seq < 1 || seq > this.total) return undefined;
    const page = this.pages.get(this.pageOf(seq));
    return page?.lines[(seq - 1) % this.pageSize];
  }

  /** Takes a page answer (from `tail` or `from`/`limit`): its lines, its total, skipped seqs as unreadable. */
  accept(answer: LogPage, requestedFrom?: number): void {
    const total = Number.isFinite(answer.total) ? answer.total : 0;
    this.total = Math.max(this.total, total, answer.lines.at(-1)?.seq ?? 0);
    if (answer.warning) this.warning = answer.warning;
    for (const line of answer.lines) this.put(line);
    if (answer.skipped > 0) {
      const from = requestedFrom ?? answer.lines[0]?.seq ?? answer.nextFrom;
      for (let seq = from; seq < answer.nextFrom && seq <= this.total; seq += 1) {
        if (!this.lineAt(seq)) this.put({ seq, t: '', stream: 'system', text: UNREADABLE_TEXT });
      }
    }
    this.evict();
    this.bump();
  }

  /** Live lines from the event stream (in seq order). */
  append(lines: readonly LogLine[]): void {
    if (lines.length === 0) return;
    for (const line of lines) this.put(line);
    this.total = Math.max(this.total, lines[lines.length - 1]?.seq ?? 0);
    this.evict();
    this.bump();
  }

  /** The rows [firstSeq, lastSeq] are in view: keep their pages, fetch the missing ones. */
  want(firstSeq: number, lastSeq: number): void {
    const first = this.pageOf(Math.max(1, firstSeq));
    const last = this.pageOf(Math.max(1, Math.min(lastSeq, this.total)));
    const wanted: number[] = [];
    for (let p = first; p <= last; p += 1) {
      const page = this.pages.get(p);
      if (page) this.touch(p, page);
      if (!page || !this.complete(p, page)) wanted.push(p);
    }
    this.wanted = wanted;
    for (const [p, controller] of this.inFlight) if (!wanted.includes(p)) controller.abort();
    this.pump();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  dispose(): void {
    for (const controller of this.inFlight.values()) controller.abort();
    this.inFlight.clear();
    this.listeners.clear();
  }

  private pump(): void {
    for (const p of this.wanted) {
      if (this.inFlight.size >= this.maxInFlight) return;
      if (this.inFlight.has(p)) continue;
      const page = this.pages.get(p);
      if (page && this.complete(p, page)) continue;
      void this.load(p);
    }
  }

  private async load(p: number): Promise<void> {
    const controller = new AbortController();
    this.inFlight.set(p, controller);
    const from = p * this.pageSize + 1;
    try {
      const answer = await this.options.fetchPage(from, this.pageSize, controller.signal);
      if (controller.signal.aborted) return;
      this.linesFetched += answer.lines.length;
      this.accept(answer, from);
    } catch (error) {
      if (!controller.signal.aborted) this.options.onError?.(error);
    } finally {
      if (this.inFlight.get(p) === controller) this.inFlight.delete(p);
      this.wanted = this.wanted.filter((w) => w !== p);
      this.pump();
    }
  }

  /** Every seq of the page up to `total` is here. */
  private complete(p: number, page: Page): boolean {
    const end = Math.min(this.pageSize, this.total - p * this.pageSize);
    for (let i = 0; i < end; i += 1) if (!page.lines[i]) return false;
    return true;
  }

  private put(line: LogLine): void {
    const p = this.pageOf(line.seq);
    let page = this.pages.get(p);
    if (!page) page = { lines: [] };
    page.lines[(line.seq - 1) % this.pageSize] = line;
    this.touch(p, page);
  }

  private touch(p: number, page: Page): void {
    this.pages.delete(p);
    this.pages.set(p, page);
  }

  private evict(): void {
    for (const p of this.pages.keys()) {
      if (this.pages.size <= this.maxPages) return;
      this.pages.delete(p);
    }
  }

  private pageOf(seq: number): number {
    return Math.floor((seq - 1) / this.pageSize);
  }

  private bump(): void {
    this.version += 1;
    for (const listener of this.listeners) listener();
  }
}
