/**
 * Typed calls for declared workflows: the list (with the workflows file's error, if
 * any) and starting a run against a scope (whether runs are allowed at all comes from
 * `/api/info`, see info.ts). A refused start keeps the server's code: `runs_disabled`,
 * `invalid_path` (message shown inline by the scope picker), `runner_busy` (with
 * `currentRunIds`), `unknown_workflow`.
 */
import { apiGet, apiSend } from './http';
import type { Run } from './runs';
import type { PublicWorkflow, WorkflowListResponse } from '../../../main/contract';

export type Workflow = PublicWorkflow;
export type WorkflowList = WorkflowListResponse;

export const listWorkflows = (signal?: AbortSignal) => apiGet<WorkflowList>('/api/workflows', signal);

/** Starts a run; `path` is omitted for the whole project. */
export function startRun(workflow: string, path: string): Promise<Run> {
  const body = path === '' ? {} : { path };
  return apiSend<{ run: Run }>('POST', `/api/workflows/${encodeURIComponent(workflow)}/runs`, body).then(
    (answer) => answer.run,
  );
}

/** The invalid workflows file's problem in words (file, line and what is wrong), or null. */
export function workflowsFileError(list: WorkflowList): string | null {
  return list.error?.message ?? null;
}

/** The command as one readable line ("npm test -- {path}"). */
export function commandPreview(command: string[] | string): string {
  if (typeof command === 'string') return command;
  return command.map((part) => (/[\s"']/.test(part) ? JSON.stringify(part) : part)).join(' ');
}

export const RUNS_DISABLED_HINT = "Workflow runs are off. Turn on 'Allow runs' in Settings or start with --allow-run.";
