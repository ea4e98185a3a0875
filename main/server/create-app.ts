/**
 * The Koa application factory. It never listens (see start-server.ts), and it is the
 * only place that loads Koa and the routes: `main/index.ts` imports this file lazily so
 * importing the core stays cheap.
 *
 * The request path, one small middleware each (middleware/), in this fixed order:
 *   error handler → security headers → Host allowlist → token → Origin → JSON body →
 *   `/api` routes → their 405s (`allowedMethods({throw: true})`) → the built console.
 * Whether a request is an API request is decided once, on the folded path (api-path.ts).
 */
import Koa from 'koa';
import type { Config } from '../config/config.js';
import type { Services } from '../services.js';
import { createApiRouter } from './api-router.js';
import { LoginCodes } from './login-codes.js';
import { tokenAuth } from './middleware/auth.js';
import { jsonBody } from './middleware/body-parser.js';
import { errorHandler } from './middleware/error-handler.js';
import { hostAllowlist } from './middleware/host-allowlist.js';
import { sameOrigin } from './middleware/origin.js';
import { securityHeaders } from './middleware/security-headers.js';
import { staticRenderer } from './static-renderer.js';

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
  const loginCodes = new LoginCodes();
  const api = createApiRouter(deps.services, loginCodes);
  app.use(errorHandler(deps.services.logger));
  app.use(securityHeaders());
  app.use(hostAllowlist({ host: config.host, trustedHosts: config.trustedHosts, port }));
  app.use(tokenAuth({ token: deps.token, port, loginCodes }));
  app.use(sameOrigin());
  app.use(jsonBody());
  app.use(api.routes());
  app.use(api.allowedMethods({ throw: true }));
  app.use(staticRenderer(deps.rendererDir));
  app.on('error', (error: unknown) => {
    // A client that closed its tab mid-stream is routine, not a server fault.
    if (CLIENT_GONE.has((error as NodeJS.ErrnoException).code ?? ''))
      deps.services.logger.debug({ err: error }, 'client went away');
    else deps.services.logger.error({ err: error }, 'koa error');
  });
  return app;
}
