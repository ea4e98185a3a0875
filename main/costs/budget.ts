/**
 * The monthly budget: state against `monthlyBudgetUsd` (no default ceiling), the projected
 * month end against it, and the 80% / 100% crossings, each reported once per UTC month.
 * Crossings are persisted in the settings file (extra key `costBudgetCrossings`, and
 * `costBudgetCrossings:<slot>` for each added organization's key) so a restart does not
 * report them again.
 */
import type { SettingsStore } from '../settings/settings-store.js';
import type { BudgetCrossing, CostBudget, CostSummary } from './cost-types.js';

export const BUDGET_THRESHOLDS = [80, 100] as const;
export const CROSSINGS_KEY = 'costBudgetCrossings';

export function budgetPercent(monthToDateUsd: number, budgetUsd: number): number {
  return Math.round((monthToDateUsd / budgetUsd) * 1000) / 10;
}

export function describeBudget(
  budgetUsd: number | null,
  summary: CostSummary | null,
  crossings: BudgetCrossing[],
  /** The month end to judge against the budget (the forecast's); the summary's by default. */
  projectedUsd: number | undefined = summary?.projectedMonthUsd,
): CostBudget {
  if (budgetUsd === null) {
    return {
      state: 'unset',
      monthlyBudgetUsd: null,
      monthToDateUsd: summary?.monthToDateUsd ?? null,
      pct: null,
      projectedMonthUsd: summary ? (projectedUsd ?? null) : null,
      projectedPct: null,
      crossings,
      detail: 'No monthly budget set. Set one in Settings to be warned at 80% and 100%.',
    };
  }
  if (!summary) {
    return {
      state: 'ok',
      monthlyBudgetUsd: budgetUsd,
      monthToDateUsd: null,
      pct: null,
      projectedMonthUsd: null,
      projectedPct: null,
      crossings,
      detail: `Budget $${budgetUsd.toFixed(2)}; no spend data yet.`,
    };
  }
  const pct = budgetPercent(summary.monthToDateUsd, budgetUsd);
  const projected = projectedUsd ?? summary.projectedMonthUsd;
  const projectedPct = budgetPercent(projected, budgetUsd);
  const state = pct >= 100 ? 'exceeded' : pct >= 80 ? 'warning' : 'ok';
  const spent = `$${summary.monthToDateUsd.toFixed(2)} of $${budgetUsd.toFixed(2)} (${pct}%) spent this month`;
  const projection = `projected month end $${projected.toFixed(2)} (${projectedPct}%)`;
  const detail =
    state === 'exceeded'
      ? `Budget exceeded: ${spent}; ${projection}.`
      : state === 'warning'
        ? `Budget 80% reached: ${spent}; ${projection}.`
        : `${spent}; ${projection}.`;
  return {
    state,
    monthlyBudgetUsd: budgetUsd,
    monthToDateUsd: summary.monthToDateUsd,
    pct,
    projectedMonthUsd: projected,
    projectedPct,
    crossings,
    detail,
  };
}

/** Remembers which thresholds were already reported this month. */
export class BudgetCrossings {
  constructor(
    private readonly settings: SettingsStore,
    private readonly key: string = CROSSINGS_KEY,
  ) {}

  /** Crossings recorded for `month` (others are forgotten). */
  forMonth(month: string): BudgetCrossing[] {
    const stored = this.settings.getExtra(this.key);
    if (!Array.isArray(stored)) return [];
    return stored.filter((entry): entry is BudgetCrossing => isCrossing(entry) && entry.month === month);
  }

  /** Records newly crossed thresholds and returns them (empty when nothing is new). */
  async record(month: string, pct: number, at: string): Promise<BudgetCrossing[]> {
    const known = this.forMonth(month);
    const fresh = BUDGET_THRESHOLDS.filter(
      (threshold) => pct >= threshold && !known.some((c) => c.threshold === threshold),
    ).map((threshold): BudgetCrossing => ({ threshold, month, at }));
    if (fresh.length > 0) await this.settings.setExtra(this.key, [...known, ...fresh]);
    return fresh;
  }
}

function isCrossing(value: unknown): value is BudgetCrossing {
  const entry = value as Partial<BudgetCrossing> | null;
  return (
    !!entry &&
    (entry.threshold === 80 || entry.threshold === 100) &&
    typeof entry.month === 'string' &&
    typeof entry.at === 'string'
  );
}
