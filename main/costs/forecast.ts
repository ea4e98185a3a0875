/**
 * The month-end forecast (ARCHITECTURE.md "Spend forecast"). Pure, exact money (nano-cents).
 *
 * - Pace: the mean daily spend of the pace days — the complete UTC days before today, at most
 *   PACE_DAYS (14: two whole weeks, so weekdays and weekends weigh as they do in a month),
 *   reaching into the previous month when needed, never before the first day held.
 * - Projection: month to date (today so far included) + pace × the rest of the month, the
 *   rest of today counted from `nowMs` (when the figures were fetched).
 * - Range: the same with the 10th and the 90th percentile pace day (nearest rank) instead of
 *   the mean — "every remaining day a quiet day" to "every remaining day a busy day" —
 *   widened to include the projection.
 * - Budget: the day the cumulative month spend reaches the budget — already (the day it
 *   did), at the pace (the day whose end it is reached by), or not this month.
 * With no complete day held, `no_history` says so.
 */
import type { BudgetReach, CostForecast } from '../contract/costs-forecast.js';
import { addDays, dayStartMs } from './cost-window.js';
import { formatUsd, toUsd, UNITS_PER_CENT, type Money } from './money.js';

export const PACE_DAYS = 14;
const DAY_MS = 86_400_000;

export interface ForecastInput {
  /** Daily USD totals, oldest first; must cover the month so far and the pace days. */
  days: ReadonlyArray<{ date: string; amount: Money }>;
  today: string;
  /** When the figures were fetched: the rest of today is counted from here. */
  nowMs: number;
  /** The first day held (earlier days are unknown, not zero); null when all `days` are known. */
  coveredFrom: string | null;
  budgetUsd: number | null;
}

export function forecastMonth(input: ForecastInput): CostForecast {
  const { today } = input;
  const month = today.slice(0, 7);
  const monthStart = `${month}-01`;
  const monthEnd = lastDayOfMonth(today);
  const inMonth = input.days.filter((d) => d.date >= monthStart && d.date <= today);
  const monthToDate = inMonth.reduce((sum, d) => sum + d.amount, 0n);
  const paceStart = addDays(today, -PACE_DAYS);
  const pace = input.days.filter(
    (d) => d.date < today && d.date >= paceStart && (input.coveredFrom === null || d.date >= input.coveredFrom),
  );
  if (pace.length === 0) {
    return {
      kind: 'no_history',
      month,
      monthToDateUsd: toUsd(monthToDate),
      detail:
        'No month-end projection yet: no complete UTC day of spend is held. It appears once a full day has been fetched.',
    };
  }
  const n = BigInt(pace.length);
  const perDay = pace.reduce((sum, d) => sum + d.amount, 0n) / n;
  const sorted = pace.map((d) => d.amount).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const lowDay = sorted[Math.ceil(pace.length / 10) - 1] ?? 0n;
  const highDay = sorted[Math.ceil((pace.length * 9) / 10) - 1] ?? 0n;

  const restOfToday = Math.min(DAY_MS, Math.max(0, dayStartMs(today) + DAY_MS - input.nowMs));
  const restOfMonth: string[] = [];
  for (let d = addDays(today, 1); d <= monthEnd; d = addDays(d, 1)) restOfMonth.push(d);
  const remainingMs = BigInt(restOfMonth.length * DAY_MS + restOfToday);
  const at = (rate: Money) => monthToDate + (rate * remainingMs) / BigInt(DAY_MS);
  const projected = at(perDay);
  const low = min(at(lowDay), projected);
  const high = max(at(highDay), projected);
  const remainingDays = Number(remainingMs) / DAY_MS;

  const budget = budgetReach({
    budgetUsd: input.budgetUsd,
    inMonth,
    monthToDate,
    perDay,
    endOfToday: monthToDate + (perDay * BigInt(restOfToday)) / BigInt(DAY_MS),
    today,
    restOfMonth,
    projected,
  });
  const usd = (m: Money) => `$${formatUsd(m)}`;
  const detail =
    `Projected month end ${usd(projected)} (range ${usd(low)}–${usd(high)}): month to date ${usd(monthToDate)} ` +
    `plus ${usd(perDay)} a day, the mean of the last ${pace.length} complete day${pace.length === 1 ? '' : 's'} ` +
    `(a quiet day ${usd(lowDay)}, a busy day ${usd(highDay)}), for the remaining ${remainingDays.toFixed(1)} days.`;
  return {
    kind: 'projected',
    month,
    monthToDateUsd: toUsd(monthToDate),
    projectedUsd: toUsd(projected),
    lowUsd: toUsd(low),
    highUsd: toUsd(high),
    paceUsd: toUsd(perDay),
    lowDayUsd: toUsd(lowDay),
    highDayUsd: toUsd(highDay),
    paceDays: pace.length,
    paceFrom: pace[0]!.date,
    paceTo: pace.at(-1)!.date,
    restOfMonth,
    budget,
    detail,
  };
}

interface ReachInput {
  budgetUsd: number | null;
  inMonth: ReadonlyArray<{ date: string; amount: Money }>;
  monthToDate: Money;
  perDay: Money;
  /** Month to date plus the pace over the rest of today. */
  endOfToday: Money;
  today: string;
  restOfMonth: readonly string[];
  projected: Money;
}

function budgetReach(input: ReachInput): BudgetReach {
  if (input.budgetUsd === null) return { kind: 'unset', detail: 'No monthly budget set.' };
  const budget = BigInt(Math.round(input.budgetUsd * 100)) * UNITS_PER_CENT;
  const label = `$${formatUsd(budget)}`;
  if (input.monthToDate >= budget) {
    let running = 0n;
    const date = input.inMonth.find((d) => (running += d.amount) >= budget)?.date ?? input.today;
    return { kind: 'reached', date, detail: `The budget ${label} was reached on ${date}.` };
  }
  const onPace = (date: string): BudgetReach => ({
    kind: 'on_pace',
    date,
    detail: `At this pace the budget ${label} is reached on ${date}.`,
  });
  if (input.endOfToday >= budget) return onPace(input.today);
  if (input.perDay > 0n) {
    const days = (budget - input.endOfToday + input.perDay - 1n) / input.perDay;
    const date = input.restOfMonth[Number(days) - 1];
    if (date !== undefined) return onPace(date);
  }
  return {
    kind: 'not_this_month',
    detail: `At this pace the budget ${label} is not reached this month (projected $${formatUsd(input.projected)}).`,
  };
}

function lastDayOfMonth(today: string): string {
  const date = new Date(dayStartMs(today));
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
}

const min = (a: Money, b: Money) => (a < b ? a : b);
const max = (a: Money, b: Money) => (a > b ? a : b);
