/**
 * Scopes: the picker's features (from `.help/features.yaml`), the whole project, the last
 * scope per workflow (and the remembered ones dropped, with why), and remembering one.
 * The request body is the one main/scopes/scope-routes.ts parses.
 */
import { z } from 'zod';
import { jsonRoute, type ApiRoute } from './common.js';
import { WORKFLOW_NAME_PATTERN } from './workflows.js';

export const featureSchema = z
  .object({
    name: z.string(),
    description: z.string(),
    /** Relative to the project root; null when none can be derived (then `pathReason` says why). */
    path: z.string().nullable(),
    tags: z.array(z.string()),
    pathReason: z.string().optional(),
  })
  .strict();
export type Feature = z.infer<typeof featureSchema>;

export const scopesViewSchema = z
  .object({
    features: z.array(featureSchema),
    wholeProject: z.object({ label: z.literal('Whole project'), path: z.literal('') }).strict(),
    lastByWorkflow: z.record(z.string(), z.string()),
    droppedLast: z.array(z.object({ workflow: z.string(), path: z.string(), reason: z.string() }).strict()),
    /** Why the feature list is empty or partial. */
    warning: z.string().optional(),
  })
  .strict();
export type ScopesView = z.infer<typeof scopesViewSchema>;

export const lastScopeBodySchema = z
  .object({
    workflow: z.string().regex(WORKFLOW_NAME_PATTERN, 'must match ^[a-z][a-z0-9-]{1,63}$'),
    path: z.string().max(4096),
  })
  .strict();
export type LastScopeBody = z.infer<typeof lastScopeBodySchema>;

export const rememberedScopeSchema = z
  .object({ workflow: z.string(), path: z.string(), lastByWorkflow: z.record(z.string(), z.string()) })
  .strict();
export type RememberedScope = z.infer<typeof rememberedScopeSchema>;

export const SCOPE_ROUTES: readonly ApiRoute[] = [
  jsonRoute('GET', '/api/scopes', 'the scopes a run can be started on', { 200: scopesViewSchema }),
  jsonRoute(
    'PUT',
    '/api/scopes/last',
    'remember the last scope of a workflow',
    { 200: rememberedScopeSchema },
    { body: lastScopeBodySchema },
  ),
];
