/**
 * Usage rows → tokens by type and the cache hit rate, overall, per UTC day (zero-filled
 * over the span) and per model (most tokens first, ties by name). Hit rate =
 * cache_read ÷ (uncached_input + cache_read + cache_writes 5 m + 1 h), null when no input
 * token was used. Integer sums; the rate is rounded to 4 decimals for presentation only.
 */
import type { TokenCounts, UsageRow } from './usage-client.js';
import { addDays, dayOf, type Span } from './cost-window.js';

export type TokenFigures = TokenCounts & { hitRate: number | null };

export interface UsageFigures {
  span: Span;
  totals: TokenFigures;
  byDay: Array<TokenFigures & { date: string }>;
  byModel: Array<TokenFigures & { model: string | null }>;
}

/** The counted fields of a usage row, in report order (the store reads the same ones from disk). */
export const TOKEN_COUNT_FIELDS = [
  'uncachedInputTokens',
  'cacheReadInputTokens',
  'cacheCreation5mInputTokens',
  'cacheCreation1hInputTokens',
  'outputTokens',
  'webSearchRequests',
] as const;

const zero = (): TokenCounts => ({
  uncachedInputTokens: 0,
  cacheReadInputTokens: 0,
  cacheCreation5mInputTokens: 0,
  cacheCreation1hInputTokens: 0,
  outputTokens: 0,
  webSearchRequests: 0,
});

export function hitRate(t: TokenCounts): number | null {
  const input =
    t.uncachedInputTokens + t.cacheReadInputTokens + t.cacheCreation5mInputTokens + t.cacheCreation1hInputTokens;
  return input === 0 ? null : Math.round((t.cacheReadInputTokens / input) * 10_000) / 10_000;
}

const figures = (t: TokenCounts): TokenFigures => ({ ...t, hitRate: hitRate(t) });

function add(into: TokenCounts, row: TokenCounts): void {
  for (const field of TOKEN_COUNT_FIELDS) into[field] += row[field];
}

/** The span ending on the UTC day of `nowMs`. */
export function aggregateUsage(rows: readonly UsageRow[], nowMs: number, span: Span): UsageFigures {
  const today = dayOf(nowMs);
  const start = addDays(today, -(span - 1));
  const totals = zero();
  const days = new Map<string, TokenCounts>();
  for (let day = start; day <= today; day = addDays(day, 1)) days.set(day, zero());
  const models = new Map<string | null, TokenCounts>();
  for (const row of rows) {
    const day = days.get(row.day);
    if (!day) continue;
    add(day, row);
    add(totals, row);
    let model = models.get(row.model);
    if (!model) models.set(row.model, (model = zero()));
    add(model, row);
  }
  const volume = (t: TokenCounts) =>
    t.uncachedInputTokens +
    t.cacheReadInputTokens +
    t.cacheCreation5mInputTokens +
    t.cacheCreation1hInputTokens +
    t.outputTokens;
  return {
    span,
    totals: figures(totals),
    byDay: [...days].map(([date, t]) => ({ date, ...figures(t) })),
    byModel: [...models]
      .sort(([ma, a], [mb, b]) => volume(b) - volume(a) || String(ma).localeCompare(String(mb)))
      .map(([model, t]) => ({ model, ...figures(t) })),
  };
}
