/**
 * CSRF defence for state-changing requests: when an `Origin` header is sent it must be
 * this server's own origin (`http://<the Host header>`). `Origin: null` is refused.
 */
import type { Middleware } from 'koa';
import { OpsError } from '../../core/errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function sameOriginForMutations(): Middleware {
  return (ctx, next) => {
    const origin = ctx.get('Origin');
    if (!SAFE_METHODS.has(ctx.method) && origin !== '') {
      const expected = `http://${ctx.get('Host')}`.toLowerCase();
      if (origin.toLowerCase() !== expected) {
        throw new OpsError(403, 'forbidden_origin', 'Changes are only accepted from the console itself (cross-origin request refused).');
      }
    }
    return next();
  };
}
