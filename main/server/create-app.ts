/**
 * The Koa application factory. It never listens (see start-server.ts), and it is the
 * only place that loads Koa and the routes: `main/index.ts` imports this file lazily so
 * importing the core stays cheap.
 *
 * Middleware order matters and is fixed:
 *   1-5. the request guard (middleware/guard.ts), one middleware running in order: the
 *        error handler around everything (every failure becomes the JSON error shape),
 *        security headers (CSP, nosniff, no framing), the Host allowlist (before any
 *        routing: DNS-rebinding defence), token auth (and the `/?token=` cookie
 *        bootstrap), the same-origin check for state-changing methods
 *   6. JSON body parser for `/api` (1 MiB limit; loaded on the first request with a body)
 *   7. `/api` routes (static paths through an exact-path index, route-index.ts; the rest
 *      through the router and its 405s), then the built renderer with SPA fallback
 */
import Koa from 'koa';
import type { Config } from '../config/config.js';
import { OpsError } from '../core/errors.js';
import type { Services } from '../services.js';
import { createApiRouter } from './api-router.js';
import { isApiPath } from './api-path.js';
import { requestGuard } from './middleware/guard.js';
import { indexedRoutes } from './route-index.js';
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

  // The guard calls the JSON body step, which calls the routes directly (a dispatch through
  // Koa's compose per step would cost on every request); what the routes pass on reaches
  // the console through Koa's `next`.
  const routes = indexedRoutes(api, api.allowedMethods({ throw: true }));
  app.use(
    requestGuard(
      { logger: deps.services.logger, host: config.host, trustedHosts: config.trustedHosts, port, token: deps.token },
      lazyJsonBody(routes),
    ),
  );
  app.use(staticRenderer(deps.rendererDir));
  app.on('error', (error: unknown) => {
    // A client that closed its tab mid-stream is routine, not a server fault.
    if (CLIENT_GONE.has((error as NodeJS.ErrnoException).code ?? ''))
      deps.services.logger.debug({ err: error }, 'client went away');
    else deps.services.logger.error({ err: error }, 'koa error');
  });
  return app;
}

/**
 * The JSON body parser for `/api`, loaded on the first request that may carry a body:
 * most launches answer reads first, and the parser's dependency tree is a noticeable part
 * of a cold start. Then `inner` runs (directly for reads, after parsing otherwise).
 */
function lazyJsonBody(inner: Koa.Middleware): Koa.Middleware {
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
    if (ctx.method === 'GET' || ctx.method === 'HEAD' || !isApiPath(ctx.path)) return inner(ctx, next);
    // A body that is not JSON would otherwise be ignored and read as `{}`: refuse it.
    if (hasBody(ctx) && !ctx.is('application/json', '+json')) {
      throw new OpsError(
        415,
        'unsupported_media_type',
        'Send the request body as JSON with Content-Type: application/json.',
      );
    }
    return load().then((parse) => parse(ctx, async () => inner(ctx, next)));
  };
}

function hasBody(ctx: Koa.Context): boolean {
  const length = ctx.get('Content-Length');
  return ctx.get('Transfer-Encoding') !== '' || (length !== '' && length !== '0');
}
