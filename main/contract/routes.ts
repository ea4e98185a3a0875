/**
 * The registry of the HTTP API: every route the server registers, with what it answers
 * (a schema per success status, text, or named events), and every event stream. Tests
 * check it against the routers both ways and validate each answer against it; docs/API.md
 * has an entry for each route and event.
 */
import type { ApiRoute, HttpMethod } from './common.js';
import { CORE_ROUTES } from './core.js';
import { COST_ROUTES } from './costs.js';
import { CLAUDE_CODE_ROUTES } from './costs-claude-code.js';
import { KEY_SPEND_ROUTES } from './costs-keys.js';
import { ORG_ROUTES } from './costs-orgs.js';
import { RUN_EVENTS, RUN_ROUTES } from './runs.js';
import { SCOPE_ROUTES } from './scopes.js';
import { SETTINGS_ROUTES } from './settings.js';
import { SPEC_ROUTES } from './specs.js';
import { STATUS_EVENTS, STATUS_ROUTES } from './status.js';
import { TELEMETRY_ROUTES } from './telemetry.js';
import { WORKFLOW_ROUTES } from './workflows.js';

export const API_ROUTES: readonly ApiRoute[] = [
  ...CORE_ROUTES,
  ...SETTINGS_ROUTES,
  ...COST_ROUTES,
  ...KEY_SPEND_ROUTES,
  ...CLAUDE_CODE_ROUTES,
  ...ORG_ROUTES,
  ...WORKFLOW_ROUTES,
  ...RUN_ROUTES,
  ...SCOPE_ROUTES,
  ...SPEC_ROUTES,
  ...STATUS_ROUTES,
  ...TELEMETRY_ROUTES,
];

/** The event streams by name (`run`: `/api/runs/:id/events`, `status`: `/api/status/events`). */
export const API_EVENTS = { run: RUN_EVENTS, status: STATUS_EVENTS } as const;
export type EventStreamName = keyof typeof API_EVENTS;

/** `/api/runs/:id/log` → a matcher for concrete paths (`:name` is one path segment). */
export function routePattern(path: string): RegExp {
  const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z]+/g, '[^/]+');
  return new RegExp(`^${escaped}$`);
}

/**
 * The entry a request is answered by: the first registered route whose pattern matches,
 * in the server's order (so `/api/specs/completion-candidates` is not `/api/specs/:slug`).
 */
export function findRoute(method: HttpMethod, path: string): ApiRoute | undefined {
  const bare = path.split('?')[0] ?? path;
  return API_ROUTES.find((route) => route.method === method && routePattern(route.path).test(bare));
}
