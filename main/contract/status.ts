/**
 * The overall status the tray and the console header follow: runs and spend in one
 * object, as `GET /api/status`, its event stream, and the answer of acknowledging the
 * last failed run.
 */
import { z } from 'zod';
import { emptyBodySchema, jsonRoute, type ApiRoute } from './common.js';
import { RUN_STATUSES } from './runs.js';
import { COST_STATES } from './costs.js';

export const OVERALL_STATES = ['ok', 'running', 'warning', 'error', 'stale'] as const;
export type OverallState = (typeof OVERALL_STATES)[number];

export const runBriefSchema = z
  .object({
    id: z.string(),
    workflow: z.string(),
    path: z.string(),
    status: z.enum(RUN_STATUSES),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .strict();
export type RunBrief = z.infer<typeof runBriefSchema>;

export const opsStatusSchema = z
  .object({
    overall: z.enum(OVERALL_STATES),
    runs: z.object({ running: z.array(runBriefSchema), lastFinished: runBriefSchema.nullable() }).strict(),
    costs: z
      .object({
        state: z.enum(COST_STATES),
        monthToDateUsd: z.number().nullable(),
        budgetPct: z.number().nullable(),
        fetchedAt: z.string().nullable(),
        /** One sentence for a tooltip or the header. */
        detail: z.string().nullable(),
      })
      .strict(),
    /** ops.log's health: absent or ok normally; degraded while it cannot be written. */
    log: z
      .discriminatedUnion('state', [
        z.object({ state: z.literal('ok') }).strict(),
        z
          .object({
            state: z.literal('degraded'),
            path: z.string(),
            reason: z.string(),
            message: z.string(),
            since: z.string(),
          })
          .strict(),
      ])
      .optional(),
  })
  .strict();
export type OpsStatus = z.infer<typeof opsStatusSchema>;

/** The events of `GET /api/status/events`: the current status on connect, then on every change. */
export const STATUS_EVENTS = { status: opsStatusSchema } as const;

export const STATUS_ROUTES: readonly ApiRoute[] = [
  jsonRoute('GET', '/api/status', 'the overall status', { 200: opsStatusSchema }),
  jsonRoute(
    'POST',
    '/api/status/ack-failure',
    'the user has seen the last failed run',
    { 200: opsStatusSchema },
    { body: emptyBodySchema },
  ),
  {
    method: 'GET',
    path: '/api/status/events',
    summary: 'the overall status as Server-Sent Events',
    answer: { kind: 'sse', stream: 'status', events: STATUS_EVENTS },
  },
];
