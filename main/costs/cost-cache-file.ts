/**
 * The previous version's cost cache, `<attuneHome>/ops/cost-cache.json` (a 30-day summary),
 * read on upgrade so the first start shows figures at once (marked `cached`); figures are
 * now kept per day (cost-store.ts). Derived figures only, never the key; written
 * atomically (the writer remains for tests and benches of the upgrade); upstream names are
 * scrubbed again when read. Reading answers `missing` (normal) or `invalid` with a reason
 * (bad JSON, shape, version, date or amount; unreadable), which is logged once at start.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { stableJson, writeFileAtomic } from '../core/atomic-write.js';
import { redactKeyShapes } from '../logging/redact.js';
import type { CostSnapshot } from './aggregate.js';
import { moneyFromJson, moneyToJson } from './money.js';

export const COST_CACHE_VERSION = 1;

export function costCachePath(attuneHome: string): string {
  return join(attuneHome, 'ops', 'cost-cache.json');
}

export interface CachedCosts {
  snapshot: CostSnapshot;
  fetchedAtMs: number;
  /** The window's days, for the CSV export. */
  days: string[];
}

const fileSchema = z.object({
  version: z.literal(COST_CACHE_VERSION),
  fetchedAt: z.string(),
  days: z.array(z.string()),
  summary: z.object({
    todayUsd: z.number(),
    sevenDayUsd: z.number(),
    monthToDateUsd: z.number(),
    thirtyDayUsd: z.number(),
    projectedMonthUsd: z.number(),
    byDay: z.array(z.object({ date: z.string(), usd: z.number() })),
    byModel: z.array(z.object({ model: z.string().nullable(), usd: z.number() })),
    byCostType: z.array(z.object({ costType: z.string(), usd: z.number() })),
    byWorkspace: z.array(z.object({ workspaceId: z.string().nullable(), usd: z.number() })),
    // Absent in files written before currencies were kept apart.
    otherCurrencies: z.array(z.object({ currency: z.string(), amount: z.number() })).default([]),
  }),
  dayModel: z.array(z.object({ date: z.string(), model: z.string().nullable(), amount: z.string() })),
});

export type CostCacheRead =
  { kind: 'ok'; cached: CachedCosts } | { kind: 'missing' } | { kind: 'invalid'; reason: string };

export async function readCostCache(path: string): Promise<CostCacheRead> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'invalid', reason: `unreadable (${typeof code === 'string' ? code : String(error)})` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kind: 'invalid', reason: 'not valid JSON' };
  }
  const version = (json as { version?: unknown } | null)?.version;
  if (version !== COST_CACHE_VERSION)
    return {
      kind: 'invalid',
      reason: `version ${JSON.stringify(version) ?? 'missing'}, expected ${COST_CACHE_VERSION}`,
    };
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      kind: 'invalid',
      reason: `wrong shape at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`,
    };
  }
  const fetchedAtMs = Date.parse(parsed.data.fetchedAt);
  if (Number.isNaN(fetchedAtMs))
    return { kind: 'invalid', reason: `fetchedAt ${JSON.stringify(parsed.data.fetchedAt)} is not a date` };
  const dayModel = [];
  for (const cell of parsed.data.dayModel) {
    const amount = moneyFromJson(cell.amount);
    if (amount === null)
      return { kind: 'invalid', reason: `amount ${JSON.stringify(cell.amount)} for ${cell.date} is not a decimal` };
    dayModel.push({ date: cell.date, model: scrub(cell.model), amount });
  }
  const read = parsed.data.summary;
  // A file written by an older version may hold unscrubbed upstream names: scrub them again.
  const summary: CostSnapshot['summary'] = {
    ...read,
    // This format held the 30-day span only.
    span: 30,
    spanUsd: read.thirtyDayUsd,
    byModel: read.byModel.map((entry) => ({ ...entry, model: scrub(entry.model) })),
    byCostType: read.byCostType.map((entry) => ({ ...entry, costType: redactKeyShapes(entry.costType) })),
    byWorkspace: read.byWorkspace.map((entry) => ({ ...entry, workspaceId: scrub(entry.workspaceId) })),
    otherCurrencies: read.otherCurrencies.map((entry) => ({ ...entry, currency: redactKeyShapes(entry.currency) })),
  };
  return { kind: 'ok', cached: { snapshot: { summary, dayModel }, fetchedAtMs, days: parsed.data.days } };
}

function scrub(value: string | null): string | null {
  return value === null ? null : redactKeyShapes(value);
}

export async function writeCostCache(path: string, cached: CachedCosts): Promise<void> {
  await writeFileAtomic(
    path,
    stableJson({
      version: COST_CACHE_VERSION,
      fetchedAt: new Date(cached.fetchedAtMs).toISOString(),
      days: cached.days,
      summary: cached.snapshot.summary,
      dayModel: cached.snapshot.dayModel.map((cell) => ({
        date: cell.date,
        model: cell.model,
        amount: moneyToJson(cell.amount),
      })),
    }),
  );
}
