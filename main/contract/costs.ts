/**
 * Spend: the cost summary with its freshness, the latest error, the anomaly alarm and
 * the budget; the CSV export; tokens and cache efficiency; the admin key's status (never
 * the key). cost-routes.ts validates with the query schemas here. Amounts are USD rounded
 * to the cent.
 * New cost routes go in COST_ROUTES below, with their schemas in this file.
 */
import { z } from 'zod';
import { jsonRoute, orgParamSchema, refreshQuerySchema, type ApiRoute } from './common.js';
import { anomalyExplanationSchema, costForecastSchema } from './costs-forecast.js';

export const COST_ERROR_KINDS = [
  'no_key',
  'keychain_unavailable',
  'auth_failed',
  'rate_limited',
  'network',
  'unknown',
] as const;
export type CostErrorKind = (typeof COST_ERROR_KINDS)[number];
export const COST_STATES = ['loading', 'ok', 'warning', 'error', 'no_key', 'stale'] as const;
export type CostState = (typeof COST_STATES)[number];
export const BUDGET_STATES = ['unset', 'ok', 'warning', 'exceeded'] as const;
export type BudgetState = (typeof BUDGET_STATES)[number];

const usd = z.number();

export const costSummarySchema = z
  .object({
    todayUsd: usd,
    sevenDayUsd: usd,
    monthToDateUsd: usd,
    thirtyDayUsd: usd,
    /** The span of byDay and the breakdowns (days, today included) and its spend. */
    span: z.union([z.literal(7), z.literal(30), z.literal(90)]),
    spanUsd: usd,
    /** The first day the figures on this computer cover (later than the span's start while older days are not fetched yet). */
    coveredFrom: z.string().nullable(),
    projectedMonthUsd: usd,
    byDay: z.array(z.object({ date: z.string(), usd }).strict()),
    byModel: z.array(z.object({ model: z.string().nullable(), usd }).strict()),
    byCostType: z.array(z.object({ costType: z.string(), usd }).strict()),
    /** `name` once the workspaces list is known; `archived` marks an archived workspace. */
    byWorkspace: z.array(
      z
        .object({
          workspaceId: z.string().nullable(),
          usd,
          name: z.string().optional(),
          archived: z.boolean().optional(),
        })
        .strict(),
    ),
    /** Costs in another currency than USD (amount in its major unit), never in a USD figure. */
    otherCurrencies: z.array(z.object({ currency: z.string(), amount: z.number() }).strict()),
    fetchedAt: z.string(),
    /** `live` only in the answer of the request that fetched the figures; `cached` otherwise. */
    source: z.enum(['live', 'cached']),
    stale: z.boolean(),
  })
  .strict();
export type CostSummary = z.infer<typeof costSummarySchema>;

export const costErrorSchema = z
  .object({
    kind: z.enum(COST_ERROR_KINDS),
    message: z.string(),
    retryAfterS: z.number().min(0).optional(),
    /** The Admin API's own error body, redacted and bounded. */
    upstream: z
      .object({ type: z.string().nullable(), message: z.string().nullable(), requestId: z.string().nullable() })
      .strict()
      .optional(),
    /** Where the key came from: decides the remedy (an environment variable has no Replace). */
    keySource: z.enum(['env', 'keychain']).optional(),
  })
  .strict();
export type CostError = z.infer<typeof costErrorSchema>;

