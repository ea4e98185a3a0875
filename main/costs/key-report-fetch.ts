/**
 * The three Admin API reads behind cost per API key (docs/ADMIN-API.md): the cost report
 * grouped by description (model, cost type, token type), the usage report grouped by
 * api_key_id and model (tokens by type, the nested `cache_creation` object), and the beta
 * analytics cost report grouped by API key (`anthropic-beta` header, ≤ 31 days a request).
 * Only USD amounts are kept; every id and model text is scrubbed of key shapes.
 * TO FOLD: the usage-report read belongs with the usage client once there is one.
 */
import { z } from 'zod';
import { redactKeyShapes } from '../logging/redact.js';
import { COST_REPORT_PATH, type CostClient } from './cost-client.js';
import { shapeError, type KeySource } from './cost-errors.js';
import type { CostError } from './cost-types.js';
import { addDays } from './cost-window.js';
import type { KeyAnalyticsRow, KeyCostCell, KeyUsageRow } from './key-allocation.js';
import { fetchReportPages, type PageParse } from './key-report-pages.js';
import { parseCents } from './money.js';

export const USAGE_REPORT_PATH = '/v1/organizations/usage_report/messages';
export const ANALYTICS_COST_PATH = '/v1/organizations/analytics/cost';
export const ANALYTICS_BETA = 'analytics-usage-cost-2026-08-24';
export const ANALYTICS_MAX_DAYS = 31;

/** `from`..`to` inclusive UTC days. */
export interface DayRange {
  from: string;
  to: string;
}

export interface ReportAccess {
  client: CostClient;
  key: string;
  keySource: KeySource;
}

type Fetched<T> = { kind: 'ok'; rows: T[]; requests: number } | { kind: 'error'; error: CostError };

const text = z.string().nullish();
const bucketPage = <T extends z.ZodType>(result: T) =>
  z.object({
    data: z.array(z.object({ starting_at: z.string(), results: z.array(result) })),
    has_more: z.boolean(),
    next_page: z.string().nullish(),
  });
const costPage = bucketPage(
  z.object({ amount: z.string(), currency: text, cost_type: text, model: text, token_type: text }),
);
const count = z.number().nullish();
const usagePage = bucketPage(
  z.object({
    api_key_id: text,
    model: text,
    uncached_input_tokens: count,
    cache_read_input_tokens: count,
    cache_creation: z.object({ ephemeral_5m_input_tokens: count, ephemeral_1h_input_tokens: count }).nullish(),
    output_tokens: count,
  }),
);
const analyticsPage = z.object({
  data: z.array(
    z.object({
      starting_at: z.string(),
      group: z.object({ api_key_id: text }).loose().nullish(),
      cost: z.object({ amount: z.union([z.string(), z.number()]), currency: text }).loose(),
    }),
  ),
  has_more: z.boolean(),
  next_page: z.string().nullish(),
});

const scrub = (value: string | null | undefined) => (value == null ? null : redactKeyShapes(value));
const isUsd = (currency: string | null | undefined) => (currency ?? 'USD').toUpperCase() === 'USD';

function windowQuery(range: DayRange, extra: Array<[string, string]>): URLSearchParams {
  const query = new URLSearchParams({
    starting_at: `${range.from}T00:00:00Z`,
    ending_at: `${addDays(range.to, 1)}T00:00:00Z`,
    bucket_width: '1d',
  });
  for (const [name, value] of extra) query.append(name, value);
  return query;
}

function pageOf<T extends z.ZodType>(schema: T, what: string, collect: (page: z.infer<T>) => string | null) {
  return (json: unknown): PageParse => {
    const parsed = schema.safeParse(json);
    if (!parsed.success)
      return { kind: 'error', error: shapeError(`the ${what} answer does not have its documented shape`) };
    const problem = collect(parsed.data);
    if (problem) return { kind: 'error', error: shapeError(problem) };
    const page = parsed.data as { has_more: boolean; next_page?: string | null };
    return { kind: 'ok', hasMore: page.has_more, nextPage: page.next_page ?? null };
  };
}

