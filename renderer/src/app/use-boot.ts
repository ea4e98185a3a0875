/**
 * Boots the console: loads the server info and settings. While the server cannot be
 * reached (or refuses the session) it retries by itself with a growing delay (1 s, 2 s,
 * 4 s, capped at 8 s) and exposes when the next attempt happens.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { getInfo, type ServerInfo } from '../api/info';
import { getSettings, type Settings } from '../api/settings';
import type { ApiError } from '../api/http';
import { toApiError } from '../api/use-api';

export type BootState =
  | { kind: 'loading' }
  | { kind: 'ready'; info: ServerInfo; settings: Settings }
  | { kind: 'failed'; error: ApiError; nextRetryAt: number; retrying: boolean };

export const MAX_RETRY_MS = 8000;

export function useBoot(): { state: BootState; retryNow(): void; setSettings(settings: Settings): void } {
  const [state, setState] = useState<BootState>({ kind: 'loading' });
  const attempt = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const load = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    setState((s) => (s.kind === 'failed' ? { ...s, retrying: true } : s));
    try {
      const [info, settings] = await Promise.all([getInfo(), getSettings()]);
      attempt.current = 0;
      setState({ kind: 'ready', info, settings: settings.settings });
    } catch (error) {
      const delay = Math.min(MAX_RETRY_MS, 1000 * 2 ** attempt.current);
      attempt.current += 1;
      setState({ kind: 'failed', error: toApiError(error), nextRetryAt: Date.now() + delay, retrying: false });
      timer.current = setTimeout(() => void load(), delay);
    }
  }, []);

  useEffect(() => {
    void load();
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, [load]);

  const setSettings = useCallback((settings: Settings) => {
    setState((s) =>
      s.kind === 'ready'
        ? {
            ...s,
            settings,
            info: { ...s.info, allowRun: settings.allowRun, specsCandidatesEnabled: settings.specsCandidatesEnabled },
          }
        : s,
    );
  }, []);

  return { state, retryNow: () => void load(), setSettings };
}