export const costAlarmSchema = z.union([
  z
    .object({
      kind: z.enum(['ok', 'alarm']),
      todayUsd: usd,
      meanUsd: usd,
      stdUsd: usd,
      zScore: z.number().nullable(),
      baselineDays: z.number().int().min(0),
      detail: z.string(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('insufficient_data'),
      todayUsd: usd,
      baselineDays: z.number().int().min(0),
      detail: z.string(),
    })
    .strict(),
]);
export type CostAlarm = z.infer<typeof costAlarmSchema>;

export const budgetCrossingSchema = z
  .object({ threshold: z.union([z.literal(80), z.literal(100)]), month: z.string(), at: z.string() })
  .strict();
export type BudgetCrossing = z.infer<typeof budgetCrossingSchema>;

export const costBudgetSchema = z
  .object({
    state: z.enum(BUDGET_STATES),
    monthlyBudgetUsd: usd.nullable(),
    monthToDateUsd: usd.nullable(),
    pct: z.number().nullable(),
    projectedMonthUsd: usd.nullable(),
    projectedPct: z.number().nullable(),
    crossings: z.array(budgetCrossingSchema),
    detail: z.string(),
  })
  .strict();
export type CostBudget = z.infer<typeof costBudgetSchema>;

/** Both `summary` and `error` may be set: the last good figures and why the refresh failed. */
export const costsResponseSchema = z
  .object({
    summary: costSummarySchema.nullable(),
    error: costErrorSchema.nullable(),
    alarm: costAlarmSchema.nullable(),
    budget: costBudgetSchema,
    /** The month-end projection and its range (costs-forecast.ts); null before the first good fetch. */
    forecast: costForecastSchema.nullable(),
    /** The top contributors to today's deviation; null unless the alarm fires. */
    explanation: anomalyExplanationSchema.nullable(),
  })
  .strict();
export type CostsResponse = z.infer<typeof costsResponseSchema>;

export const adminKeyStatusSchema = z
  .object({
    configured: z.boolean(),
    source: z.enum(['keychain', 'env']).nullable(),
    last4: z.string().length(4).nullable(),
    /** Why the keychain could not be read; absent when it could. */
    unavailableReason: z.string().optional(),
  })
  .strict();
export type AdminKeyStatus = z.infer<typeof adminKeyStatusSchema>;

/** `days`: the span of byDay, the breakdowns and the CSV (7, 30 or 90; 30 by default). */
export const COST_SPANS = ['7', '30', '90'] as const;
export const costsQuerySchema = refreshQuerySchema
  .extend({ days: z.enum(COST_SPANS).optional(), org: orgParamSchema })
  .strict();
export const costsExportQuerySchema = z.object({ days: z.enum(COST_SPANS).optional(), org: orgParamSchema }).strict();
export const adminKeyBodySchema = z.object({ key: z.string() }).strict();

// Tokens and cache efficiency (`GET /api/usage`): the usage report's tokens by type per UTC
// day and per model over a span; hit rate = cache read ÷ (uncached + cache read + cache
// writes 5 m and 1 h), null without input tokens. Counts are whole tokens.
const tokens = z.number().int().min(0);
const tokenFigures = {
  uncachedInputTokens: tokens,
  cacheReadInputTokens: tokens,
  cacheCreation5mInputTokens: tokens,
  cacheCreation1hInputTokens: tokens,
  outputTokens: tokens,
  webSearchRequests: tokens,
  /** 0–1, 4 decimals; null when the span (or day, or model) had no input token. */
  hitRate: z.number().min(0).max(1).nullable(),
};

export const usageSummarySchema = z
  .object({
    span: z.union([z.literal(7), z.literal(30), z.literal(90)]),
    totals: z.object(tokenFigures).strict(),
    byDay: z.array(z.object({ date: z.string(), ...tokenFigures }).strict()),
    byModel: z.array(z.object({ model: z.string().nullable(), ...tokenFigures }).strict()),
    coveredFrom: z.string().nullable(),
    fetchedAt: z.string(),
    source: z.enum(['live', 'cached']),
    stale: z.boolean(),
  })
  .strict();
export type UsageSummary = z.infer<typeof usageSummarySchema>;

/** Both may be set: the last good figures and why the latest refresh (or the usage report) failed. */
export const usageResponseSchema = z
  .object({ usage: usageSummarySchema.nullable(), error: costErrorSchema.nullable() })
  .strict();
export type UsageResponse = z.infer<typeof usageResponseSchema>;

export const usageQuerySchema = costsQuerySchema;

export const COST_ROUTES: readonly ApiRoute[] = [
  jsonRoute(
    'GET',
    '/api/costs',
    'the spend summary, error, alarm, budget, forecast and explanation',
    { 200: costsResponseSchema },
    { query: costsQuerySchema },
  ),
  {
    method: 'GET',
    path: '/api/costs/export.csv',
    summary: 'the held figures as CSV, one row per UTC day',
    answer: { kind: 'text', contentType: 'text/csv', status: 200 },
    query: costsExportQuerySchema,
  },
  jsonRoute('GET', '/api/costs/key', "the admin key's status", { 200: adminKeyStatusSchema }),
  jsonRoute(
    'PUT',
    '/api/costs/key',
    'store the admin key in the OS keychain',
    { 200: adminKeyStatusSchema },
    { body: adminKeyBodySchema },
  ),
  jsonRoute('DELETE', '/api/costs/key', 'remove the admin key from the keychain', { 200: adminKeyStatusSchema }),
  jsonRoute(
    'GET',
    '/api/usage',
    'tokens by type and the cache hit rate per day and model over 7, 30 or 90 days',
    { 200: usageResponseSchema },
    { query: usageQuerySchema },
  ),
  // The spend change adds its cost routes here (schemas above, in this file).
];
