/**
 * The cost figures held for the current organization: its closed UTC days on disk
 * (day-cache-file.ts, `ops/orgs/<org>/cost-days.json`) plus today and yesterday, refreshed
 * by asking the cost report only for the days that are not closed (day-cache.ts). The
 * previous version's `ops/cost-cache.json` (a 30-day summary) is read on upgrade and shown
 * until the first refresh. A bad file or bad days are skipped and logged with the reason
 * (those days are fetched again); a write failure is logged and the figures stay in memory.
 * Views (summary + CSV table per span) are computed once per held data set and span.
 */
import type { Logger } from '../logging/logger.js';
import { redactKeyShapes } from '../logging/redact.js';
import { aggregateCosts, type CostSnapshot } from './aggregate.js';
import { costCachePath, readCostCache, type CachedCosts } from './cost-cache-file.js';
import type { CostClient, CostRow } from './cost-client.js';
import type { KeySource } from './cost-errors.js';
import type { CostError } from './cost-types.js';
import { addDays, costWindow, type Span } from './cost-window.js';
import { allRows, daysToFetch, firstHeldDay, mergeDays, type DayEntry } from './day-cache.js';
import { dayCachePath, readDayCache, writeDayCache, type DayCodec } from './day-cache-file.js';
import { moneyFromJson, moneyToJson } from './money.js';
import type { OrgResolver } from './org-identity.js';

export type HeldCosts =
  | { kind: 'days'; orgId: string; days: Map<string, DayEntry<CostRow>>; fetchedAtMs: number }
  | { kind: 'legacy'; cached: CachedCosts };

export interface CostView {
  snapshot: CostSnapshot;
  /** The days of the CSV table (the chart days). */
  days: string[];
  coveredFrom: string | null;
  fetchedAtMs: number;
}

export type CostStoreRefresh =
  | { kind: 'ok'; requests: number; pages: number; rows: number; first: string; last: string }
  | { kind: 'error'; error: CostError };

const text = (value: unknown) => (typeof value === 'string' ? redactKeyShapes(value) : null);

export const COST_ROW_CODEC: DayCodec<CostRow> = {
  toJson: (row) => ({
    amount: moneyToJson(row.amount),
    model: row.model,
    costType: row.costType,
    workspaceId: row.workspaceId,
    currency: row.currency,
  }),
  fromJson: (raw, day) => {
    const r = (raw ?? {}) as Record<string, unknown>;
    const amount = moneyFromJson(r.amount);
    const costType = text(r.costType);
    const currency = text(r.currency);
    if (amount === null || costType === null || currency === null) return null;
    if (
      (r.model !== null && typeof r.model !== 'string') ||
      (r.workspaceId !== null && typeof r.workspaceId !== 'string')
    )
      return null;
    return { day, amount, model: text(r.model), costType, workspaceId: text(r.workspaceId), currency };
  },
};

export class CostStore {
  private heldData: HeldCosts | null = null;
  private views = new Map<Span, CostView>();

  constructor(private readonly options: { attuneHome: string; org: OrgResolver; logger: Logger; now: () => number }) {}

  get held(): HeldCosts | null {
    return this.heldData;
  }

  fetchedAtMs(): number | null {
    const held = this.heldData;
    if (!held) return null;
    return held.kind === 'legacy' ? held.cached.fetchedAtMs : held.fetchedAtMs;
  }

  /** At start: the remembered organization's days, else the previous version's cache file. */
  async load(): Promise<void> {
    const org = this.options.org.current;
    if (org) {
      const days = await this.readDays(org.id);
      if (days.size > 0) return this.hold({ kind: 'days', orgId: org.id, days, fetchedAtMs: latest(days) });
    }
    const path = costCachePath(this.options.attuneHome);
    const read = await readCostCache(path);
    if (read.kind === 'ok') this.hold({ kind: 'legacy', cached: read.cached });
    if (read.kind === 'invalid')
      this.options.logger.warn(
        { path, reason: read.reason },
        `ignoring the cost cache file (${read.reason}); spend figures appear after the next refresh`,
      );
  }

