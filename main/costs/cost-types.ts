/**
 * The cost capability's public shapes (docs/API.md "Costs"). The renderer imports these with
 * `import type`; nothing here has a runtime value. Amounts are USD numbers rounded to the
 * cent for presentation only: all sums are done exactly (see money.ts) before rounding.
 */
import type { AnomalyExplanation, CostForecast } from '../contract/costs-forecast.js';
import type { CostErrorKind } from '../core/contracts.js';

export type { CostErrorKind };

export interface CostSummary {
  todayUsd: number;
  /** Today and the 6 UTC days before. */
  sevenDayUsd: number;
  monthToDateUsd: number;
  /** Today and the 29 UTC days before. */
  thirtyDayUsd: number;
  /** The span the chart and the breakdowns cover: 7, 30 or 90 UTC days, today included. */
  span: 7 | 30 | 90;
  /** Spend over the span. */
  spanUsd: number;
  /**
   * The first UTC day the figures held on this computer cover; later than the span's first
   * day while older days have not been fetched yet (they are at the next refresh).
   */
  coveredFrom: string | null;
  /** Month to date extrapolated over the whole UTC month at the average daily rate so far. */
  projectedMonthUsd: number;
  /** Every UTC day of the span (for 30 days, back to the first of the month when earlier), oldest first, zero-filled. */
  byDay: Array<{ date: string; usd: number }>;
  /** Over the span; `model` is null for costs that have none (web search, code execution). */
  byModel: Array<{ model: string | null; usd: number }>;
  byCostType: Array<{ costType: string; usd: number }>;
  /**
   * `workspaceId` null is the organization's default workspace. `name` comes from the
   * workspaces list (absent until names are known: show the id); `archived` marks one archived.
   */
  byWorkspace: Array<{ workspaceId: string | null; usd: number; name?: string; archived?: boolean }>;
  /**
   * Costs billed in a currency other than USD over the span, one entry per currency
   * (amount in that currency's major unit). Never included in any USD figure above.
   */
  otherCurrencies: Array<{ currency: string; amount: number }>;
  fetchedAt: string;
  /**
   * `live` only in the answer of the request that fetched it (waited for the upstream answer);
   * `cached` for every other answer (from memory, expired, or read back from the cache file) —
   * `fetchedAt` says how old it is.
   */
  source: 'live' | 'cached';
  /** True when the latest refresh failed or the data is older than twice the refresh interval. */
  stale: boolean;
}

export interface CostError {
  kind: CostErrorKind;
  /** Safe to show; never contains the key. Includes what the Admin API said, when it said something. */
  message: string;
  retryAfterS?: number;
  /** The Admin API's documented error body (`error.type`, `error.message`, `request_id`): redacted, length-bounded. */
  upstream?: { type: string | null; message: string | null; requestId: string | null };
  /** Where the rejected key came from: with `env` the remedy is the environment variable, not Settings. */
  keySource?: 'env' | 'keychain';
}

export type CostAlarm =
  | {
      kind: 'ok' | 'alarm';
      todayUsd: number;
      meanUsd: number;
      stdUsd: number;
      zScore: number | null;
      baselineDays: number;
      detail: string;
    }
  | { kind: 'insufficient_data'; todayUsd: number; baselineDays: number; detail: string };

export interface BudgetCrossing {
  threshold: 80 | 100;
  /** `YYYY-MM` (UTC) the crossing belongs to. */
  month: string;
  at: string;
}

export type BudgetState = 'unset' | 'ok' | 'warning' | 'exceeded';

export interface CostBudget {
  state: BudgetState;
  monthlyBudgetUsd: number | null;
  monthToDateUsd: number | null;
  /** Month to date as a percentage of the budget, one decimal; null without a budget or data. */
  pct: number | null;
  projectedMonthUsd: number | null;
  projectedPct: number | null;
  /** Thresholds crossed this month, each reported once (persisted across restarts). */
  crossings: BudgetCrossing[];
  detail: string;
}

export interface CostsResponse {
  summary: CostSummary | null;
  error: CostError | null;
  alarm: CostAlarm | null;
  budget: CostBudget;
  /** The month-end projection (forecast.ts); null before the first good fetch. */
  forecast: CostForecast | null;
  /** Why the alarm fires (anomaly-explain.ts); null unless it does. */
  explanation: AnomalyExplanation | null;
}

export interface AdminKeyStatus {
  configured: boolean;
  source: 'keychain' | 'env' | null;
  last4: string | null;
  /** Why the keychain could not be read (no Secret Service, locked…); absent when it could. */
  unavailableReason?: string;
}

export interface FetchSummaryOptions {
  /** Go upstream now and wait for the answer (the user pressed Refresh). */
  refresh?: boolean;
  /** Wait for the refresh of an expired summary instead of answering the held one at once. */
  awaitRefresh?: boolean;
  /** The span of the chart and the breakdowns (30 by default). */
  span?: 7 | 30 | 90;
}

export interface FetchSummaryResult {
  summary: CostSummary | null;
  error: CostError | null;
}

/** The CSV of the chosen span, or why there is none. */
export type CsvExport = { kind: 'ok'; csv: string } | { kind: 'empty'; error: CostError | null };
