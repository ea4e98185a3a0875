/**
 * Tokens and cache efficiency for the current organization: the usage report's rows per
 * UTC day (org-day-store.ts, `ops/orgs/<org>/usage-days.json`; closed days never fetched
 * again), refreshed with the cost report by the cost service, and its answer for a span
 * (`GET /api/usage`). A failed usage fetch keeps the rows held (marked stale) and its error;
 * it never fails the cost figures. Figures per span are computed once per held data set.
 */
import type { Logger } from '../logging/logger.js';
import { redactKeyShapes } from '../logging/redact.js';
import type { CostClient } from './cost-client.js';
import type { KeySource } from './cost-errors.js';
import type { CostError } from './cost-types.js';
import type { Span } from './cost-window.js';
import { allRows, firstHeldDay } from './day-cache.js';
import type { DayCodec } from './day-cache-file.js';
import { OrgDayStore, type DayRefresh } from './org-day-store.js';
import { aggregateUsage, TOKEN_COUNT_FIELDS, type UsageFigures } from './usage-aggregate.js';
import { fetchUsage, type UsageRow } from './usage-client.js';

export interface UsageSummary extends UsageFigures {
  coveredFrom: string | null;
  fetchedAt: string;
  source: 'live' | 'cached';
  stale: boolean;
}

export interface UsageResponse {
  usage: UsageSummary | null;
  error: CostError | null;
}

const nullableText = (value: unknown): string | null | undefined =>
  value === null ? null : typeof value === 'string' ? redactKeyShapes(value) : undefined;

export const USAGE_ROW_CODEC: DayCodec<UsageRow> = {
  toJson: ({ day: _day, ...row }) => row,
  fromJson: (raw, day) => {
    const r = (raw ?? {}) as Record<string, unknown>;
    const model = nullableText(r.model);
    const apiKeyId = nullableText(r.apiKeyId);
    const workspaceId = nullableText(r.workspaceId);
    if (model === undefined || apiKeyId === undefined || workspaceId === undefined) return null;
    const row: UsageRow = {
      day,
      model,
      apiKeyId,
      workspaceId,
      ...Object.fromEntries(TOKEN_COUNT_FIELDS.map((c) => [c, 0])),
    } as UsageRow;
    for (const field of TOKEN_COUNT_FIELDS) {
      const value = r[field];
      if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) return null;
      row[field] = value;
    }
    return row;
  },
};

export class UsageStore {
  private readonly store: OrgDayStore<UsageRow>;
  private error: CostError | null = null;
  private memo: { of: object; span: Span; figures: UsageFigures } | null = null;

  constructor(options: { attuneHome: string; logger: Logger; now: () => number }) {
    this.store = new OrgDayStore({ ...options, report: 'usage', codec: USAGE_ROW_CODEC });
  }

  async load(orgId: string | undefined): Promise<void> {
    if (orgId) await this.store.load(orgId);
  }

  /** The usage report for the days not closed; the error is kept for the answer. */
  async refresh(client: CostClient, orgId: string, key: string, keySource: KeySource): Promise<DayRefresh> {
    const result = await this.store.refresh(orgId, (range) => fetchUsage(client, range, key, keySource));
    this.error = result.kind === 'error' ? result.error : null;
    return result;
  }

  /** The answer for a span; `refreshError` is why the whole refresh failed (the key, the cost report). */
  present(input: {
    span: Span;
    refreshError: CostError | null;
    nowMs: number;
    intervalMs: number;
    live: boolean;
  }): UsageResponse {
    const error = this.error ?? input.refreshError;
    const held = this.store.held;
    if (!held) return { usage: null, error };
    if (this.memo?.of !== held || this.memo.span !== input.span)
      this.memo = {
        of: held,
        span: input.span,
        figures: aggregateUsage(allRows(held.days), held.fetchedAtMs, input.span),
      };
    const stale = error !== null || input.nowMs - held.fetchedAtMs > 2 * input.intervalMs;
    return {
      usage: {
        ...this.memo.figures,
        coveredFrom: firstHeldDay(held.days),
        fetchedAt: new Date(held.fetchedAtMs).toISOString(),
        source: input.live && error === null ? 'live' : 'cached',
        stale,
      },
      error,
    };
  }

  clear(): void {
    this.store.clear();
    this.error = null;
  }
}
