/**
 * The cost figures held for the current organization: the cost report's rows per UTC day
 * (org-day-store.ts, `ops/orgs/<org>/cost-days.json`; closed days never fetched again).
 * The previous version's `ops/cost-cache.json` (a 30-day summary) is read on upgrade and
 * shown until the first refresh. Views (summary + CSV table per span) are computed once
 * per held data set and span.
 */
import type { Logger } from '../logging/logger.js';
import { redactKeyShapes } from '../logging/redact.js';
import { aggregateCosts, type CostSnapshot } from './aggregate.js';
import { costCachePath, readCostCache, type CachedCosts } from './cost-cache-file.js';
import type { CostClient, CostRow } from './cost-client.js';
import type { KeySource } from './cost-errors.js';
import type { CostError } from './cost-types.js';
import { costWindow, type Span } from './cost-window.js';
import { allRows, firstHeldDay, type DayEntry } from './day-cache.js';
import type { DayCodec } from './day-cache-file.js';
import { moneyFromJson, moneyToJson } from './money.js';
import { OrgDayStore } from './org-day-store.js';
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
  | { kind: 'ok'; orgId: string; requests: number; pages: number; rows: number; first: string; last: string }
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
  private readonly store: OrgDayStore<CostRow>;
  private legacy: CachedCosts | null = null;
  private views = new Map<Span, CostView>();
  private viewsOf: object | null = null;

  constructor(
    private readonly options: {
      attuneHome: string;
      org: OrgResolver;
      logger: Logger;
      now: () => number;
      /** The previous version's single cache file is the `default` key's only. */
      readsLegacyCache: boolean;
    },
  ) {
    this.store = new OrgDayStore({ ...options, report: 'cost', codec: COST_ROW_CODEC });
  }

  get held(): HeldCosts | null {
    const days = this.store.held;
    if (days) return { kind: 'days', ...days };
    return this.legacy ? { kind: 'legacy', cached: this.legacy } : null;
  }

  fetchedAtMs(): number | null {
    return this.store.held?.fetchedAtMs ?? this.legacy?.fetchedAtMs ?? null;
  }

  /** At start: the remembered organization's days, else the previous version's cache file. */
  async load(): Promise<void> {
    const org = this.options.org.current;
    if ((org && (await this.store.load(org.id))) || !this.options.readsLegacyCache) return;
    const path = costCachePath(this.options.attuneHome);
    const read = await readCostCache(path);
    if (read.kind === 'ok') this.legacy = read.cached;
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
    const result = await this.store.refresh(resolved.org.id, (range) => client.fetchWindow(range, key, keySource));
    if (result.kind === 'error') return result;
    this.legacy = null;
    return { ...result, orgId: resolved.org.id, requests: resolved.requests + result.pages };
  }

  /** The summary and CSV table of the held figures for a span; null with none. */
  view(span: Span): CostView | null {
    const days = this.store.held;
    const source = days ?? this.legacy;
    if (!source) return null;
    if (this.viewsOf !== source) {
      this.views = new Map();
      this.viewsOf = source;
    }
    const memo = this.views.get(span);
    if (memo) return memo;
    let view: CostView;
    if (!days) {
      // The previous version kept a 30-day summary only: shown as it is, whatever span was asked.
      const { snapshot, days: legacyDays, fetchedAtMs } = source as CachedCosts;
      view = { snapshot, days: legacyDays, coveredFrom: legacyDays[0] ?? null, fetchedAtMs };
    } else {
      const window = costWindow(days.fetchedAtMs, span);
      view = {
        snapshot: aggregateCosts(allRows(days.days), window),
        days: window.chartDays,
        coveredFrom: firstHeldDay(days.days),
        fetchedAtMs: days.fetchedAtMs,
      };
    }
    this.views.set(span, view);
    return view;
  }

  /** Every held cost row; null when only the previous version's summary is held (or nothing). */
  rows(): CostRow[] | null {
    const days = this.store.held;
    return days ? allRows(days.days) : null;
  }

  /** TEST ONLY (through CostService.clearCache): forgets what is held in memory. */
  clear(): void {
    this.store.clear();
    this.legacy = null;
  }
}
