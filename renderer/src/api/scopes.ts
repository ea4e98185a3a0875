/**
 * Typed calls for scopes: the project's features (from `.help/features.yaml`), the last
 * scope chosen per workflow, and remembering a choice. `warning` explains, in words a
 * user can act on, why the feature list is empty or partial. The shapes are the server's
 * own types (`import type` from main/scopes), not copies.
 */
import type { Feature, ScopesView } from '../../../main/contract';
import { apiGet, apiSend } from './http';

export type { Feature };

/** `GET /api/scopes`. */
export type ScopeList = ScopesView;

/** `PUT /api/scopes/last`: the remembered choice and the whole map after it. */
export interface RememberedScope {
  workflow: string;
  path: string;
  lastByWorkflow: ScopesView['lastByWorkflow'];
}

export const listScopes = (signal?: AbortSignal) => apiGet<ScopeList>('/api/scopes', signal);

export const rememberScope = (workflow: string, path: string) =>
  apiSend<RememberedScope>('PUT', '/api/scopes/last', { workflow, path });
