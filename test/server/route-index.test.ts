/**
 * The exact-path route index (main/server/route-index.ts) against @koa/router itself:
 * two real servers over one router definition, one dispatching through the index and one
 * through the router alone, must give the same status, body and Allow header for every
 * method on static, parametrised, overlapping, slash-suffixed and differently cased
 * paths, and the index must really hold (only) the static routes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import Router from '@koa/router';
import { buildRouteIndex, indexedRoutes } from '../../main/server/route-index.js';

function defineRoutes(): Router {
  const api = new Router({ prefix: '/api' });
  const items = new Router();
  items.get('/items', (ctx) => {
    ctx.body = { list: true, params: ctx.params };
  });
  items.post('/items', (ctx) => {
    ctx.status = 201;
    ctx.body = { created: true };
  });
  // A static route shadowing a parametrised one: both match `/api/items/latest` on GET.
  items.get('/items/latest', (ctx) => {
    ctx.body = { latest: true };
  });
  items.get('/items/:id', (ctx) => {
    ctx.body = { id: ctx.params.id };
  });
  items.delete('/items/:id', (ctx) => {
    ctx.body = { deleted: ctx.params.id };
  });
  const other = new Router();
  // Two handlers on one route: the first passes on.
  other.get(
    '/chain',
    async (ctx, next) => {
      ctx.set('X-First', '1');
      await next();
    },
    (ctx) => {
      ctx.body = { chain: true };
    },
  );
  // A static route that answers nothing: the app's fall-through must run after it.
  other.get('/silent', async (_ctx, next) => {
    await next();
  });
  api.use(items.routes());
  api.use(other.routes());
  return api;
}

function app(useIndex: boolean): Koa {
  const koa = new Koa();
  const api = defineRoutes();
  koa.use(async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) ctx.body = { fallthrough: ctx.path };
    } catch (error) {
      ctx.status = (error as { status?: number }).status ?? 500;
      ctx.body = { error: ctx.status };
    }
  });
  if (useIndex) {
    koa.use(indexedRoutes(api, api.allowedMethods({ throw: true })));
  } else {
    koa.use(api.routes());
    koa.use(api.allowedMethods({ throw: true }));
  }
  return koa;
}

interface Answer {
  status: number;
  allow: string | undefined;
  first: string | undefined;
  text: string;
}

function ask(server: Server, method: string, path: string): Promise<Answer> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          allow: res.headers.allow,
          first: res.headers['x-first'] as string | undefined,
          text,
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

function listen(koa: Koa): Promise<Server> {
  return new Promise((resolve) => {
    const server = koa.listen(0, '127.0.0.1', () => resolve(server));
  });
}

let indexed: Server;
let plain: Server;

beforeAll(async () => {
  indexed = await listen(app(true));
  plain = await listen(app(false));
});
afterAll(async () => {
  await Promise.all([indexed, plain].map((server) => new Promise((resolve) => server.close(resolve))));
});

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'PROPFIND'];
const PATHS = [
  '/api/items',
  '/api/items/',
  '/API/Items',
  '/api/items/latest',
  '/api/items/42',
  '/api/items/a%20b',
  '/api/chain',
  '/api/silent',
  '/api/nothing',
  '/api',
  '/elsewhere',
  '/api/items?x=1',
];

describe('the route index', () => {
  it.each(METHODS.flatMap((method) => PATHS.map((path) => [method, path] as const)))(
    'answers %s %s exactly as the router does',
    async (method, path) => {
      const [viaIndex, viaRouter] = await Promise.all([ask(indexed, method, path), ask(plain, method, path)]);
      expect(viaIndex).toEqual(viaRouter);
    },
  );

  it('holds exactly the static (path, method) pairs, HEAD with GET, and no parametrised path', () => {
    const index = buildRouteIndex(defineRoutes());
    for (const [method, path] of [
      ['GET', '/api/items'],
      ['HEAD', '/api/items'],
      ['POST', '/api/items'],
      ['GET', '/api/chain'],
      ['GET', '/api/silent'],
    ] as const) {
      expect(index.lookup(method, path), `${method} ${path}`).toBeTypeOf('function');
    }
    // Shadowed by a parametrised route that also matches: left to the router.
    expect(index.lookup('GET', '/api/items/latest')).toBeUndefined();
    expect(index.lookup('GET', '/api/items/42')).toBeUndefined();
    expect(index.lookup('DELETE', '/api/items')).toBeUndefined();
    expect(index.lookup('OPTIONS', '/api/items')).toBeUndefined();
    expect(index.lookup('GET', '/api/items/')).toBeUndefined();
    expect(index.size).toBe(7);
  });

  it('gives parametrised routes their params and static ones empty params', async () => {
    expect(JSON.parse((await ask(indexed, 'GET', '/api/items/a%20b')).text)).toEqual({ id: 'a b' });
    expect(JSON.parse((await ask(indexed, 'GET', '/api/items')).text)).toEqual({ list: true, params: {} });
  });

  it('answers a wrong method on an indexed path with the router 405 and a HEAD without a body', async () => {
    expect((await ask(indexed, 'PUT', '/api/items')).status).toBe(405);
    const head = await ask(indexed, 'HEAD', '/api/items');
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
  });
});
