/**
 * Core routes: health (the one route without a token), what the server is serving, and
 * the one-time login code the desktop shell and `serve` hand out (a URL to open once).
 */
import { z } from 'zod';
import { emptyBodySchema, jsonRoute, type ApiRoute } from './common.js';

export const healthSchema = z.object({ ok: z.literal(true), version: z.string() }).strict();
export type Health = z.infer<typeof healthSchema>;

export const serverInfoSchema = z
  .object({
    version: z.string(),
    projectRoot: z.string(),
    /** The last segment of `projectRoot`, for the header. */
    projectName: z.string(),
    attuneHome: z.string(),
    runsDir: z.string(),
    allowRun: z.boolean(),
    specsCandidatesEnabled: z.boolean(),
  })
  .strict();
export type ServerInfo = z.infer<typeof serverInfoSchema>;

/** A code that opens one console session once: 32 random bytes (base64url); `url` carries it. */
export const loginCodeSchema = z
  .object({
    code: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be 32 bytes in base64url'),
    /** `<origin>/?login=<code>`. */
    url: z.url().regex(/\/\?login=[A-Za-z0-9_-]{43}$/, 'must end /?login=<code>'),
    expiresAt: z.iso.datetime(),
  })
  .strict();
export type LoginCode = z.infer<typeof loginCodeSchema>;

export const CORE_ROUTES: readonly ApiRoute[] = [
  jsonRoute('GET', '/api/health', 'liveness and version (no token)', { 200: healthSchema }, { public: true }),
  jsonRoute('GET', '/api/info', 'project, paths and switches of this server', { 200: serverInfoSchema }),
  jsonRoute(
    'POST',
    '/api/session/login-code',
    'a one-time login code and the URL that uses it',
    { 201: loginCodeSchema },
    { body: emptyBodySchema },
  ),
];
