/**
 * Builds the runner (`services.runs`) and its workflow catalogue from the core services:
 * the one place that decides where workflows are declared and where runs are kept. It
 * takes only what it uses (`RunCore`), so `services.ts` → `runs/` is one-way.
 */
import type { Config } from '../config/config.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../logging/logger.js';
import type { SecretRedactor } from '../logging/redact.js';
import type { Settings } from '../settings/schema.js';
import { WorkflowCatalogue } from '../workflows/workflow-catalogue.js';
import type { SpawnFn } from './run-process.js';
import { RunService } from './run-service.js';

export { RunService };

export interface RunServiceDeps {
  spawn?: SpawnFn;
  /** SIGTERM → SIGKILL grace; 5 s when absent (tests shorten it). */
  killGraceMs?: number;
}

/** What the runner takes from the core services (declared here, so runs/ does not import services.ts). */
export interface RunCore {
  config: Pick<Config, 'runsDir' | 'projectRoot' | 'attuneHome'>;
  settings: { get(): Settings };
  clock: Clock;
  logger: Logger;
  env: Record<string, string | undefined>;
  redactor: SecretRedactor;
}

export function createRunService(core: RunCore, deps: RunServiceDeps = {}): RunService {
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
