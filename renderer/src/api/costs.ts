/**
 * The cost API (docs/API.md "Costs"): the spend summary with its error and alarm, a forced
 * refresh, the CSV export URL, and the admin key's derived status (never the key itself:
 * the key only travels from the form to `PUT /api/costs/key`).
 */
import type { AdminKeyStatus, CostsResponse } from '../../../main/contract';
import { apiGet, apiSend } from './http';
import { orgQuery, type OrgChoice } from './orgs';

export type {
  AdminKeyStatus,
  AnomalyExplanation,
  BudgetReach,
  BudgetState,
  CostForecast,
  CostAlarm,
  CostBudget,
  CostError,
  CostErrorKind,
  CostsResponse,
  CostSummary,
  SpendContributor,
} from '../../../main/contract';

/** The spans the Overview offers (days, today included); 30 is the server's default. */
export const COST_SPAN_DAYS = [7, 30, 90] as const;
export type CostSpan = (typeof COST_SPAN_DAYS)[number];

export const costsExportUrl = (span: CostSpan, org?: OrgChoice) =>
  `/api/costs/export.csv?${orgQuery(new URLSearchParams({ days: String(span) }), org).toString()}`;

export const getCosts = (
  options: { refresh?: boolean; span?: CostSpan; org?: OrgChoice; signal?: AbortSignal } = {},
) => {
  const query = orgQuery(new URLSearchParams(), options.org);
  if (options.span !== undefined) query.set('days', String(options.span));
  if (options.refresh) query.set('refresh', '1');
  const text = query.toString();
  return apiGet<CostsResponse>(text ? `/api/costs?${text}` : '/api/costs', options.signal);
};

export const getKeyStatus = (signal?: AbortSignal) => apiGet<AdminKeyStatus>('/api/costs/key', signal);

/** Stores the key in the OS keychain; the server validates it and starts a refresh. */
export const putKey = (key: string) => apiSend<AdminKeyStatus>('PUT', '/api/costs/key', { key });

export const deleteKey = () => apiSend<AdminKeyStatus>('DELETE', '/api/costs/key');
