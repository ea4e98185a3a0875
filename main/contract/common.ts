/**
 * Shared pieces of the HTTP contract: the error body every failure answers, the shape of
 * a route entry in `API_ROUTES`, and the query-flag schema several routes accept.
 * Response objects are strict: a field the server adds without adding it here fails the
 * contract tests, so the contract cannot drift from the server.
 */
import { z } from 'zod';

/** Every stable error code (core/errors.ts `OpsErrorCode`; a type test keeps the two equal). */
export const ERROR_CODES = [
  'untrusted_host',
  'invalid_json',
  'invalid_body',
  'invalid_path',
  'invalid_id',
  'invalid_query',
  'unauthorized',
  'forbidden_origin',
  'runs_disabled',
  'read_only',
  'not_found',
  'unknown_workflow',
  'unknown_run',
  'unknown_spec',
  'unknown_org',
  'method_not_allowed',
  'runner_busy',
  'unsafe_rewrite',
  'conflict',
  'body_too_large',
  'unsupported_media_type',
  'keychain_unavailable',
  'upstream_failed',
  'storage_full',
  'storage_unavailable',
  'invalid_file',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** `{error: {code, message, …details}}`: details (`field`, `currentRunIds`, `path`…) vary by code. */
export const errorBodySchema = z
  .object({ error: z.object({ code: z.enum(ERROR_CODES), message: z.string().min(1) }).loose() })
  .strict();
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** `?refresh=1` (also `true`, `0`, `false`) on the routes that can go upstream now. */
export const refreshQuerySchema = z.object({ refresh: z.enum(['0', '1', 'true', 'false']).optional() }).strict();

/**
 * `?org=` on the spend routes: `all` (every organization summed, where a route offers it) or
 * one organization's key slot (`default`, `keychain`, `k2`…, as `GET /api/orgs` lists them);
 * the first organization when absent. An unknown slot is a 404 `unknown_org`.
 */
export const orgParamSchema = z
  .string()
  .regex(/^(all|default|keychain|k[2-9]|k[1-9][0-9]{1,2})$/, 'org must be all or a key slot from /api/orgs')
  .optional();

/** An empty JSON body (or none): `{}` and nothing else. */
export const emptyBodySchema = z.object({}).strict();

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** What a route answers on success: JSON checked by a schema per status, plain text, or an event stream. */
export type RouteAnswer =
  | { kind: 'json'; responses: Readonly<Record<number, z.ZodType>> }
  | { kind: 'text'; contentType: string; status: number }
  | {
      kind: 'sse';
      stream: string;
      events: Readonly<Record<string, z.ZodType>>;
      /** When the route answers 204 No Content instead of a stream (nothing more will come). */
      noContent?: string;
    };

export interface ApiRoute {
  method: HttpMethod;
  /** The router pattern under the server root, e.g. `/api/runs/:id/log`. */
  path: string;
  /** One line for docs and test names. */
  summary: string;
  /** True for the one route that needs no token (`/api/health`). */
  public?: boolean;
  query?: z.ZodType;
  body?: z.ZodType;
  answer: RouteAnswer;
  /**
   * Set while another change adds or reshapes this route on the server (who, and what):
   * the contract tests skip it, saying so, until the server answers this shape.
   */
  pending?: string;
}

/** Shorthand for a JSON route entry. */
export function jsonRoute(
  method: HttpMethod,
  path: string,
  summary: string,
  responses: Readonly<Record<number, z.ZodType>>,
  extra: Pick<ApiRoute, 'query' | 'body' | 'public' | 'pending'> = {},
): ApiRoute {
  return { method, path, summary, ...extra, answer: { kind: 'json', responses } };
}
