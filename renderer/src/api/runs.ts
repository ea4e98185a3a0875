/**
 * Typed calls for workflow runs (docs/API.md "Workflows and runs"): history, one run, cancel,
 * re-run, the log by pages (`from`/`limit`, `tail`), server-side search, the first line
 * that looks like an error, and the URLs of the live event stream and the plain-text log.
 * Run shapes are the server's own types (`import type` from main/runs); the renderer
 * never computes run state itself.
 */
import type {
  ErrorRule,
  LogLine,
  LogPage as LogPageAnswer,
  LogSearch as SearchResult,
  PublicRun,
  RunStatus,
  RunTrigger,
} from '../../../main/contract';
import { apiGet, apiSend } from './http';

/** The run as the server presents it (`presentRun`): the server's own type, not a copy. */
export type Run = PublicRun;
export type { RunStatus, RunTrigger };

/** `GET /api/runs`: the answer of main/runs/run-routes.ts. */
export interface RunPage {
  runs: Run[];
  nextCursor: string | null;
  /** Run records on disk that could not be read and were skipped. */
  skipped: number;
}

export interface RunQuery {
  workflow?: string;
  status?: RunStatus | '';
  limit?: number;
  before?: string | null;
}

export function runsQueryString(query: RunQuery): string {
  const params = new URLSearchParams();
  if (query.workflow) params.set('workflow', query.workflow);
  if (query.status) params.set('status', query.status);
  if (query.limit) params.set('limit', String(query.limit));
  if (query.before) params.set('before', query.before);
  const text = params.toString();
  return text ? `?${text}` : '';
}

export const listRuns = (query: RunQuery = {}, signal?: AbortSignal) =>
  apiGet<RunPage>(`/api/runs${runsQueryString(query)}`, signal);

export const getRun = (id: string, signal?: AbortSignal) =>
  apiGet<{ run: Run }>(`/api/runs/${encodeURIComponent(id)}`, signal).then((body) => body.run);

export const cancelRun = (id: string) => apiSend<{ run: Run }>('POST', `/api/runs/${encodeURIComponent(id)}/cancel`);

export const rerunRun = (id: string) =>
  apiSend<{ run: Run }>('POST', `/api/runs/${encodeURIComponent(id)}/rerun`).then((body) => body.run);

export type { LogLine };

/** `GET /api/runs/:id/log?from=S&limit=N` and `?tail=N`: one page of the log, with the log's `total` so far. */
export type LogPage = LogPageAnswer;

/** The server's page limit for `/log` (`limit` ≤ 10000). */
export const MAX_LOG_PAGE = 10_000;

const runPath = (id: string) => `/api/runs/${encodeURIComponent(id)}`;

export const getLogPage = (id: string, from: number, limit: number, signal?: AbortSignal) =>
  apiGet<LogPage>(`${runPath(id)}/log?from=${from}&limit=${Math.min(limit, MAX_LOG_PAGE)}`, signal);

export const getLogTail = (id: string, lines: number, signal?: AbortSignal) =>
  apiGet<LogPage>(`${runPath(id)}/log?tail=${Math.min(lines, MAX_LOG_PAGE)}`, signal);

export interface LogSearchOptions {
  regex?: boolean;
  caseSensitive?: boolean;
}

/** `GET /api/runs/:id/log/search`: matches from `from` on, in seq order, with the total count. */
export type LogSearchPage = SearchResult;
export type { ErrorRule };

export function searchLog(
  id: string,
  query: string,
  options: LogSearchOptions & { from?: number; limit?: number },
  signal?: AbortSignal,
): Promise<LogSearchPage> {
  const params = new URLSearchParams({ q: query });
  if (options.regex) params.set('regex', '1');
  if (options.caseSensitive) params.set('case', '1');
  if (options.from) params.set('from', String(options.from));
  if (options.limit) params.set('limit', String(options.limit));
  return apiGet<LogSearchPage>(`${runPath(id)}/log/search?${params.toString()}`, signal);
}

/** `GET /api/runs/:id/log/first-error`: the first line that looks like an error, and the rule it matched. */
export interface FirstErrorAnswer {
  match: { seq: number; text: string; rule: ErrorRule } | null;
}

export const getFirstError = (id: string, signal?: AbortSignal) =>
  apiGet<FirstErrorAnswer>(`${runPath(id)}/log/first-error`, signal);

export const logTextUrl = (id: string) => `/api/runs/${encodeURIComponent(id)}/log.txt`;

export function isFinished(status: RunStatus): boolean {
  return status !== 'running';
}

export const STATUS_LABEL: Record<RunStatus, string> = {
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  cancelled: 'Cancelled',
  timed_out: 'Timed out',
  interrupted: 'Interrupted',
};

/** Every status, in display order; derived from STATUS_LABEL so a new server status fails the type check until it is labelled. */
export const RUN_STATUSES = Object.keys(STATUS_LABEL) as RunStatus[];

/** "Whole project" for the empty scope, the path otherwise. */
export function scopeLabel(path: string): string {
  return path === '' ? 'Whole project' : path;
}
