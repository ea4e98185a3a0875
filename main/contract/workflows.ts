/**
 * Workflows: the catalogue as `GET /api/workflows` shows it (with the workflows file's
 * first problem, or a hint when there is none yet) and starting a run. The start body is
 * the one main/workflows/workflow-routes.ts parses.
 */
import { z } from 'zod';
import { jsonRoute, type ApiRoute } from './common.js';
import { RUN_TRIGGERS, runAnswerSchema } from './runs.js';

export const WORKFLOW_NAME_PATTERN = /^[a-z][a-z0-9-]{1,63}$/;

export const publicWorkflowSchema = z
  .object({
    name: z.string().regex(WORKFLOW_NAME_PATTERN),
    description: z.string(),
    concern: z.string(),
    acceptsPath: z.boolean(),
    command: z.array(z.string()),
    /** How a scope is passed (`{path}`, `{projectPath}`, `{absPath}`); null: takes no scope. */
    pathArg: z.array(z.string()).nullable(),
    timeoutMinutes: z.number().positive(),
    source: z.enum(['project', 'home']),
  })
  .strict();
export type PublicWorkflow = z.infer<typeof publicWorkflowSchema>;

export const workflowFileErrorSchema = z
  .object({
    file: z.string(),
    line: z.number().int().nullable(),
    field: z.string().nullable(),
    /** The whole sentence: file, line, what is wrong, and how many more problems. */
    message: z.string(),
    more: z.number().int().min(0),
  })
  .strict();

export const workflowListSchema = z
  .object({
    workflows: z.array(publicWorkflowSchema),
    error: workflowFileErrorSchema.nullable(),
    /** Why the list is empty when nothing is wrong (no workflows file yet). */
    hint: z.string().nullable(),
    allowRun: z.boolean(),
  })
  .strict();
export type WorkflowListResponse = z.infer<typeof workflowListSchema>;

export const startRunBodySchema = z
  .object({ path: z.string().max(4096).optional(), trigger: z.enum(RUN_TRIGGERS).optional() })
  .strict();
export type StartRunBody = z.infer<typeof startRunBodySchema>;

export const WORKFLOW_ROUTES: readonly ApiRoute[] = [
  jsonRoute('GET', '/api/workflows', 'the declared workflows', { 200: workflowListSchema }),
  jsonRoute(
    'POST',
    '/api/workflows/:name/runs',
    'start a run of a workflow on a scope',
    { 201: runAnswerSchema },
    { body: startRunBodySchema },
  ),
];
