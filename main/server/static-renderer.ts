/**
 * Serves the built console (Vite output) at `/`, with an SPA fallback: a GET for a path
 * without a file extension that is not under `/api` answers `index.html`. Hashed assets
 * are cached for a year; `index.html` never. When the renderer is not built, `/` says so
 * in plain words instead of a bare 404.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Middleware } from 'koa';
import type * as KoaSend from '@koa/send';
import { isApiPath } from './api-path.js';

export function staticRenderer(rendererDir: string | undefined): Middleware {
  // @koa/send loads with the first page request, not at start-up (API-only launches never need it).
  let sendModule: Promise<typeof KoaSend> | undefined;
  return async (ctx, next) => {
    if (isApiPath(ctx.path) || (ctx.method !== 'GET' && ctx.method !== 'HEAD')) return next();
    if (!rendererDir || !existsSync(join(rendererDir, 'index.html'))) {
      ctx.status = 503;
      ctx.type = 'text/plain';
      ctx.body =
        'The console UI is not built. Run `npm run build` (or `npm start`), then reload. The API is available under /api.';
      return undefined;
    }
    const isAsset = /\.[a-z0-9]+$/i.test(ctx.path);
    const { send } = await (sendModule ??= import('@koa/send'));
    const served = await send(ctx, isAsset ? ctx.path : '/index.html', {
      root: rendererDir,
      index: false,
      hidden: false,
      setHeaders: (res, path) => {
        res.setHeader(
          'Cache-Control',
          path.includes(`${join('assets', '')}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    }).catch((error: { status?: number }) => {
      if (error.status === 404) return undefined;
      throw error;
    });
    if (!served) return next();
    return undefined;
  };
}
