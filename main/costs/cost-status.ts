/**
 * The cost part of the app status (tray icon, window header): one state and one sentence
 * derived from what the cost service holds. Pure, so each state is easy to specify.
 * Not connected (no key, or no keychain and no figures ever fetched) is the neutral
 * `no_key`; `error` only once a configured key fails.
 */
import type { CostStatus } from '../core/contracts.js';
import type { CostAlarm, CostBudget, CostError } from './cost-types.js';

export interface CostStatusInput {
  nowMs: number;
  refreshIntervalMs: number;
  fetchedAtMs: number | null;
  monthToDateUsd: number | null;
  error: CostError | null;
  alarm: CostAlarm | null;
  budget: CostBudget;
}

export function deriveCostStatus(input: CostStatusInput): CostStatus {
  const { error, budget, alarm } = input;
  const base = {
    monthToDateUsd: input.monthToDateUsd,
    budgetPct: budget.pct,
    fetchedAt: input.fetchedAtMs === null ? null : new Date(input.fetchedAtMs).toISOString(),
    errorKind: error?.kind ?? null,
  };
  if (input.fetchedAtMs === null && error === null) return { ...base, state: 'loading', detail: 'Loading spend…' };
  if (error?.kind === 'no_key')
    return { ...base, state: 'no_key', detail: 'Billing not connected: add an admin key in Settings.' };
  // No figures ever fetched and no key readable: billing was never connected here, which is
  // not a failure (a headless start without a keychain). With figures, a key was in use: error.
  if (error?.kind === 'keychain_unavailable' && input.fetchedAtMs === null)
    return { ...base, state: 'no_key', detail: `Billing not connected. ${error.message}` };
  // A failure other than no_key is an error however old the figures are (issue 4): it must
  // not hide behind `stale` once the last good fetch is two intervals old.
  if (error) return { ...base, state: 'error', detail: error.message };
  if (input.fetchedAtMs !== null && input.nowMs - input.fetchedAtMs > 2 * input.refreshIntervalMs) {
    const minutes = Math.round((input.nowMs - input.fetchedAtMs) / 60_000);
    return { ...base, state: 'stale', detail: `Spend figures are ${minutes} min old.` };
  }
  if (budget.state === 'exceeded' || budget.state === 'warning')
    return { ...base, state: 'warning', detail: budget.detail };
  if (alarm?.kind === 'alarm') return { ...base, state: 'warning', detail: alarm.detail };
  return {
    ...base,
    state: 'ok',
    detail: input.monthToDateUsd === null ? null : `$${input.monthToDateUsd.toFixed(2)} this month.`,
  };
}
