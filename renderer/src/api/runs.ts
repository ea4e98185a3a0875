/**
 * Typed calls for workflow runs (API.md "Workflows and runs"): history, one run, cancel,
 * re-run, and the URLs of the live event stream and the plain-text log. Shapes mirror
 * the server's run presenter; the renderer never computes run state itself.
 */
import { apiGet, apiSend } from './http';

export type RunStatus = 'running' | 'succeeded' | 'failed' | 'cancelled' | 'timed_out' | 'interrupted';

export const RUN_STATUSES: readonly RunStatus[] = ['running', 'succeeded', 'failed', 'cancelled', 'timed_out', 'interrupted'];

export interface Run {
  id: string;
  workflow: string;
  /** The scope: a path relative to the project root; '' = the whole project. */
  path: string;
  trigger: 'manual' | 'rerun' | 'recommendation' | string;
  status: RunStatus;
  command: string[] | string;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  exitCode: number | null;
  signal: string | null;
  lineCount: number;
  /** Why the runner ended the run itself (could not start, timeout…), in words. */
  reason?: string | null;
  /** A record written by the original Python dashboard. */
  legacy?: boolean;
}

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

export const listRuns = (query: RunQuery = {}, signal?: AbortSignal) => apiGet<RunPage>(`/api/runs${runsQueryString(query)}`, signal);

export const getRun = (id: string, signal?: AbortSignal) => apiGet<Run>(`/api/runs/${encodeURIComponent(id)}`, signal).then(unwrapRun);

export const cancelRun = (id: string) => apiSend<unknown>('POST', `/api/runs/${encodeURIComponent(id)}/cancel`);

export const rerunRun = (id: string) => apiSend<{ run: Run }>('POST', `/api/runs/${encodeURIComponent(id)}/rerun`).then((body) => body.run);

export const logTextUrl = (id: string) => `/api/runs/${encodeURIComponent(id)}/log.txt`;

/** Accepts both `run` and `{run}` so a presenter wrapping the record does not break the view. */
function unwrapRun(body: Run | { run: Run }): Run {
  return 'run' in body && typeof body.run === 'object' ? body.run : (body as Run);
}

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

/** "Whole project" for the empty scope, the path otherwise. */
export function scopeLabel(path: string): string {
  return path === '' ? 'Whole project' : path;
}
