/**
 * Response headers for every answer: the strict CSP, no sniffing, no framing, no
 * referrer, and no caching of API answers.
 */
import type { Middleware } from 'koa';
import { CONTENT_SECURITY_POLICY } from '../csp.js';

export function securityHeaders(): Middleware {
  return async (ctx, next) => {
    ctx.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('X-Frame-Options', 'DENY');
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.set('Cross-Origin-Opener-Policy', 'same-origin');
    if (ctx.path.startsWith('/api')) ctx.set('Cache-Control', 'no-store');
    await next();
  };
}
