/**
 * The fake Admin API's endpoints for cost per API key (mounted by admin-api.ts): the usage
 * report (`/v1/organizations/usage_report/messages`, daily buckets grouped by api_key_id,
 * model and workspace_id with the nested `cache_creation` object, paged like the cost
 * report) and the beta analytics cost report (`/v1/organizations/analytics/cost`, flat
 * rows grouped by API key, ≤ 31 days, paged; needs its `anthropic-beta` header), with a
 * switch that refuses the analytics report as an organization without access sees it.
 */
import type { ServerResponse } from 'node:http';
import { addDays } from './cost-rows.js';

export const FAKE_ANALYTICS_BETA = 'analytics-usage-cost-2026-08-24';

export interface FakeUsageRow {
  date: string;
  apiKeyId: string | null;
  model: string | null;
  workspaceId?: string | null;
  uncached?: number;
  cacheRead?: number;
  cache5m?: number;
  cache1h?: number;
  output?: number;
  webSearch?: number;
}

export interface FakeAnalyticsRow {
  date: string;
  apiKeyId: string | null;
  /** Decimal string in cents. */
  amount: string;
  model?: string | null;
}

export interface FakeKeyEndpoints {
  setUsageRows(rows: FakeUsageRow[]): void;
  setAnalyticsRows(rows: FakeAnalyticsRow[]): void;
  /** `available` answers; a status fails every analytics request with the documented error body (403/404: no access). */
  setAnalyticsAccess(access: 'available' | 403 | 404 | 500): void;
  /** Buckets per usage page / rows per analytics page, to force several pages. */
  setPageSizes(sizes: { usageBuckets?: number; analyticsRows?: number }): void;
}

type SendError = (res: ServerResponse, status: number, message: string) => void;
type SendJson = (res: ServerResponse, body: unknown) => void;

export const USAGE_PATH = '/v1/organizations/usage_report/messages';
export const ANALYTICS_PATH = '/v1/organizations/analytics/cost';

export function fakeKeyEndpoints() {
  let usageRows: FakeUsageRow[] = [];
  let analyticsRows: FakeAnalyticsRow[] = [];
  let access: 'available' | 403 | 404 | 500 = 'available';
  let usageBuckets: number | undefined;
  let analyticsPage = 1000;

  const controls: FakeKeyEndpoints = {
    setUsageRows: (rows) => {
      usageRows = rows;
    },
    setAnalyticsRows: (rows) => {
      analyticsRows = rows;
    },
    setAnalyticsAccess: (next) => {
      access = next;
    },
    setPageSizes: (sizes) => {
      usageBuckets = sizes.usageBuckets;
      analyticsPage = sizes.analyticsRows ?? 1000;
    },
  };

  /** Answers a request of one of its paths (true), or leaves it to the caller (false). */
  const handle = (
    url: URL,
    header: (name: string) => string | undefined,
    res: ServerResponse,
    send: { error: SendError; json: SendJson; keyMatched: boolean },
  ) => {
    if (url.pathname !== USAGE_PATH && url.pathname !== ANALYTICS_PATH) return false;
    if (!send.keyMatched) {
      send.error(res, 401, 'invalid x-api-key');
      return true;
    }
    const range = dayRange(url.searchParams);
    if (typeof range === 'string') {
      send.error(res, 400, range);
      return true;
    }
    if (url.pathname === USAGE_PATH) {
      const page = usagePage(url.searchParams, range, usageRows, usageBuckets);
      if (typeof page === 'string') send.error(res, 400, page);
      else send.json(res, page);
      return true;
    }
    if (access !== 'available') {
      const messages = {
        403: 'This organization does not have access to analytics.',
        404: 'Not found',
        500: 'Internal error',
      };
      send.error(res, access, messages[access]);
      return true;
    }
    if (header('anthropic-beta') !== FAKE_ANALYTICS_BETA) {
      send.error(res, 400, `the analytics API needs anthropic-beta: ${FAKE_ANALYTICS_BETA}`);
      return true;
    }
    if (range.days.length > 31) {
      send.error(res, 400, 'the range may span at most 31 days');
      return true;
    }
    const page = analyticsRowsPage(url.searchParams, range.days, analyticsRows, analyticsPage);
    if (typeof page === 'string') send.error(res, 400, page);
    else send.json(res, page);
    return true;
  };
  return { controls, handle };
}

function dayRange(query: URLSearchParams): { days: string[] } | string {
  const startingAt = query.get('starting_at');
  if (!startingAt || Number.isNaN(Date.parse(startingAt))) return 'starting_at is required (RFC 3339)';
  if ((query.get('bucket_width') ?? '1d') !== '1d') return 'this fake serves bucket_width=1d only';
  const first = startingAt.slice(0, 10);
  const endingAt = query.get('ending_at');
  const end = endingAt ? endingAt.slice(0, 10) : addDays(first, 7);
  const days: string[] = [];
  for (let day = first; day < end; day = addDays(day, 1)) days.push(day);
  return { days };
}

