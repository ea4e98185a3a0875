/**
 * The checks before a run starts, in the order docs/API.md fixes (after token and origin):
 * runs allowed → workflow known → (strict body, in the route) → a path only for a
 * workflow that takes one → the path inside the project → the working folder inside the
 * project. The concurrency check comes last, in the runner, synchronously with the
 * registration of the run so two simultaneous starts cannot both slip through.
 * A scope is given and checked relative to the project root; `pathArg` receives it as
 * `{path}` (relative to the workflow's cwd: what a command run there expects, `.` for the
 * cwd itself, possibly `../…`), `{projectPath}` (relative to the project root) or
 * `{absPath}` (absolute).
 */
import { relative, sep } from 'node:path';
import { OpsError } from '../../core/errors.js';
import { resolveProjectPath } from '../../core/project-path.js';
import type { WorkflowCatalogue } from '../../workflows/workflow-catalogue.js';
import type { WorkflowDefinition } from '../../workflows/workflow-schema.js';

export const RUNS_DISABLED_MESSAGE =
  "Workflow runs are off. Turn on 'Allow runs' in Settings or start with --allow-run.";

export interface LaunchPlan {
  workflow: WorkflowDefinition;
  /** Relative scope, '' for the whole project. */
  path: string;
  argv: string[];
  cwd: string;
}

export function assertRunsAllowed(allowRun: boolean): void {
  if (!allowRun) throw new OpsError(403, 'runs_disabled', RUNS_DISABLED_MESSAGE);
}

export async function findWorkflow(catalogue: WorkflowCatalogue, name: string): Promise<WorkflowDefinition> {
  const workflow = await catalogue.get(name);
  if (!workflow) {
    const file = catalogue.files[0]?.path ?? '.attune/workflows.yaml';
    throw new OpsError(404, 'unknown_workflow', `No workflow named '${name}'. Workflows are declared in ${file}.`, {
      workflow: name,
    });
  }
  return workflow;
}

/** Validates the scope and the working folder and builds the argv. */
export async function planLaunch(
  projectRoot: string,
  workflow: WorkflowDefinition,
  path: string | undefined,
): Promise<LaunchPlan> {
  if (path !== undefined && path !== '' && !workflow.pathArg) {
    throw new OpsError(400, 'invalid_path', `The workflow '${workflow.name}' takes no path; start it without one.`, {
      field: 'path',
    });
  }
  let scope: { relative: string; absolute: string } | null = null;
  if (workflow.pathArg && path !== undefined && path !== '') {
    const resolved = await resolveProjectPath(projectRoot, path);
    if (resolved.kind === 'invalid') throw new OpsError(400, 'invalid_path', resolved.reason, { field: 'path' });
    scope = resolved;
  }
  const cwd = await resolveProjectPath(projectRoot, workflow.cwd);
  if (cwd.kind === 'invalid') {
    throw new OpsError(
      400,
      'invalid_path',
      `The working folder of '${workflow.name}' (cwd: ${workflow.cwd}) is not usable: ${cwd.reason}`,
      { field: 'cwd' },
    );
  }
  const scopeArgs =
    workflow.pathArg && scope && scope.relative !== ''
      ? workflow.pathArg.map((arg) => substituteScope(arg, scope, cwd.absolute))
      : [];
  const argv = [...workflow.command, ...(workflow.shell ? scopeArgs.map(shellQuote) : scopeArgs)];
  return { workflow, path: scope?.relative ?? '', argv, cwd: cwd.absolute };
}

/** `{path}` (relative to the cwd), `{projectPath}` (relative to the project root) and `{absPath}` in one argument. */
export function substituteScope(arg: string, scope: { relative: string; absolute: string }, cwd: string): string {
  const values: Record<string, string> = {
    path: toPosix(relative(cwd, scope.absolute)) || '.',
    projectPath: scope.relative,
    absPath: scope.absolute,
  };
  return arg.replace(/\{(path|projectPath|absPath)\}/g, (_, name: string) => values[name]!);
}

function toPosix(path: string): string {
  return path.split(sep).join('/');
}

function shellQuote(arg: string): string {
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}
