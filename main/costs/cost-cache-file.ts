/**
 * The last good cost data on disk, `<attuneHome>/ops/cost-cache.json`, so a restart or an
 * offline start shows figures at once (marked `cached`). It holds derived figures only —
 * never the key or any request detail — and is written atomically. A missing or unreadable
 * file is simply "no cache".
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { stableJson, writeFileAtomic } from '../core/atomic-write.js';
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
  }),
  dayModel: z.array(z.object({ date: z.string(), model: z.string().nullable(), amount: z.string() })),
});

export async function readCostCache(path: string): Promise<CachedCosts | null> {
  let parsed;
  try {
    parsed = fileSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
  } catch {
    return null;
  }
  if (!parsed.success) return null;
  const fetchedAtMs = Date.parse(parsed.data.fetchedAt);
  if (Number.isNaN(fetchedAtMs)) return null;
  const dayModel = [];
  for (const cell of parsed.data.dayModel) {
    const amount = moneyFromJson(cell.amount);
    if (amount === null) return null;
    dayModel.push({ date: cell.date, model: cell.model, amount });
  }
  const summary = parsed.data.summary as CostSnapshot['summary'];
  return { snapshot: { summary, dayModel }, fetchedAtMs, days: parsed.data.days };
}

export async function writeCostCache(path: string, cached: CachedCosts): Promise<void> {
  await writeFileAtomic(
    path,
    stableJson({
      version: COST_CACHE_VERSION,
      fetchedAt: new Date(cached.fetchedAtMs).toISOString(),
      days: cached.days,
      summary: cached.snapshot.summary,
      dayModel: cached.snapshot.dayModel.map((cell) => ({ date: cell.date, model: cell.model, amount: moneyToJson(cell.amount) })),
    }),
  );
}
