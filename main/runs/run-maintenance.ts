/**
 * Startup recovery and retention of the run history.
 *
 * Recovery: a record still `running` that this server is not running belongs to the
 * server that started it, named in the record (pid + that process's start time, see
 * run-owner.ts). Two servers may share one attune home, so:
 *   - owner provably alive (same pid, same start time): another server's healthy run; it
 *     is left exactly as it is (listed as running, never signalled, never rewritten);
 *   - owner pid alive but not provably the owner (an older record without the owner's
 *     start time, or no /proc): also left alone, never signalled nor marked interrupted;
 *     the reason (in memory only: the owner may still write the record) says so;
 *   - owner gone or its pid reused, or no owner recorded (the original's records): the
 *     server died (crash, kill -9, power loss) and the run is recovered as below.
 * A recovered run becomes `interrupted`; its log, which
 * was written as it went, is kept and counted. The run's process may have outlived the
 * server (a silent one never notices the closed pipes): when its pid is alive AND provably
 * the same process (the start time recorded at spawn, see process-identity.ts), its whole
 * process group is stopped (SIGTERM, SIGKILL after the grace) and the reason says so. A
 * live pid that cannot be proven ours (no start time recorded, or not Linux) is never
 * signalled, since it may be a reused pid; the reason tells the user to check it.
 *
 * Retention: finished runs older than `runsRetentionDays` go (0 keeps all), then the
 * oldest go until the history fits `runsMaxTotalMb`. Running runs are never pruned.
 */
import type { Clock } from '../core/clock.js';
import type { Logger } from '../logging/logger.js';
import { LogFileReader } from './log/log-reader.js';
import type { ProcessProbe } from './process-identity.js';
import type { RunIndex } from './run-index.js';
import { ownerState } from './run-owner.js';
import type { RunStore, StoredRun } from './run-store.js';
import type { RunRecord } from './run-types.js';

export const INTERRUPTED_REASON =
  'The ops server stopped (crash or kill) while this run was going; the log up to that moment is kept.';
const DAY_MS = 24 * 60 * 60 * 1000;
const POLL_MS = 25;

/** How recovery finds and stops a dead server's leftover processes. */
export interface LeftoverDeps {
  probe: ProcessProbe;
  clock: Clock;
  killGraceMs: number;
}

/** Scans the history, recovers interrupted runs, and finds the run that ended last. */
export async function loadHistory(
  store: RunStore,
  logger: Logger,
  isLive: (id: string) => boolean,
  leftovers: LeftoverDeps,
): Promise<{ runs: StoredRun[]; skipped: number; lastFinishedId: string | null }> {
  const scan = await store.scan();
  if (scan.skipped > 0)
    logger.warn({ skipped: scan.skipped, problems: scan.problems }, 'skipped unreadable run records');
  let latest: RunRecord | null = null;
  for (const entry of scan.runs) {
    if (entry.record.status === 'running' && !isLive(entry.record.id)) {
      const owner = ownerState(entry.record, leftovers.probe);
      if (owner.kind === 'alive') {
        logger.info(
          { runId: entry.record.id, serverPid: entry.record.serverPid },
          'run belongs to another live ops server on this home; left alone',
        );
      } else if (owner.kind === 'unprovable') {
        // Shown here only: the owner may still be writing this record, so it is not rewritten.
        entry.record = { ...entry.record, reason: owner.reason };
        logger.warn(
          { runId: entry.record.id, serverPid: entry.record.serverPid },
          'run of another ops server whose liveness cannot be proven; left alone',
        );
      } else {
        entry.record = await recoverInterrupted(entry.record, store, leftovers);
        logger.warn(
          { runId: entry.record.id, lines: entry.record.lineCount, reason: entry.record.reason },
          'run interrupted by a previous server stop',
        );
      }
    }
    const { finishedAt } = entry.record;
    if (finishedAt && (!latest || finishedAt > (latest.finishedAt ?? ''))) latest = entry.record;
  }
  return { runs: scan.runs, skipped: scan.skipped, lastFinishedId: latest?.id ?? null };
}

/** Marks a dead server's running record `interrupted`, with the lines its log holds, after stopping its leftover process. */
export async function recoverInterrupted(
  record: RunRecord,
  store: RunStore,
  leftovers: LeftoverDeps,
): Promise<RunRecord> {
  const reason = await stopLeftover(record, leftovers);
  const reader = new LogFileReader(store.logPath(record.workflow, record.id));
  let count = 0;
  let lastT: string | undefined;
  let from = 1;
  for (;;) {
    const page = await reader.read(from, { maxLines: 10_000, maxChars: 8 * 1024 * 1024 });
    if (page.lines.length === 0) break;
    count = page.nextSeq - 1;
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
    reason,
  };
  await store.write(recovered);
  return recovered;
}

/** Stops the run's process group if its leader is provably still the run's process; the reason to record. */
async function stopLeftover(record: RunRecord, { probe, clock, killGraceMs }: LeftoverDeps): Promise<string> {
  const pid = record.pid;
  if (pid === null || pid <= 1) return INTERRUPTED_REASON;
  const identity = probe.identify(pid, record.pidStartTime ?? null);
  if (identity.kind === 'gone' || identity.kind === 'reused') return INTERRUPTED_REASON;
  if (identity.kind === 'unprovable') {
    return `${INTERRUPTED_REASON} Its process (pid ${pid}) may still be running: it was not stopped, because this system offers no safe proof that pid ${pid} is still the run's process and not a reused pid. Check it and stop it yourself if it is.`;
  }
  const sleep = () => new Promise<void>((resolve) => clock.setTimeout(resolve, POLL_MS));
  const waitEmpty = async (ms: number) => {
    for (let waited = 0; probe.groupMembers(pid).length > 0; waited += POLL_MS) {
      if (waited >= ms) return false;
      await sleep();
    }
    return true;
  };
  // SIGKILL goes only to a group just seen with live members: a group's id cannot be
  // given to a new process while it has members, so it is still the run's group.
  try {
    process.kill(-pid, 'SIGTERM');
    if (!(await waitEmpty(killGraceMs))) {
      process.kill(-pid, 'SIGKILL');
      if (!(await waitEmpty(2000))) throw new Error('its processes were still there after SIGKILL');
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') {
      return `${INTERRUPTED_REASON} Its leftover process (pid ${pid}) is still running and could not be stopped (${(error as Error).message}); stop it yourself.`;
    }
  }
  return `${INTERRUPTED_REASON} Its process (pid ${pid}) was still running after the crash; it and its process group were stopped at the next start.`;
}

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
