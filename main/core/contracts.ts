/**
 * Contracts between capabilities inside main/, so each can be built and tested alone.
 *
 * `CostStatusSource` is what the cost service offers the status service (and through
 * it the tray and the UI header): a small snapshot plus a change signal.
 */

export type CostErrorKind = 'no_key' | 'keychain_unavailable' | 'auth_failed' | 'rate_limited' | 'network' | 'unknown';

/**
 * - `loading`: no answer yet since start (and nothing cached)
 * - `ok`: fresh data, no alarm
 * - `warning`: a budget threshold crossed or a spend anomaly today
 * - `error`: the last refresh failed with a kind other than `no_key`
 * - `no_key`: no admin key configured (not an error: the user has not connected billing)
 * - `stale`: the newest data is older than twice the refresh interval
 */
export type CostState = 'loading' | 'ok' | 'warning' | 'error' | 'no_key' | 'stale';

export interface CostStatus {
  state: CostState;
  monthToDateUsd: number | null;
  /** Month to date as a percentage of the monthly budget; null without a budget. */
  budgetPct: number | null;
  fetchedAt: string | null;
  errorKind: CostErrorKind | null;
  /** One sentence for a tooltip or header ("Budget 80% reached", "Key rejected"). */
  detail: string | null;
}

export interface CostStatusSource {
  costStatus(): CostStatus;
  /** Called whenever costStatus() may have changed; returns an unsubscribe function. */
  onCostStatusChange(listener: () => void): () => void;
}
