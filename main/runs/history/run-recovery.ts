/**
 * Startup recovery of the run history.
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
 * process group and session are stopped (SIGTERM, SIGKILL after the grace); on Linux so is
 * every process carrying the run's `ATTUNE_RUN_ID` marker (a `setsid` escapee, or what a
 * dead leader left), and the reason says so. A live pid that cannot be proven ours (no
 * start time recorded, or not Linux) and has no marker is never signalled; the reason
 * tells the user to check it.
 */
import type { Clock } from '../../core/clock.js';
import type { Logger } from '../../logging/logger.js';
import { LogFileReader } from '../log/log-reader.js';
import type { ProcessProbe } from '../process/process-identity.js';
import { findRunMembers, SETTLE_MS, stopRunMembers } from '../process/run-members.js';
import { ownerState } from './run-owner.js';
import type { RunStore, StoredRun } from './run-store.js';
import type { RunRecord } from '../run-types.js';

export const INTERRUPTED_REASON =
  'The ops server stopped (crash or kill) while this run was going; the log up to that moment is kept.';

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

/**
 * Stops what is left of the run: its process group and session when the leader is provably
 * still the run's process, and on Linux every process carrying the run's marker (which
 * proves it is the run's, even after a `setsid` or with the leader gone). The reason to record.
 */
async function stopLeftover(record: RunRecord, { probe, clock, killGraceMs }: LeftoverDeps): Promise<string> {
  const pid = record.pid !== null && record.pid > 1 ? record.pid : null;
  const identity = pid === null ? ({ kind: 'gone' } as const) : probe.identify(pid, record.pidStartTime ?? null);
  // A group's or session's id cannot be given to a new process while it has members, so
  // once the leader is proven, what is in them now is still the run's.
  const own = identity.kind === 'same' ? pid : null;
  const target = { runId: record.id, group: own, session: own, since: record.pidStartTime ?? null };
  const found = findRunMembers(probe, target);
  if (found.length === 0) {
    if (identity.kind !== 'unprovable') return INTERRUPTED_REASON;
    return `${INTERRUPTED_REASON} Its process (pid ${pid}) may still be running: it was not stopped, because this system offers no safe proof that pid ${pid} is still the run's process and not a reused pid. Check it and stop it yourself if it is.`;
  }
  const result = await stopRunMembers(() => findRunMembers(probe, target), {
    group: own,
    clock,
    graceMs: killGraceMs,
    settleMs: SETTLE_MS,
  });
  if (result.survivors.length > 0) {
    return `${INTERRUPTED_REASON} Its leftover process(es) (pid ${result.survivors.join(', ')}) are still running and could not be stopped; stop them yourself.`;
  }
  if (own !== null) {
    return `${INTERRUPTED_REASON} Its process (pid ${pid}) was still running after the crash; it and its process group were stopped at the next start (pid ${found.join(', ')}).`;
  }
  return `${INTERRUPTED_REASON} ${found.length} of its processes (pid ${found.join(', ')}) were still running after the crash; they were stopped at the next start.`;
}
