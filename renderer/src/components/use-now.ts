/**
 * A shared ticking clock for relative times: one interval for the whole page, started
 * when the first component subscribes and stopped when the last one leaves.
 */
import { useSyncExternalStore } from 'react';

const TICK_MS = 15_000;
const listeners = new Set<() => void>();
let now = 0;
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/** The current time in ms, refreshed every 15 s while anything uses it. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, snapshot);
}

/** Stable between ticks (React requires it); refreshed on read when no timer runs yet. */
function snapshot(): number {
  if (!timer && Date.now() - now > 1000) now = Date.now();
  return now;
}
