/**
 * The UTC day window a cost summary covers: from the earlier of the first of this UTC
 * month and 29 days ago (so both "month to date" and "30 days" are complete; 89 days ago
 * for the 90-day span) up to tomorrow 00:00Z, exclusive. The span (7, 30 or 90 days,
 * today included) is what the chart and the breakdowns show. Days are `YYYY-MM-DD`
 * strings; all arithmetic is in UTC.
 */

const DAY_MS = 86_400_000;

export const SPANS = [7, 30, 90] as const;
export type Span = (typeof SPANS)[number];
export const DEFAULT_SPAN: Span = 30;

export interface CostWindow {
  /** Days the chart and breakdowns cover, today included. */
  span: Span;
  /** First day of the span. */
  spanStart: string;
  /** The days of the chart: the span, reaching back to the first of the month for 30 days. */
  chartDays: string[];
  /** First day of the window (inclusive). */
  start: string;
  /** Today (UTC), the last day of the window. */
  today: string;
  /** Tomorrow 00:00Z as RFC 3339: the request's exclusive `ending_at`. */
  endingAt: string;
  startingAt: string;
  /** Every day from start to today, oldest first. */
  days: string[];
  /** `YYYY-MM` of today. */
  month: string;
  monthStart: string;
  daysInMonth: number;
  /** Day of the month of today, 1-based. */
  dayOfMonth: number;
}

export function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function dayStartMs(day: string): number {
  return Date.parse(`${day}T00:00:00.000Z`);
}

export function addDays(day: string, count: number): string {
  return dayOf(dayStartMs(day) + count * DAY_MS);
}

/** The window for "now" (injected clock time in ms). */
export function costWindow(nowMs: number, span: Span = DEFAULT_SPAN): CostWindow {
  const today = dayOf(nowMs);
  const date = new Date(dayStartMs(today));
  const year = date.getUTCFullYear();
  const monthIndex = date.getUTCMonth();
  const monthStart = dayOf(Date.UTC(year, monthIndex, 1));
  const spanStart = addDays(today, -(span - 1));
  const thirtyStart = addDays(today, -29);
  const earliest = spanStart < thirtyStart ? spanStart : thirtyStart;
  const start = monthStart < earliest ? monthStart : earliest;
  const days: string[] = [];
  for (let day = start; day <= today; day = addDays(day, 1)) days.push(day);
  const tomorrow = addDays(today, 1);
  const chartStart = span >= 30 && monthStart < spanStart ? monthStart : spanStart;
  return {
    span,
    spanStart,
    chartDays: days.filter((day) => day >= chartStart),
    start,
    today,
    startingAt: `${start}T00:00:00Z`,
    endingAt: `${tomorrow}T00:00:00Z`,
    days,
    month: today.slice(0, 7),
    monthStart,
    daysInMonth: new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate(),
    dayOfMonth: date.getUTCDate(),
  };
}
