/**
 * Typed calls for scopes: the project's features (from `.help/features.yaml`), the last
 * scope chosen per workflow, and remembering a choice. `warning` explains, in words a
 * user can act on, why the feature list is empty or partial.
 */
import { apiGet, apiSend } from './http';

export interface Feature {
  name: string;
  description: string;
  /** The feature's scope path; '' or null when it has none. */
  path: string | null;
  tags: string[];
  /** Why `path` is null, in words a user can act on. */
  pathReason?: string;
}

export interface ScopeList {
  features: Feature[];
  /** workflow name → last path used ('' = whole project). */
  lastByWorkflow: Record<string, string>;
  warning?: string | null;
}

export const listScopes = (signal?: AbortSignal) => apiGet<ScopeList>('/api/scopes', signal);

export const rememberScope = (workflow: string, path: string) => apiSend<unknown>('PUT', '/api/scopes/last', { workflow, path });
