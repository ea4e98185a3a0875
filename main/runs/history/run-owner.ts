/**
 * Which ops server owns a `running` record, and is it still alive? Two servers can share
 * one attune home (the desktop app and a terminal `attune-ops serve`), so a `running`
 * record that this server is not running may be another live server's healthy run, not a
 * crash leftover. Each record names its owner: the server process's pid and that
 * process's start time (/proc/<pid>/stat field 22, see process-identity.ts), which
 * together name one process for good.
 *
 * - `none`: no owner recorded (the original dashboard's records): recovery as before.
 * - `gone`: the owner's pid is dead, or alive with another start time (a reused pid): the
 *   owner died, so the run is recovered (`interrupted`, leftover group stopped).
 * - `alive`: same pid and same start time: the owner is running it; leave it alone.
 * - `unprovable`: the pid is alive but nothing proves it is the owner (a record written
 *   before owners had a start time, or no /proc): never stopped, never marked
 *   interrupted; the reason says so and what to check.
 */
import type { ProcessProbe } from '../process/process-identity.js';
import type { RunRecord } from '../run-types.js';

export interface ServerIdentity {
  pid: number;
  /** This process's start time; null where it cannot be known (not Linux). */
  pidStartTime: number | null;
}

export type OwnerState =
  { kind: 'none' } | { kind: 'gone' } | { kind: 'alive' } | { kind: 'unprovable'; reason: string };

export function serverIdentity(probe: ProcessProbe, pid = process.pid): ServerIdentity {
  return { pid, pidStartTime: probe.startTime(pid) };
}

export function ownerState(record: RunRecord, probe: ProcessProbe): OwnerState {
  const owner = record.serverPid;
  if (!Number.isInteger(owner) || owner <= 0) return { kind: 'none' };
  const identity = probe.identify(owner, record.serverPidStartTime ?? null);
  if (identity.kind === 'same') return { kind: 'alive' };
  if (identity.kind === 'gone' || identity.kind === 'reused') return { kind: 'gone' };
  const child = record.pid === null ? '' : ` and its process (pid ${record.pid})`;
  return {
    kind: 'unprovable',
    reason:
      `Started by another ops server (pid ${owner}) that may still be running it: pid ${owner} is alive, but this system cannot prove it is still that server ` +
      `(it may be a reused pid), so the run was neither stopped nor marked interrupted. If no other ops server is running, check pid ${owner}${child}, stop them if they are leftovers, and restart this server.`,
  };
}
