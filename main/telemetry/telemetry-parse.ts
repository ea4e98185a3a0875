/**
 * Aggregates `<attuneHome>/telemetry/usage.jsonl` in the original dashboard's format
 * (docs/COMPATIBILITY.md): one JSON object a line with `ts` (older: `timestamp`), `total_cost`
 * (else `cost`), `savings`, `workflow` (else `event_type`, else "unknown"). Blank lines,
 * non-JSON lines, lines with a non-numeric cost and lines whose numeric `ts` lies outside
 * the range a Date can hold (e.g. `1e20`) are skipped and counted, never fatal: every time
 * kept here is one `new Date(t).toISOString()` accepts.
 * Amounts are summed in micro-dollars (integers) so totals do not drift.
 */

export interface TelemetryBucket {
  requests: number;
  cost: number;
  savings: number;
}

export interface TelemetrySummary {
  totalRequests: number;
  totalCost: number;
  totalSavings: number;
  /** Top 20 workflows by cost. */
  byWorkflow: Array<{ workflow: string } & TelemetryBucket>;
  /** The last 14 UTC days, oldest first, days without events included as zeros. */
  byDay: Array<{ date: string } & TelemetryBucket>;
  lastEventAt: string | null;
  skipped: number;
}

const TOP_WORKFLOWS = 20;
const DAYS = 14;
const MICRO = 1_000_000;
/** ECMAScript's Date range: ±100,000,000 days from the epoch. */
const MAX_DATE_MS = 8.64e15;

export function summariseTelemetry(text: string, nowMs: number): TelemetrySummary {
  const total = { requests: 0, cost: 0, savings: 0 };
  const workflows = new Map<string, { requests: number; cost: number; savings: number }>();
  const days = new Map<string, { requests: number; cost: number; savings: number }>();
  let skipped = 0;
  let last: number | null = null;
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (const line of lines) {
    const event = parseLine(line);
    if (!event) {
      skipped++;
      continue;
    }
    add(total, event);
    bucket(workflows, event.workflow, event);
    if (event.time !== null) {
      bucket(days, new Date(event.time).toISOString().slice(0, 10), event);
      if (last === null || event.time > last) last = event.time;
    }
  }
  const byWorkflow = [...workflows.entries()]
    .sort((a, b) => b[1].cost - a[1].cost || b[1].requests - a[1].requests || (a[0] < b[0] ? -1 : 1))
    .slice(0, TOP_WORKFLOWS)
    .map(([workflow, b]) => ({ workflow, ...usd(b) }));
  const today = Date.UTC(new Date(nowMs).getUTCFullYear(), new Date(nowMs).getUTCMonth(), new Date(nowMs).getUTCDate());
  const byDay = Array.from({ length: DAYS }, (_, i) => {
    const date = new Date(today - (DAYS - 1 - i) * 86_400_000).toISOString().slice(0, 10);
    return { date, ...usd(days.get(date) ?? { requests: 0, cost: 0, savings: 0 }) };
  });
  const totals = usd(total);
  return {
    totalRequests: totals.requests,
    totalCost: totals.cost,
    totalSavings: totals.savings,
    byWorkflow,
    byDay,
    lastEventAt: last === null ? null : new Date(last).toISOString(),
    skipped,
  };
}

interface UsageEvent {
  time: number | null;
  workflow: string;
  cost: number;
  savings: number;
}

/** Blank lines count as skipped too (docs/COMPATIBILITY.md: "skipped and counted"). */
function parseLine(line: string): UsageEvent | undefined {
  if (line.trim() === '') return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const r = raw as Record<string, unknown>;
  const cost = micro(r.total_cost ?? r.cost ?? 0);
  const savings = micro(r.savings ?? 0);
  if (cost === undefined || savings === undefined) return undefined;
  const stamp = r.ts ?? r.timestamp;
  const time =
    typeof stamp === 'string' ? Date.parse(stamp) : typeof stamp === 'number' ? stamp * (stamp < 1e12 ? 1000 : 1) : NaN;
  // A number that is no representable date is a bad line, not an undated event.
  if (typeof stamp === 'number' && !(Math.abs(time) <= MAX_DATE_MS)) return undefined;
  const name = r.workflow ?? r.event_type;
  return {
    time: Number.isFinite(time) ? time : null,
    workflow: typeof name === 'string' && name !== '' ? name : 'unknown',
    cost,
    savings,
  };
}

function micro(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) ? Math.round(n * MICRO) : undefined;
}

function add(target: { requests: number; cost: number; savings: number }, event: UsageEvent): void {
  target.requests++;
  target.cost += event.cost;
  target.savings += event.savings;
}

function bucket(
  map: Map<string, { requests: number; cost: number; savings: number }>,
  key: string,
  event: UsageEvent,
): void {
  let target = map.get(key);
  if (!target) map.set(key, (target = { requests: 0, cost: 0, savings: 0 }));
  add(target, event);
}

function usd(b: { requests: number; cost: number; savings: number }): TelemetryBucket {
  return { requests: b.requests, cost: b.cost / MICRO, savings: b.savings / MICRO };
}
