/**
 * One report's rows per UTC day for the current organization: read from its day cache
 * file (day-cache-file.ts), refreshed by asking only for the days that are not closed
 * (day-cache.ts), written back atomically. A bad file or bad days are skipped and logged
 * with the reason (those days are fetched again); a failed write is logged and the rows
 * stay in memory. Another organization's rows are never mixed in: switching reads its own.
 */
import type { Logger } from '../logging/logger.js';
import type { FetchRange } from './cost-client.js';
import type { CostError } from './cost-types.js';
import { addDays } from './cost-window.js';
import { daysToFetch, mergeDays, type DayEntry } from './day-cache.js';
import { dayCachePath, readDayCache, writeDayCache, type DayCodec, type DayReport } from './day-cache-file.js';

export interface HeldDays<T> {
  orgId: string;
  days: Map<string, DayEntry<T>>;
  fetchedAtMs: number;
}

export type DayFetch<T> = (
  range: FetchRange,
) => Promise<{ kind: 'ok'; rows: T[]; pages: number } | { kind: 'error'; error: CostError }>;

export type DayRefresh =
  { kind: 'ok'; pages: number; rows: number; first: string; last: string } | { kind: 'error'; error: CostError };

export interface OrgDayStoreOptions<T> {
  attuneHome: string;
  report: DayReport;
  codec: DayCodec<T>;
  logger: Logger;
  now: () => number;
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
    const held = this.heldDays?.orgId === orgId ? this.heldDays.days : await this.readDays(orgId);
    const now = this.options.now();
    const { first, last } = daysToFetch(held, now);
    const result = await fetch({ startingAt: `${first}T00:00:00Z`, endingAt: `${addDays(last, 1)}T00:00:00Z` });
    if (result.kind === 'error') return result;
    const days = mergeDays(held, { first, last, rows: result.rows, dayOf: (row) => row.day }, now);
    this.heldDays = { orgId, days, fetchedAtMs: now };
    const { report, codec, logger } = this.options;
    const path = dayCachePath(this.options.attuneHome, orgId, report);
    try {
      await writeDayCache(path, report, orgId, days, codec);
    } catch (error) {
      logger.warn({ err: error, path }, `could not write the ${report} day cache file`);
    }
    return { kind: 'ok', pages: result.pages, rows: result.rows.length, first, last };
  }

  clear(): void {
    this.heldDays = null;
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
