/**
 * Builds every capability service for one server, in dependency order, from the launch
 * config and injected dependencies. Only the composition roots (the CLI and the Electron
 * shell) pass real capabilities; tests pass fakes. Nothing here runs at import time.
 * The settings store starts from the launch's read of the settings file when given
 * (`settingsRead`, from loadLaunch), so a launch reads that file once.
 */
import type { Config } from './config/config.js';
import { systemClock, type Clock } from './core/clock.js';
import { secureHome } from './core/secure-home.js';
import { appVersion } from './core/version.js';
import type { LogHealthSource } from './logging/log-health.js';
import { createLogger, type Logger } from './logging/logger.js';
import { SecretRedactor } from './logging/redact.js';
import { SseHub } from './server/sse.js';
import { SettingsStore } from './settings/settings-store.js';
import type { SettingsFileRead } from './settings/settings-file.js';
import type { CostService } from './costs/cost-service.js';
import type { KeySpendService } from './costs/key-spend-service.js';
import { Organizations } from './costs/organizations.js';
import { createKeytarSecretStore } from './secrets/keytar-store.js';
import type { SecretStore } from './secrets/secret-store.js';
import { ScopeService } from './scopes/scope-service.js';
import { createSpecServices } from './specs/create-spec-services.js';
import type { CandidateService } from './specs/candidates/candidate-service.js';
import type { ExecFileLike } from './specs/candidates/github-cli.js';
import type { SpecService } from './specs/spec-service.js';
import { createRunService, type RunService } from './runs/create-run-service.js';
import type { SpawnFn } from './runs/process/run-process.js';
import { TelemetryService } from './telemetry/telemetry-service.js';
import { StatusService } from './status/status-service.js';

export type Env = Record<string, string | undefined>;

export interface ServiceDeps {
  logger?: Logger;
  redactor?: SecretRedactor;
  clock?: Clock;
  /** Environment seen by the services (keys, base URLs, child env); defaults to process.env. */
  env?: Env;
  version?: string;
  /** The OS keychain for the admin key; the lazily loaded keytar store when absent. */
  secretStore?: SecretStore;
  /** Admin API request timeout in ms (10 s when absent); tests shorten it. */
  costTimeoutMs?: number;
  /** How long stopServices waits for a cost refresh under way (COST_STOP_GRACE_MS when absent). */
  costStopGraceMs?: number;
  /** Runs git/gh for spec completion candidates (child_process.execFile, promisified, when absent). */
  specsExecFile?: ExecFileLike;
  /** Workflow runs: the spawn function, and the SIGTERM → SIGKILL grace (5 s when absent; tests shorten it). */
  runSpawn?: SpawnFn;
  runKillGraceMs?: number;
  /** ops.log's health (the logger's file destination), shown by the status. */
  logHealth?: LogHealthSource;
  /** The settings file as loadLaunch read it; read here when absent (tests, the desktop shell until it calls loadLaunch). */
  settingsRead?: SettingsFileRead;
}

export interface CoreServices {
  readonly config: Config;
  readonly settings: SettingsStore;
  readonly logger: Logger;
  readonly redactor: SecretRedactor;
  readonly clock: Clock;
  readonly env: Env;
  readonly version: string;
  readonly sseHub: SseHub;
}

export interface Services extends CoreServices {
  /** Every organization followed (one per admin key); `costs` and `keySpend` are the first's. */
  readonly orgs: Organizations;
  readonly costs: CostService;
  readonly keySpend: KeySpendService;
  readonly scopes: ScopeService;
  readonly specs: SpecService;
  readonly candidates: CandidateService;
  readonly runs: RunService;
  readonly telemetry: TelemetryService;
  readonly status: StatusService;
  readonly costStopGraceMs: number;
}

/** stopServices waits this long (wall clock) for a cost refresh's current request, then leaves it. */
export const COST_STOP_GRACE_MS = 2000;

export async function createServices(config: Config, deps: ServiceDeps = {}): Promise<Services> {
  const redactor = deps.redactor ?? new SecretRedactor();
  const logger = deps.logger ?? createLogger({ redactor });
  for (const { path, reason } of (await secureHome(config.attuneHome)).problems)
    logger.warn({ path, reason }, `Could not make ${path} private to this user (${reason}).`);
  const core: CoreServices = {
    config,
    settings: deps.settingsRead
      ? SettingsStore.fromRead(config, deps.settingsRead, logger)
      : await SettingsStore.load(config, logger),
    logger,
    redactor,
    clock: deps.clock ?? systemClock,
    env: deps.env ?? process.env,
    version: deps.version ?? appVersion(),
    sseHub: new SseHub(),
  };
  const orgs = await Organizations.create({
    ...core,
    secretStore: deps.secretStore ?? createKeytarSecretStore(),
    timeoutMs: deps.costTimeoutMs,
  });
  const { costs, keySpend } = orgs.primary;
  const scopes = new ScopeService({ projectRoot: config.projectRoot, settings: core.settings, logger });
  const { specs, candidates } = createSpecServices({
    ...core,
    ...(deps.specsExecFile && { execFile: deps.specsExecFile }),
  });
  const runs = createRunService(core, { spawn: deps.runSpawn, killGraceMs: deps.runKillGraceMs });
  const telemetry = new TelemetryService({ path: config.telemetryPath, clock: core.clock });
  const status = new StatusService({ runs, costs: orgs, extras: core.settings, logger, logHealth: deps.logHealth });
  return {
    ...core,
    orgs,
    costs,
    keySpend,
    scopes,
    specs,
    candidates,
    runs,
    telemetry,
    status,
    costStopGraceMs: deps.costStopGraceMs ?? COST_STOP_GRACE_MS,
  };
}

/** Starts background work (recovery, pruning, polling) once the server is listening. */
export async function startServices(services: Services): Promise<void> {
  services.orgs.start();
  await services.runs.startBackground();
  services.status.refresh();
}

/**
 * Stops background work and running children; called by the server's close(). Never
 * throws for a cost refresh, and waits for one at most `costStopGraceMs` (its files are
 * written as each part lands; a request still out is left to fail on its own).
 */
export async function stopServices(services: Services): Promise<void> {
  services.sseHub.closeAll();
  services.orgs.stop();
  services.candidates.stop();
  await services.runs.stop();
  services.status.stop();
  if (!(await settlesWithin(services.orgs.idle(), services.costStopGraceMs)))
    services.logger.info({ graceMs: services.costStopGraceMs }, 'stopped without waiting longer for the cost refresh');
}

/** True when `work` settled within `ms` (a real timer: shutdown is bounded in wall-clock time). */
async function settlesWithin(work: Promise<void>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const grace = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([work.then(() => true), grace]);
  } finally {
    clearTimeout(timer);
  }
}
