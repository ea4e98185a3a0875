/**
 * Follows an Admin API report's pages (`has_more`, `next_page` passed back as `page`) for
 * the cost-per-key fetches and the Claude Code report, up to a page cap; a cursor that
 * repeats or is missing stops with an error instead of looping. Each page's JSON is handed to the caller's parser.
 * Answers a categorized `CostError`; never throws for an upstream failure.
 */
import type { CostClient } from './cost-client.js';
import { shapeError, type KeySource, type ReportWords } from './cost-errors.js';
import type { CostError } from './cost-types.js';

export const MAX_REPORT_PAGES = 100;

export interface ReportRequest {
  client: CostClient;
  path: string;
  query: URLSearchParams;
  key: string;
  keySource: KeySource;
  headers?: Record<string, string>;
  /** How the error messages name the report (the cost report's words when absent). */
  words?: ReportWords;
}

export type PageParse = { kind: 'ok'; hasMore: boolean; nextPage: string | null } | { kind: 'error'; error: CostError };
export type PagesResult = { kind: 'ok'; pages: number } | { kind: 'error'; error: CostError };

export async function fetchReportPages(
  request: ReportRequest,
  parse: (json: unknown) => PageParse,
): Promise<PagesResult> {
  const seen = new Set<string>();
  let page: string | undefined;
  for (let count = 1; count <= MAX_REPORT_PAGES; count += 1) {
    const query = new URLSearchParams(request.query);
    if (page) query.set('page', page);
    const { headers, words } = request;
    const answer = await request.client.getText(request.path, query, request.key, request.keySource, {
      headers,
      words,
    });
    if (answer.kind === 'error') return answer;
    let json: unknown;
    try {
      json = JSON.parse(answer.text);
    } catch {
      return { kind: 'error', error: shapeError(`the ${request.path} answer is not JSON`) };
    }
    const parsed = parse(json);
    if (parsed.kind === 'error') return parsed;
    if (!parsed.hasMore) return { kind: 'ok', pages: count };
    if (!parsed.nextPage)
      return { kind: 'error', error: shapeError(`${request.path} says has_more but gives no next_page`) };
    if (seen.has(parsed.nextPage))
      return {
        kind: 'error',
        error: shapeError(`the same ${request.path} next_page came back twice, so paging stopped`),
      };
    seen.add(parsed.nextPage);
    page = parsed.nextPage;
  }
  return { kind: 'error', error: shapeError(`${request.path} has more than ${MAX_REPORT_PAGES} pages`) };
}
