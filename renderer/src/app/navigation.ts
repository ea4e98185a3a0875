/**
 * Client-side navigation over the History API (the server answers index.html for any
 * non-API path). Pages: `/` overview, `/workflows`, `/runs`, `/runs/:id`, `/specs`,
 * `/settings`. `useLocation()` re-renders on navigation and on back/forward.
 */
import { useSyncExternalStore } from 'react';

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === window.location.pathname + window.location.search) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  for (const listener of listeners) listener();
}

export function useLocation(): { pathname: string; search: string } {
  const pathname = useSyncExternalStore(subscribe, () => window.location.pathname);
  const search = useSyncExternalStore(subscribe, () => window.location.search);
  return { pathname, search };
}

export type Route =
  | { page: 'overview' }
  | { page: 'workflows' }
  | { page: 'runs' }
  | { page: 'run'; runId: string }
  | { page: 'specs' }
  | { page: 'settings' }
  | { page: 'not-found'; pathname: string };

export function matchRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return { page: 'overview' };
  if (path === '/workflows') return { page: 'workflows' };
  if (path === '/runs') return { page: 'runs' };
  const run = /^\/runs\/([A-Za-z0-9_-]+)$/.exec(path);
  if (run?.[1]) return { page: 'run', runId: run[1] };
  if (path === '/specs') return { page: 'specs' };
  if (path === '/settings') return { page: 'settings' };
  return { page: 'not-found', pathname };
}
