/**
 * The outermost middleware: anything thrown below becomes the JSON error shape
 * (errors.ts: OpsErrors as they are, library errors mapped by status, the rest a logged
 * 500 `internal` with its request id), and an API request nothing answered becomes the
 * JSON 404.
 */
import type { Middleware } from 'koa';
import type { Logger } from '../../logging/logger.js';
import { isApiPath } from '../api-path.js';
import { apiNotFound, errorAnswerer } from './errors.js';

export function errorHandler(logger: Logger): Middleware {
  const answerError = errorAnswerer(logger);
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body == null && ctx.respond !== false && isApiPath(ctx.path)) {
        answerError(ctx, apiNotFound(ctx));
      }
    } catch (thrown) {
      answerError(ctx, thrown);
    }
  };
}
