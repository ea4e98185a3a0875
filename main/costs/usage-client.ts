/**
 * The Admin API usage report (`/v1/organizations/usage_report/messages`, docs/ADMIN-API.md):
 * daily buckets grouped by model, API key and workspace, following `next_page` up to the
 * page cap, through the cost client's one GET (same headers, errors and key handling).
 * Token counts: `uncached_input_tokens`, `cache_read_input_tokens`, the **nested**
 * `cache_creation: {ephemeral_5m_input_tokens, ephemeral_1h_input_tokens}` (there is no
 * flat total to read), `output_tokens`, `server_tool_use.web_search_requests`; a null or
 * absent count is 0, a negative or fractional one is a shape error. Texts are scrubbed.
 */
import { z } from 'zod';
import { redactKeyShapes } from '../logging/redact.js';
import { MAX_PAGES, type CostClient, type FetchRange } from './cost-client.js';
import { shapeError, type KeySource } from './cost-errors.js';
import type { CostError } from './cost-types.js';

export const USAGE_REPORT_PATH = '/v1/organizations/usage_report/messages';

export interface TokenCounts {
  uncachedInputTokens: number;
  cacheReadInputTokens: number;
  cacheCreation5mInputTokens: number;
  cacheCreation1hInputTokens: number;
  outputTokens: number;
  webSearchRequests: number;
}

export interface UsageRow extends TokenCounts {
  day: string;
  model: string | null;
  apiKeyId: string | null;
  workspaceId: string | null;
}

const count = z.number().int().nonnegative().nullish();
const rowSchema = z.object({
  uncached_input_tokens: count,
  cache_read_input_tokens: count,
  cache_creation: z.object({ ephemeral_5m_input_tokens: count, ephemeral_1h_input_tokens: count }).nullish(),
  output_tokens: count,
  server_tool_use: z.object({ web_search_requests: count }).nullish(),
  model: z.string().nullish(),
  api_key_id: z.string().nullish(),
  workspace_id: z.string().nullish(),
});
const pageSchema = z.object({
  data: z.array(z.object({ starting_at: z.string(), results: z.array(rowSchema) })),
  has_more: z.boolean(),
  next_page: z.string().nullish(),
});

export type UsageFetchResult = { kind: 'ok'; rows: UsageRow[]; pages: number } | { kind: 'error'; error: CostError };

export async function fetchUsage(
  client: CostClient,
  range: FetchRange,
  key: string,
  keySource: KeySource,
): Promise<UsageFetchResult> {
  const rows: UsageRow[] = [];
  const seen = new Set<string>();
  let page: string | undefined;
  for (let pages = 1; pages <= MAX_PAGES; pages += 1) {
    const query = new URLSearchParams({
      starting_at: range.startingAt,
      ending_at: range.endingAt,
      bucket_width: '1d',
      limit: '31',
    });
    for (const group of ['model', 'api_key_id', 'workspace_id']) query.append('group_by[]', group);
    if (page) query.set('page', page);
    const answer = await client.getText(USAGE_REPORT_PATH, query, key, keySource);
    if (answer.kind === 'error') return answer;
    const parsed = parsePage(answer.text);
    if (parsed.kind === 'error') return parsed;
    rows.push(...parsed.rows);
    if (!parsed.hasMore) return { kind: 'ok', rows, pages };
    if (!parsed.nextPage) return { kind: 'error', error: shapeError('the usage report has has_more but no next_page') };
    if (seen.has(parsed.nextPage))
      return { kind: 'error', error: shapeError('the usage report gave the same next_page twice, so paging stopped') };
    seen.add(parsed.nextPage);
    page = parsed.nextPage;
  }
  return { kind: 'error', error: shapeError(`the usage report has more than ${MAX_PAGES} pages`) };
}

function parsePage(text: string) {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kind: 'error' as const, error: shapeError('the usage report answer is not JSON') };
  }
  const parsed = pageSchema.safeParse(json);
  if (!parsed.success)
    return { kind: 'error' as const, error: shapeError('the answer does not have the usage report shape') };
  const rows: UsageRow[] = [];
  for (const bucket of parsed.data.data) {
    const day = bucket.starting_at.slice(0, 10);
    for (const r of bucket.results)
      rows.push({
        day,
        model: scrub(r.model),
        apiKeyId: scrub(r.api_key_id),
        workspaceId: scrub(r.workspace_id),
        uncachedInputTokens: r.uncached_input_tokens ?? 0,
        cacheReadInputTokens: r.cache_read_input_tokens ?? 0,
        cacheCreation5mInputTokens: r.cache_creation?.ephemeral_5m_input_tokens ?? 0,
        cacheCreation1hInputTokens: r.cache_creation?.ephemeral_1h_input_tokens ?? 0,
        outputTokens: r.output_tokens ?? 0,
        webSearchRequests: r.server_tool_use?.web_search_requests ?? 0,
      });
  }
  return { kind: 'ok' as const, rows, hasMore: parsed.data.has_more, nextPage: parsed.data.next_page ?? undefined };
}

function scrub(value: string | null | undefined): string | null {
  return value == null ? null : redactKeyShapes(value);
}