const USAGE_GROUPS = ['api_key_id', 'model', 'workspace_id'];

function usagePage(
  query: URLSearchParams,
  range: { days: string[] },
  rows: FakeUsageRow[],
  maxPerPage: number | undefined,
) {
  const limit = Number(query.get('limit') ?? '7');
  if (!Number.isInteger(limit) || limit < 1 || limit > 31) return 'limit must be 1 to 31';
  const groupBy = query.getAll('group_by[]');
  if (groupBy.some((g) => !USAGE_GROUPS.includes(g))) return `group_by[] must be among ${USAGE_GROUPS.join(', ')}`;
  const offset = query.get('page') ? Number(query.get('page')?.replace('upage_', '')) : 0;
  if (!Number.isInteger(offset) || offset < 0) return 'invalid page';
  const size = Math.min(limit, maxPerPage ?? limit);
  const slice = range.days.slice(offset, offset + size);
  const hasMore = offset + size < range.days.length;
  const dims = (r: FakeUsageRow) => ({
    api_key_id: groupBy.includes('api_key_id') ? r.apiKeyId : null,
    model: groupBy.includes('model') ? r.model : null,
    workspace_id: groupBy.includes('workspace_id') ? (r.workspaceId ?? null) : null,
  });
  return {
    data: slice.map((day) => {
      const groups = new Map<
        string,
        {
          dims: ReturnType<typeof dims>;
          sum: Required<Omit<FakeUsageRow, 'date' | 'apiKeyId' | 'model' | 'workspaceId'>>;
        }
      >();
      for (const r of rows.filter((row) => row.date === day)) {
        const d = dims(r);
        const id = JSON.stringify(d);
        const entry = groups.get(id) ?? {
          dims: d,
          sum: { uncached: 0, cacheRead: 0, cache5m: 0, cache1h: 0, output: 0, webSearch: 0 },
        };
        for (const field of Object.keys(entry.sum) as Array<keyof typeof entry.sum>) entry.sum[field] += r[field] ?? 0;
        groups.set(id, entry);
      }
      return {
        starting_at: `${day}T00:00:00Z`,
        ending_at: `${addDays(day, 1)}T00:00:00Z`,
        results: [...groups.values()].map(({ dims: d, sum }) => ({
          ...d,
          service_tier: null,
          context_window: null,
          uncached_input_tokens: sum.uncached,
          cache_read_input_tokens: sum.cacheRead,
          cache_creation: { ephemeral_5m_input_tokens: sum.cache5m, ephemeral_1h_input_tokens: sum.cache1h },
          output_tokens: sum.output,
          server_tool_use: { web_search_requests: sum.webSearch },
        })),
      };
    }),
    has_more: hasMore,
    next_page: hasMore ? `upage_${offset + size}` : null,
  };
}

function analyticsRowsPage(query: URLSearchParams, days: string[], rows: FakeAnalyticsRow[], pageSize: number) {
  const groupBy = query.getAll('group_by[]');
  if (groupBy.some((g) => g !== 'api_key_id' && g !== 'model')) return 'group_by[] must be api_key_id or model here';
  const offset = query.get('page') ? Number(query.get('page')?.replace('apage_', '')) : 0;
  if (!Number.isInteger(offset) || offset < 0) return 'invalid page';
  const groups = new Map<string, { day: string; apiKeyId: string | null; model: string | null; amounts: bigint }>();
  for (const r of rows.filter((row) => days.includes(row.date))) {
    const apiKeyId = groupBy.includes('api_key_id') ? r.apiKeyId : null;
    const model = groupBy.includes('model') ? (r.model ?? null) : null;
    const id = JSON.stringify([r.date, apiKeyId, model]);
    const entry = groups.get(id) ?? { day: r.date, apiKeyId, model, amounts: 0n };
    entry.amounts += microCents(r.amount);
    groups.set(id, entry);
  }
  const all = [...groups.values()];
  const slice = all.slice(offset, offset + pageSize);
  const hasMore = offset + pageSize < all.length;
  return {
    data: slice.map((g) => ({
      starting_at: `${g.day}T00:00:00Z`,
      ending_at: `${addDays(g.day, 1)}T00:00:00Z`,
      group: { api_key_id: g.apiKeyId, model: g.model },
      cost: { amount: fromMicroCents(g.amounts), currency: 'USD', list_amount: fromMicroCents(g.amounts) },
    })),
    has_more: hasMore,
    next_page: hasMore ? `apage_${offset + pageSize}` : null,
  };
}

/** Non-negative decimal strings (≤ 6 decimals) as integer millionths of a cent, and back. */
function microCents(text: string): bigint {
  const [whole = '0', fraction = ''] = text.split('.');
  return BigInt(whole) * 1_000_000n + BigInt(fraction.padEnd(6, '0').slice(0, 6));
}

function fromMicroCents(value: bigint): string {
  return `${value / 1_000_000n}.${(value % 1_000_000n).toString().padStart(6, '0')}`;
}
