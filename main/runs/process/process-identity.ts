/**
 * Is pid N still the process we started? Pids are reused, so "alive" proves nothing. On
 * Linux a process's start time (/proc/<pid>/stat field 22, clock ticks after boot) never
 * changes and no two processes with the same pid share it, so (pid, start time), recorded
 * at spawn, names one process for good. Elsewhere there is no such proof: `identify`
 * answers `unprovable` for a live pid and callers must then leave it alone.
 *
 * Zombies (state Z: exited, waiting to be reaped by whoever inherited them) count as
 * gone. `processes` lists every live process with its group and session, and
 * `environHas` reads one process's environment (readable for our own user's processes),
 * which is how run-members.ts finds what is still attached to a run.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type Identity = { kind: 'gone' } | { kind: 'same' } | { kind: 'reused' } | { kind: 'unprovable' };

export interface ProcessProbeOptions {
  /** Where procfs is mounted ('/proc'). */
  procDir?: string;
  platform?: NodeJS.Platform;
}

interface Stat {
  state: string;
  pgrp: number;
  session: number;
  startTime: number;
}

/** One live (non-zombie) process as /proc shows it. */
export interface ProcessEntry {
  pid: number;
  pgrp: number;
  session: number;
  /** Clock ticks after boot (/proc/<pid>/stat field 22). */
  startTime: number;
}

export class ProcessProbe {
  private readonly procDir: string;
  private readonly linux: boolean;

  constructor(options: ProcessProbeOptions = {}) {
    this.procDir = options.procDir ?? '/proc';
    this.linux = (options.platform ?? process.platform) === 'linux';
  }

  /** The start time to record at spawn; null where it cannot be known (not Linux). */
  startTime(pid: number): number | null {
    return this.linux ? (this.stat(pid)?.startTime ?? null) : null;
  }

  /** Whether `pid` is still the process that had `recordedStartTime` when it was spawned. */
  identify(pid: number, recordedStartTime: number | null): Identity {
    if (!this.linux) return signalZero(pid) ? { kind: 'unprovable' } : { kind: 'gone' };
    const stat = this.stat(pid);
    if (!stat || stat.state === 'Z') return { kind: 'gone' };
    if (recordedStartTime === null) return { kind: 'unprovable' };
    return stat.startTime === recordedStartTime ? { kind: 'same' } : { kind: 'reused' };
  }

  /** Whether this probe can see process groups, sessions and environments (Linux /proc). */
  get canList(): boolean {
    return this.linux;
  }

  /** Every live (non-zombie) process (Linux only; empty elsewhere). */
  processes(): ProcessEntry[] {
    if (!this.linux) return [];
    let names: string[];
    try {
      names = readdirSync(this.procDir);
    } catch {
      return [];
    }
    const entries: ProcessEntry[] = [];
    for (const name of names) {
      const pid = Number(name);
      if (!Number.isInteger(pid) || pid <= 0) continue;
      const stat = this.stat(pid);
      if (stat && stat.state !== 'Z')
        entries.push({ pid, pgrp: stat.pgrp, session: stat.session, startTime: stat.startTime });
    }
    return entries;
  }

  /** Live (non-zombie) members of process group `pgid` (Linux only; empty elsewhere). */
  groupMembers(pgid: number): number[] {
    return this.processes()
      .filter((entry) => entry.pgrp === pgid)
      .map((entry) => entry.pid);
  }

  /** Whether `pid`'s environment holds the exact entry `entry` ("NAME=value"); false when unreadable. */
  environHas(pid: number, entry: string): boolean {
    let environ: Buffer;
    try {
      environ = readFileSync(join(this.procDir, String(pid), 'environ'));
    } catch {
      return false;
    }
    const needle = Buffer.from(`${entry}\0`);
    // The entry must start a variable: at the very start or right after a NUL.
    for (let i = environ.indexOf(needle); i !== -1; i = environ.indexOf(needle, i + 1)) {
      if (i === 0 || environ[i - 1] === 0) return true;
    }
    return false;
  }

  private stat(pid: number): Stat | undefined {
    let text: string;
    try {
      text = readFileSync(join(this.procDir, String(pid), 'stat'), 'utf8');
    } catch {
      return undefined;
    }
    // "pid (comm) state ppid pgrp …": comm may hold spaces and parentheses, so split after the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const startTime = Number(fields[19]);
    const pgrp = Number(fields[2]);
    const session = Number(fields[3]);
    if (!fields[0] || !Number.isFinite(startTime) || !Number.isFinite(pgrp) || !Number.isFinite(session))
      return undefined;
    return { state: fields[0], pgrp, session, startTime };
  }
}

function signalZero(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
