/**
 * One workflow as declared in a workflows.yaml (docs/API.md): validated entry by entry, so one
 * bad entry does not hide the good ones. `command` is an argv list; a shell is used only
 * with `shell: true` (then a single string is allowed too). `timeoutMinutes` may be
 * fractional (tests use a second or two).
 */
import { z } from 'zod';

export const WORKFLOW_NAME_PATTERN = /^[a-z][a-z0-9-]{1,63}$/;
export const DEFAULT_TIMEOUT_MINUTES = 60;

export const workflowEntrySchema = z
  .object({
    name: z
      .string()
      .regex(
        WORKFLOW_NAME_PATTERN,
        'must be lower-case letters, digits and dashes, 2–64 characters, starting with a letter',
      ),
    description: z.string().max(2000).default(''),
    command: z.union([z.array(z.string().min(1)).min(1), z.string().min(1)]),
    shell: z.boolean().default(false),
    cwd: z.string().max(4096).default('.'),
    env: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String)).default({}),
    pathArg: z.array(z.string()).min(1).optional(),
    concern: z.string().max(200).default(''),
    timeoutMinutes: z
      .number()
      .positive()
      .max(7 * 24 * 60)
      .default(DEFAULT_TIMEOUT_MINUTES),
  })
  .strict()
  .refine((w) => w.shell || Array.isArray(w.command), {
    message: 'must be a list of arguments (a single string needs shell: true)',
    path: ['command'],
  });

export type WorkflowEntry = z.infer<typeof workflowEntrySchema>;

export interface WorkflowDefinition extends Omit<WorkflowEntry, 'command'> {
  command: string[];
  /** Which file declared it. */
  source: 'project' | 'home';
  file: string;
}

/** What `GET /api/workflows` shows of a workflow. */
export function presentWorkflow(w: WorkflowDefinition) {
  return {
    name: w.name,
    description: w.description,
    concern: w.concern,
    acceptsPath: w.pathArg !== undefined,
    command: w.command,
    pathArg: w.pathArg ?? null,
    timeoutMinutes: w.timeoutMinutes,
    source: w.source,
  };
}

export type PublicWorkflow = ReturnType<typeof presentWorkflow>;

/** The answer of `GET /api/workflows` (the console imports this type). */
export interface WorkflowListResponse {
  workflows: PublicWorkflow[];
  /** The first problem of an invalid workflows file, with how many more there are. */
  error: { file: string; line: number | null; field: string | null; message: string; more: number } | null;
  /** Why the list is empty when nothing is wrong (no workflows file yet). */
  hint: string | null;
  allowRun: boolean;
}
