/**
 * The month-end forecast and the anomaly explanation of `GET /api/costs` (docs/API.md
 * "Costs", the forecast method in ARCHITECTURE.md "Spend forecast"). Amounts are USD rounded
 * to the cent, computed exactly first. Both are discriminated unions: a forecast that cannot
 * be made, or contributors that cannot be named, say why in `detail`.
 */
import { z } from 'zod';

const usd = z.number();
const day = z.string();

/** When the monthly budget is reached: already (on `date`), at this pace (on `date`), not this month, or no budget. */
export const budgetReachSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('unset'), detail: z.string() }).strict(),
  z.object({ kind: z.literal('reached'), date: day, detail: z.string() }).strict(),
  z.object({ kind: z.literal('on_pace'), date: day, detail: z.string() }).strict(),
  z.object({ kind: z.literal('not_this_month'), detail: z.string() }).strict(),
]);
export type BudgetReach = z.infer<typeof budgetReachSchema>;

export const costForecastSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('projected'),
      /** `YYYY-MM` (UTC) projected. */
      month: z.string(),
      monthToDateUsd: usd,
      /** Month to date + pace × the rest of the month (the rest of today included). */
      projectedUsd: usd,
      /** As if every remaining day were a quiet (10th percentile) or busy (90th) day of the pace days. */
      lowUsd: usd,
      highUsd: usd,
      /** Mean daily spend of the pace days, and their 10th / 90th percentile day. */
      paceUsd: usd,
      lowDayUsd: usd,
      highDayUsd: usd,
      /** The complete UTC days the pace comes from (up to 14 before today), first and last. */
      paceDays: z.number().int().min(1),
      paceFrom: day,
      paceTo: day,
      /** The days after today up to the month's last, each at the pace (for the chart). */
      restOfMonth: z.array(day),
      budget: budgetReachSchema,
      detail: z.string(),
    })
    .strict(),
  z.object({ kind: z.literal('no_history'), month: z.string(), monthToDateUsd: usd, detail: z.string() }).strict(),
]);
export type CostForecast = z.infer<typeof costForecastSchema>;

export const spendContributorSchema = z
  .object({
    /** Null for costs without a model (web search, code execution). */
    model: z.string().nullable(),
    /** Null is the Default workspace; `workspaceName` is its name, or the id while names are unknown. */
    workspaceId: z.string().nullable(),
    workspaceName: z.string(),
    todayUsd: usd,
    /** Mean over the alarm's baseline days (the days before today with spend). */
    usualUsd: usd,
    deltaUsd: usd,
    /** "claude-x in workspace Research: +$41.00 vs a usual $6.00". */
    sentence: z.string(),
  })
  .strict();
export type SpendContributor = z.infer<typeof spendContributorSchema>;

/** Present only while the anomaly alarm fires (`alarm.kind` `alarm`); null otherwise. */
export const anomalyExplanationSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('contributors'),
      /** Up to three (model, workspace) pairs, largest rise over their usual first. */
      contributors: z.array(spendContributorSchema).max(3),
      baselineDays: z.number().int().min(0),
      detail: z.string(),
    })
    .strict(),
  z.object({ kind: z.literal('unavailable'), detail: z.string() }).strict(),
]);
export type AnomalyExplanation = z.infer<typeof anomalyExplanationSchema>;
