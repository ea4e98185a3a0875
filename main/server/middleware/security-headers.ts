/**
 * Response headers: no sniffing and no referrer on every answer; API answers are never
 * cached; documents and assets (everything outside /api) also carry the strict CSP and
 * the no-framing headers. JSON answers are not documents, so they skip the long policy
 * headers (which cost measurable throughput on small answers).
 *
 * A plain function called by the request guard (guard.ts) before any check, so error
 * answers carry the headers too. It writes to the Node response directly: nothing has
 * been sent yet at that point, which is all Koa's `ctx.set` would check.
 */
import type { ServerResponse } from 'node:http';
import { CONTENT_SECURITY_POLICY } from '../csp.js';

export function setSecurityHeaders(res: ServerResponse, isApi: boolean): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  if (isApi) {
    res.setHeader('Cache-Control', 'no-store');
  } else {
    res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  }
}
