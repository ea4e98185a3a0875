/**
 * Builds the runner (`services.runs`) and its workflow catalogue from the core services:
 * the one place that decides where workflows are declared and where runs are kept.
 */
import type { CoreServices } from '../services.js';
import { WorkflowCatalogue } from '../workflows/workflow-catalogue.js';
import type { SpawnFn } from './run-process.js';
import { RunService } from './run-service.js';

export { RunService };

export interface RunServiceDeps {
  spawn?: SpawnFn;
  /** SIGTERM → SIGKILL grace; 5 s when absent (tests shorten it). */
  killGraceMs?: number;
}

export function createRunService(core: CoreServices, deps: RunServiceDeps = {}): RunService {
  const { config } = core;
  return new RunService({
    runsDir: config.runsDir,
    projectRoot: config.projectRoot,
    catalogue: new WorkflowCatalogue({ projectRoot: config.projectRoot, attuneHome: config.attuneHome }),
    settings: core.settings,
    clock: core.clock,
    logger: core.logger,
    env: core.env,
    redactor: core.redactor,
    spawn: deps.spawn,
    killGraceMs: deps.killGraceMs,
  });
}
