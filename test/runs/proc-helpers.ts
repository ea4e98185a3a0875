/**
 * Process facts for the crash and recovery tests, read straight from /proc (Linux), and a
 * clean-up that kills whole process groups (or marked processes) a test left behind.
 */
import { readdirSync, readFileSync } from 'node:fs';

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

/** Live processes whose environment carries `ATTUNE_RUN_ID=<runId>` (Linux /proc), as "pid comm". */
export function markedProcesses(runId: string): string[] {
  const needle = Buffer.from(`ATTUNE_RUN_ID=${runId}\0`);
  const found: string[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const environ = readFileSync(`/proc/${name}/environ`);
      const at = environ.indexOf(needle);
      if (at === -1 || (at > 0 && environ[at - 1] !== 0) || !running(Number(name))) continue;
      found.push(`${name} ${readFileSync(`/proc/${name}/comm`, 'utf8').trim()}`);
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return found;
}

/** SIGKILL to every process still carrying one of the run markers (test clean-up). */
export function killMarked(runIds: readonly string[]): void {
  for (const id of runIds) {
    for (const entry of markedProcesses(id)) {
      try {
        process.kill(Number(entry.split(' ')[0]), 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
}
