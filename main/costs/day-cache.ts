/**
 * Daily rows kept per UTC day (cost report or usage report), so closed days are fetched
 * once and never again. Pure: no I/O, the clock is a parameter.
 *
 * Invariants: a day is *closed* when it is older than yesterday and was last fetched at
 * least SETTLE_MS after it ended (late usage has arrived); today and yesterday are never
 * closed. A refresh fetches from the oldest day of the kept span that is not closed up to
 * today, so a routine refresh asks for yesterday and today only (a report asked one day per
 * request asks for exactly the open days). Days older than the span are dropped on merge.
 */
import { addDays, dayOf, dayStartMs } from './cost-window.js';

export const KEPT_DAYS = 90;
export const SETTLE_MS = 3_600_000;
const DAY_MS = 86_400_000;

export interface DayEntry<T> {
  rows: T[];
  fetchedAtMs: number;
}

export type DayMap<T> = ReadonlyMap<string, DayEntry<T>>;

/** The first day of the kept span ending today. */
export function keptSpanStart(nowMs: number, keptDays = KEPT_DAYS): string {
  return addDays(dayOf(nowMs), -(keptDays - 1));
}

export function isClosed(day: string, entry: DayEntry<unknown> | undefined, nowMs: number): boolean {
  if (!entry) return false;
  const yesterday = addDays(dayOf(nowMs), -1);
  return day < yesterday && entry.fetchedAtMs >= dayStartMs(day) + DAY_MS + SETTLE_MS;
}

/** The days a refresh must ask for: from the oldest open day of the span to today (at least yesterday). */
export function daysToFetch(
  days: DayMap<unknown>,
  nowMs: number,
  keptDays = KEPT_DAYS,
): { first: string; last: string } {
  const today = dayOf(nowMs);
  const yesterday = addDays(today, -1);
  for (let day = keptSpanStart(nowMs, keptDays); day < yesterday; day = addDays(day, 1))
    if (!isClosed(day, days.get(day), nowMs)) return { first: day, last: today };
  return { first: yesterday, last: today };
}

/** For a report asked one day per request: every day of the span not closed, newest first (today, yesterday, …). */
export function openDays(days: DayMap<unknown>, nowMs: number, keptDays = KEPT_DAYS): string[] {
  const open: string[] = [];
  for (let day = dayOf(nowMs), start = keptSpanStart(nowMs, keptDays); day >= start; day = addDays(day, -1))
    if (!isClosed(day, days.get(day), nowMs)) open.push(day);
  return open;
}

/**
 * The held days with a fetch of `first..last` merged in: every fetched day is replaced
 * (a day without rows is kept as an empty day), days outside the span are dropped.
 */
export function mergeDays<T>(
  held: DayMap<T>,
  fetched: { first: string; last: string; rows: readonly T[]; dayOf: (row: T) => string },
  nowMs: number,
  keptDays = KEPT_DAYS,
): Map<string, DayEntry<T>> {
  const start = keptSpanStart(nowMs, keptDays);
  const next = new Map<string, DayEntry<T>>();
  for (const [day, entry] of held)
    if (day >= start && (day < fetched.first || day > fetched.last)) next.set(day, entry);
  for (let day = fetched.first; day <= fetched.last; day = addDays(day, 1))
    if (day >= start) next.set(day, { rows: [], fetchedAtMs: nowMs });
  for (const row of fetched.rows) next.get(fetched.dayOf(row))?.rows.push(row);
  return new Map([...next.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Every held row, oldest day first. */
export function allRows<T>(days: DayMap<T>): T[] {
  return [...days.values()].flatMap((entry) => entry.rows);
}

/** The oldest held day, or null with none. */
export function firstHeldDay(days: DayMap<unknown>): string | null {
  return [...days.keys()].sort()[0] ?? null;
}
