/**
 * `GET /api/telemetry`: local usage telemetry read from `<attuneHome>/telemetry/usage.jsonl`.
 * Shapes of the breakdowns are tolerated loosely (array of rows or a name → value map),
 * since they are display-only.
 */
import { apiGet } from './http';

export interface TelemetrySummary {
  totalRequests: number;
  totalCost: number;
  totalSavings: number;
  byWorkflow: unknown;
  byDay: unknown;
  lastEventAt: string | null;
  skippedLines?: number;
}

export interface TelemetryRow {
  name: string;
  requests: number | null;
  cost: number | null;
  savings: number | null;
}

export const getTelemetry = (signal?: AbortSignal) => apiGet<TelemetrySummary>('/api/telemetry', signal);

/** Normalises a breakdown (array of objects or a name → number/object map) into rows. */
export function telemetryRows(
  value: unknown,
  nameKeys: string[] = ['workflow', 'name', 'date', 'day'],
): TelemetryRow[] {
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  const fromObject = (name: string, o: Record<string, unknown>): TelemetryRow => ({
    name,
    requests: num(o.requests ?? o.count ?? o.totalRequests),
    cost: num(o.cost ?? o.totalCost ?? o.usd),
    savings: num(o.savings ?? o.totalSavings),
  });
  if (Array.isArray(value)) {
    return value
      .filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null)
      .map((o) => {
        const key = nameKeys.find((k) => typeof o[k] === 'string');
        return fromObject(key ? String(o[key]) : '—', o);
      });
  }
  if (value && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).map(([name, v]) =>
      typeof v === 'object' && v !== null
        ? fromObject(name, v as Record<string, unknown>)
        : { name, requests: null, cost: num(v), savings: null },
    );
  }
  return [];
}
