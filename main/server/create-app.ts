/**
 * The Koa application factory. It never listens (see start-server.ts), and it is the
 * only place that loads Koa and the routes: `main/index.ts` imports this file lazily so
 * importing the core stays cheap.
 *
 * Middleware order matters and is fixed:
 *   1. request id + error handler (every failure becomes the JSON error shape)
 *   2. security headers (CSP, nosniff, no framing)
 *   3. Host allowlist (before any routing: DNS-rebinding defence)
 *   4. token auth (and the `/?token=` cookie bootstrap)
 *   5. same-origin check for state-changing methods
 *   6. JSON body parser for `/api` (1 MiB limit; loaded on the first request with a body)
 *   7. `/api` routes, then the built renderer with SPA fallback
 */
import Koa from 'koa';
import type { Config } from '../config/config.js';
import { OpsError } from '../core/errors.js';
import type { Services } from '../services.js';
import { createApiRouter } from './api-router.js';
import { errorHandler } from './middleware/errors.js';
import { securityHeaders } from './middleware/security-headers.js';
import { hostAllowlist } from './middleware/host-allowlist.js';
import { tokenAuth } from './middleware/auth.js';
import { sameOriginForMutations } from './middleware/origin.js';
import { staticRenderer } from './static-renderer.js';

export const BODY_LIMIT = '1mb';
const CLIENT_GONE = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE']);

export interface AppDeps {
  services: Services;
  token: string;
  /** The port Host headers must name; a getter because port 0 is known only after listen. */
  port?: () => number;
  /** The built renderer folder (index.html + assets); undefined serves a "not built" page. */
  rendererDir?: string;
}

export function buildKoaApp(config: Config, deps: AppDeps): Koa {
  const app = new Koa({ proxy: false });
  const port = deps.port ?? (() => config.port);
  const api = createApiRouter(deps.services);

  app.use(errorHandler(deps.services.logger));
  app.use(securityHeaders());
  app.use(hostAllowlist({ host: config.host, trustedHosts: config.trustedHosts, port }));
  app.use(tokenAuth({ token: deps.token, port }));
  app.use(sameOriginForMutations());
  app.use(lazyJsonBody());
  app.use(api.routes());
  app.use(api.allowedMethods({ throw: true }));
  app.use(staticRenderer(deps.rendererDir));
  app.on('error', (error: unknown) => {
    // A client that closed its tab mid-stream is routine, not a server fault.
    if (CLIENT_GONE.has((error as NodeJS.ErrnoException).code ?? '')) deps.services.logger.debug({ err: error }, 'client went away');
    else deps.services.logger.error({ err: error }, 'koa error');
  });
  return app;
}

/**
 * The JSON body parser for `/api`, loaded on the first request that may carry a body:
 * most launches answer reads first, and the parser's dependency tree is a noticeable part
 * of a cold start.
 */
function lazyJsonBody(): Koa.Middleware {
  let parser: Promise<Koa.Middleware> | undefined;
  const load = (): Promise<Koa.Middleware> =>
    (parser ??= import('@koa/bodyparser').then(
      ({ bodyParser }) => bodyParser({ enableTypes: ['json'], jsonLimit: BODY_LIMIT, jsonStrict: true }),
      (error: unknown) => {
        parser = undefined; // a failed load is retried by the next request, not cached
        throw error;
      },
    ));
  return (ctx, next) => {
    if (!ctx.path.startsWith('/api') || ctx.method === 'GET' || ctx.method === 'HEAD') return next();
    // A body that is not JSON would otherwise be ignored and read as `{}`: refuse it.
    if (hasBody(ctx) && !ctx.is('application/json', '+json')) {
      throw new OpsError(415, 'unsupported_media_type', 'Send the request body as JSON with Content-Type: application/json.');
    }
    return load().then((parse) => parse(ctx, next));
  };
}

function hasBody(ctx: Koa.Context): boolean {
  const length = ctx.get('Content-Length');
  return ctx.get('Transfer-Encoding') !== '' || (length !== '' && length !== '0');
}
