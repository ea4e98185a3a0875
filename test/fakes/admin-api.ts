/**
 * A fake Anthropic Admin API (docs/ADMIN-API.md) — the cost report, the usage report
 * (usage-report.ts; or the rows of `keys` when none are set here), the organization
 * (`/v1/organizations/me`), the workspaces and API keys lists (paged by `after_id`/`last_id`),
 * the analytics report of `keys` (admin-api-keys.ts) and the Claude Code report (`claudeCode`,
 * claude-code-report.ts): a real HTTP server on 127.0.0.1:0 that validates `x-api-key` and
 * `anthropic-version`, pages daily buckets (`limit`, `page`, `has_more`, `next_page`), groups
 * by `workspace_id` / `description`, and can be switched at runtime into the failure modes
 * the client must survive. The request log never holds the key: only whether it matched.
 *
 * Used by the cost tests and the UI team's end-to-end tests: point the ops server at
 * `fake.url` with `ATTUNE_ANTHROPIC_BASE_URL` in the injected env.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fakeKeyEndpoints, type FakeKeyEndpoints } from './admin-api-keys.js';
import { fakeClaudeCodeEndpoint, type FakeClaudeCode } from './claude-code-report.js';
import { costReportPage as buildPage, LIST_PATHS, listPage } from './cost-report.js';
import type { FakeCostRow } from './cost-rows.js';
import { usagePage, type FakeUsageRow } from './usage-report.js';

export type FakeFailure =
  | { kind: 'status'; status: 400 | 401 | 403 | 404 | 500 | 529; message?: string }
  | { kind: 'rate_limited'; retryAfter?: string }
  | { kind: 'hang' }
  | { kind: 'non_json' }
  | { kind: 'wrong_shape' }
  | { kind: 'stuck_cursor' };

export interface FakeRequest {
  path: string;
  query: URLSearchParams;
  keyMatched: boolean;
  anthropicVersion: string | undefined;
  userAgent: string | undefined;
}

export interface FakeWorkspace {
  id: string;
  name: string;
  archived_at?: string | null;
}

export interface FakeApiKey {
  id: string;
  name: string;
  status: 'active' | 'inactive' | 'archived' | 'expired';
  workspace_id: string | null;
}

export interface FakeAdminApi {
  url: string;
  /** The admin key the fake accepts. */
  key: string;
  /** Requests of the cost report (every page). */
  requests: FakeRequest[];
  /** Cost report requests that began a fetch (no `page`): one per refresh, whatever the page count. */
  reportFetches(): FakeRequest[];
  /** What `/v1/organizations/me` answers; null answers 404 (an API without the endpoint). */
  setOrganization(org: { id: string; name: string } | null): void;
  /** Requests of every other path (workspaces, API keys, unknown paths). */
  otherRequests: FakeRequest[];
  setWorkspaces(list: FakeWorkspace[]): void;
  setApiKeys(list: FakeApiKey[]): void;
  /** Items per page of the list endpoints (below the request's `limit`), to force several pages. */
  setListPageSize(count: number | undefined): void;
  setRows(rows: FakeCostRow[]): void;
  /** Requests of the usage report (every page). */
  usageRequests: FakeRequest[];
  setUsageRows(rows: FakeUsageRow[]): void;
  /** Every following usage report request fails with this status until `failUsage(null)`. */
  failUsage(status: 401 | 403 | 429 | 500 | null): void;
  /** Every following request fails this way until `fail(null)`. */
  fail(mode: FakeFailure | null): void;
  /** Only the next `count` requests fail this way, then answers are normal again. */
  failNext(mode: FakeFailure, count?: number): void;
  /** Cap on buckets per page (below the request's `limit`) to force several pages. */
  setMaxBucketsPerPage(count: number | undefined): void;
  /** The usage report and the beta analytics cost report (cost per API key); requests land in `otherRequests`. */
  keys: FakeKeyEndpoints;
  claudeCode: FakeClaudeCode;
  close(): Promise<void>;
}

export interface FakeAdminApiOptions {
  key?: string;
  rows?: FakeCostRow[];
  usageRows?: FakeUsageRow[];
  maxBucketsPerPage?: number;
}

export const FAKE_ADMIN_KEY = 'sk-ant-admin01-fake-0123456789abcdefghijklmnopqrstuvwxyz-KEY1';
const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error',
};

