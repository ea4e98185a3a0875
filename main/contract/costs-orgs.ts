/**
 * Several organizations (`/api/orgs`): one entry per admin key — its slot (the name
 * `?org=` takes), the organization it answered (`/v1/organizations/me`), its key status
 * (never the key), its spend state and budget — and their total. Two keys of the same
 * organization are one organization: the later is marked `duplicateOf` and left out of
 * the total and the "All organizations" view.
 */
import { z } from 'zod';
import { jsonRoute, type ApiRoute } from './common.js';
import { adminKeyBodySchema, adminKeyStatusSchema, COST_STATES } from './costs.js';

const usd = z.number();

export const organizationSchema = z
  .object({
    slot: z.string(),
    /** The organization's name; else its id; else the key's last 4 until it answers; without a key "First organization" or "Key <slot>". */
    label: z.string(),
    orgId: z.string().nullable(),
    orgName: z.string().nullable(),
    /** True for the first key (the one there always was: the environment variable or the first keychain entry). */
    primary: z.boolean(),
    key: adminKeyStatusSchema,
    state: z.enum(COST_STATES),
    detail: z.string().nullable(),
    monthToDateUsd: usd.nullable(),
    budgetUsd: usd.nullable(),
    /** The slot of an earlier key of the same organization; this one is not counted twice. */
    duplicateOf: z.string().nullable(),
    /** Part of "All organizations" (summed once it has figures): not a duplicate, nor a keyless slot whose organization a later key stands for. */
    counted: z.boolean(),
  })
  .strict();
export type Organization = z.infer<typeof organizationSchema>;

export const orgsResponseSchema = z
  .object({
    organizations: z.array(organizationSchema),
    /** Over the counted organizations (not duplicates, not keyless): the status the tray shows. */
    total: z
      .object({ state: z.enum(COST_STATES), monthToDateUsd: usd.nullable(), detail: z.string().nullable() })
      .strict(),
  })
  .strict();
export type OrgsResponse = z.infer<typeof orgsResponseSchema>;

export const addOrgBodySchema = adminKeyBodySchema;

export const ORG_ROUTES: readonly ApiRoute[] = [
  jsonRoute('GET', '/api/orgs', 'the organizations (one per admin key) and their total', { 200: orgsResponseSchema }),
  jsonRoute(
    'POST',
    '/api/orgs',
    "add an organization's admin key (stored in the OS keychain under its own account)",
    { 201: organizationSchema },
    { body: addOrgBodySchema },
  ),
  jsonRoute('DELETE', '/api/orgs/:slot', "remove an organization's key from the keychain", { 200: orgsResponseSchema }),
];
