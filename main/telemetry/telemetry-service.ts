/**
 * Serves the telemetry summary, re-reading `usage.jsonl` only when its size or mtime
 * changed (one stat per request). A missing file is an empty summary with a reason the
 * user can act on, not an error.
 */
import { readFile, stat } from 'node:fs/promises';
import type { Clock } from '../core/clock.js';
import { summariseTelemetry, type TelemetrySummary } from './telemetry-parse.js';

export interface TelemetryView extends TelemetrySummary {
  path: string;
  /** Why the summary is empty, when it is for a reason (no file yet). */
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
    let key: string;
    try {
      const info = await stat(path);
      key = `${info.mtimeMs}:${info.size}:${info.ino}`;
    } catch {
      return { ...summariseTelemetry('', now), path, reason: `No telemetry yet: ${path} does not exist. Workflows that record usage write it.` };
    }
    if (this.cached?.key !== key || this.cached.day !== day) {
      const text = await readFile(path, 'utf8');
      this.reads++;
      this.cached = { key, summary: summariseTelemetry(text, now), day };
    }
    const summary = this.cached.summary;
    const reason = summary.totalRequests === 0 ? (summary.skipped > 0 ? `All ${summary.skipped} lines of ${path} were unreadable.` : `${path} holds no events yet.`) : null;
    return { ...summary, path, reason };
  }
}
