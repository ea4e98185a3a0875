/**
 * `GET /api/telemetry`: totals, top workflows by cost and the last 14 UTC days of
 * `<attuneHome>/telemetry/usage.jsonl`; an empty summary says why in `reason`.
 */
import { z } from 'zod';
import { jsonRoute, type ApiRoute } from './common.js';

const bucket = { requests: z.number().int().min(0), cost: z.number(), savings: z.number() };

export const telemetrySummarySchema = z
  .object({
    totalRequests: z.number().int().min(0),
    totalCost: z.number(),
    totalSavings: z.number(),
    /** Top 20 workflows by cost. */
    byWorkflow: z.array(z.object({ workflow: z.string(), ...bucket }).strict()),
    /** The last 14 UTC days, oldest first, zero-filled. */
    byDay: z.array(z.object({ date: z.string(), ...bucket }).strict()),
    lastEventAt: z.string().nullable(),
    /** Lines of the file that could not be used. */
    skipped: z.number().int().min(0),
    path: z.string(),
    /** Why the summary is empty, when it is for a reason. */
    reason: z.string().nullable(),
  })
  .strict();
export type TelemetryView = z.infer<typeof telemetrySummarySchema>;

export const TELEMETRY_ROUTES: readonly ApiRoute[] = [
  jsonRoute('GET', '/api/telemetry', 'usage telemetry totals', { 200: telemetrySummarySchema }),
];
