/**
 * What is still attached to a run, and stopping it. A run's processes are found three
 * ways: its process group and its session (the leader was spawned detached, so both ids
 * are the leader's pid; a double fork stays in them), and on Linux the `ATTUNE_RUN_ID=<id>`
 * marker every child inherits in its environment (/proc/<pid>/environ), which also finds a
 * process that left both with `setsid`. A process that clears its own environment and
 * leaves the session is out of reach; nothing else is.
 *
 * Only processes started no earlier than the leader can carry the marker, so only their
 * environments are read. Stopping: SIGTERM to everything found (rescanned at least every
 * 25 ms, never spending more time scanning than waiting, so late forks are caught), SIGKILL
 * to what remains once the grace has passed by the clock, then at most `settleMs` for it to go.
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
  /** The leader's start time (clock ticks after boot): nothing older carries the marker. Null: unknown. */
  since?: number | null;
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
  const since = target.since ?? 0;
  return probe
    .processes()
    .filter(
      (entry) =>
        entry.pid !== process.pid &&
        (entry.pgrp === target.group ||
          entry.session === target.session ||
          (entry.startTime >= since && probe.environHas(entry.pid, marker))),
    )
    .map((entry) => entry.pid);
}

/** SIGTERM, then SIGKILL after `graceMs`, to whatever `find` reports, until it reports nothing. */
export async function stopRunMembers(
  find: () => number[],
  options: { group: number | null; clock: Clock; graceMs: number; settleMs: number },
): Promise<StopResult> {
  const stopped = new Set<number>();
  const { clock } = options;
  const round = async (signal: NodeJS.Signals, ms: number): Promise<number[]> => {
    const began = clock.now();
    for (;;) {
      const scanned = clock.now();
      const members = find();
      if (members.length === 0 || clock.now() - began >= ms) return members;
      signalAll(members, options.group, signal, stopped);
      const pause = Math.max(POLL_MS, clock.now() - scanned);
      await new Promise<void>((resolve) => clock.setTimeout(resolve, Math.min(pause, ms)));
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
