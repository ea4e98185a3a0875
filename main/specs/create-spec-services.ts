/**
 * Wires the specs capability for main/services.ts: the spec service, the dismiss store and
 * the candidate service, with the flip hooked to the candidates (a status change
 * invalidates their cache and clears the slug's dismissal unless the status is complete).
 * `execFile` runs git/gh (tests and benches inject a wrapper); PATH comes from `env`.
 */
import type { Config } from '../config/config.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../logging/logger.js';
import type { SecretRedactor } from '../logging/redact.js';
import type { SettingsStore } from '../settings/settings-store.js';
import { CandidateService } from './candidates/candidate-service.js';
import { DismissStore } from './candidates/dismiss-store.js';
import { defaultExecFile, type ExecFileLike } from './candidates/github-cli.js';
import { SpecService } from './spec-service.js';

export interface SpecServicesInput {
  config: Pick<Config, 'projectRoot' | 'attuneHome' | 'specsRoots'>;
  settings: SettingsStore;
  clock: Clock;
  logger: Logger;
  env: Record<string, string | undefined>;
  redactor: SecretRedactor;
  execFile?: ExecFileLike;
}

export function createSpecServices(input: SpecServicesInput): { specs: SpecService; candidates: CandidateService } {
  const { config, clock, logger } = input;
  const specs: SpecService = new SpecService({
    projectRoot: config.projectRoot,
    specRoots: config.specsRoots,
    clock,
    logger,
    onStatusChanged: (slug, status): Promise<void> => candidates.onStatusChanged(slug, status),
  });
  const candidates: CandidateService = new CandidateService({
    projectRoot: config.projectRoot,
    specs,
    settings: input.settings,
    dismissals: new DismissStore({ attuneHome: config.attuneHome, clock, logger }),
    clock,
    logger,
    execFile: input.execFile ?? defaultExecFile,
    env: input.env,
    redactor: input.redactor,
  });
  return { specs, candidates };
}
