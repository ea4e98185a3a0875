/**
 * CSRF defence for state-changing requests: when an `Origin` header is sent it must be
 * this server's own origin (`http://<the Host header>`). `Origin: null` is refused.
 * A plain check called by the request guard (guard.ts); it throws the 403.
 */
import type { Context } from 'koa';
import { OpsError } from '../../core/errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function checkSameOrigin(ctx: Context): void {
  const origin = ctx.req.headers.origin;
  if (origin === undefined || origin === '' || SAFE_METHODS.has(ctx.method)) return;
  const expected = `http://${ctx.req.headers.host ?? ''}`.toLowerCase();
  if (origin.toLowerCase() !== expected) {
    throw new OpsError(
      403,
      'forbidden_origin',
      'Changes are only accepted from the console itself (cross-origin request refused).',
    );
  }
}
