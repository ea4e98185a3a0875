/**
 * The forecast and the anomaly explanation of the figures held (the 30-day view, whatever
 * span a reader shows): the daily totals of the view in exact money (zero-filled over its
 * days) feed forecast.ts; the held rows feed anomaly-explain.ts. Pure.
 */
import type { AnomalyExplanation, CostForecast } from '../contract/costs-forecast.js';
import { explainAnomaly } from './anomaly-explain.js';
import type { CostRow } from './cost-client.js';
import type { CostStore, CostView } from './cost-store.js';
import type { CostAlarm } from './cost-types.js';
import { DEFAULT_SPAN } from './cost-window.js';
import { forecastMonth } from './forecast.js';
import type { Money } from './money.js';
import type { NameDirectory } from './name-directory.js';

export interface SpendOutlook {
  forecast: CostForecast | null;
  explanation: AnomalyExplanation | null;
}

export interface OutlookInput {
  view: CostView | null;
  rows: () => readonly CostRow[] | null;
  alarm: CostAlarm | null;
  budgetUsd: number | null;
  workspaceName: (id: string) => string;
}

/** The outlook of what `sources` hold (the 30-day view; workspaces by name, else by id). */
export function heldOutlook(
  sources: { costs: Pick<CostStore, 'view' | 'rows'>; names: Pick<NameDirectory, 'workspace'> },
  alarm: CostAlarm | null,
  budgetUsd: number | null,
): SpendOutlook {
  return spendOutlook({
    view: sources.costs.view(DEFAULT_SPAN),
    rows: () => sources.costs.rows(),
    alarm,
    budgetUsd,
    workspaceName: (id) => sources.names.workspace(id)?.name ?? id,
  });
}

export function spendOutlook(input: OutlookInput): SpendOutlook {
  const { view } = input;
  const today = view?.days.at(-1);
  if (!view || !today) return { forecast: null, explanation: null };
  const totals = new Map<string, Money>(view.days.map((day) => [day, 0n]));
  for (const cell of view.snapshot.dayModel) totals.set(cell.date, (totals.get(cell.date) ?? 0n) + cell.amount);
  const forecast = forecastMonth({
    days: [...totals].map(([date, amount]) => ({ date, amount })),
    today,
    nowMs: view.fetchedAtMs,
    coveredFrom: view.coveredFrom,
    budgetUsd: input.budgetUsd,
  });
  const explanation = explainAnomaly({
    alarm: input.alarm,
    rows: input.rows,
    byDay: view.snapshot.summary.byDay,
    today,
    workspaceName: input.workspaceName,
  });
  return { forecast, explanation };
}
