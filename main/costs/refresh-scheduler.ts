/**
 * Background cost refresh: every `costRefreshMinutes`, with exponential backoff after
 * failures (interval × 2^failures, capped at 30 minutes) and the Admin API's
 * `retry-after` honoured. `no_key` and an unavailable keychain are not failures of the
 * API and keep the normal interval. Timers come from the injected clock; `stop()` leaves
 * none behind.
 */
import type { Clock, TimerHandle } from '../core/clock.js';
import type { Logger } from '../logging/logger.js';
import type { CostError } from './cost-types.js';

export const MAX_BACKOFF_MS = 30 * 60_000;

/** The delay before the next refresh after `failures` consecutive API failures. */
export function nextRefreshDelayMs(intervalMs: number, failures: number, retryAfterS?: number): number {
  // Backing off never polls more often than the interval itself (which may exceed the cap).
  const delay =
    failures === 0 ? intervalMs : Math.max(intervalMs, Math.min(MAX_BACKOFF_MS, intervalMs * 2 ** failures));
  return retryAfterS !== undefined ? Math.max(delay, retryAfterS * 1000) : delay;
}

export interface RefreshSchedulerOptions {
  clock: Clock;
  logger: Logger;
  intervalMs: () => number;
  /** Runs one refresh and reports its error (null on success). */
  refresh: () => Promise<CostError | null>;
}

export class RefreshScheduler {
  private timer: TimerHandle | undefined;
  private failures = 0;
  private running = false;
  private stopped = true;

  constructor(private readonly options: RefreshSchedulerOptions) {}

  /** Starts polling; the first refresh runs after `firstDelayMs` (0 when nothing fresh is cached). */
  start(firstDelayMs: number): void {
    this.stopped = false;
    this.schedule(firstDelayMs);
  }

  stop(): void {
    this.stopped = true;
    this.clear();
  }

  /** The interval setting changed: apply it from now on. */
  reschedule(): void {
    if (this.stopped || this.running) return;
    this.schedule(nextRefreshDelayMs(this.options.intervalMs(), this.failures));
  }

  get consecutiveFailures(): number {
    return this.failures;
  }

  private schedule(delayMs: number): void {
    this.clear();
    this.timer = this.options.clock.setTimeout(() => void this.tick(), Math.max(0, delayMs));
  }

  private clear(): void {
    if (this.timer !== undefined) this.options.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async tick(): Promise<void> {
    this.timer = undefined;
    this.running = true;
    let error: CostError | null;
    try {
      error = await this.options.refresh();
    } catch (fault) {
      this.options.logger.error({ err: fault }, 'cost refresh failed unexpectedly');
      error = { kind: 'unknown', message: 'internal error' };
    } finally {
      this.running = false;
    }
    const apiFailure = error !== null && error.kind !== 'no_key' && error.kind !== 'keychain_unavailable';
    this.failures = apiFailure ? this.failures + 1 : 0;
    if (this.stopped) return;
    const delay = nextRefreshDelayMs(this.options.intervalMs(), this.failures, error?.retryAfterS);
    if (apiFailure)
      this.options.logger.info(
        { failures: this.failures, nextInS: Math.round(delay / 1000), kind: error?.kind },
        'cost refresh backing off',
      );
    this.schedule(delay);
  }
}
