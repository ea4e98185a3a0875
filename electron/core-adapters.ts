/**
 * Adapts the running ops server to the shell's narrow interfaces.
 *
 * Runs and costs go through the server's HTTP API (docs/API.md: a fixed contract) with the
 * launch token as a Bearer header, so the shell depends on no capability's internal
 * method names. The status uses the in-process `services.status` (the `StatusSource`
 * contract) when the server has one, and otherwise polls `GET /api/status`; until the
 * first answer, and whenever the server cannot answer, the status is `stale` with the
 * reason in `costs.detail`, so the tray says why instead of showing a false "ok".
 */
import type {
  BoundServices,
  BudgetNoticeStore,
  ClockLike,
  OpsStatus,
  RunBrief,
  ServerHandle,
  StatusSourceLike,
} from './shell-types.js';

export const STATUS_POLL_MS = 2000;
export const BUDGET_NOTICES_KEY = 'desktopBudgetNotices';

type FetchLike = (
  url: string,
  init?: { method?: string; headers?: Record<string, string> },
) => Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>;

export interface SettingsExtraLike {
  getExtra(key: string): unknown;
  setExtra(key: string, value: unknown): Promise<void>;
}

export interface CoreAdapterOptions {
  server: ServerHandle;
  /** The server's services object; only `status` and `settings` are looked at. */
  services: { status?: unknown; settings: SettingsExtraLike };
  fetch: FetchLike;
  clock: ClockLike;
}

export function unknownStatus(detail: string): OpsStatus {
  return {
    overall: 'stale',
    runs: { running: [], lastFinished: null },
    costs: { state: 'loading', monthToDateUsd: null, budgetPct: null, fetchedAt: null, detail },
  };
}

function isStatusSource(value: unknown): value is StatusSourceLike {
  const candidate = value as Partial<StatusSourceLike> | undefined;
  return typeof candidate?.current === 'function' && typeof candidate.onChange === 'function';
}

/** Why: the tray must follow `/api/status` even before (or without) an in-process source. */
export function pollingStatusSource(
  get: () => Promise<OpsStatus>,
  clock: ClockLike,
  intervalMs = STATUS_POLL_MS,
): StatusSourceLike & { stop(): void } {
  let current = unknownStatus('Waiting for the first status from the ops server.');
  let serialized = JSON.stringify(current);
  const listeners = new Set<(status: OpsStatus) => void>();
  let timer: ReturnType<ClockLike['setTimeout']> | undefined;
  let stopped = false;
  const tick = async () => {
    const next = await get().catch((error: unknown) =>
      unknownStatus(`The ops server did not answer /api/status: ${(error as Error).message}`),
    );
    const text = JSON.stringify(next);
    if (text !== serialized) {
      current = next;
      serialized = text;
      for (const listener of listeners) listener(next);
    }
    if (!stopped) timer = clock.setTimeout(() => void tick(), intervalMs);
  };
  void tick();
  return {
    current: () => current,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop() {
      stopped = true;
      if (timer !== undefined) clock.clearTimeout(timer);
    },
  };
}

export function bindCoreServices(options: CoreAdapterOptions): BoundServices & { stop(): void } {
  const { server } = options;
  const headers = { Authorization: `Bearer ${server.token}` };
  const call = async (method: string, path: string): Promise<unknown> => {
    const response = await options.fetch(`${server.url}${path}`, { method, headers });
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      const error = (body as { error?: { message?: string } } | null)?.error;
      throw new Error(error?.message ?? `${method} ${path} answered ${response.status}`);
    }
    return body;
  };

  const inProcess = options.services.status;
  const polling = isStatusSource(inProcess)
    ? undefined
    : pollingStatusSource(async () => (await call('GET', '/api/status')) as OpsStatus, options.clock);
  const status: StatusSourceLike = isStatusSource(inProcess) ? inProcess : polling!;

  const budgetNotices: BudgetNoticeStore = {
    get: () => {
      const value = options.services.settings.getExtra(BUDGET_NOTICES_KEY);
      return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, number[]>) : {};
    },
    set: (value) => options.services.settings.setExtra(BUDGET_NOTICES_KEY, value),
  };

  return {
    status,
    budgetNotices,
    runs: {
      cancel: async (runId) => void (await call('POST', `/api/runs/${encodeURIComponent(runId)}/cancel`)),
      recent: async (limit) => ((await call('GET', `/api/runs?limit=${limit}`)) as { runs: RunBrief[] }).runs,
    },
    costs: { refresh: async () => void (await call('GET', '/api/costs?refresh=1&org=all')) },
    stop: () => polling?.stop(),
  };
}
