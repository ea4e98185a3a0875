/**
 * Typed calls for declared workflows: the list (with the workflows file's error, if
 * any) and starting a run against a scope (whether runs are allowed at all comes from
 * `/api/info`, see info.ts). A refused start keeps the server's code: `runs_disabled`,
 * `invalid_path` (message shown inline by the scope picker), `runner_busy` (with
 * `currentRunIds`), `unknown_workflow`.
 */
import { apiGet, apiSend } from './http';
import type { Run } from './runs';

export interface Workflow {
  name: string;
  description: string;
  concern: string | null;
  /** Whether the workflow takes a scope path (it declares `pathArg`). */
  acceptsPath: boolean;
  command: string[] | string;
}

export interface WorkflowList {
  workflows: Workflow[];
  /** Why the workflows file could not be used, in words to act on. */
  error?: { message: string; code?: string; path?: string } | string | null;
}

export const listWorkflows = (signal?: AbortSignal) => apiGet<WorkflowList>('/api/workflows', signal);

/** Starts a run; `path` is omitted for the whole project. */
export function startRun(workflow: string, path: string): Promise<Run> {
  const body = path === '' ? {} : { path };
  return apiSend<{ run: Run }>('POST', `/api/workflows/${encodeURIComponent(workflow)}/runs`, body).then((answer) => answer.run);
}

export function workflowsFileError(list: WorkflowList): string | null {
  const error = list.error;
  if (!error) return null;
  return typeof error === 'string' ? error : [error.message, error.path ? `(${error.path})` : ''].filter(Boolean).join(' ');
}

/** The command as one readable line ("npm test -- {path}"). */
export function commandPreview(command: string[] | string): string {
  if (typeof command === 'string') return command;
  return command.map((part) => (/[\s"']/.test(part) ? JSON.stringify(part) : part)).join(' ');
}

export const RUNS_DISABLED_HINT = "Workflow runs are off. Turn on 'Allow runs' in Settings or start with --allow-run.";
