/**
 * How fast a running run's event stream may go: a token bucket of bytes per viewer, so
 * that watching never slows the run. The server's one thread both takes the child's output
 * and writes the viewers' sockets; a flood sent on at full speed doubles the server's work
 * (bench 31: 1M lines, 164 MB of events) and, on a small machine, the run's duration.
 * Paced, a viewer that cannot keep up falls behind the in-memory window and goes on from the
 * file, as `tail -f` on a slow terminal does; once the run has ended, the rest comes at full
 * speed. The rate is far above what a person reads or the console paints (the Run view
 * follows 10,000 lines a second, about 1.7 MB/s), so only a flood ever meets it.
 * Invariant: `spend` never asks for a wait longer than the bytes just sent take at the rate.
 */
import type { Clock } from '../core/clock.js';

/** About 50,000 lines of 160 bytes a second. */
export const LIVE_BYTES_PER_SECOND = 8 * 1024 * 1024;
/** What a viewer gets at once on opening (the in-memory window is 8 MB at most). */
export const LIVE_BURST_BYTES = 2 * 1024 * 1024;

export class LivePace {
  private tokens: number;
  private at: number;

  constructor(
    private readonly clock: Clock,
    private readonly bytesPerSecond = LIVE_BYTES_PER_SECOND,
    private readonly burstBytes = LIVE_BURST_BYTES,
  ) {
    this.tokens = burstBytes;
    this.at = clock.now();
  }

  /** Counts `bytes` just sent; the milliseconds to wait before sending more (0 within the budget). */
  spend(bytes: number): number {
    const now = this.clock.now();
    this.tokens = Math.min(this.burstBytes, this.tokens + ((now - this.at) * this.bytesPerSecond) / 1000);
    this.at = now;
    this.tokens -= bytes;
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens * 1000) / this.bytesPerSecond);
  }
}
