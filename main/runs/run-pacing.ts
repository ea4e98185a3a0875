/**
 * How one live event-stream reader paces a run, so that a client that keeps up is fed
 * from memory while one that cannot never slows the run for more than a moment.
 *
 * A reader starts out following. After each batch, a following reader whose socket
 * filled up holds the producer while it waits for the drain, at most HOLD_MAX_MS; then,
 * and after a batch its client simply took, it holds the producer for as long as it is
 * far behind the newest line (RunOutput.pace: from half a window behind until back
 * within a quarter, and not while more than four windows behind). So a client that drains in time keeps the run at its pace and is fed
 * from memory, like a terminal reading what a program prints. A client that does not
 * drain in time is too slow to follow: it stops holding anything, falls behind the window
 * and is fed from the file, and the run goes on at its own speed — until the reader has
 * caught up with the run again. A run is never held longer than HOLD_MAX_MS by a client
 * that is not reading.
 */
import type { Clock } from '../core/clock.js';
import type { SseConnection } from '../server/sse.js';
import type { RunLogSource } from './run-log-source.js';

/** The longest a reader's full socket may hold a run. */
export const HOLD_MAX_MS = 50;

export class ReaderPacer {
  private following = true;

  constructor(
    private readonly source: RunLogSource,
    private readonly connection: SseConnection,
    private readonly clock: Clock,
  ) {}

  /** Resolves when the next batch may be written (after a drain when the socket is full). */
  async afterBatch(nextSeq: number, accepted: boolean): Promise<void> {
    if (!this.following) {
      if (!accepted) await this.connection.drained();
      return;
    }
    if (!accepted) {
      this.source.hold(this);
      if (!(await this.drainedWithin(HOLD_MAX_MS))) {
        this.following = false;
        this.source.release(this);
        await this.connection.drained();
        return;
      }
      this.source.unhold(this);
    }
    // Drained in time (or never full): hold on only while still behind (RunOutput.pace).
    this.source.pace(this, nextSeq, true);
  }

  /** At the newest line: a reader that was too slow follows again. */
  caughtUp(): void {
    this.following = true;
    this.source.release(this);
  }

  /** Whether this reader holds runs when its client is briefly behind (tests read it). */
  get isFollowing(): boolean {
    return this.following;
  }

  private drainedWithin(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = this.clock.setTimeout(() => resolve(false), ms);
      void this.connection.drained().then(() => {
        this.clock.clearTimeout(timer);
        resolve(true);
      });
    });
  }
}
