/**
 * Loads the spend (`GET /api/costs`) and keeps it current without polling blindly: it
 * reloads when the status stream reports new cost data (a changed `fetchedAt` or cost
 * state), after a rate limit's retry time, and on demand (`refresh()` forces an upstream
 * fetch with `?refresh=1`, showing progress while it runs), for the chosen span of days and
 * the organization chosen in the header (a change reloads).
 */
import { useCallback, useEffect, useState } from 'react';
import { getCosts, type CostSpan, type CostsResponse } from '../../api/costs';
import { useApi, toApiError, type ApiState } from '../../api/use-api';
import type { ApiError } from '../../api/http';
import { useAppContext } from '../../app/app-context';

export interface UseCosts {
  state: ApiState<CostsResponse>;
  refreshing: boolean;
  /** Why the last forced refresh request itself failed (server unreachable…). */
  refreshError: ApiError | null;
  refresh(): Promise<void>;
  reload(): Promise<void>;
}

/** `span`: the days of the chart, the breakdowns and the CSV; a change reloads. */
export function useCosts(span: CostSpan): UseCosts {
  const { status, org } = useAppContext();
  const api = useApi((signal) => getCosts({ span, org, signal }), [span, org]);
  const [refreshing, setRefreshing] = useState(false);
  const [refreshError, setRefreshError] = useState<ApiError | null>(null);
  const { reload, replace } = api;

  const costSignal = status
    ? `${status.costs.state}|${status.costs.fetchedAt ?? ''}|${status.costs.budgetPct ?? ''}`
    : null;
  useEffect(() => {
    if (costSignal !== null) void reload();
  }, [costSignal, reload]);

  const retryAfterS = api.state.kind === 'ok' ? api.state.data.error?.retryAfterS : undefined;
  useEffect(() => {
    if (retryAfterS === undefined) return undefined;
    const timer = setTimeout(() => void reload(), (retryAfterS + 1) * 1000);
    return () => clearTimeout(timer);
  }, [retryAfterS, reload]);

  const refresh = useCallback(async () => {
    setRefreshing(true);
    setRefreshError(null);
    try {
      const data = await getCosts({ refresh: true, span, org });
      replace(data);
    } catch (error) {
      setRefreshError(toApiError(error));
    } finally {
      setRefreshing(false);
    }
  }, [replace, span, org]);

  return { state: api.state, refreshing, refreshError, refresh, reload };
}
