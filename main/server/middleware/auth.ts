/**
 * Launch-token authentication for every API request (api-path.ts) except `/api/health`.
 *
 * Accepted: `Authorization: Bearer <token>`, or the HttpOnly SameSite=Strict session
 * cookie that the server sets when a page is opened as `/?token=<token>` (then redirects
 * to the same URL without the token). Comparison is constant-time over bytes; any
 * missing, wrong, prefix-only or non-ASCII value is a 401, never a 500. The cookie name
 * carries the port because browsers share cookies across ports of one host. A one-time
 * login code (`/?login=<code>`, login-codes.ts) sets the same cookie.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Context, Middleware } from 'koa';
import { OpsError } from '../../core/errors.js';
import { isApiPath, PUBLIC_API_PATHS } from '../api-path.js';
import type { LoginCodes } from '../login-codes.js';

export function sessionCookieName(port: number): string {
  return `attune_ops_session_${port}`;
}

export function tokensEqual(expected: string | Buffer, given: string | undefined): boolean {
  if (typeof given !== 'string' || given.length === 0) return false;
  const a = typeof expected === 'string' ? Buffer.from(expected, 'utf8') : expected;
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

function bearerToken(ctx: Context): string | undefined {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(ctx.get('Authorization'));
  return match?.[1];
}

function cookieToken(ctx: Context, port: number): string | undefined {
  try {
    return ctx.cookies.get(sessionCookieName(port)) ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * Throws 401 `unauthorized` for an API request (api-path.ts; but the exact /api/health)
 * without the token, and answers `/?token=…` itself.
 */
export function tokenAuth(options: { token: string; port: () => number; loginCodes: LoginCodes }): Middleware {
  const expected = Buffer.from(options.token, 'utf8');
  return (ctx, next) => {
    if (!isApiPath(ctx.path)) {
      const loginCode = ctx.method === 'GET' && ctx.querystring.includes('login=') ? ctx.query.login : undefined;
      if (typeof loginCode === 'string') return redeemLoginCode(ctx, options, loginCode);
      const queryToken = ctx.method === 'GET' && ctx.querystring.includes('token=') ? ctx.query.token : undefined;
      if (typeof queryToken === 'string')
        return bootstrapCookie(ctx, options.token, expected, queryToken, options.port());
      return next();
    }
    if (PUBLIC_API_PATHS.has(ctx.path)) return next();
    if (!tokensEqual(expected, bearerToken(ctx) ?? cookieToken(ctx, options.port()))) {
      throw new OpsError(
        401,
        'unauthorized',
        'Missing or wrong launch token. Open the console from the URL the server printed.',
      );
    }
    return next();
  };
}

/** `/?login=<code>`: a valid code sets the session cookie and 303s to `/`; any other code is a 401 page. */
function redeemLoginCode(
  ctx: Context,
  options: { token: string; port: () => number; loginCodes: LoginCodes },
  code: string,
): undefined {
  if (!options.loginCodes.redeem(code)) {
    ctx.status = 401;
    ctx.type = 'text/html; charset=utf-8';
    ctx.set('Cache-Control', 'no-store');
    ctx.body = LOGIN_LINK_EXPIRED_PAGE;
    return undefined;
  }
  ctx.cookies.set(sessionCookieName(options.port()), options.token, {
    httpOnly: true,
    sameSite: 'strict',
    path: '/',
    overwrite: true,
  });
  ctx.set('Cache-Control', 'no-store');
  ctx.status = 303;
  ctx.redirect('/');
  return undefined;
}

export const LOGIN_LINK_EXPIRED_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Attune Ops: link expired</title></head>
<body><h1>This link has expired or was already used</h1>
<p>Console links from the desktop app work once, for one minute. Use "Open in browser" in Attune Ops again.</p>
</body></html>
`;

/** `/?token=…`: sets the session cookie and redirects to the same URL without the token. */
function bootstrapCookie(ctx: Context, token: string, expected: Buffer, given: string, port: number): undefined {
  if (!tokensEqual(expected, given)) {
    throw new OpsError(
      401,
      'unauthorized',
      'This console link has an invalid token. Open the URL printed when the server started.',
    );
  }
  ctx.cookies.set(sessionCookieName(port), token, { httpOnly: true, sameSite: 'strict', path: '/', overwrite: true });
  const clean = new URLSearchParams(ctx.querystring);
  clean.delete('token');
  const rest = clean.toString();
  ctx.status = 303;
  // Collapse leading slashes: `//evil.example/` must not become a cross-site redirect.
  const path = `/${ctx.path.replace(/^[/\\]+/, '')}`;
  ctx.redirect(`${path}${rest ? `?${rest}` : ''}`);
  return undefined;
}