export async function startFakeAdminApi(options: FakeAdminApiOptions = {}): Promise<FakeAdminApi> {
  let rows = options.rows ?? [];
  let persistent: FakeFailure | null = null;
  const queued: FakeFailure[] = [];
  let maxPerPage = options.maxBucketsPerPage;
  const requests: FakeRequest[] = [];
  const otherRequests: FakeRequest[] = [];
  let workspaces: FakeWorkspace[] = [];
  let apiKeys: FakeApiKey[] = [];
  let listPageSize: number | undefined;
  let usageRows = options.usageRows ?? [];
  let usageFailure: number | null = null;
  const usageRequests: FakeRequest[] = [];
  let organization: { id: string; name: string } | null = { id: 'org_fake01', name: 'Fake Org' };
  const key = options.key ?? FAKE_ADMIN_KEY;
  let counter = 0;
  const keyEndpoints = fakeKeyEndpoints();
  const claudeCode = fakeClaudeCodeEndpoint();

  const sendError = (res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}) => {
    const requestId = `req_fake${(counter += 1)}`;
    res.writeHead(status, { 'content-type': 'application/json', 'request-id': requestId, ...headers });
    res.end(
      JSON.stringify({
        type: 'error',
        error: { type: ERROR_TYPES[status] ?? 'api_error', message },
        request_id: requestId,
      }),
    );
  };

  const sendJson = (res: ServerResponse, body: unknown) => {
    res.writeHead(200, { 'content-type': 'application/json', 'request-id': `req_fake${(counter += 1)}` });
    res.end(JSON.stringify(body));
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const header = (name: string) =>
      typeof req.headers[name] === 'string' ? (req.headers[name] as string) : undefined;
    const entry = {
      path: url.pathname,
      query: url.searchParams,
      keyMatched: header('x-api-key') === key,
      anthropicVersion: header('anthropic-version'),
      userAgent: header('user-agent'),
    };
    const send = { error: sendError, json: sendJson, keyMatched: entry.keyMatched };
    if (claudeCode.handle(url, res, send)) return;
    // The usage rows set here answer; without them (and no scripted failure) the rows of `keys` do.
    if (url.pathname === '/v1/organizations/usage_report/messages' && (usageRows.length > 0 || usageFailure !== null)) {
      usageRequests.push(entry);
      if (header('x-api-key') !== key) return sendError(res, 401, 'invalid x-api-key');
      if (usageFailure !== null) return sendError(res, usageFailure, `scripted ${usageFailure}`);
      const page = usagePage(url.searchParams, usageRows);
      if (typeof page === 'string') return sendError(res, 400, page);
      return sendJson(res, page);
    }
    const list = LIST_PATHS[url.pathname];
    if (url.pathname !== '/v1/organizations/cost_report') {
      otherRequests.push(entry);
      if (url.pathname === '/v1/organizations/me') {
        if (header('x-api-key') !== key) return sendError(res, 401, 'invalid x-api-key');
        if (!organization) return sendError(res, 404, 'Not found');
        return sendJson(res, { ...organization, type: 'organization' });
      }
      if (keyEndpoints.handle(url, header, res, send)) return;
      if (!list) return sendError(res, 404, 'Not found');
      if (header('x-api-key') !== key) return sendError(res, 401, 'invalid x-api-key');
      const page = listPage(url.searchParams, list === 'workspaces' ? workspaces : apiKeys, listPageSize);
      if (typeof page === 'string') return sendError(res, 400, page);
      return sendJson(res, page);
    }
    requests.push(entry);
    const failure = queued.shift() ?? persistent;
    if (failure?.kind === 'hang') return; // never answers; close() destroys the socket
    if (failure?.kind === 'status')
      return sendError(res, failure.status, failure.message ?? `scripted ${failure.status}`);
    if (failure?.kind === 'rate_limited')
      return sendError(res, 429, 'Rate limited', failure.retryAfter ? { 'retry-after': failure.retryAfter } : {});
    if (failure?.kind === 'non_json') {
      res.writeHead(200, { 'content-type': 'text/html' });
      return res.end('<html><body>Bad gateway</body></html>');
    }
    if (failure?.kind === 'wrong_shape') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ data: 'nope' }));
    }
    if (header('x-api-key') !== key) return sendError(res, 401, 'invalid x-api-key');
    if (header('anthropic-version') !== '2023-06-01')
      return sendError(res, 400, 'anthropic-version header is required');
    if (failure?.kind === 'stuck_cursor') url.searchParams.delete('page'); // every page looks like the first
    const page = buildPage(url.searchParams, rows, maxPerPage);
    if (typeof page === 'string') return sendError(res, 400, page);
    if (failure?.kind === 'stuck_cursor') Object.assign(page, { has_more: true, next_page: 'page_stuck' });
    res.writeHead(200, { 'content-type': 'application/json', 'request-id': `req_fake${(counter += 1)}` });
    res.end(JSON.stringify(page));
  };

  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    key,
    requests,
    reportFetches: () => requests.filter((r) => !r.query.has('page')),
    setOrganization: (org) => {
      organization = org;
    },
    otherRequests,
    setWorkspaces: (next) => {
      workspaces = next;
    },
    setApiKeys: (next) => {
      apiKeys = next;
    },
    setListPageSize: (count) => {
      listPageSize = count;
    },
    setRows: (next) => {
      rows = next;
    },
    usageRequests,
    setUsageRows: (next) => {
      usageRows = next;
    },
    failUsage: (status) => {
      usageFailure = status;
    },
    fail: (mode) => {
      persistent = mode;
    },
    failNext: (mode, count = 1) => {
      for (let i = 0; i < count; i += 1) queued.push(mode);
    },
    setMaxBucketsPerPage: (count) => {
      maxPerPage = count;
    },
    keys: keyEndpoints.controls,
    claudeCode: claudeCode.controls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
