/**
 * Cost per API key (`GET /api/costs/keys?days=N`): one row per key plus one row "Not
 * attributable to a key", in whole cents that add up exactly to `totalCents` (the cost
 * report's USD total for the days), with the method used (exact from the analytics report,
 * or estimated from the usage report's token shares) and why, in words.
 */
import { z } from 'zod';
import { jsonRoute, orgParamSchema, type ApiRoute } from './common.js';
import { costErrorSchema } from './costs.js';

export const KEY_SPEND_METHODS = ['exact', 'estimated'] as const;
export type KeySpendMethodKind = (typeof KEY_SPEND_METHODS)[number];
export const KEY_SPEND_MAX_DAYS = 90;

const cents = z.number().int();

export const keySpendRowSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('key'),
      apiKeyId: z.string(),
      /** From the API keys list; null until names are known (show the id). */
      name: z.string().nullable(),
      /** `active`, `inactive`, `archived`, `expired` as the API keys list says; null when unknown. */
      status: z.string().nullable(),
      cents,
      usd: z.number(),
      sharePct: z.number(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('unattributed'),
      label: z.string(),
      cents,
      usd: z.number(),
      sharePct: z.number(),
      /** Where these costs come from, one entry per reason with its part (cents add up to the row's). */
      parts: z.array(z.object({ reason: z.string(), cents, usd: z.number() }).strict()),
    })
    .strict(),
]);
export type KeySpendRow = z.infer<typeof keySpendRowSchema>;

export const keySpendMethodSchema = z
  .object({
    kind: z.enum(KEY_SPEND_METHODS),
    /** "Exact" or "Estimated", for a label. */
    label: z.string(),
    /** How the figures were computed, in a sentence or two. */
    detail: z.string(),
    /** Why the exact method is not in use (the analytics report was refused…); null when it is. */
    fallbackReason: z.string().nullable(),
  })
  .strict();
export type KeySpendMethod = z.infer<typeof keySpendMethodSchema>;

export const keySpendResponseSchema = z
  .object({
    days: z.number().int().min(1).max(KEY_SPEND_MAX_DAYS),
    /** First and last UTC day covered (inclusive). */
    from: z.string(),
    to: z.string(),
    method: keySpendMethodSchema.nullable(),
    totalCents: cents,
    totalUsd: z.number(),
    /** Keys largest first, then the "not attributable" row (present whenever its amount is not zero). */
    rows: z.array(keySpendRowSchema),
    /** Why `rows` is empty, in words; null when it is not. */
    emptyReason: z.string().nullable(),
    fetchedAt: z.string().nullable(),
    error: costErrorSchema.nullable(),
  })
  .strict();
export type KeySpendResponse = z.infer<typeof keySpendResponseSchema>;

export const keySpendQuerySchema = z
  .object({
    days: z
      .string()
      .regex(/^\d{1,2}$/, 'days must be a whole number from 1 to 90')
      .refine((text) => Number(text) >= 1 && Number(text) <= KEY_SPEND_MAX_DAYS, 'days must be from 1 to 90')
      .optional(),
    refresh: z.enum(['0', '1', 'true', 'false']).optional(),
    /** One organization's (`all` is refused: keys belong to one organization). */
    org: orgParamSchema,
  })
  .strict();

export const KEY_SPEND_ROUTES: readonly ApiRoute[] = [
  jsonRoute(
    'GET',
    '/api/costs/keys',
    'cost per API key over the last N days (exact or estimated, adding up to the total)',
    { 200: keySpendResponseSchema },
    { query: keySpendQuerySchema },
  ),
];
