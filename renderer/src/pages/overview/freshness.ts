/**
 * The freshness line under every spend figure, so cached numbers are never mistaken for
 * live ones: "live", "cached · fetched 6 min ago", "stale — last refresh failed: <msg>"
 * or "stale · fetched 2 h ago" (old data without a failure). Pure, for tests.
 */
import type { CostError, CostSummary } from '../../api/costs';
import { formatRelative } from '../../components';

export type FreshnessTone = 'live' | 'cached' | 'stale';

export interface Freshness {
  tone: FreshnessTone;
  text: string;
}

export function describeFreshness(
  summary: Pick<CostSummary, 'source' | 'fetchedAt' | 'stale'>,
  error: Pick<CostError, 'message'> | null,
  now: number,
): Freshness {
  if (error) return { tone: 'stale', text: `stale — last refresh failed: ${error.message}` };
  const fetched = formatRelative(summary.fetchedAt, now);
  if (summary.stale) return { tone: 'stale', text: `stale · fetched ${fetched}` };
  if (summary.source === 'live') return { tone: 'live', text: 'live' };
  return { tone: 'cached', text: `cached · fetched ${fetched}` };
}
