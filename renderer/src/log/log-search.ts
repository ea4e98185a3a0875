/**
 * "n of m" search over a run's log, served by the server (`/log/search`): the first page
 * of matches comes with the total; next/previous walk the matches, fetching the following
 * page when the walk runs past what is here. Only match seqs are kept (8 bytes each), never
 * the log. Wrapping from the last match goes to the first; from the first, previous goes
 * to the last (fetching the remaining pages). A newer search cancels an older one.
 * Every outcome is a state a user can read: searching, n of m, no match, or the error.
 */
import type { LogSearchOptions, LogSearchPage } from '../api/runs';

export type SearchFetcher = (
  query: string,
  options: LogSearchOptions & { from?: number; limit?: number },
  signal: AbortSignal,
) => Promise<LogSearchPage>;

export type SearchState =
  | { kind: 'idle' }
  | { kind: 'searching'; query: string }
  | { kind: 'none'; query: string }
  | { kind: 'found'; query: string; index: number; total: number; truncated: boolean; seq: number }
  | { kind: 'error'; query: string; message: string };

export const SEARCH_PAGE = 1000;

export class LogSearch {
  state: SearchState = { kind: 'idle' };
  private seqs: number[] = [];
  private nextFrom: number | null = null;
  private options: LogSearchOptions = {};
  private controller: AbortController | null = null;
  private listeners = new Set<() => void>();

  constructor(
    private readonly fetchMatches: SearchFetcher,
    private readonly pageSize = SEARCH_PAGE,
  ) {}

  /** Starts a search ('' clears it); resolves once the first match (or none) is known. */
  async search(query: string, options: LogSearchOptions = {}): Promise<void> {
    this.controller?.abort();
    this.seqs = [];
    this.nextFrom = null;
    this.options = options;
    if (!query) return this.set({ kind: 'idle' });
    this.set({ kind: 'searching', query });
    const page = await this.fetch(query, 1);
    if (!page) return;
    if (page.total === 0 || this.seqs.length === 0) return this.set({ kind: 'none', query });
    this.found(query, 0, page);
  }

  async next(): Promise<void> {
    const state = this.state;
    if (state.kind !== 'found') return;
    let index = state.index + 1;
    if (index >= this.seqs.length && this.nextFrom !== null) {
      const page = await this.fetch(state.query, this.nextFrom);
      if (!page) return;
    }
    if (index >= this.seqs.length) index = 0;
    this.found(state.query, index);
  }

  async previous(): Promise<void> {
    const state = this.state;
    if (state.kind !== 'found') return;
    if (state.index > 0) return this.found(state.query, state.index - 1);
    while (this.nextFrom !== null) {
      const page = await this.fetch(state.query, this.nextFrom);
      if (!page) return;
    }
    this.found(state.query, this.seqs.length - 1);
  }

  /** The text to mark in the rows: a plain search's query once it found something ('' otherwise). */
  highlight(): string {
    return this.state.kind === 'found' && !this.options.regex ? this.state.query : '';
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): SearchState => this.state;

  dispose(): void {
    this.controller?.abort();
    this.listeners.clear();
  }

  private found(query: string, index: number, page?: LogSearchPage): void {
    const previous = this.state.kind === 'found' ? this.state : null;
    const total = Math.max(page?.total ?? previous?.total ?? 0, this.seqs.length);
    const truncated = page?.truncated ?? previous?.truncated ?? false;
    this.set({ kind: 'found', query, index, total, truncated, seq: this.seqs[index] ?? 0 });
  }

  /** One page of matches from `from`, appended; null when superseded or failed (state says why). */
  private async fetch(query: string, from: number): Promise<LogSearchPage | null> {
    const controller = new AbortController();
    this.controller = controller;
    try {
      const page = await this.fetchMatches(query, { ...this.options, from, limit: this.pageSize }, controller.signal);
      if (controller.signal.aborted) return null;
      for (const match of page.matches) this.seqs.push(match.seq);
      this.nextFrom = page.matches.length > 0 ? page.nextFrom : null;
      if (this.state.kind === 'found') this.state = { ...this.state, total: Math.max(this.state.total, page.total) };
      return page;
    } catch (error) {
      if (controller.signal.aborted) return null;
      this.set({ kind: 'error', query, message: (error as Error).message || 'The search failed.' });
      return null;
    }
  }

  private set(state: SearchState): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }
}
