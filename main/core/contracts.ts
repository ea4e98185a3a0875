/**
 * Contracts between capabilities inside main/, so each can be built and tested alone.
 *
 * `CostStatusSource` is what the cost service offers the status service (and through
 * it the tray and the UI header): a small snapshot plus a change signal.
 */
import type { LogHealth } from '../logging/log-health.js';

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

/** The overall state the tray icon and the UI header follow (docs/API.md `/api/status`). */
export type OverallState = 'ok' | 'running' | 'warning' | 'error' | 'stale';

export interface RunBrief {
  id: string;
  workflow: string;
  path: string;
  status: 'running' | 'succeeded' | 'failed' | 'cancelled' | 'timed_out' | 'interrupted';
  startedAt: string;
  finishedAt: string | null;
}

export interface OpsStatus {
  overall: OverallState;
  runs: { running: RunBrief[]; lastFinished: RunBrief | null };
  costs: {
    state: CostState;
    monthToDateUsd: number | null;
    budgetPct: number | null;
    fetchedAt: string | null;
    detail: string | null;
  };
  /** The server's own log (ops.log); `degraded` is shown as a warning. Absent when not reported. */
  log?: LogHealth;
}

/** Offered by the status service to the HTTP layer and the desktop shell's tray. */
export interface StatusSource {
  current(): OpsStatus;
  /** Called with the new status whenever it changes; returns an unsubscribe function. */
  onChange(listener: (status: OpsStatus) => void): () => void;
}
