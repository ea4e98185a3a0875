/** Loads tokens and cache efficiency (`GET /api/usage`) for the chosen span and organization (use-cost-report.ts reloads it). */
import type { CostSpan } from '../../api/costs';
import { getUsage, type UsageResponse } from '../../api/usage';
import type { ApiState } from '../../api/use-api';
import { useAppContext } from '../../app/app-context';
import { useCostReport } from './use-cost-report';

export function useUsage(span: CostSpan): { state: ApiState<UsageResponse>; reload(): Promise<void> } {
  const { org } = useAppContext();
  return useCostReport((signal) => getUsage({ span, org, signal }), [span, org]);
}
