/**
 * What a read of the cost service answers, from what it holds: the last good data with its
 * freshness (`source`, `stale`) and the latest error with the remaining `retry-after`.
 * Pure, so the freshness rules are specified in one place:
 * - `live` only for data this process fetched within the cache TTL; older data, or data
 *   read back from the cache file, is `cached`;
 * - `stale` when the latest refresh failed or the data is older than twice the refresh
 *   interval.
 */
import type { CachedCosts } from './cost-cache-file.js';
import type { CostError, FetchSummaryResult } from './cost-types.js';

export type HeldCosts = CachedCosts & { source: 'live' | 'cached' };

export interface PresentInput {
  good: HeldCosts | null;
  error: CostError | null;
  retryNotBeforeMs: number;
  nowMs: number;
  intervalMs: number;
  ttlMs: number;
}

export function presentSummary(input: PresentInput): FetchSummaryResult {
  const { good, nowMs } = input;
  let error = input.error;
  if (error?.retryAfterS !== undefined)
    error = { ...error, retryAfterS: Math.max(0, Math.ceil((input.retryNotBeforeMs - nowMs) / 1000)) };
  if (!good) return { summary: null, error };
  const age = nowMs - good.fetchedAtMs;
  const stale = error !== null || age > 2 * input.intervalMs;
  const source = good.source === 'live' && age < input.ttlMs ? 'live' : 'cached';
  return {
    summary: { ...good.snapshot.summary, fetchedAt: new Date(good.fetchedAtMs).toISOString(), source, stale },
    error,
  };
}
