/**
 * The request guard: the first middleware, doing in one step what used to be five.
 *
 * In order, for every request:
 *   1. security headers (security-headers.ts), so error answers carry them too;
 *   2. Host allowlist (host-allowlist.ts), before auth and routing;
 *   3. launch token for `/api` but /api/health, and the `/?token=` bootstrap (auth.ts);
 *   4. same-origin `Origin` for state-changing methods (origin.ts);
 * then `inner`, the rest of the app. Anything thrown by a check or by `inner` becomes the
 * JSON error answer (errors.ts), and an `/api` request nothing answered becomes the JSON
 * 404.
 *
 * Each check is a plain function: no async frame and no middleware dispatch per check.
 * `inner` is called directly, not through Koa's compose, so a synchronous handler's
 * answer is finished without any promise work here; a promise gets one `.then`.
 */
import type { Context, Middleware } from 'koa';
import type { Logger } from '../../logging/logger.js';
import { isApiPath } from '../api-path.js';
import { tokenCheck } from './auth.js';
import { apiNotFound, errorAnswerer, type ErrorAnswer } from './errors.js';
import { hostCheck } from './host-allowlist.js';
import { checkSameOrigin } from './origin.js';
import { setSecurityHeaders } from './security-headers.js';

export interface GuardOptions {
  logger: Logger;
  /** The bind address and extra trusted Host values (the allowlist). */
  host: string;
  trustedHosts: readonly string[];
  /** The port Host headers must name; a getter because port 0 is known only after listen. */
  port: () => number;
  token: string;
}

export function requestGuard(options: GuardOptions, inner: Middleware): Middleware {
  const answerError = errorAnswerer(options.logger);
  const checkHost = hostCheck(options);
  const checkToken = tokenCheck(options);
  return (ctx, next) => {
    let isApi = false;
    let result: unknown;
    try {
      const path = ctx.path;
      isApi = isApiPath(path);
      setSecurityHeaders(ctx.res, isApi);
      checkHost(ctx);
      if (checkToken(ctx, path, isApi) === 'answered') return undefined;
      checkSameOrigin(ctx);
      result = inner(ctx, next);
    } catch (thrown) {
      answerError(ctx, thrown);
      return undefined;
    }
    if (isThenable(result)) {
      return result.then(
        () => answerUnanswered(ctx, isApi, answerError),
        (thrown: unknown) => answerError(ctx, thrown),
      );
    }
    answerUnanswered(ctx, isApi, answerError);
    return undefined;
  };
}

/** An `/api` request that nothing answered gets the JSON 404. */
function answerUnanswered(ctx: Context, isApi: boolean, answerError: ErrorAnswer): void {
  if (isApi && ctx.status === 404 && ctx.body === undefined && ctx.respond !== false)
    answerError(ctx, apiNotFound(ctx));
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}
