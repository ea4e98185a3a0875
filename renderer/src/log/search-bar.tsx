/**
 * The log's search box: the query goes to the server on Enter (or after a pause in
 * typing), "n of m" comes back with the total, and Previous / Next (also Shift+Enter /
 * Enter) walk the matches through LogSearch. "No line matches" and errors are said in
 * words; a truncated answer shows its total as "m+".
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import { Button } from '../components';
import type { LogSearch, SearchState } from './log-search';

const COUNT = new Intl.NumberFormat();
const TYPING_PAUSE_MS = 400;

export function SearchBar({ search, live }: { search: LogSearch; live: boolean }) {
  const state = useSyncExternalStore(search.subscribe, search.getState);
  const [query, setQuery] = useState('');
  const [regex, setRegex] = useState(false);
  const [caseSensitive, setCaseSensitive] = useState(false);

  useEffect(() => {
    const timer = setTimeout(() => void search.search(query, { regex, caseSensitive }), TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [search, query, regex, caseSensitive]);

  const found = state.kind === 'found';
  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    const sameQuery = state.kind !== 'idle' && state.query === query;
    if (!sameQuery) void search.search(query, { regex, caseSensitive });
    else if (event.shiftKey) void search.previous();
    else void search.next();
  };

  return (
    <div className="log-search" role="search">
      <input
        className="input log-panel__search"
        type="search"
        placeholder="Search the log"
        aria-label="Search the log"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <label className="log-panel__filter small">
        <input type="checkbox" checked={regex} onChange={(event) => setRegex(event.target.checked)} /> Regex
      </label>
      <label className="log-panel__filter small">
        <input type="checkbox" checked={caseSensitive} onChange={(event) => setCaseSensitive(event.target.checked)} />{' '}
        Match case
      </label>
      <Button small onClick={() => void search.previous()} disabled={!found} aria-label="Previous match">
        ↑
      </Button>
      <Button small onClick={() => void search.next()} disabled={!found} aria-label="Next match">
        ↓
      </Button>
      <span className="muted small num" aria-live="polite" data-testid="search-status">
        {searchStatusText(state, live)}
      </span>
    </div>
  );
}

export function searchStatusText(state: SearchState, live: boolean): string {
  switch (state.kind) {
    case 'idle':
      return '';
    case 'searching':
      return 'Searching…';
    case 'none':
      return live ? 'No line matches so far.' : 'No line matches.';
    case 'error':
      return `The search failed: ${state.message}`;
    case 'found':
      return `${COUNT.format(state.index + 1)} of ${COUNT.format(state.total)}${state.truncated ? '+' : ''}`;
  }
}
