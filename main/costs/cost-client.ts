/**
 * The Admin API cost report client (docs/ADMIN-API.md): one window of daily buckets grouped by
 * workspace and description, following `next_page` up to a page cap. It returns rows with
 * exact amounts or a categorized `CostError`; it never throws for an upstream failure.
 *
 * axios is imported on the first request, so a start that answers from the cache file
 * never loads it. Invariants: the key travels only in the `x-api-key` header of requests to the configured
 * base URL (no redirects, no environment proxy); nothing from the request is logged or
 * copied into an error message; every text value of an answer is scrubbed of key shapes.
 */
import type { AxiosInstance } from 'axios';
import { z } from 'zod';
import type { Logger } from '../logging/logger.js';
import { redactKeyShapes } from '../logging/redact.js';
import {
  parseErrorBody,
  parseRetryAfter,
  shapeError,
  statusError,
  transportError,
  type KeySource,
  type ReportWords,
} from './cost-errors.js';
import type { CostError } from './cost-types.js';
import type { CostWindow } from './cost-window.js';
import { parseCents, type Money } from './money.js';

export const DEFAULT_ADMIN_API_BASE_URL = 'https://api.anthropic.com';
export const COST_REPORT_PATH = '/v1/organizations/cost_report';
export const ANTHROPIC_VERSION = '2023-06-01';
export const DEFAULT_COST_TIMEOUT_MS = 10_000;
export const MAX_PAGES = 50;

/** The days asked for: `starting_at` inclusive, `ending_at` exclusive (UTC midnights, RFC 3339). */
export type FetchRange = Pick<CostWindow, 'startingAt' | 'endingAt'>;

export interface CostRow {
  day: string;
  amount: Money;
  model: string | null;
  costType: string;
  workspaceId: string | null;
  /** ISO 4217 code as the API sends it (`USD`); amounts of different currencies are never summed. */
  currency: string;
}

export type CostFetchResult = { kind: 'ok'; rows: CostRow[]; pages: number } | { kind: 'error'; error: CostError };

export interface CostClientOptions {
  baseUrl?: string;
  version: string;
  timeoutMs?: number;
  now: () => number;
  logger: Logger;
  /** An axios instance to use (tests); one is created otherwise. */
  http?: AxiosInstance;
}

const resultSchema = z.object({
  amount: z.string(),
  cost_type: z.string().nullish(),
  model: z.string().nullish(),
  workspace_id: z.string().nullish(),
  currency: z.string().nullish(),
});
const pageSchema = z.object({
  data: z.array(z.object({ starting_at: z.string(), results: z.array(resultSchema) })),
  has_more: z.boolean(),
  next_page: z.string().nullish(),
});

export class CostClient {
  private http: AxiosInstance | undefined;
  private readonly baseUrl: string;
  private readonly timeoutMs: number;

  constructor(private readonly options: CostClientOptions) {
    this.baseUrl = (options.baseUrl ?? DEFAULT_ADMIN_API_BASE_URL).replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? DEFAULT_COST_TIMEOUT_MS;
    this.http = options.http;
  }

  /** Fetches every page of the window's cost report. */
  async fetchWindow(window: FetchRange, key: string, keySource: KeySource = 'keychain'): Promise<CostFetchResult> {
    const rows: CostRow[] = [];
    const seen = new Set<string>();
    let page: string | undefined;
    for (let count = 1; count <= MAX_PAGES; count += 1) {
      const answer = await this.fetchPage(window, key, keySource, page);
      if (answer.kind === 'error') return answer;
      rows.push(...answer.rows);
      if (!answer.hasMore) return { kind: 'ok', rows, pages: count };
      if (!answer.nextPage) return { kind: 'error', error: shapeError('has_more is true but next_page is missing') };
      if (seen.has(answer.nextPage))
        return { kind: 'error', error: shapeError('the same next_page cursor came back twice, so paging stopped') };
      seen.add(answer.nextPage);
      page = answer.nextPage;
    }
    return { kind: 'error', error: shapeError(`the report has more than ${MAX_PAGES} pages`) };
  }

