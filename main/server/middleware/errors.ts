/**
 * Turns every thrown value into the JSON error shape of docs/API.md. `OpsError`s are
 * operational and shown as they are; errors from Koa's stack (body parser, router) are
 * mapped to stable codes by status; anything else is a fault, logged with a request id and
 * answered as a generic 500 `internal` (so a storage error, a 507/503 OpsError, is never
 * turned into a 500). Used by error-handler.ts, which wraps every request; an error answer carries its id in `X-Request-Id`, the same id the
 * log line has (a successful answer has nothing to correlate, so it gets none).
 */
import { randomBytes } from 'node:crypto';
import type { Context } from 'koa';
import { OpsError, isOpsError, toErrorBody } from '../../core/errors.js';
import type { Logger } from '../../logging/logger.js';

export type ErrorAnswer = (ctx: Context, thrown: unknown) => void;

export function errorAnswerer(logger: Logger): ErrorAnswer {
  // A per-process random prefix and a counter: unique, cheap (no crypto per request).
  const prefix = randomBytes(4).toString('hex');
  let counter = 0;
  return (ctx, thrown) => {
    counter += 1;
    const requestId = `${prefix}-${counter.toString(36)}`;
    const error = toOpsError(thrown);
    if (error.status >= 500) {
      logger.error({ err: thrown, requestId, method: ctx.method, path: ctx.path }, 'request failed');
    }
    if (ctx.headerSent || ctx.respond === false) return;
    ctx.status = error.status;
    ctx.set('Cache-Control', 'no-store');
    ctx.set('X-Request-Id', requestId);
    ctx.body = toErrorBody(error);
  };
}

/** The JSON 404 for an `/api` request that nothing answered. */
export function apiNotFound(ctx: Context): OpsError {
  return new OpsError(404, 'not_found', `No API route ${ctx.method} ${ctx.path}.`);
}

/** Maps errors thrown by libraries (http-errors shaped) to OpsErrors with stable codes. */
export function toOpsError(thrown: unknown): OpsError {
  if (isOpsError(thrown)) return thrown;
  const status =
    typeof (thrown as { status?: unknown })?.status === 'number' ? (thrown as { status: number }).status : 500;
  const type = (thrown as { type?: unknown })?.type;
  if (status === 413) return new OpsError(413, 'body_too_large', 'The request body is larger than 1 MiB.');
  if (status === 400 && (type === 'entity.parse.failed' || thrown instanceof SyntaxError)) {
    return new OpsError(400, 'invalid_json', 'The request body is not valid JSON.');
  }
  if (status === 415) return new OpsError(415, 'unsupported_media_type', 'Send the request body as application/json.');
  if (status === 405 || status === 501)
    return new OpsError(405, 'method_not_allowed', 'This method is not allowed on this route.');
  if (status === 404) return new OpsError(404, 'not_found', 'Not found.');
  if (status >= 400 && status < 500) return new OpsError(400, 'invalid_body', 'The request could not be read.');
  return new OpsError(500, 'internal', 'Something went wrong inside the ops server; details are in its log.');
}
