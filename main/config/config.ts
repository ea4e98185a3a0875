/**
 * Launch configuration: the frozen facts a server is started with.
 *
 * Precedence for each field: an explicit option for this launch (CLI flag, shell
 * argument) > the persisted setting (`<attuneHome>/ops/config.json`) > the default.
 * Paths are absolute. Values that can change while running (allowRun, budgets, …) live
 * in the SettingsStore, which starts from these.
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 8765;
export const DEFAULT_RUNS_RETENTION_DAYS = 30;

export interface Config {
  readonly projectRoot: string;
  readonly attuneHome: string;
  readonly host: string;
  readonly port: number;
  readonly allowRun: boolean;
  readonly specsRoots: readonly string[];
  readonly trustedHosts: readonly string[];
  readonly runsRetentionDays: number;
  readonly specsCandidatesEnabled: boolean;
  /** `<attuneHome>/ops/runs`; may not exist until the first run. */
  readonly runsDir: string;
  /** `<attuneHome>/telemetry/usage.jsonl` */
  readonly telemetryPath: string;
  /** `<attuneHome>/ops/config.json` */
  readonly settingsPath: string;
  /** The settings given explicitly for this launch; they win over persisted ones. */
  readonly launchOverrides: Readonly<
    Partial<Record<'allowRun' | 'specsCandidatesEnabled' | 'runsRetentionDays', boolean | number>>
  >;
}

export interface ConfigOptions {
  projectRoot?: string;
  attuneHome?: string;
  host?: string;
  port?: number;
  allowRun?: boolean;
  specsRoots?: string[];
  trustedHosts?: string[];
  runsRetentionDays?: number;
  specsCandidatesEnabled?: boolean;
  /** Settings read from the settings file (lowest precedence above defaults). */
  persisted?: Record<string, unknown>;
  /** Environment to read ATTUNE_HOME and PORT from; defaults to process.env. */
  env?: Record<string, string | undefined>;
  /** Working directory for relative paths; defaults to process.cwd(). */
  cwd?: string;
}

/** Builds the frozen launch config from explicit options, persisted settings and defaults. */
export function buildConfig(options: ConfigOptions = {}): Config {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const persisted = options.persisted ?? {};
  const projectRoot = resolve(cwd, options.projectRoot ?? '.');
  const attuneHome = resolve(cwd, options.attuneHome ?? nonEmpty(env.ATTUNE_HOME) ?? join(homedir(), '.attune'));
  const envPort = parsePort(env.PORT);
  const specsRoots = (options.specsRoots ?? []).map((root) => resolve(projectRoot, root));

  const launchOverrides: Config['launchOverrides'] = Object.freeze({
    ...(options.allowRun !== undefined && { allowRun: options.allowRun }),
    ...(options.specsCandidatesEnabled !== undefined && { specsCandidatesEnabled: options.specsCandidatesEnabled }),
    ...(options.runsRetentionDays !== undefined && { runsRetentionDays: options.runsRetentionDays }),
  });

  return Object.freeze({
    projectRoot,
    attuneHome,
    host: options.host ?? DEFAULT_HOST,
    port: options.port ?? envPort ?? DEFAULT_PORT,
    allowRun: options.allowRun ?? booleanOr(persisted.allowRun, false),
    specsRoots: Object.freeze(specsRoots.length > 0 ? specsRoots : [join(projectRoot, 'docs', 'specs')]),
    trustedHosts: Object.freeze([...(options.trustedHosts ?? [])]),
    runsRetentionDays:
      options.runsRetentionDays ?? nonNegativeIntOr(persisted.runsRetentionDays, DEFAULT_RUNS_RETENTION_DAYS),
    specsCandidatesEnabled: options.specsCandidatesEnabled ?? booleanOr(persisted.specsCandidatesEnabled, false),
    runsDir: join(attuneHome, 'ops', 'runs'),
    telemetryPath: join(attuneHome, 'telemetry', 'usage.jsonl'),
    settingsPath: join(attuneHome, 'ops', 'config.json'),
    launchOverrides,
  });
}

function nonEmpty(value: string | undefined): string | undefined {
  return value && value.trim() !== '' ? value : undefined;
}

function parsePort(value: string | undefined): number | undefined {
  if (!value || !/^\d+$/.test(value)) return undefined;
  const port = Number(value);
  return port >= 0 && port <= 65535 ? port : undefined;
}

function booleanOr(value: unknown, fallback: boolean): boolean {
  return typeof value === 'boolean' ? value : fallback;
}

function nonNegativeIntOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : fallback;
}
