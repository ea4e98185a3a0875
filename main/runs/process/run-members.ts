/**
 * What is still attached to a run, and stopping it. A run's processes are found three
 * ways: its process group and its session (the leader was spawned detached, so both ids
 * are the leader's pid; a double fork stays in them), and on Linux the `ATTUNE_RUN_ID=<id>`
 * marker every child inherits in its environment (/proc/<pid>/environ), which also finds a
 * process that left both with `setsid`. A process that clears its own environment and
 * leaves the session is out of reach; nothing else is.
 *
 * Stopping: SIGTERM to everything found (rescanned every 25 ms, so late forks are caught),
 * SIGKILL to what remains after the grace, then at most `settleMs` for it to go.
 */
import type { Clock } from '../../core/clock.js';
import type { ProcessProbe } from './process-identity.js';

export const RUN_MARKER_VARIABLE = 'ATTUNE_RUN_ID';
/** After SIGKILL, how long to wait for the processes (and so the pipes) to go. */
export const SETTLE_MS = 2000;
const POLL_MS = 25;

/** How one run's processes are recognised: its group and session ids (null: unknown or not provably its own), and its id. */
export interface RunTarget {
  runId: string;
  group: number | null;
  session: number | null;
}

export interface StopResult {
  /** Every pid that was signalled. */
  stopped: number[];
  /** Pids still there when stopping gave up (unkillable, or another user's). */
  survivors: number[];
}

export function runMarker(runId: string): string {
  return `${RUN_MARKER_VARIABLE}=${runId}`;
}

/** The live processes attached to `target`, this server excluded. */
export function findRunMembers(probe: ProcessProbe, target: RunTarget): number[] {
  if (!probe.canList) return groupAlive(target.group) ? [target.group!] : [];
  const marker = runMarker(target.runId);
  return probe
    .processes()
    .filter(
      (entry) =>
        entry.pid !== process.pid &&
        (entry.pgrp === target.group || entry.session === target.session || probe.environHas(entry.pid, marker)),
    )
    .map((entry) => entry.pid);
}

/** SIGTERM, then SIGKILL after `graceMs`, to whatever `find` reports, until it reports nothing. */
export async function stopRunMembers(
  find: () => number[],
  options: { group: number | null; clock: Clock; graceMs: number; settleMs: number },
): Promise<StopResult> {
  const stopped = new Set<number>();
  const round = async (signal: NodeJS.Signals, ms: number): Promise<number[]> => {
    for (let waited = 0; ; waited += POLL_MS) {
      const members = find();
      if (members.length === 0 || waited >= ms) return members;
      signalAll(members, options.group, signal, stopped);
      await new Promise<void>((resolve) => options.clock.setTimeout(resolve, POLL_MS));
    }
  };
  // Each round signals what it sees at every poll: a process forked meanwhile is caught too.
  const left = await round('SIGTERM', options.graceMs);
  const survivors = left.length === 0 ? [] : await round('SIGKILL', options.settleMs);
  return { stopped: [...stopped].sort((a, b) => a - b), survivors };
}

function signalAll(pids: number[], group: number | null, signal: NodeJS.Signals, stopped: Set<number>): void {
  if (group !== null) trySignal(-group, signal);
  for (const pid of pids) {
    if (trySignal(pid, signal)) stopped.add(pid);
  }
}

function trySignal(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(pid, signal);
    return true;
  } catch {
    return false; // ESRCH: already gone; EPERM: not ours to signal
  }
}

function groupAlive(group: number | null): boolean {
  if (group === null || group <= 1) return false;
  try {
    process.kill(-group, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
