/**
 * The cost API (docs/API.md "Costs"): the spend summary with its error and alarm, a forced
 * refresh, the CSV export URL, and the admin key's derived status (never the key itself:
 * the key only travels from the form to `PUT /api/costs/key`).
 */
import type { AdminKeyStatus, CostsResponse } from '../../../main/contract';
import { apiGet, apiSend } from './http';

export type {
  AdminKeyStatus,
  BudgetState,
  CostAlarm,
  CostBudget,
  CostError,
  CostErrorKind,
  CostsResponse,
  CostSummary,
} from '../../../main/contract';

export const COSTS_EXPORT_URL = '/api/costs/export.csv';

export const getCosts = (options: { refresh?: boolean; signal?: AbortSignal } = {}) =>
  apiGet<CostsResponse>(options.refresh ? '/api/costs?refresh=1' : '/api/costs', options.signal);

export const getKeyStatus = (signal?: AbortSignal) => apiGet<AdminKeyStatus>('/api/costs/key', signal);

/** Stores the key in the OS keychain; the server validates it and starts a refresh. */
export const putKey = (key: string) => apiSend<AdminKeyStatus>('PUT', '/api/costs/key', { key });

export const deleteKey = () => apiSend<AdminKeyStatus>('DELETE', '/api/costs/key');
