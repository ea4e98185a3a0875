/**
 * What a read of the cost service answers, from what it holds: the last good data with its
 * freshness (`source`, `stale`) and the latest error with the remaining `retry-after`.
 * Pure, so the freshness rules are specified in one place:
 * - `live` only for the answer of the request that fetched it (it waited for the upstream
 *   answer); every other answer — from memory within the TTL, expired, or read back from
 *   the cache file — is `cached`, with its `fetchedAt`;
 * - `stale` when the latest refresh failed or the data is older than twice the refresh
 *   interval;
 * - workspaces carry their name (and `archived`) once the workspaces list is known.
 */
import type { CostView } from './cost-store.js';
import type { CostError, FetchSummaryResult } from './cost-types.js';
import type { WorkspaceLabel } from './name-directory.js';

export interface PresentInput {
  view: CostView | null;
  error: CostError | null;
  retryNotBeforeMs: number;
  nowMs: number;
  intervalMs: number;
  /** This request waited for the upstream fetch that produced `good`. */
  fetchedByRequest: boolean;
  workspaceName: (id: string | null) => WorkspaceLabel | null;
}

export function presentSummary(input: PresentInput): FetchSummaryResult {
  const { view, nowMs } = input;
  let error = input.error;
  if (error?.retryAfterS !== undefined)
    error = { ...error, retryAfterS: Math.max(0, Math.ceil((input.retryNotBeforeMs - nowMs) / 1000)) };
  if (!view) return { summary: null, error };
  const age = nowMs - view.fetchedAtMs;
  const stale = error !== null || age > 2 * input.intervalMs;
  const source = input.fetchedByRequest ? 'live' : 'cached';
  return {
    summary: {
      ...view.snapshot.summary,
      byWorkspace: view.snapshot.summary.byWorkspace.map((entry) => ({
        ...entry,
        ...input.workspaceName(entry.workspaceId),
      })),
      coveredFrom: view.coveredFrom,
      fetchedAt: new Date(view.fetchedAtMs).toISOString(),
      source,
      stale,
    },
    error,
  };
}
