/**
 * Server-side search navigation (renderer/src/log/log-search.ts) against a scripted
 * `/log/search`: "n of m" from the first page, next fetches the following page past what
 * is here, the last wraps to the first, previous from the first goes to the last (fetching
 * the rest), no match and errors are states, and a newer query supersedes an older one.
 */
import { describe, expect, it } from 'vitest';
import type { LogSearchPage } from '../../../renderer/src/api/runs';
import { LogSearch, type SearchFetcher } from '../../../renderer/src/log/log-search';
import { searchStatusText as describeState } from '../../../renderer/src/log/search-bar';

/** Matches at seqs 10, 20, …, 10·count, served `limit` at a time from `from`. */
function fakeServer(count: number) {
  const calls: Array<{ query: string; from?: number; limit?: number; regex?: boolean }> = [];
  const fetcher: SearchFetcher = async (query, options) => {
    calls.push({ query, from: options.from, limit: options.limit, regex: options.regex });
    if (query === 'boom') throw new Error('The server answered 500.');
    const all = query === 'none' ? [] : Array.from({ length: count }, (_, i) => (i + 1) * 10);
    const from = options.from ?? 1;
    const rest = all.filter((seq) => seq >= from);
    const matches = rest.slice(0, options.limit ?? 1000).map((seq) => ({ seq, text: `hit ${seq}` }));
    const more = rest.length > matches.length;
    const page: LogSearchPage = {
      total: all.length,
      matches,
      nextFrom: more ? (matches.at(-1)?.seq ?? 0) + 1 : null,
      truncated: false,
    };
    return page;
  };
  return { calls, fetcher };
}

describe('log search navigation', () => {
  it('shows 1 of m on the first match and walks forward across pages', async () => {
    const s = fakeServer(5);
    const search = new LogSearch(s.fetcher, 2);
    await search.search('hit', { regex: true });
    expect(search.state).toMatchObject({ kind: 'found', index: 0, total: 5, seq: 10 });
    expect(describeState(search.state, false)).toBe('1 of 5');
    expect(s.calls[0]).toEqual({ query: 'hit', from: 1, limit: 2, regex: true });
    await search.next();
    await search.next();
    expect(search.state).toMatchObject({ index: 2, seq: 30 });
    expect(s.calls.map((c) => c.from)).toEqual([1, 21]);
    await search.next();
    await search.next();
    expect(describeState(search.state, false)).toBe('5 of 5');
    await search.next();
    expect(search.state).toMatchObject({ index: 0, seq: 10 });
  });

  it('goes from the first match back to the last, fetching the remaining pages', async () => {
    const s = fakeServer(7);
    const search = new LogSearch(s.fetcher, 3);
    await search.search('hit');
    await search.previous();
    expect(search.state).toMatchObject({ kind: 'found', index: 6, seq: 70, total: 7 });
    await search.previous();
    expect(search.state).toMatchObject({ index: 5, seq: 60 });
  });

  it('says plainly when nothing matches, and when the search failed', async () => {
    const s = fakeServer(3);
    const search = new LogSearch(s.fetcher);
    await search.search('none');
    expect(search.state.kind).toBe('none');
    expect(describeState(search.state, true)).toBe('No line matches so far.');
    await search.search('boom');
    expect(describeState(search.state, false)).toBe('The search failed: The server answered 500.');
    await search.search('');
    expect(search.state.kind).toBe('idle');
  });

  it('marks a truncated total as m+ and highlights only plain searches', async () => {
    const search = new LogSearch(async () => ({
      total: 1000,
      matches: [{ seq: 4, text: 'x' }],
      nextFrom: 5,
      truncated: true,
    }));
    await search.search('x');
    expect(describeState(search.state, false)).toBe('1 of 1,000+');
    expect(search.highlight()).toBe('x');
    await search.search('x+', { regex: true });
    expect(search.highlight()).toBe('');
  });

  it('lets a newer query win over an older one still in flight', async () => {
    let release: (() => void) | null = null;
    const search = new LogSearch(async (query, _options, signal) => {
      if (query === 'slow') await new Promise<void>((resolve) => (release = resolve));
      expect(signal.aborted).toBe(query === 'slow');
      return { total: 1, matches: [{ seq: query === 'slow' ? 1 : 2, text: '' }], nextFrom: null, truncated: false };
    });
    const slow = search.search('slow');
    await search.search('fast');
    release!();
    await slow;
    expect(search.state).toMatchObject({ kind: 'found', query: 'fast', seq: 2 });
  });
});
