/**
 * Reading run records from disk, ours (version 1, camelCase) and the original
 * dashboard's (snake_case, written once at the end with the whole log as a `lines` array,
 * possibly ending in a `<TRUNCATED — N bytes more>` marker). Anything that is not a
 * usable record is `invalid` with a reason, so the caller can skip and count it.
 */
import { RUN_STATUSES, RUN_TRIGGERS, type RunRecord, type RunStatus, type RunTrigger } from './run-types.js';

export type DecodedRecord =
  { kind: 'ok'; record: RunRecord; legacyLines: string[] | null } | { kind: 'invalid'; reason: string };

const LEGACY_STATUS: Record<string, RunStatus> = {
  success: 'succeeded',
  succeeded: 'succeeded',
  completed: 'succeeded',
  ok: 'succeeded',
  passed: 'succeeded',
  failed: 'failed',
  failure: 'failed',
  error: 'failed',
  cancelled: 'cancelled',
  canceled: 'cancelled',
  timeout: 'timed_out',
  timed_out: 'timed_out',
  interrupted: 'interrupted',
  running: 'running',
};

/** `fileId` is the file name without `.json`, `workflow` its folder. */
export function decodeRecord(text: string, fileId: string, workflow: string): DecodedRecord {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { kind: 'invalid', reason: 'not JSON (truncated or corrupt)' };
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    return { kind: 'invalid', reason: 'not a JSON object' };
  const r = raw as Record<string, unknown>;
  const statusText = str(r.status)?.toLowerCase();
  const status = statusText === undefined ? undefined : LEGACY_STATUS[statusText];
  const startedAt = str(r.startedAt) ?? str(r.started_at);
  if (!status) return { kind: 'invalid', reason: `unknown status ${JSON.stringify(r.status)}` };
  if (!startedAt || Number.isNaN(Date.parse(startedAt))) return { kind: 'invalid', reason: 'no valid start time' };
  const legacyLines = Array.isArray(r.lines) ? r.lines.map(lineText) : null;
  const finishedAt = str(r.finishedAt) ?? str(r.finished_at) ?? null;
  const record: RunRecord = {
    version: 1,
    id: fileId,
    workflow: str(r.workflow) ?? workflow,
    path: str(r.path) ?? '',
    trigger: (RUN_TRIGGERS as readonly string[]).includes(str(r.trigger) ?? '') ? (r.trigger as RunTrigger) : 'manual',
    status: (RUN_STATUSES as readonly string[]).includes(status) ? status : 'failed',
    command: Array.isArray(r.command) ? r.command.map(String) : typeof r.command === 'string' ? [r.command] : [],
    startedAt,
    finishedAt,
    durationMs:
      num(r.durationMs) ??
      num(r.duration_ms) ??
      secondsToMs(num(r.duration_s) ?? num(r.duration)) ??
      span(startedAt, finishedAt),
    exitCode: num(r.exitCode) ?? num(r.exit_code) ?? num(r.returncode) ?? null,
    signal: str(r.signal) ?? null,
    lineCount: legacyLines ? legacyLines.length : (num(r.lineCount) ?? 0),
    reason: str(r.reason) ?? str(r.error) ?? null,
    pid: num(r.pid) ?? null,
    pidStartTime: num(r.pidStartTime) ?? null,
    serverPid: num(r.serverPid) ?? 0,
    serverPidStartTime: num(r.serverPidStartTime) ?? null,
    serverStartedAt: str(r.serverStartedAt) ?? '',
    ...(legacyLines !== null && { legacy: true }),
  };
  return { kind: 'ok', record, legacyLines };
}

function lineText(line: unknown): string {
  if (typeof line === 'string') return line.replace(/\r?\n$/, '');
  if (line && typeof line === 'object') {
    const text = (line as Record<string, unknown>).text ?? (line as Record<string, unknown>).line;
    if (typeof text === 'string') return text;
  }
  return String(line);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function secondsToMs(seconds: number | undefined): number | undefined {
  return seconds === undefined ? undefined : Math.round(seconds * 1000);
}

function span(startedAt: string, finishedAt: string | null): number | null {
  return finishedAt ? Math.max(0, Date.parse(finishedAt) - Date.parse(startedAt)) : null;
}
