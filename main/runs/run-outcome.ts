/**
 * How a run ended, in words: the final status, exit code, signal and the sentence shown
 * with it. The runner's own reason (cancel, timeout, shutdown) wins over the exit code,
 * since a process killed on purpose usually exits with a signal or a non-zero code.
 */
import { OpsError } from '../core/errors.js';
import type { ProcessEnd } from './run-process.js';
import type { RunRecord } from './run-types.js';

export type EndReason = 'cancel' | 'timeout' | 'shutdown' | null;

export function runOutcome(end: ProcessEnd, reason: EndReason, timeoutMinutes: number): Pick<RunRecord, 'status' | 'exitCode' | 'signal' | 'reason'> {
  if (end.kind === 'spawn_failed') return { status: 'failed', exitCode: null, signal: null, reason: end.message };
  const { exitCode, signal } = end;
  if (reason === 'timeout') return { status: 'timed_out', exitCode, signal, reason: `Stopped after the ${timeoutMinutes}-minute timeout.` };
  if (reason === 'cancel') return { status: 'cancelled', exitCode, signal, reason: 'Cancelled by the user.' };
  if (reason === 'shutdown') return { status: 'cancelled', exitCode, signal, reason: 'Cancelled because the ops server shut down.' };
  if (exitCode === 0) return { status: 'succeeded', exitCode, signal, reason: null };
  return { status: 'failed', exitCode, signal, reason: signal ? `Ended by signal ${signal}.` : `Exited with code ${exitCode}.` };
}

export function unknownRun(id: string): OpsError {
  return new OpsError(404, 'unknown_run', `No run with id ${id}. It may have been pruned by the retention settings.`);
}
