/**
 * Two admin keys of one organization count once: the later key is `duplicateOf` the
 * earlier (by the organization id each key answered; an earlier slot whose key is known to
 * be gone does not count, and is itself not summed while a later key stands for its
 * organization) and is left out of "all", the total and the background refresh. A key
 * found to be a duplicate mid-session stops polling at once; one that no longer is (the
 * earlier key removed) polls again. Before `started`, and for a one-shot CLI, nothing polls
 * and nothing is paused.
 */
import type { AdminKeySlot } from '../secrets/admin-key-slots.js';
import type { CostService } from './cost-service.js';

interface Keyed {
  readonly slot: AdminKeySlot;
  readonly costs: CostService;
}

/** The slot of an earlier key of the same organization in `entries` (in order), or null. */
export function duplicateOf<T extends Keyed>(entries: Iterable<T>, entry: T): AdminKeySlot | null {
  const id = entry.costs.organization()?.id;
  if (!id) return null;
  for (const other of entries) {
    if (other === entry) return null;
    // A key removed leaves its organization remembered: it no longer stands for it.
    if (other.costs.organization()?.id === id && !other.costs.adminKey.missing) return other.slot;
  }
  return null;
}

/**
 * The later slot that stands for the organization of `entry` after its key was removed (its
 * organization and figures stay remembered), or null: such a slot is not summed twice.
 */
export function supersededBy<T extends Keyed>(entries: Iterable<T>, entry: T): AdminKeySlot | null {
  const id = entry.costs.organization()?.id;
  if (!id || !entry.costs.adminKey.missing) return null;
  for (const other of entries)
    if (other !== entry && !other.costs.adminKey.missing && other.costs.organization()?.id === id) return other.slot;
  return null;
}

/** Which keys' background refresh is off because they duplicate a counted organization. */
export class DuplicatePolling<T extends Keyed> {
  private readonly paused = new Set<T>();
  private started = false;

  constructor(private readonly entries: () => Iterable<T>) {}

  /** Starts polling every key that is not a duplicate; the duplicates are paused. */
  start(): void {
    this.started = true;
    for (const entry of this.entries()) {
      if (duplicateOf(this.entries(), entry) === null) entry.costs.start();
      else this.paused.add(entry);
    }
  }

  /** After an organization answered or a key went: pauses the new duplicates, resumes the former ones. */
  sync(): void {
    if (!this.started) return;
    for (const entry of this.entries()) {
      const duplicate = duplicateOf(this.entries(), entry) !== null;
      if (duplicate && !this.paused.has(entry)) {
        this.paused.add(entry);
        entry.costs.pause();
      } else if (!duplicate && this.paused.has(entry)) {
        this.paused.delete(entry);
        entry.costs.start();
      }
    }
  }

  /** A key removed: it is no longer tracked, and those that duplicated it may poll again. */
  forget(entry: T): void {
    this.paused.delete(entry);
    this.sync();
  }

  get running(): boolean {
    return this.started;
  }
}
