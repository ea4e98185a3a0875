/**
 * `POST /api/session/login-code` (token-authed like every /api route, empty body) →
 * 201 `{code, url, expiresAt}`, `url` being `<origin>/?login=<code>`: a one-time code
 * for opening the console in a browser (login-codes.ts; redeemed by auth.ts).
 */
import Router from '@koa/router';
import { emptyBodySchema } from '../contract/common.js';
import type { LoginCodes } from './login-codes.js';
import { parseBody } from './validate.js';

export function sessionRoutes(loginCodes: LoginCodes): Router {
  const router = new Router();
  router.post('/session/login-code', (ctx) => {
    parseBody(emptyBodySchema, ctx.request.body);
    const { code, expiresAtMs } = loginCodes.issue();
    ctx.status = 201;
    ctx.set('Cache-Control', 'no-store');
    // The Host header passed the allowlist already; the server speaks plain HTTP on its own address.
    const origin = `http://${ctx.req.headers.host ?? ''}`;
    ctx.body = { code, url: `${origin}/?login=${code}`, expiresAt: new Date(expiresAtMs).toISOString() };
  });
  return router;
}
