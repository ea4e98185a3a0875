/**
 * CSRF defence for state-changing requests: when an `Origin` header is sent it must be
 * this server's own origin (`http://<the Host header>`). `Origin: null` is refused.
 * Runs after the token check; it throws the 403.
 */
import type { Middleware } from 'koa';
import { OpsError } from '../../core/errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function sameOrigin(): Middleware {
  return (ctx, next) => {
    checkSameOrigin(ctx.req.headers.origin, ctx.req.headers.host, ctx.method);
    return next();
  };
}

function checkSameOrigin(origin: string | undefined, host: string | undefined, method: string): void {
  if (origin === undefined || origin === '' || SAFE_METHODS.has(method)) return;
  const expected = `http://${host ?? ''}`.toLowerCase();
  if (origin.toLowerCase() !== expected) {
    throw new OpsError(
      403,
      'forbidden_origin',
      'Changes are only accepted from the console itself (cross-origin request refused).',
    );
  }
}
