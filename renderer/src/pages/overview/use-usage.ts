/**
 * Loads tokens and cache efficiency (`GET /api/usage`) for the chosen span, reloading when
 * the span changes and when the status stream reports new cost data (the usage report is
 * refreshed with the costs), so it never polls on its own.
 */
import { useEffect } from 'react';
import type { CostSpan } from '../../api/costs';
import { getUsage, type UsageResponse } from '../../api/usage';
import { useApi, type ApiState } from '../../api/use-api';
import { useAppContext } from '../../app/app-context';

export function useUsage(span: CostSpan): { state: ApiState<UsageResponse>; reload(): Promise<void> } {
  const api = useApi((signal) => getUsage({ span, signal }), [span]);
  const { status } = useAppContext();
  const { reload } = api;
  const costSignal = status ? `${status.costs.state}|${status.costs.fetchedAt ?? ''}` : null;
  useEffect(() => {
    if (costSignal !== null) void reload();
  }, [costSignal, reload]);
  return { state: api.state, reload };
}
