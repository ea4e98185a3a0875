/**
 * Search over a live LogStore that stays cheap while lines stream in: the first search
 * for a query scans the whole store (chunk-wise, see LogStore.search), later versions
 * only scan the lines appended since. Starts over when the query changes or the store
 * dropped old chunks (indexes shifted).
 */
import { useMemo, useRef } from 'react';
import type { LogStore } from './log-store';

interface SearchCache {
  store: LogStore;
  query: string;
  upTo: number;
  dropped: number;
  matches: number[];
}

/**
 * Matching line indexes for `query` ('' → null: no search), extended per store version.
 * The array grows in place while streaming; read its length on each render.
 */
export function useLogSearch(store: LogStore, version: number, query: string): readonly number[] | null {
  const cache = useRef<SearchCache | null>(null);
  return useMemo(() => {
    if (!query) {
      cache.current = null;
      return null;
    }
    const current = cache.current;
    if (!current || current.store !== store || current.query !== query || current.dropped !== store.droppedLines) {
      const matches = Array.from(store.search(query));
      cache.current = { store, query, upTo: store.length, dropped: store.droppedLines, matches };
      return matches;
    }
    if (current.upTo < store.length) {
      const added = store.searchFrom(query, current.upTo);
      current.upTo = store.length;
      for (const index of added) current.matches.push(index);
    }
    return current.matches;
    // `version` is the store's change counter: a new version means new lines to scan.
  }, [store, version, query]);
}