  private async fetchPage(window: FetchRange, key: string, keySource: KeySource, page: string | undefined) {
    const query = new URLSearchParams({
      starting_at: window.startingAt,
      ending_at: window.endingAt,
      bucket_width: '1d',
      limit: '31',
    });
    query.append('group_by[]', 'workspace_id');
    query.append('group_by[]', 'description');
    if (page) query.set('page', page);
    const answer = await this.getText(COST_REPORT_PATH, query, key, keySource);
    if (answer.kind === 'error') return answer;
    return parsePage(answer.text);
  }

  /**
   * One GET of an Admin API path: the text of a 200 answer, or the categorized error
   * (transport, or the status with the documented error body). Shared by every endpoint.
   */
  async getText(
    path: string,
    query: URLSearchParams,
    key: string,
    keySource: KeySource,
    /** Extra request headers (a beta endpoint's `anthropic-beta`; never the key) and the report's own words. */
    options: { headers?: Record<string, string>; words?: ReportWords } = {},
  ): Promise<{ kind: 'ok'; text: string } | { kind: 'error'; error: CostError }> {
    const host = new URL(this.baseUrl).host;
    let response;
    try {
      this.http ??= (await import('axios')).default.create();
      response = await this.http.request<string>({
        method: 'GET',
        url: `${this.baseUrl}${path}?${query.toString()}`,
        headers: {
          ...options.headers,
          'x-api-key': key,
          'anthropic-version': ANTHROPIC_VERSION,
          'User-Agent': `attune-ops/${this.options.version}`,
          Accept: 'application/json',
        },
        timeout: this.timeoutMs,
        responseType: 'text',
        transformResponse: [(data: unknown) => data],
        validateStatus: () => true,
        maxRedirects: 0,
        proxy: false,
      });
    } catch (error) {
      const code = (error as { code?: string }).code;
      this.options.logger.warn({ host, path, code }, 'Admin API request failed before an answer');
      return { kind: 'error', error: transportError(code, host, this.timeoutMs, options.words) };
    }
    const requestId = headerText(response.headers['request-id']);
    this.options.logger.debug({ host, path, status: response.status, requestId }, 'Admin API answer');
    if (response.status !== 200) {
      const retryAfterS = parseRetryAfter(headerText(response.headers['retry-after']), this.options.now());
      const upstream = parseErrorBody(String(response.data ?? ''), requestId);
      const words = options.words;
      return {
        kind: 'error',
        error: statusError({ status: response.status, retryAfterS, upstream, keySource, words }),
      };
    }
    return { kind: 'ok', text: String(response.data) };
  }
}

function parsePage(text: string) {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kind: 'error' as const, error: shapeError('the answer is not JSON') };
  }
  const parsed = pageSchema.safeParse(json);
  if (!parsed.success)
    return { kind: 'error' as const, error: shapeError('the answer does not have the cost report shape') };
  const rows: CostRow[] = [];
  for (const bucket of parsed.data.data) {
    const day = bucket.starting_at.slice(0, 10);
    for (const result of bucket.results) {
      const amount = parseCents(result.amount);
      if (amount === null) return { kind: 'error' as const, error: shapeError('an amount is not a decimal number') };
      rows.push({
        day,
        amount,
        model: scrub(result.model),
        costType: scrub(result.cost_type) ?? 'other',
        workspaceId: scrub(result.workspace_id),
        currency: scrub(result.currency)?.toUpperCase() ?? 'USD',
      });
    }
  }
  return { kind: 'ok' as const, rows, hasMore: parsed.data.has_more, nextPage: parsed.data.next_page ?? undefined };
}

/** Every text value taken from the answer loses key shapes before it is shown, cached or exported. */
function scrub(value: string | null | undefined): string | null {
  return value == null ? null : redactKeyShapes(value);
}

function headerText(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
