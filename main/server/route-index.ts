/**
 * An exact-path index over the `/api` router's static routes, built once at start-up.
 *
 * @koa/router matches every request against each layer's regexp in turn and composes the
 * matched handlers anew; with ~40 routes in nested routers that is a noticeable share of
 * a small answer's cost. For a path without parameters the match is the same on every
 * request, so it is asked of the router once per (path, method) here, and a request whose
 * exact path and method are in the index runs the handlers the router would have run.
 * Everything else (parametrised paths, a trailing slash or other casing, a wrong method,
 * OPTIONS, unknown paths) goes to the router and its `allowedMethods` unchanged, so 404,
 * 405, 501 and `Allow` answers stay the router's.
 *
 * An entry is made only when every layer the router matches for that path and method is a
 * static route (no parameters, no router-level middleware), so no captures or params are
 * lost. Build the index after every route is registered.
 */
import type { default as Router, RouterMiddleware } from '@koa/router';
import compose from 'koa-compose';
import type { Middleware, ParameterizedContext } from 'koa';

type Layer = Router['stack'][number];
type RoutedContext = ParameterizedContext & {
  params: Record<string, string>;
  request: { params?: Record<string, string> };
  routerPath: string;
  _matchedRoute: string;
};

export interface RouteIndex {
  /** The handler chain for an exact path and method, when the index holds it. */
  lookup(method: string, path: string): Middleware | undefined;
  /** How many (path, method) entries the index holds (tests, diagnostics). */
  readonly size: number;
}

const PARAM_OR_PATTERN = /[:*?(){}\\[\]+]/;

function isStaticRoute(layer: Layer): boolean {
  return (
    layer.methods.length > 0 &&
    layer.paramNames.length === 0 &&
    typeof layer.path === 'string' &&
    !PARAM_OR_PATTERN.test(layer.path) &&
    layer.opts.pathAsRegExp !== true
  );
}

export function buildRouteIndex(router: Router): RouteIndex {
  // path → method → chain: two lookups of strings the request already has, no key to build.
  const entries = new Map<string, Map<string, Middleware>>();
  let size = 0;
  const paths = new Set<string>();
  for (const layer of router.stack) if (isStaticRoute(layer)) paths.add(layer.path as string);
  for (const path of paths) {
    // Only a method some layer matching this path has can be a route (start-up time: the
    // router's own match is asked only for those).
    const candidates = new Set(router.stack.filter((layer) => layer.match(path)).flatMap((layer) => layer.methods));
    for (const method of candidates) {
      const match = router.match(path, method);
      if (!match.route || !match.pathAndMethod.every(isStaticRoute)) continue;
      let methods = entries.get(path);
      if (!methods) entries.set(path, (methods = new Map()));
      methods.set(method, chain(match.pathAndMethod));
      size += 1;
    }
  }
  return {
    lookup: (method, path) => entries.get(path)?.get(method),
    size,
  };
}

/**
 * The router's chain for matched static layers: each layer first records what the router
 * records (empty params, the matched route), then its handlers run in order.
 */
function chain(layers: readonly Layer[]): Middleware {
  const only = layers.length === 1 ? layers[0] : undefined;
  if (only && only.stack.length === 1) {
    // The usual case, one route with one handler: no per-request composition. The caller is
    // Koa's own compose, which turns a sync throw or a plain return value into a promise.
    const routePath = only.path as string;
    const handler = only.stack[0] as Middleware;
    return (ctx, next) => {
      record(ctx as RoutedContext, routePath);
      return handler(ctx, next);
    };
  }
  const steps: Middleware[] = [];
  for (const layer of layers) {
    const routePath = layer.path as string;
    steps.push((ctx, next) => {
      record(ctx as RoutedContext, routePath);
      return next();
    });
    steps.push(...(layer.stack as Middleware[]));
  }
  return compose(steps);
}

function record(ctx: RoutedContext, routePath: string): void {
  ctx.params = {};
  ctx.request.params = ctx.params;
  ctx.routerPath = routePath;
  ctx._matchedRoute = routePath;
}

/**
 * The `/api` dispatch: an index hit runs its chain; anything else goes to the router and
 * then its `allowedMethods` (405/501/OPTIONS), exactly as without the index.
 */
export function indexedRoutes(router: Router, allowedMethods: RouterMiddleware): Middleware {
  const index = buildRouteIndex(router);
  const routes = router.routes() as Middleware;
  const fallback = compose([routes, allowedMethods as Middleware]);
  return (ctx, next) => {
    const hit = index.lookup(ctx.method, ctx.path);
    return hit ? hit(ctx, next) : fallback(ctx, next);
  };
}
