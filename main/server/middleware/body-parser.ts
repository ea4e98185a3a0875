/**
 * The JSON body parser for API requests that may carry a body (1 MiB, strict JSON),
 * loaded on the first such request. A body sent as anything but JSON is a 415 rather
 * than being read as `{}`. Reads and non-API requests pass straight on.
 */
import type { Context, Middleware } from 'koa';
import { OpsError } from '../../core/errors.js';
import { isApiPath } from '../api-path.js';

export const BODY_LIMIT = '1mb';

export function jsonBody(): Middleware {
  let parser: Promise<Middleware> | undefined;
  const load = (): Promise<Middleware> =>
    (parser ??= import('@koa/bodyparser').then(
      ({ bodyParser }) => bodyParser({ enableTypes: ['json'], jsonLimit: BODY_LIMIT, jsonStrict: true }) as Middleware,
      (error: unknown) => {
        parser = undefined; // a failed load is retried by the next request, not cached
        throw error;
      },
    ));
  return async (ctx, next) => {
    if (ctx.method === 'GET' || ctx.method === 'HEAD' || !isApiPath(ctx.path)) return next();
    if (hasBody(ctx) && !ctx.is('application/json', '+json')) {
      throw new OpsError(
        415,
        'unsupported_media_type',
        'Send the request body as JSON with Content-Type: application/json.',
      );
    }
    return (await load())(ctx, next);
  };
}

function hasBody(ctx: Context): boolean {
  const length = ctx.get('Content-Length');
  return ctx.get('Transfer-Encoding') !== '' || (length !== '' && length !== '0');
}
