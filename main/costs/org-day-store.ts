/**
 * One report's rows per UTC day for the current organization: read from its day cache
 * file (day-cache-file.ts), refreshed by asking only for the days that are not closed
 * (day-cache.ts), written back atomically; a report asked one day per request
 * (`refreshEachDay`) asks for exactly the open days, newest first, and holds each day as
 * soon as it came, so a failure halfway loses nothing fetched before it; a day whose data
 * cannot be read does not block the older ones. A bad file or bad days are skipped and logged
 * with the reason (those days are fetched again); a failed write is logged and the rows
 * stay in memory. Another organization's rows are never mixed in: switching reads its own.
 */
import type { Logger } from '../logging/logger.js';
import type { FetchRange } from './cost-client.js';
import type { CostError } from './cost-types.js';
import { addDays } from './cost-window.js';
import { daysToFetch, KEPT_DAYS, mergeDays, openDays, type DayEntry } from './day-cache.js';
import { dayCachePath, readDayCache, writeDayCache, type DayCodec, type DayReport } from './day-cache-file.js';

export interface HeldDays<T> {
  orgId: string;
  days: Map<string, DayEntry<T>>;
  fetchedAtMs: number;
}

type Fetched<T> = { kind: 'ok'; rows: T[]; pages: number } | { kind: 'error'; error: CostError };
export type DayFetch<T> = (range: FetchRange) => Promise<Fetched<T>>;

export type DayRefresh =
  { kind: 'ok'; pages: number; rows: number; first: string; last: string } | { kind: 'error'; error: CostError };

/** A day's answer of a report asked per day; `invalid`: its data could not be read (that day only). */
export type DayFetched<T> = Fetched<T> | { kind: 'invalid'; reason: string };
export interface InvalidDay {
  day: string;
  reason: string;
}
/**
 * `ok`: every open day was asked (the `invalid` ones are left open, asked again next time);
 * `cancelled` and `error` stopped early, after `fetched` of the `open` days (kept).
 */
export type EachDayRefresh =
  | { kind: 'ok'; pages: number; rows: number; first: string; last: string; invalid: InvalidDay[] }
  | { kind: 'cancelled'; pages: number; rows: number; fetched: number; open: number }
  | { kind: 'error'; error: CostError; fetched: number; open: number };

export interface OrgDayStoreOptions<T> {
  attuneHome: string;
  report: DayReport;
  codec: DayCodec<T>;
  logger: Logger;
  now: () => number;
  /** Days kept, today included (90 by default). */
  keptDays?: number;
}

export class OrgDayStore<T extends { day: string }> {
  private heldDays: HeldDays<T> | null = null;

  constructor(private readonly options: OrgDayStoreOptions<T>) {}

  /** The rows held, or null before any (a new object after every change). */
  get held(): HeldDays<T> | null {
    return this.heldDays;
  }

  /** Reads the organization's days from disk; true when any were there. */
  async load(orgId: string): Promise<boolean> {
    const days = await this.readDays(orgId);
    if (days.size === 0) return false;
    let fetchedAtMs = 0;
    for (const entry of days.values()) fetchedAtMs = Math.max(fetchedAtMs, entry.fetchedAtMs);
    this.heldDays = { orgId, days, fetchedAtMs };
    return true;
  }

  async refresh(orgId: string, fetch: DayFetch<T>): Promise<DayRefresh> {
    const held = await this.current(orgId);
    const now = this.options.now();
    const { first, last } = daysToFetch(held, now, this.keptDays);
    const result = await fetch({ startingAt: `${first}T00:00:00Z`, endingAt: `${addDays(last, 1)}T00:00:00Z` });
    if (result.kind === 'error') return result;
    await this.keep(
      orgId,
      mergeDays(held, { first, last, rows: result.rows, dayOf: (row) => row.day }, now, this.keptDays),
      now,
    );
    return { kind: 'ok', pages: result.pages, rows: result.rows.length, first, last };
  }

  /**
   * One request (with its pages) per open day, newest first, each day held as it comes (a
   * backfill shows progress) and written back at the end, however it ends. A day whose
   * data cannot be read is left out and the loop goes on to older days; a failure of the
   * request (key, rate limit, transport) stops it, and so does `cancelled` (checked before each day).
   */
  async refreshEachDay(
    orgId: string,
    fetchDay: (day: string) => Promise<DayFetched<T>>,
    cancelled: () => boolean = () => false,
  ): Promise<EachDayRefresh> {
    let days = await this.current(orgId);
    const now = this.options.now();
    const open = openDays(days, now, this.keptDays);
    const invalid: InvalidDay[] = [];
    let pages = 0;
    let rows = 0;
    let fetched = 0;
    try {
      for (const day of open) {
        if (cancelled()) return { kind: 'cancelled', pages, rows, fetched, open: open.length };
        const result = await fetchDay(day);
        if (result.kind === 'error') return { kind: 'error', error: result.error, fetched, open: open.length };
        if (result.kind === 'invalid') {
          invalid.push({ day, reason: result.reason });
          continue;
        }
        days = mergeDays(
          days,
          { first: day, last: day, rows: result.rows, dayOf: (row) => row.day },
          now,
          this.keptDays,
        );
        this.heldDays = { orgId, days, fetchedAtMs: now };
        pages += result.pages;
        rows += result.rows.length;
        fetched += 1;
      }
    } finally {
      if (fetched > 0) await this.keep(orgId, days, now);
    }
    return { kind: 'ok', pages, rows, first: open.at(-1) ?? '', last: open[0] ?? '', invalid };
  }

  clear(): void {
    this.heldDays = null;
  }

  private get keptDays(): number {
    return this.options.keptDays ?? KEPT_DAYS;
  }

  private async current(orgId: string): Promise<Map<string, DayEntry<T>>> {
    return this.heldDays?.orgId === orgId ? this.heldDays.days : await this.readDays(orgId);
  }

  /** Holds the days and writes them back; a failed write is logged and the days stay in memory. */
  private async keep(orgId: string, days: Map<string, DayEntry<T>>, now: number): Promise<void> {
    this.heldDays = { orgId, days, fetchedAtMs: now };
    const { report, codec, logger } = this.options;
    const path = dayCachePath(this.options.attuneHome, orgId, report);
    try {
      await writeDayCache(path, report, orgId, days, codec);
    } catch (error) {
      logger.warn({ err: error, path }, `could not write the ${report} day cache file`);
    }
  }

  private async readDays(orgId: string): Promise<Map<string, DayEntry<T>>> {
    const { report, codec, logger } = this.options;
    const path = dayCachePath(this.options.attuneHome, orgId, report);
    const read = await readDayCache(path, report, codec);
    if (read.kind === 'missing') return new Map();
    if (read.kind === 'invalid' || read.orgId !== orgId) {
      const reason = read.kind === 'invalid' ? read.reason : 'it belongs to another organization';
      logger.warn({ path, reason }, `ignoring the ${report} day cache file (${reason}); its days are fetched again`);
      return new Map();
    }
    if (read.skipped.length > 0)
      logger.warn(
        { path, skipped: read.skipped },
        `skipped ${read.skipped.length} unreadable day(s) of the ${report} day cache file (${read.skipped.slice(0, 5).join(', ')}); they are fetched again`,
      );
    return read.days;
  }
}
