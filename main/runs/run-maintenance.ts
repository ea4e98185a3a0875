/**
 * Startup recovery and retention of the run history.
 *
 * Recovery: a record still `running` that this server is not running was left by a
 * server that died (crash, kill -9, power loss). It becomes `interrupted`; its log, which
 * was flushed as it went, is kept and counted. A pid that is still alive is no proof of
 * anything (pids are reused, and no other server owns our runs), so it is not consulted.
 *
 * Retention: finished runs older than `runsRetentionDays` go (0 keeps all), then the
 * oldest go until the history fits `runsMaxTotalMb`. Running runs are never pruned.
 */
import type { Logger } from '../logging/logger.js';
import { LogFileReader } from './log-file-reader.js';
import type { RunIndex } from './run-index.js';
import type { RunStore, StoredRun } from './run-store.js';
import type { RunRecord } from './run-types.js';

export const INTERRUPTED_REASON = 'The ops server stopped (crash or kill) while this run was going; the log up to that moment is kept.';
const DAY_MS = 24 * 60 * 60 * 1000;

/** Scans the history, recovers interrupted runs, and finds the run that ended last. */
export async function loadHistory(store: RunStore, logger: Logger, isLive: (id: string) => boolean): Promise<{ runs: StoredRun[]; skipped: number; lastFinishedId: string | null }> {
  const scan = await store.scan();
  if (scan.skipped > 0) logger.warn({ skipped: scan.skipped, problems: scan.problems }, 'skipped unreadable run records');
  let latest: RunRecord | null = null;
  for (const entry of scan.runs) {
    if (entry.record.status === 'running' && !isLive(entry.record.id)) {
      entry.record = await recoverInterrupted(entry.record, store);
      logger.warn({ runId: entry.record.id, lines: entry.record.lineCount }, 'run interrupted by a previous server stop');
    }
    const { finishedAt } = entry.record;
    if (finishedAt && (!latest || finishedAt > (latest.finishedAt ?? ''))) latest = entry.record;
  }
  return { runs: scan.runs, skipped: scan.skipped, lastFinishedId: latest?.id ?? null };
}

/** Marks a dead server's running record `interrupted`, with the lines its log holds. */
export async function recoverInterrupted(record: RunRecord, store: RunStore): Promise<RunRecord> {
  const reader = new LogFileReader(store.logPath(record.workflow, record.id));
  let count = 0;
  let lastT: string | undefined;
  let from = 1;
  for (;;) {
    const page = await reader.read(from, { maxLines: 10_000, maxChars: 8 * 1024 * 1024 });
    if (page.lines.length === 0) break;
    count += page.lines.length;
    lastT = /"t":"([^"]*)"/.exec(page.lines[page.lines.length - 1]!)?.[1];
    from = page.nextSeq;
  }
  const finishedAt = lastT && !Number.isNaN(Date.parse(lastT)) ? lastT : record.startedAt;
  const recovered: RunRecord = {
    ...record,
    status: 'interrupted',
    finishedAt,
    durationMs: Math.max(0, Date.parse(finishedAt) - Date.parse(record.startedAt)),
    lineCount: count,
    reason: INTERRUPTED_REASON,
  };
  await store.write(recovered);
  return recovered;
}

export interface PruneResult {
  removed: number;
  freedBytes: number;
}

export async function pruneRuns(index: RunIndex, store: RunStore, policy: { retentionDays: number; maxTotalMb: number; nowMs: number }): Promise<PruneResult> {
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