/** The cost report by description: one cell per day, model, cost type and token type (USD only). */
export async function fetchCostCells(access: ReportAccess, range: DayRange): Promise<Fetched<KeyCostCell>> {
  const rows: KeyCostCell[] = [];
  const query = windowQuery(range, [
    ['limit', '31'],
    ['group_by[]', 'description'],
  ]);
  const result = await fetchReportPages(
    { ...access, path: COST_REPORT_PATH, query },
    pageOf(costPage, 'cost report', (page) => {
      for (const bucket of page.data) {
        for (const r of bucket.results) {
          const amount = parseCents(r.amount);
          if (amount === null) return 'an amount of the cost report is not a decimal number';
          if (!isUsd(r.currency)) continue;
          const day = bucket.starting_at.slice(0, 10);
          rows.push({
            day,
            amount,
            model: scrub(r.model),
            costType: scrub(r.cost_type) ?? 'other',
            tokenType: scrub(r.token_type),
          });
        }
      }
      return null;
    }),
  );
  return result.kind === 'ok' ? { kind: 'ok', rows, requests: result.pages } : result;
}

/** The usage report by api_key_id and model: token counts by type per day. */
export async function fetchKeyUsage(access: ReportAccess, range: DayRange): Promise<Fetched<KeyUsageRow>> {
  const rows: KeyUsageRow[] = [];
  const query = windowQuery(range, [
    ['limit', '31'],
    ['group_by[]', 'api_key_id'],
    ['group_by[]', 'model'],
  ]);
  const result = await fetchReportPages(
    { ...access, path: USAGE_REPORT_PATH, query },
    pageOf(usagePage, 'usage report', (page) => {
      for (const bucket of page.data) {
        for (const r of bucket.results) {
          rows.push({
            day: bucket.starting_at.slice(0, 10),
            apiKeyId: scrub(r.api_key_id),
            model: scrub(r.model),
            tokens: {
              uncached_input_tokens: r.uncached_input_tokens ?? 0,
              cache_read_input_tokens: r.cache_read_input_tokens ?? 0,
              'cache_creation.ephemeral_5m_input_tokens': r.cache_creation?.ephemeral_5m_input_tokens ?? 0,
              'cache_creation.ephemeral_1h_input_tokens': r.cache_creation?.ephemeral_1h_input_tokens ?? 0,
              output_tokens: r.output_tokens ?? 0,
            },
          });
        }
      }
      return null;
    }),
  );
  return result.kind === 'ok' ? { kind: 'ok', rows, requests: result.pages } : result;
}

/** The beta analytics cost report by API key, in requests of at most 31 days (USD only). */
export async function fetchAnalyticsByKey(access: ReportAccess, range: DayRange): Promise<Fetched<KeyAnalyticsRow>> {
  const rows: KeyAnalyticsRow[] = [];
  let requests = 0;
  for (let from = range.from; from <= range.to; from = addDays(from, ANALYTICS_MAX_DAYS)) {
    const last = addDays(from, ANALYTICS_MAX_DAYS - 1);
    const chunk = { from, to: last < range.to ? last : range.to };
    const result = await fetchReportPages(
      {
        ...access,
        path: ANALYTICS_COST_PATH,
        query: windowQuery(chunk, [['group_by[]', 'api_key_id']]),
        headers: { 'anthropic-beta': ANALYTICS_BETA },
      },
      pageOf(analyticsPage, 'analytics cost', (page) => {
        for (const r of page.data) {
          const amount = parseCents(String(r.cost.amount));
          if (amount === null) return 'an amount of the analytics cost report is not a decimal number';
          if (!isUsd(r.cost.currency)) continue;
          rows.push({ day: r.starting_at.slice(0, 10), apiKeyId: scrub(r.group?.api_key_id), amount });
        }
        return null;
      }),
    );
    if (result.kind === 'error') return result;
    requests += result.pages;
  }
  return { kind: 'ok', rows, requests };
}
