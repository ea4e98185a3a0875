/**
 * Several organizations (docs/API.md "Organizations"): the list with their total, adding an
 * admin key (it travels once, from the form to `POST /api/orgs`) and removing one. `OrgChoice`
 * is what the spend routes' `?org=` takes: a slot, or `all`.
 */
import type { Organization, OrgsResponse } from '../../../main/contract';
import { apiGet, apiSend } from './http';

export type { Organization, OrgsResponse } from '../../../main/contract';
export type OrgChoice = string;
export const ALL_ORGS: OrgChoice = 'all';
export const FIRST_ORG: OrgChoice = 'default';

export const getOrgs = (signal?: AbortSignal) => apiGet<OrgsResponse>('/api/orgs', signal);
export const addOrg = (key: string) => apiSend<Organization>('POST', '/api/orgs', { key });
export const removeOrg = (slot: string) => apiSend<OrgsResponse>('DELETE', `/api/orgs/${encodeURIComponent(slot)}`);

/** `org=<choice>` for a query string; nothing for the first organization (the server's default). */
export function orgQuery(query: URLSearchParams, org: OrgChoice | undefined): URLSearchParams {
  if (org !== undefined && org !== FIRST_ORG) query.set('org', org);
  return query;
}
