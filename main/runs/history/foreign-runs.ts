/**
 * Runs of the other live ops servers on this attune home. The index is built once at
 * start-up, so runs another server started since then are only on disk: `syncForeign`
 * lists the record files, reads the ones the index does not know, and re-reads the ones
 * shown running that this server is not running (their end is written by their owner).
 * `runningOnHome` is what the concurrency limit counts: this server's live runs plus the
 * running records whose owner is provably alive (run-owner.ts).
 */
import type { ProcessProbe } from '../process/process-identity.js';
import type { RunRecord } from '../run-types.js';
import type { RunIndex } from './run-index.js';
import { ownerState } from './run-owner.js';
import type { RunStore } from './run-store.js';

/** Brings the index up to date with what other servers wrote; returns the records that changed. */
export async function syncForeign(
  store: RunStore,
  index: RunIndex,
  isLive: (id: string) => boolean,
): Promise<RunRecord[]> {
  const changed: RunRecord[] = [];
  for (const file of store.listRecords()) {
    if (index.get(file.id)) continue;
    const stored = await store.read(file.workflow, file.id);
    // Gone meanwhile, or not a record (the start-up scan reported it): nothing to add.
    if (!stored || index.get(file.id)) continue;
    index.put(stored.record, stored.bytes);
    changed.push(stored.record);
  }
  for (const record of index.runningRecords()) {
    if (isLive(record.id)) continue;
    const stored = await store.read(record.workflow, record.id);
    if (!stored || stored.record.status === 'running') continue;
    index.put(stored.record, stored.bytes);
    changed.push(stored.record);
  }
  return changed;
}

/** The running runs of every live server on this home (this one's first), newest first within each. */
export function runningOnHome(
  index: RunIndex,
  own: RunRecord[],
  probe: ProcessProbe,
  isLive: (id: string) => boolean,
): RunRecord[] {
  const others = index
    .runningRecords()
    .filter((record) => !isLive(record.id) && ownerState(record, probe).kind === 'alive');
  return [...own, ...others];
}
