/** Loads tokens and cache efficiency (`GET /api/usage`) for the chosen span (use-cost-report.ts reloads it). */
import type { CostSpan } from '../../api/costs';
import { getUsage, type UsageResponse } from '../../api/usage';
import type { ApiState } from '../../api/use-api';
import { useCostReport } from './use-cost-report';

export function useUsage(span: CostSpan): { state: ApiState<UsageResponse>; reload(): Promise<void> } {
  return useCostReport((signal) => getUsage({ span, signal }), [span]);
}
