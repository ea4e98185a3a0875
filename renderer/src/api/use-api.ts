/**
 * A tiny data-loading hook: runs a loader, keeps the last good data while reloading
 * (so nothing blanks or jumps), aborts on unmount, and exposes `reload` and `setData`
 * (for optimistic updates). The states are a discriminated union.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from './http';

export type ApiState<T> =
  { kind: 'loading' } | { kind: 'ok'; data: T; reloading: boolean } | { kind: 'error'; error: ApiError; data?: T };

export interface UseApi<T> {
  state: ApiState<T>;
  reload(): Promise<void>;
  setData(update: (previous: T) => T): void;
  /** Replaces the state with fresh data (for example the answer of a forced refresh). */
  replace(data: T): void;
}

export function toApiError(error: unknown): ApiError {
  return error instanceof ApiError
    ? error
    : new ApiError(0, 'client_error', error instanceof Error ? error.message : String(error));
}

export function useApi<T>(loader: (signal: AbortSignal) => Promise<T>, deps: unknown[] = []): UseApi<T> {
  const [state, setState] = useState<ApiState<T>>({ kind: 'loading' });
  const loaderRef = useRef(loader);
  loaderRef.current = loader;
  const controllerRef = useRef<AbortController | null>(null);

  const reload = useCallback(async () => {
    controllerRef.current?.abort();
    const controller = new AbortController();
    controllerRef.current = controller;
    setState((s) => (s.kind === 'ok' ? { ...s, reloading: true } : s));
    try {
      const data = await loaderRef.current(controller.signal);
      if (!controller.signal.aborted) setState({ kind: 'ok', data, reloading: false });
    } catch (error) {
      if (controller.signal.aborted) return;
      setState((s) => ({
        kind: 'error',
        error: toApiError(error),
        data: s.kind === 'ok' ? s.data : s.kind === 'error' ? s.data : undefined,
      }));
    }
  }, []);

  useEffect(() => {
    void reload();
    return () => controllerRef.current?.abort();
  }, deps);

  const setData = useCallback((update: (previous: T) => T) => {
    setState((s) => (s.kind === 'ok' ? { ...s, data: update(s.data) } : s));
  }, []);

  const replace = useCallback((data: T) => {
    controllerRef.current?.abort();
    setState({ kind: 'ok', data, reloading: false });
  }, []);

  return { state, reload, setData, replace };
}
