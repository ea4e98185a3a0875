/**
 * Server-side search of a run log (`GET /api/runs/:id/log/search`): every line whose text
 * matches, counted over the whole log (`total`), one page of them (seq ≥ `from`, at most
 * `limit`) with `nextFrom` the seq of the next match after the page. Plain text is matched
 * as a substring, case-insensitively unless asked; its JSON-escaped form prefilters the raw
 * records, so only lines that may match are decoded. `regex` runs on V8's linear-time
 * engine (no backtracking, so no pattern can run away; backreferences and lookaround are
 * refused); a pass longer than SEARCH_BUDGET_MS answers what it found with `truncated`.
 */
import { OpsError } from '../../core/errors.js';
import { linearRegExp } from './linear-regex.js';
import { ownText, scanLog } from './log-scan.js';

export const SEARCH_BUDGET_MS = 5000;

export interface SearchQuery {
  q: string;
  regex: boolean;
  caseSensitive: boolean;
  from: number;
  limit: number;
}

export interface SearchMatch {
  seq: number;
  text: string;
}

export interface SearchResult {
  total: number;
  matches: SearchMatch[];
  nextFrom: number | null;
  truncated: boolean;
}

export interface Matcher {
  test(text: string): boolean;
  prefilter?: RegExp;
}

/** The matcher for a query; an invalid or unsupported regex is a 400 `invalid_query`. */
export function compileMatcher(query: Pick<SearchQuery, 'q' | 'regex' | 'caseSensitive'>): Matcher {
  const flags = query.caseSensitive ? '' : 'i';
  if (!query.regex) {
    const pattern = escapeRegExp(query.q);
    const encoded = escapeRegExp(JSON.stringify(query.q).slice(1, -1));
    return { test: testerOf(new RegExp(pattern, flags)), prefilter: new RegExp(encoded, `g${flags}`) };
  }
  const compiled = linearRegExp(query.q, query.caseSensitive);
  if (compiled.kind === 'ok') return { test: testerOf(compiled.regex) };
  throw new OpsError(
    400,
    'invalid_query',
    compiled.kind === 'invalid'
      ? `The search is not a valid regular expression: ${compiled.message}.`
      : 'This regular expression uses a feature search does not run (backreferences, lookahead or lookbehind); search without it.',
    { field: 'q' },
  );
}

/** Searches the log at `path` (lines up to `maxSeq`). */
export async function searchLog(path: string, maxSeq: number, query: SearchQuery): Promise<SearchResult> {
  const matcher = compileMatcher(query);
  const found = collector(query);
  const { timedOut } = await scanLog(path, {
    maxSeq,
    prefilter: matcher.prefilter,
    deadline: Date.now() + SEARCH_BUDGET_MS,
    visit: (seq, _stream, text) => {
      if (matcher.test(text)) found.add(seq, text);
      return true;
    },
  });
  return found.result(timedOut);
}

/** Searches lines held in memory (an original dashboard record's `lines`), numbered from 1. */
export function searchTexts(texts: readonly string[], query: SearchQuery): SearchResult {
  const matcher = compileMatcher(query);
  const found = collector(query);
  texts.forEach((text, i) => {
    if (matcher.test(text)) found.add(i + 1, text);
  });
  return found.result(false);
}

function collector(query: SearchQuery) {
  const matches: SearchMatch[] = [];
  let total = 0;
  let nextFrom: number | null = null;
  return {
    add(seq: number, text: string) {
      total++;
      if (seq < query.from) return;
      // A copy: the visited text may be a view of a larger decoded slice (log-scan.ts).
      if (matches.length < query.limit) matches.push({ seq, text: ownText(text) });
      else nextFrom ??= seq;
    },
    result: (truncated: boolean): SearchResult => ({ total, matches, nextFrom, truncated }),
  };
}

function testerOf(regex: RegExp): (text: string) => boolean {
  return (text) => regex.test(text);
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}
