/**
 * Retention of the run history: finished runs older than `runsRetentionDays` go (0 keeps
 * all), then the oldest go until the history fits `runsMaxTotalMb`. Running runs are
 * never pruned, and their bytes count toward the cap.
 */
import type { RunIndex } from './run-index.js';
import type { RunStore } from './run-store.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface PruneResult {
  removed: number;
  freedBytes: number;
}

export async function pruneRuns(
  index: RunIndex,
  store: RunStore,
  policy: { retentionDays: number; maxTotalMb: number; nowMs: number },
): Promise<PruneResult> {
  const result: PruneResult = { removed: 0, freedBytes: 0 };
  const entries = index.oldestFirst();
  let total = 0;
  for (const entry of entries) total += entry.bytes;
  for (const record of index.runningRecords()) total += index.get(record.id)?.bytes ?? 0;
  const cutoff = policy.retentionDays > 0 ? policy.nowMs - policy.retentionDays * DAY_MS : -Infinity;
  const cap = policy.maxTotalMb * 1024 * 1024;
  for (const entry of entries) {
    const old = Date.parse(entry.record.startedAt) < cutoff;
    if (!old && total <= cap) continue;
    await store.remove(entry.record);
    index.remove(entry.record.id);
    total -= entry.bytes;
    result.removed++;
    result.freedBytes += entry.bytes;
  }
  return result;
}
