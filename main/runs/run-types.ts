/**
 * The shapes of a run: the record kept on disk and in the index, the public view that
 * leaves the server, and one log line. A record is the only mutable state of a run; the
 * public view (`presentRun`) decides exactly which fields cross HTTP (no pids).
 */

export const RUN_STATUSES = ['running', 'succeeded', 'failed', 'cancelled', 'timed_out', 'interrupted'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const RUN_TRIGGERS = ['manual', 'rerun', 'recommendation'] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];
export type LogStream = 'stdout' | 'stderr' | 'system';

/** What `<runsDir>/<workflow>/<id>.json` holds (version 1) and the index keeps in memory. */
export interface RunRecord {
  version: 1;
  id: string;
  workflow: string;
  /** The scope, relative to the project root; '' is the whole project. */
  path: string;
  trigger: RunTrigger;
  status: RunStatus;
  command: string[];
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  exitCode: number | null;
  signal: string | null;
  lineCount: number;
  /** A sentence for the user when the runner ended the run itself (cannot start, timeout…). */
  reason: string | null;
  /** The child's pid and the server that started it: recovery decides "still ours?" and "owner still alive?". */
  pid: number | null;
  /** The child's start time (Linux /proc/<pid>/stat field 22) at spawn; null when unknown. With `pid` it names the process for good. */
  pidStartTime: number | null;
  /** The ops server that started the run (0: none recorded, the original's records); with its start time it names that process (run-owner.ts). */
  serverPid: number;
  /** The owning server process's start time (/proc/<pid>/stat field 22); null when unknown (not Linux, or an older record). */
  serverPidStartTime?: number | null;
  serverStartedAt: string;
  /** True for a record written by the original Python dashboard (log inside `lines`). */
  legacy?: boolean;
}

/** One log line as stored (a JSON line of `<id>.log`) and as streamed (`event: line`). */
export interface LogLine {
  seq: number;
  t: string;
  stream: LogStream;
  text: string;
}

/** What the API shows of a run: the record without its process bookkeeping (see presentRun). */
export type PublicRun = Omit<
  RunRecord,
  'version' | 'pid' | 'pidStartTime' | 'serverPid' | 'serverPidStartTime' | 'serverStartedAt' | 'legacy'
> & {
  legacy: boolean;
};

export function presentRun(record: RunRecord): PublicRun {
  return {
    id: record.id,
    workflow: record.workflow,
    path: record.path,
    trigger: record.trigger,
    status: record.status,
    command: record.command,
    startedAt: record.startedAt,
    finishedAt: record.finishedAt,
    durationMs: record.durationMs,
    exitCode: record.exitCode,
    signal: record.signal,
    lineCount: record.lineCount,
    reason: record.reason,
    legacy: record.legacy === true,
  };
}

export function isFinished(status: RunStatus): boolean {
  return status !== 'running';
}

/** The JSON text of one log line; `seq` first so readers can skip lines without parsing. */
export function encodeLogLine(seq: number, t: string, stream: LogStream, text: string): string {
  return `{"seq":${seq},"t":"${t}","stream":"${stream}","text":${JSON.stringify(text)}}`;
}
