/**
 * Rows of the cost report → a summary (docs/API.md) plus the per-day-per-model table the CSV
 * export needs. All sums are exact BigInt nano-cents; rounding to cents happens once per
 * presented figure. Totals: today, 7 days (today and 6 before), month to date, 30 days
 * (today and 29 before); breakdowns (model, cost type, workspace) and `spanUsd` cover the
 * window's span (7, 30 or 90 days); `byDay` and the CSV table cover its chart days,
 * zero-filled. Only USD rows enter those figures; rows in another currency are totalled per
 * currency (over the span) in `otherCurrencies`, never with USD.
 */
import type { CostRow } from './cost-client.js';
import type { CostSummary } from './cost-types.js';
import { addDays, type CostWindow } from './cost-window.js';
import { toUsd, type Money } from './money.js';

export interface DayModelCell {
  date: string;
  model: string | null;
  amount: Money;
}

/** Everything derived from one fetch; `fetchedAt`, `source` and `stale` are added by the service. */
export interface CostSnapshot {
  summary: Omit<CostSummary, 'fetchedAt' | 'source' | 'stale' | 'coveredFrom'>;
  dayModel: DayModelCell[];
}

export function aggregateCosts(rows: readonly CostRow[], window: CostWindow): CostSnapshot {
  const byDay = new Map<string, Money>(window.days.map((day) => [day, 0n]));
  const dayModel = new Map<string, Map<string | null, DayModelCell>>();
  const thirtyStart = addDays(window.today, -29);
  const spanStart = window.spanStart;
  const chartStart = window.chartDays[0] ?? window.today;
  const models = new Map<string | null, Money>();
  const costTypes = new Map<string, Money>();
  const workspaces = new Map<string | null, Money>();
  const currencies = new Map<string, Money>();

  for (const row of rows) {
    if (row.currency !== 'USD') {
      if (row.day >= spanStart && row.day <= window.today) add(currencies, row.currency, row.amount);
      continue;
    }
    const dayTotal = byDay.get(row.day);
    if (dayTotal === undefined) continue;
    byDay.set(row.day, dayTotal + row.amount);
    if (row.day < chartStart) continue;
    let cells = dayModel.get(row.day);
    if (!cells) dayModel.set(row.day, (cells = new Map()));
    const cell = cells.get(row.model);
    if (cell) cell.amount += row.amount;
    else cells.set(row.model, { date: row.day, model: row.model, amount: row.amount });
    if (row.day < spanStart) continue;
    add(models, row.model, row.amount);
    add(costTypes, row.costType, row.amount);
    add(workspaces, row.workspaceId, row.amount);
  }

  const sinceDay = (first: string) => sumDays(byDay, (day) => day >= first);
  const monthToDate = sinceDay(window.monthStart);
  return {
    summary: {
      todayUsd: toUsd(byDay.get(window.today) ?? 0n),
      sevenDayUsd: toUsd(sinceDay(addDays(window.today, -6))),
      monthToDateUsd: toUsd(monthToDate),
      thirtyDayUsd: toUsd(sinceDay(thirtyStart)),
      span: window.span,
      spanUsd: toUsd(sinceDay(spanStart)),
      projectedMonthUsd: toUsd((monthToDate * BigInt(window.daysInMonth)) / BigInt(window.dayOfMonth)),
      byDay: window.chartDays.map((date) => ({ date, usd: toUsd(byDay.get(date) ?? 0n) })),
      byModel: ranked(models).map(([model, usd]) => ({ model, usd })),
      byCostType: ranked(costTypes).map(([costType, usd]) => ({ costType, usd })),
      byWorkspace: ranked(workspaces).map(([workspaceId, usd]) => ({ workspaceId, usd })),
      otherCurrencies: ranked(currencies).map(([currency, amount]) => ({ currency, amount })),
    },
    dayModel: window.chartDays.flatMap((day) => [...(dayModel.get(day)?.values() ?? [])]),
  };
}

function add<K>(map: Map<K, Money>, key: K, amount: Money): void {
  map.set(key, (map.get(key) ?? 0n) + amount);
}

function sumDays(byDay: Map<string, Money>, include: (day: string) => boolean): Money {
  let total = 0n;
  for (const [day, amount] of byDay) if (include(day)) total += amount;
  return total;
}

/** Largest first; ties by name so the order is stable. */
function ranked<K extends string | null>(map: Map<K, Money>): Array<[K, number]> {
  return [...map.entries()]
    .sort(([ka, a], [kb, b]) => (a === b ? String(ka).localeCompare(String(kb)) : a > b ? -1 : 1))
    .map(([key, amount]) => [key, toUsd(amount)]);
}
