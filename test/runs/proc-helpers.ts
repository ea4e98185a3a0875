/**
 * Process facts for the crash and recovery tests, read straight from /proc (Linux), and a
 * clean-up that kills whole process groups a test left behind.
 */
import { readFileSync } from 'node:fs';

/** Running and not a zombie (an orphan killed here may wait unreaped). */
export function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** Field 22 of /proc/<pid>/stat: the process's start time in clock ticks since boot. */
export function startTime(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
}

/** SIGKILL to each process group, ignoring groups that are already gone. */
export function killGroups(pgids: readonly number[]): void {
  for (const pgid of pgids) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
