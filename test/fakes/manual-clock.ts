/**
 * The tests' one fake Clock (main/core/clock.ts): `now()` is a settable number and timers
 * fire only when the test advances time. `pending()` lets a test assert that nothing is
 * left scheduled after a service stops. With `{realTimers: true}` (a whole server, whose
 * runs and streams need their timers) the timers are the system's and only `now()` is
 * the test's: `advance` then just moves it.
 */
import { systemClock, type Clock, type TimerHandle } from '../../main/core/clock.js';

interface Timer {
  id: number;
  at: number;
  callback: () => void;
  every?: number;
}

export interface ManualClock extends Clock {
  set(ms: number): void;
  /** Moves time forward, firing due timers in order; awaits microtasks after each. */
  advance(ms: number): Promise<void>;
  pending(): number;
  /** The delay until the next timer, or undefined when none is scheduled. */
  nextDelay(): number | undefined;
}

export function manualClock(start: string | number = Date.now(), options: { realTimers?: boolean } = {}): ManualClock {
  let now = typeof start === 'number' ? start : Date.parse(start);
  if (options.realTimers)
    return {
      ...systemClock,
      now: () => now,
      set: (ms) => void (now = ms),
      advance: async (ms) => void (now += ms),
      pending: () => 0,
      nextDelay: () => undefined,
    };
  let nextId = 1;
  const timers = new Map<number, Timer>();
  const handle = (id: number) => id as unknown as TimerHandle;
  const add = (callback: () => void, ms: number, every?: number) => {
    const id = nextId++;
    timers.set(id, { id, at: now + Math.max(0, ms), callback, every });
    return handle(id);
  };
  const remove = (h: TimerHandle) => {
    timers.delete(h as unknown as number);
  };
  const flush = () => new Promise<void>((resolve) => setImmediate(resolve));
  return {
    now: () => now,
    setTimeout: (callback, ms) => add(callback, ms),
    clearTimeout: remove,
    setInterval: (callback, ms) => add(callback, ms, ms),
    clearInterval: remove,
    set: (ms) => {
      now = ms;
    },
    async advance(ms) {
      const target = now + ms;
      for (;;) {
        const due = [...timers.values()].filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.id - b.id)[0];
        if (!due) break;
        now = Math.max(now, due.at);
        if (due.every) due.at += due.every;
        else timers.delete(due.id);
        due.callback();
        await flush();
      }
      now = target;
      await flush();
    },
    pending: () => timers.size,
    nextDelay: () => {
      const next = [...timers.values()].sort((a, b) => a.at - b.at)[0];
      return next ? next.at - now : undefined;
    },
  };
}
