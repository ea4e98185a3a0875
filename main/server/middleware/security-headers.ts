/**
 * Response headers, set first so error answers carry them too: no sniffing and no
 * referrer on every answer; API answers are never cached; documents and assets
 * (everything outside the API) also carry the strict CSP and the no-framing headers.
 */
import type { Middleware } from 'koa';
import { isApiPath } from '../api-path.js';
import { CONTENT_SECURITY_POLICY } from '../csp.js';

export function securityHeaders(): Middleware {
  return (ctx, next) => {
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Referrer-Policy', 'no-referrer');
    if (isApiPath(ctx.path)) {
      ctx.set('Cache-Control', 'no-store');
    } else {
      ctx.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
      ctx.set('X-Frame-Options', 'DENY');
      ctx.set('Cross-Origin-Opener-Policy', 'same-origin');
    }
    return next();
  };
}
