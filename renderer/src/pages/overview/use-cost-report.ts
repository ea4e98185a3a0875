/**
 * Loads one of the reports refreshed with the costs (usage, Claude Code…) and reloads it
 * when the status stream reports new cost data (a changed cost state or `fetchedAt`), so
 * no panel polls on its own. `deps` change the request (the span) and reload too.
 */
import { useEffect } from 'react';
import { useApi, type ApiState } from '../../api/use-api';
import { useAppContext } from '../../app/app-context';

export function useCostReport<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: unknown[] = [],
): { state: ApiState<T>; reload(): Promise<void> } {
  const api = useApi(load, deps);
  const { status } = useAppContext();
  const { reload } = api;
  const costSignal = status ? `${status.costs.state}|${status.costs.fetchedAt ?? ''}` : null;
  useEffect(() => {
    if (costSignal !== null) void reload();
  }, [costSignal, reload]);
  return { state: api.state, reload };
}
