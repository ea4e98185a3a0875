/**
 * The usage API (docs/API.md "Costs", `GET /api/usage`): tokens by type and the cache hit
 * rate per day and per model over a span of 7, 30 or 90 days, with the error explaining
 * missing or stale figures.
 */
import type { UsageResponse } from '../../../main/contract';
import type { CostSpan } from './costs';
import { apiGet } from './http';
import { orgQuery, type OrgChoice } from './orgs';

export type { UsageResponse, UsageSummary } from '../../../main/contract';

export const getUsage = (options: { span: CostSpan; org?: OrgChoice; signal?: AbortSignal }) =>
  apiGet<UsageResponse>(
    `/api/usage?${orgQuery(new URLSearchParams({ days: String(options.span) }), options.org).toString()}`,
    options.signal,
  );
