/**
 * The fake Admin API's cost report pages: daily buckets from `starting_at` to `ending_at`
 * (`limit` 1–31, capped further by the fake's page size), `page`/`has_more`/`next_page`,
 * rows summed exactly (decimal strings of cents) by the requested `group_by[]`
 * (`workspace_id`, `description`); and the pages of the workspaces and API keys lists
 * (`limit`, `after_id`, `last_id`). Used by admin-api.ts.
 */
import { addDays, type FakeCostRow } from './cost-rows.js';

/** One page of buckets for the query, or a validation message. */
export function costReportPage(
  query: URLSearchParams,
  rows: FakeCostRow[],
  maxPerPage: number | undefined,
): Record<string, unknown> | string {
  const startingAt = query.get('starting_at');
  if (!startingAt || Number.isNaN(Date.parse(startingAt))) return 'starting_at is required (RFC 3339)';
  if ((query.get('bucket_width') ?? '1d') !== '1d') return 'bucket_width must be 1d';
  const limit = Number(query.get('limit') ?? '7');
  if (!Number.isInteger(limit) || limit < 1 || limit > 31) return 'limit must be 1 to 31';
  const groupBy = query.getAll('group_by[]');
  if (groupBy.some((g) => g !== 'workspace_id' && g !== 'description'))
    return 'group_by[] must be workspace_id or description';
  const first = startingAt.slice(0, 10);
  const endingAt = query.get('ending_at');
  const end = endingAt ? endingAt.slice(0, 10) : addDays(first, 7);
  const days: string[] = [];
  for (let day = first; day < end; day = addDays(day, 1)) days.push(day);
  const offset = query.get('page') ? Number(query.get('page')?.replace('page_', '')) : 0;
  if (!Number.isInteger(offset) || offset < 0) return 'invalid page';
  const size = Math.min(limit, maxPerPage ?? limit);
  const slice = days.slice(offset, offset + size);
  const hasMore = offset + size < days.length;
  return {
    data: slice.map((day) => ({
      starting_at: `${day}T00:00:00Z`,
      ending_at: `${addDays(day, 1)}T00:00:00Z`,
      results: group(
        rows.filter((r) => r.date === day),
        groupBy,
      ),
    })),
    has_more: hasMore,
    next_page: hasMore ? `page_${offset + size}` : null,
  };
}

function group(rows: FakeCostRow[], groupBy: string[]): Array<Record<string, unknown>> {
  const byDescription = groupBy.includes('description');
  const byWorkspace = groupBy.includes('workspace_id');
  const groups = new Map<string, { sample: FakeCostRow; amounts: string[] }>();
  for (const r of rows) {
    const id = `${r.currency ?? 'USD'}|${byDescription ? `${r.description}|${r.model}|${r.costType}|${r.tokenType}` : ''}#${byWorkspace ? r.workspaceId : ''}`;
    const entry = groups.get(id) ?? { sample: r, amounts: [] };
    entry.amounts.push(r.amount);
    groups.set(id, entry);
  }
  return [...groups.values()].map(({ sample, amounts }) => ({
    amount: addDecimals(amounts),
    currency: sample.currency ?? 'USD',
    cost_type: byDescription ? sample.costType : null,
    description: byDescription ? sample.description : null,
    model: byDescription ? sample.model : null,
    token_type: byDescription ? (sample.tokenType ?? null) : null,
    service_tier: byDescription && sample.model ? 'standard' : null,
    context_window: byDescription && sample.model ? '0-200k' : null,
    workspace_id: byWorkspace ? sample.workspaceId : null,
  }));
}

/** Exact sum of non-negative decimal strings, kept as a decimal string. */
function addDecimals(amounts: string[]): string {
  if (amounts.length === 1) return amounts[0] ?? '0';
  const digits = Math.max(...amounts.map((a) => a.split('.')[1]?.length ?? 0));
  const total = amounts.reduce((acc, a) => {
    const [whole = '0', fraction = ''] = a.split('.');
    return acc + BigInt(whole + fraction.padEnd(digits, '0'));
  }, 0n);
  const text = total.toString().padStart(digits + 1, '0');
  return digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

export const LIST_PATHS: Record<string, 'workspaces' | 'api_keys' | undefined> = {
  '/v1/organizations/workspaces': 'workspaces',
  '/v1/organizations/api_keys': 'api_keys',
};

/** One page of a list endpoint (`limit` 1–1000, `after_id`, `has_more`, `first_id`, `last_id`). */
export function listPage<T extends { id: string }>(
  query: URLSearchParams,
  items: T[],
  pageSize: number | undefined,
): Record<string, unknown> | string {
  const limit = Number(query.get('limit') ?? '20');
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) return 'limit must be 1 to 1000';
  const after = query.get('after_id');
  const start = after ? items.findIndex((item) => item.id === after) + 1 : 0;
  if (after && start === 0) return 'after_id is not a known id';
  const slice = items.slice(start, start + Math.min(limit, pageSize ?? limit));
  return {
    data: slice,
    has_more: start + slice.length < items.length,
    first_id: slice[0]?.id ?? null,
    last_id: slice.at(-1)?.id ?? null,
  };
}
