/**
 * Cost per API key (docs/API.md "Cost per API key"): `GET /api/costs/keys?days=N`, with
 * `refresh` asking the Admin API now. An answer without `rows` is not this route's shape
 * and is refused here, so a panel never renders half an answer.
 */
import type { KeySpendResponse } from '../../../main/contract';
import { ApiError, apiGet } from './http';
import { orgQuery, type OrgChoice } from './orgs';

export type { KeySpendMethod, KeySpendResponse, KeySpendRow } from '../../../main/contract';

export async function getKeySpend(
  options: { days?: number; refresh?: boolean; org?: OrgChoice; signal?: AbortSignal } = {},
): Promise<KeySpendResponse> {
  const query = orgQuery(new URLSearchParams(), options.org);
  if (options.days !== undefined) query.set('days', String(options.days));
  if (options.refresh) query.set('refresh', '1');
  const text = query.toString();
  const answer = await apiGet<KeySpendResponse>(`/api/costs/keys${text ? `?${text}` : ''}`, options.signal);
  if (!Array.isArray((answer as Partial<KeySpendResponse>).rows))
    throw new ApiError(
      0,
      'client_error',
      'The server answered cost per API key in a shape this console does not know.',
    );
  return answer;
}