  /** One refresh: the key's organization, then the cost report for the days not closed. */
  async refresh(client: CostClient, key: string, keySource: KeySource, force: boolean): Promise<CostStoreRefresh> {
    const resolved = await this.options.org.resolve(client, key, keySource, force);
    if (resolved.kind === 'error') return resolved;
    const orgId = resolved.org.id;
    const held =
      this.heldData?.kind === 'days' && this.heldData.orgId === orgId ? this.heldData.days : await this.readDays(orgId);
    const now = this.options.now();
    const { first, last } = daysToFetch(held, now);
    const result = await client.fetchWindow(
      { startingAt: `${first}T00:00:00Z`, endingAt: `${addDays(last, 1)}T00:00:00Z` },
      key,
      keySource,
    );
    if (result.kind === 'error') return result;
    const days = mergeDays(held, { first, last, rows: result.rows, dayOf: (row) => row.day }, now);
    this.hold({ kind: 'days', orgId, days, fetchedAtMs: now });
    const path = dayCachePath(this.options.attuneHome, orgId, 'cost');
    try {
      await writeDayCache(path, 'cost', orgId, days, COST_ROW_CODEC);
    } catch (error) {
      this.options.logger.warn({ err: error, path }, 'could not write the cost day cache file');
    }
    return {
      kind: 'ok',
      requests: resolved.requests + result.pages,
      pages: result.pages,
      rows: result.rows.length,
      first,
      last,
    };
  }

  /** The summary and CSV table of the held figures for a span; null with none. */
  view(span: Span): CostView | null {
    const held = this.heldData;
    if (!held) return null;
    const memo = this.views.get(span);
    if (memo) return memo;
    let view: CostView;
    if (held.kind === 'legacy') {
      // The previous version kept a 30-day summary only: shown as it is, whatever span was asked.
      const { snapshot, days, fetchedAtMs } = held.cached;
      view = { snapshot, days, coveredFrom: days[0] ?? null, fetchedAtMs };
    } else {
      const window = costWindow(held.fetchedAtMs, span);
      view = {
        snapshot: aggregateCosts(allRows(held.days), window),
        days: window.chartDays,
        coveredFrom: firstHeldDay(held.days),
        fetchedAtMs: held.fetchedAtMs,
      };
    }
    this.views.set(span, view);
    return view;
  }

  /** TEST ONLY (through CostService.clearCache): forgets what is held in memory. */
  clear(): void {
    this.heldData = null;
    this.views.clear();
  }

  private hold(held: HeldCosts): void {
    this.heldData = held;
    this.views = new Map();
  }

  private async readDays(orgId: string): Promise<Map<string, DayEntry<CostRow>>> {
    const path = dayCachePath(this.options.attuneHome, orgId, 'cost');
    const read = await readDayCache(path, 'cost', COST_ROW_CODEC);
    const { logger } = this.options;
    if (read.kind === 'missing') return new Map();
    if (read.kind === 'invalid' || read.orgId !== orgId) {
      const reason = read.kind === 'invalid' ? read.reason : 'it belongs to another organization';
      logger.warn({ path, reason }, `ignoring the cost day cache file (${reason}); its days are fetched again`);
      return new Map();
    }
    if (read.skipped.length > 0)
      logger.warn(
        { path, skipped: read.skipped },
        `skipped ${read.skipped.length} unreadable day(s) of the cost day cache file (${read.skipped.slice(0, 5).join(', ')}); they are fetched again`,
      );
    return read.days;
  }
}

function latest(days: ReadonlyMap<string, DayEntry<unknown>>): number {
  let max = 0;
  for (const entry of days.values()) max = Math.max(max, entry.fetchedAtMs);
  return max;
}
