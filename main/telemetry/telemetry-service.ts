/**
 * Serves the telemetry summary, re-reading `usage.jsonl` only when its size or mtime
 * changed (one stat per request). A file that cannot be read — missing, a directory, no
 * permission, a path through a file — is an empty summary with the true reason in words
 * the user can act on, never an error response.
 */
import { stat } from 'node:fs/promises';
import { kindOf, readRegularFileText } from '../core/regular-file.js';
import type { Clock } from '../core/clock.js';
import { summariseTelemetry, type TelemetrySummary } from './telemetry-parse.js';

export interface TelemetryView extends TelemetrySummary {
  path: string;
  /** Why the summary is empty, when it is for a reason (no file yet, unreadable file). */
  reason: string | null;
}

export class TelemetryService {
  private cached: { key: string; summary: TelemetrySummary; day: string } | undefined;
  /** How many times the file was actually read (tests check the cache). */
  reads = 0;

  constructor(private readonly options: { path: string; clock: Clock }) {}

  async summary(): Promise<TelemetryView> {
    const { path, clock } = this.options;
    const now = clock.now();
    const day = new Date(now).toISOString().slice(0, 10);
    const empty = (reason: string): TelemetryView => ({ ...summariseTelemetry('', now), path, reason });
    let key: string;
    try {
      const info = await stat(path);
      if (!info.isFile()) return empty(notAFile(path, kindOf(info)));
      key = `${info.mtimeMs}:${info.size}:${info.ino}`;
    } catch (error) {
      if (errorCode(error) === 'ENOENT')
        return empty(`No telemetry yet: ${path} does not exist. Workflows that record usage write it.`);
      return empty(unreadable(path, error));
    }
    if (this.cached?.key !== key || this.cached.day !== day) {
      const read = await readRegularFileText(path);
      if (read.kind === 'not_regular') return empty(notAFile(path, read.what));
      if (read.kind !== 'ok')
        return empty(unreadable(path, { code: read.kind === 'missing' ? 'ENOENT' : read.reason }));
      const text = read.text;
      this.reads++;
      this.cached = { key, summary: summariseTelemetry(text, now), day };
    }
    const summary = this.cached.summary;
    const reason =
      summary.totalRequests === 0
        ? summary.skipped > 0
          ? `All ${summary.skipped} lines of ${path} were unreadable.`
          : `${path} holds no events yet.`
        : null;
    return { ...summary, path, reason };
  }
}

function notAFile(path: string, what: string): string {
  return `Cannot read telemetry: ${path} is ${what}, not a file; it should be the usage.jsonl file workflows append to.`;
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

const HINTS: Record<string, string> = {
  EACCES: 'permission denied — check the file and folder permissions',
  EPERM: 'operation not permitted — check the file and folder permissions',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a directory, not a file',
  ELOOP: 'too many symbolic links in the path',
  ENAMETOOLONG: 'the path is too long',
};

function unreadable(path: string, error: unknown): string {
  const code = errorCode(error);
  const hint = code === undefined ? undefined : HINTS[code];
  const detail =
    code === undefined
      ? error instanceof Error
        ? error.message
        : String(error)
      : hint === undefined
        ? code
        : `${code}, ${hint}`;
  return `Cannot read telemetry at ${path}: ${detail}.`;
}
