/**
 * The fake Admin API's usage report (`/v1/organizations/usage_report/messages`): daily
 * buckets (`limit` ≤ 31, `page`/`has_more`/`next_page`), rows summed by the requested
 * `group_by[]` (`model`, `api_key_id`, `workspace_id`; the others null), the nested
 * `cache_creation` and `server_tool_use` objects, and nulls where the real API sends them
 * (a row may have `cache_creation: null` or a null count). Used by admin-api.ts.
 */
import { addDays } from './cost-rows.js';

export interface FakeUsageRow {
  date: string;
  model: string | null;
  api_key_id: string | null;
  workspace_id: string | null;
  uncached_input_tokens: number | null;
  cache_read_input_tokens: number | null;
  cache_creation: { ephemeral_5m_input_tokens: number | null; ephemeral_1h_input_tokens: number | null } | null;
  output_tokens: number | null;
  server_tool_use: { web_search_requests: number | null } | null;
}

const GROUPS = ['model', 'api_key_id', 'workspace_id', 'service_tier', 'context_window'];

/** One page for the query, or a validation message (answered as a 400). */
export function usagePage(query: URLSearchParams, rows: readonly FakeUsageRow[]): Record<string, unknown> | string {
  const startingAt = query.get('starting_at');
  if (!startingAt || Number.isNaN(Date.parse(startingAt))) return 'starting_at is required (RFC 3339)';
  if ((query.get('bucket_width') ?? '1d') !== '1d') return 'this fake serves bucket_width 1d only';
  const limit = Number(query.get('limit') ?? '7');
  if (!Number.isInteger(limit) || limit < 1 || limit > 31) return 'limit must be 1 to 31';
  const groupBy = query.getAll('group_by[]');
  if (groupBy.some((g) => !GROUPS.includes(g))) return `group_by[] must be one of ${GROUPS.join(', ')}`;
  const first = startingAt.slice(0, 10);
  const end = query.get('ending_at')?.slice(0, 10) ?? addDays(first, 7);
  const days: string[] = [];
  for (let day = first; day < end; day = addDays(day, 1)) days.push(day);
  const offset = query.get('page') ? Number(query.get('page')?.replace('usage_', '')) : 0;
  if (!Number.isInteger(offset) || offset < 0) return 'invalid page';
  const slice = days.slice(offset, offset + limit);
  const hasMore = offset + limit < days.length;
  return {
    data: slice.map((day) => ({
      starting_at: `${day}T00:00:00Z`,
      ending_at: `${addDays(day, 1)}T00:00:00Z`,
      results: grouped(
        rows.filter((r) => r.date === day),
        groupBy,
      ),
    })),
    has_more: hasMore,
    next_page: hasMore ? `usage_${offset + limit}` : null,
  };
}

function grouped(rows: FakeUsageRow[], groupBy: string[]): Array<Record<string, unknown>> {
  const groups = new Map<string, FakeUsageRow[]>();
  for (const row of rows) {
    const id = JSON.stringify([
      groupBy.includes('model') ? row.model : null,
      groupBy.includes('api_key_id') ? row.api_key_id : null,
      groupBy.includes('workspace_id') ? row.workspace_id : null,
    ]);
    groups.set(id, [...(groups.get(id) ?? []), row]);
  }
  return [...groups.entries()].map(([id, members]) => {
    const [model, apiKeyId, workspaceId] = JSON.parse(id) as Array<string | null>;
    if (members.length === 1) {
      const { date: _date, ...only } = members[0]!;
      return {
        ...only,
        model,
        api_key_id: apiKeyId,
        workspace_id: workspaceId,
        service_tier: null,
        context_window: null,
      };
    }
    const sum = (pick: (r: FakeUsageRow) => number | null | undefined) =>
      members.reduce((total, r) => total + (pick(r) ?? 0), 0);
    return {
      model,
      api_key_id: apiKeyId,
      workspace_id: workspaceId,
      service_tier: null,
      context_window: null,
      uncached_input_tokens: sum((r) => r.uncached_input_tokens),
      cache_read_input_tokens: sum((r) => r.cache_read_input_tokens),
      cache_creation: {
        ephemeral_5m_input_tokens: sum((r) => r.cache_creation?.ephemeral_5m_input_tokens),
        ephemeral_1h_input_tokens: sum((r) => r.cache_creation?.ephemeral_1h_input_tokens),
      },
      output_tokens: sum((r) => r.output_tokens),
      server_tool_use: { web_search_requests: sum((r) => r.server_tool_use?.web_search_requests) },
    };
  });
}

/** `days` days of usage for two models and two keys, with nulls in every third row. */
export function buildUsageRows(start: string, days: number): FakeUsageRow[] {
  const rows: FakeUsageRow[] = [];
  for (let d = 0; d < days; d += 1)
    for (const [i, model] of ['claude-sonnet-4-5', 'claude-haiku-4-5'].entries()) {
      const n = d * 10 + i;
      rows.push({
        date: addDays(start, d),
        model,
        api_key_id: `apikey_${i}`,
        workspace_id: i ? 'wrkspc_1' : null,
        uncached_input_tokens: 1000 + n,
        cache_read_input_tokens: n % 3 === 0 ? null : 500 + n,
        cache_creation:
          n % 3 === 1 ? null : { ephemeral_5m_input_tokens: 100, ephemeral_1h_input_tokens: n % 2 ? 50 : null },
        output_tokens: 200 + n,
        server_tool_use: n % 3 === 2 ? { web_search_requests: 2 } : null,
      });
    }
  return rows;
}
