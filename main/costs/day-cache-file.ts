/**
 * A day cache on disk, one file per organization and report
 * (`<attuneHome>/ops/orgs/<org>/<report>-days.json`): per UTC day its rows and when they
 * were fetched. Derived figures only (never the key or a request detail), written
 * atomically, read through the regular-file check. Reading is a discriminated result:
 * `missing` (normal), `invalid` (the whole file: not JSON, wrong version or shape), or
 * `ok` with the days whose entry was bad skipped and named, so the caller reports them and
 * fetches those days again; upstream texts are scrubbed of key shapes again when read.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { stableJson, writeFileAtomic } from '../core/atomic-write.js';
import { readRegularFileText } from '../core/regular-file.js';
import type { DayEntry, DayMap } from './day-cache.js';

export const DAY_CACHE_VERSION = 1;
const DAY = /^\d{4}-\d\d-\d\d$/;

export const DAY_REPORTS = ['cost', 'usage', 'claude-code'] as const;
export type DayReport = (typeof DAY_REPORTS)[number];

/** A file-name-safe form of an organization id (ids are `[A-Za-z0-9_-]`; anything else becomes `_`). */
export function orgDir(attuneHome: string, orgKey: string): string {
  return join(attuneHome, 'ops', 'orgs', orgKey.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 100) || '_');
}

export function dayCachePath(attuneHome: string, orgKey: string, report: DayReport): string {
  return join(orgDir(attuneHome, orgKey), `${report}-days.json`);
}

export interface DayCodec<T> {
  toJson(row: T): Record<string, unknown>;
  /** The row, or null when this entry is not a valid row (the day is then skipped). */
  fromJson(raw: unknown, day: string): T | null;
}

export type DayCacheRead<T> =
  | { kind: 'ok'; orgId: string; days: Map<string, DayEntry<T>>; skipped: string[] }
  | { kind: 'missing' }
  | { kind: 'invalid'; reason: string };

const fileSchema = z.object({
  version: z.literal(DAY_CACHE_VERSION),
  report: z.enum(DAY_REPORTS),
  orgId: z.string(),
  days: z.record(z.string(), z.unknown()),
});
const daySchema = z.object({ fetchedAt: z.string(), rows: z.array(z.unknown()) });

export async function readDayCache<T>(path: string, report: DayReport, codec: DayCodec<T>): Promise<DayCacheRead<T>> {
  const read = await readRegularFileText(path);
  if (read.kind === 'missing') return { kind: 'missing' };
  if (read.kind === 'not_regular') return { kind: 'invalid', reason: `not a regular file (${read.what})` };
  if (read.kind === 'unreadable') return { kind: 'invalid', reason: `unreadable (${read.reason})` };
  let json: unknown;
  try {
    json = JSON.parse(read.text);
  } catch {
    return { kind: 'invalid', reason: 'not valid JSON' };
  }
  const version = (json as { version?: unknown } | null)?.version;
  if (version !== DAY_CACHE_VERSION)
    return {
      kind: 'invalid',
      reason: `version ${JSON.stringify(version) ?? 'missing'}, expected ${DAY_CACHE_VERSION}`,
    };
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success || parsed.data.report !== report) {
    const where = parsed.success ? 'report' : parsed.error.issues[0]?.path.join('.') || '(root)';
    return { kind: 'invalid', reason: `wrong shape at ${where}` };
  }
  const days = new Map<string, DayEntry<T>>();
  const skipped: string[] = [];
  for (const [day, raw] of Object.entries(parsed.data.days).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const entry = parseDay(day, raw, codec);
    if (entry) days.set(day, entry);
    else skipped.push(day.slice(0, 40));
  }
  return { kind: 'ok', orgId: parsed.data.orgId, days, skipped };
}

function parseDay<T>(day: string, raw: unknown, codec: DayCodec<T>): DayEntry<T> | null {
  if (!DAY.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) return null;
  const parsed = daySchema.safeParse(raw);
  const fetchedAtMs = parsed.success ? Date.parse(parsed.data.fetchedAt) : NaN;
  if (!parsed.success || Number.isNaN(fetchedAtMs)) return null;
  const rows: T[] = [];
  for (const item of parsed.data.rows) {
    const row = codec.fromJson(item, day);
    if (row === null) return null;
    rows.push(row);
  }
  return { rows, fetchedAtMs };
}

export async function writeDayCache<T>(
  path: string,
  report: DayReport,
  orgId: string,
  days: DayMap<T>,
  codec: DayCodec<T>,
): Promise<void> {
  const out: Record<string, unknown> = {};
  for (const [day, entry] of days)
    out[day] = { fetchedAt: new Date(entry.fetchedAtMs).toISOString(), rows: entry.rows.map((r) => codec.toJson(r)) };
  await writeFileAtomic(path, stableJson({ version: DAY_CACHE_VERSION, report, orgId, days: out }));
}
