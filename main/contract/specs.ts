/**
 * Specs: the scanned specs with their lifecycle bucket and counts, one spec with its
 * phase texts, the status flip, and the "ready to close?" candidates with dismissals.
 * The request schemas are the ones main/specs/spec-routes.ts parses.
 */
import { z } from 'zod';
import { jsonRoute, refreshQuerySchema, type ApiRoute } from './common.js';

export const PHASES = ['decisions', 'requirements', 'design', 'tasks'] as const;
export type PhaseName = (typeof PHASES)[number];
export const FLIP_STATUSES = ['draft', 'in-review', 'approved', 'complete'] as const;
export type FlipStatus = (typeof FLIP_STATUSES)[number];
export const LIFECYCLES = ['paused', 'parked', 'complete', 'active', 'stale', 'draft', 'approved-not-shipped'] as const;
export type Lifecycle = (typeof LIFECYCLES)[number];

export const phaseViewSchema = z
  .object({
    name: z.enum(PHASES),
    /** `<phase>.md`, relative to the project root. */
    file: z.string(),
    exists: z.boolean(),
    /** The whole status value ("approved (2026-05-09)"); null without a status line. */
    status: z.string().nullable(),
  })
  .strict();
export type PhaseView = z.infer<typeof phaseViewSchema>;

export const specViewSchema = z
  .object({
    slug: z.string(),
    root: z.string(),
    path: z.string(),
    phases: z.array(phaseViewSchema),
    lifecycle: z.enum(LIFECYCLES),
    /** Which lifecycle rule matched, in a sentence. */
    lifecycleReason: z.string(),
    lastModified: z.string(),
  })
  .strict();
export type SpecView = z.infer<typeof specViewSchema>;

export const rootReportSchema = z
  .object({ path: z.string(), exists: z.boolean(), specCount: z.number().int().min(0), warning: z.string().optional() })
  .strict();

export const specListSchema = z
  .object({
    roots: z.array(rootReportSchema),
    specs: z.array(specViewSchema),
    counts: z.record(z.enum(LIFECYCLES), z.number().int().min(0)),
    warnings: z.array(z.string()),
  })
  .strict();
export type SpecList = z.infer<typeof specListSchema>;

export const specDetailSchema = z
  .object({
    spec: specViewSchema.extend({
      phases: z.array(
        phaseViewSchema.extend({ text: z.string().nullable(), readError: z.string().nullable() }).strict(),
      ),
    }),
  })
  .strict();
export type SpecDetail = z.infer<typeof specDetailSchema>['spec'];

export const statusBodySchema = z.object({ status: z.enum(FLIP_STATUSES) }).strict();

export const flipAnswerSchema = z
  .object({
    changed: z.boolean(),
    previous: z.string().nullable(),
    status: z.enum(FLIP_STATUSES),
    spec: specViewSchema,
  })
  .strict();
export type FlipAnswer = z.infer<typeof flipAnswerSchema>;

export const candidateViewSchema = z
  .object({
    slug: z.string(),
    path: z.string(),
    /** The phase to flip to complete. */
    phase: z.enum(PHASES),
    currentStatus: z.string(),
    evidence: z.array(z.string()),
    snapshotHash: z.string(),
  })
  .strict();
export type CandidateView = z.infer<typeof candidateViewSchema>;

export const candidatesAnswerSchema = z.discriminatedUnion('enabled', [
  z.object({ enabled: z.literal(false), reason: z.string(), candidates: z.tuple([]) }).strict(),
  z
    .object({
      enabled: z.literal(true),
      candidates: z.array(candidateViewSchema),
      detectedAt: z.string(),
      warnings: z.array(z.string()),
      /** Why the list is what it is (how many specs passed each check). */
      summary: z.string(),
    })
    .strict(),
]);
export type CandidatesAnswer = z.infer<typeof candidatesAnswerSchema>;

export const dismissBodySchema = z
  .object({ snapshotHash: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex characters') })
  .strict();

export const dismissAnswerSchema = z
  .object({
    dismissed: z
      .object({ slug: z.string(), snapshotHash: z.string(), dismissedAt: z.string(), expiresAt: z.string() })
      .strict(),
  })
  .strict();
export type DismissAnswer = z.infer<typeof dismissAnswerSchema>;

export const SPEC_ROUTES: readonly ApiRoute[] = [
  jsonRoute('GET', '/api/specs', 'the specs with lifecycle buckets and counts', { 200: specListSchema }),
  jsonRoute(
    'GET',
    '/api/specs/completion-candidates',
    'specs that look ready to close (when enabled)',
    { 200: candidatesAnswerSchema },
    { query: refreshQuerySchema },
  ),
  jsonRoute(
    'POST',
    '/api/specs/:slug/completion-candidates/dismiss',
    'hide a candidate until its files change',
    { 200: dismissAnswerSchema },
    { body: dismissBodySchema },
  ),
  jsonRoute('GET', '/api/specs/:slug', 'one spec with the text of each phase', { 200: specDetailSchema }),
  jsonRoute(
    'PUT',
    '/api/specs/:slug/:phase/status',
    "set a phase's status (needs allowRun)",
    { 200: flipAnswerSchema },
    { body: statusBodySchema },
  ),
];
