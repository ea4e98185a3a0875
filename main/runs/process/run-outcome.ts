/**
 * How a run ended, in words: the final status, exit code, signal and the sentence shown
 * with it. The runner's own reason (cancel, timeout, shutdown) wins over the exit code,
 * since a process killed on purpose usually exits with a signal or a non-zero code. A log
 * that could not be written wins over everything: the run failed, since its history is
 * not what it printed (the runner stops such a run, see log-writer.ts).
 */
import { OpsError } from '../../core/errors.js';
import type { ProcessEnd } from './run-process.js';
import type { RunRecord } from '../run-types.js';

export type EndReason = 'cancel' | 'timeout' | 'shutdown' | null;

/** `log.failure`: why the log could not be written (null when it was); `log.keptLines`: the lines it holds. */
export function runOutcome(
  end: ProcessEnd,
  reason: EndReason,
  timeoutMinutes: number,
  log: { failure: string | null; keptLines: number } = { failure: null, keptLines: 0 },
): Pick<RunRecord, 'status' | 'exitCode' | 'signal' | 'reason'> {
  const exitCode = end.kind === 'exited' ? end.exitCode : null;
  const signal = end.kind === 'exited' ? end.signal : null;
  if (log.failure !== null) {
    return {
      status: 'failed',
      exitCode,
      signal,
      reason: `The run log could not be written (${log.failure}), so the run was stopped and failed: what it printed could not be kept. The log holds its first ${log.keptLines} line(s); free disk space or fix the permissions of the runs folder, then rerun.`,
    };
  }
  if (end.kind === 'spawn_failed') return { status: 'failed', exitCode: null, signal: null, reason: end.message };
  if (reason === 'timeout')
    return { status: 'timed_out', exitCode, signal, reason: `Stopped after the ${timeoutMinutes}-minute timeout.` };
  if (reason === 'cancel') return { status: 'cancelled', exitCode, signal, reason: 'Cancelled by the user.' };
  if (reason === 'shutdown')
    return { status: 'cancelled', exitCode, signal, reason: 'Cancelled because the ops server shut down.' };
  if (exitCode === 0) return { status: 'succeeded', exitCode, signal, reason: null };
  return {
    status: 'failed',
    exitCode,
    signal,
    reason: signal ? `Ended by signal ${signal}.` : `Exited with code ${exitCode}.`,
  };
}

export function unknownRun(id: string): OpsError {
  return new OpsError(404, 'unknown_run', `No run with id ${id}. It may have been pruned by the retention settings.`);
}
