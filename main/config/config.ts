/**
 * Launch configuration: the frozen facts a server is started with (paths, bind address,
 * port, trusted hosts, spec roots) and the settings given explicitly for this launch.
 * Nothing here is a setting: `allowRun`, `specsCandidatesEnabled` and every other one
 * live in the SettingsStore, which applies `launchOverrides` over the persisted values.
 * Pure: no I/O (launch.ts reads the settings file, once). Paths are absolute.
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Settings } from '../settings/schema.js';

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 8765;

/** The settings a launch may set (CLI flags, shell arguments); they win over persisted ones. */
export type LaunchOverrides = Readonly<
  Partial<Pick<Settings, 'allowRun' | 'specsCandidatesEnabled' | 'runsRetentionDays'>>
>;

export interface Config {
  readonly projectRoot: string;
  readonly attuneHome: string;
  readonly host: string;
  readonly port: number;
  readonly specsRoots: readonly string[];
  readonly trustedHosts: readonly string[];
  /** `<attuneHome>/ops/runs`; may not exist until the first run. */
  readonly runsDir: string;
  /** `<attuneHome>/telemetry/usage.jsonl` */
  readonly telemetryPath: string;
  /** `<attuneHome>/ops/config.json` */
  readonly settingsPath: string;
  readonly launchOverrides: LaunchOverrides;
}

export interface LaunchFlags {
  projectRoot?: string;
  attuneHome?: string;
  host?: string;
  port?: number;
  allowRun?: boolean;
  specsRoots?: string[];
  trustedHosts?: string[];
  runsRetentionDays?: number;
  specsCandidatesEnabled?: boolean;
}

export interface ConfigOptions extends LaunchFlags {
  /** Environment to read ATTUNE_HOME and PORT from; defaults to process.env. */
  env?: Record<string, string | undefined>;
  /** Working directory for relative paths; defaults to process.cwd(). */
  cwd?: string;
  /**
   * Ignored: the settings store is the one reader of the settings file. Accepted until the
   * desktop shell calls loadLaunch instead of reading the file itself.
   */
  persisted?: Record<string, unknown>;
}

/** Builds the frozen launch config from explicit options, the environment and defaults. */
export function buildConfig(options: ConfigOptions = {}): Config {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const projectRoot = resolve(cwd, options.projectRoot ?? '.');
  const attuneHome = resolve(cwd, options.attuneHome ?? nonEmpty(env.ATTUNE_HOME) ?? join(homedir(), '.attune'));
  const specsRoots = (options.specsRoots ?? []).map((root) => resolve(projectRoot, root));
  return Object.freeze({
    projectRoot,
    attuneHome,
    host: options.host ?? DEFAULT_HOST,
    port: options.port ?? parsePort(env.PORT) ?? DEFAULT_PORT,
    specsRoots: Object.freeze(specsRoots.length > 0 ? specsRoots : [join(projectRoot, 'docs', 'specs')]),
    trustedHosts: Object.freeze([...(options.trustedHosts ?? [])]),
    runsDir: join(attuneHome, 'ops', 'runs'),
    telemetryPath: join(attuneHome, 'telemetry', 'usage.jsonl'),
    settingsPath: join(attuneHome, 'ops', 'config.json'),
    launchOverrides: Object.freeze({
      ...(options.allowRun !== undefined && { allowRun: options.allowRun }),
      ...(options.specsCandidatesEnabled !== undefined && { specsCandidatesEnabled: options.specsCandidatesEnabled }),
      ...(options.runsRetentionDays !== undefined && { runsRetentionDays: options.runsRetentionDays }),
    }),
  });
}

function nonEmpty(value: string | undefined): string | undefined {
  return value && value.trim() !== '' ? value : undefined;
}

/** `PORT` as a port number; undefined when unset, empty or not a port 0-65535. */
export function parsePort(value: string | undefined): number | undefined {
  if (!value || !/^\d+$/.test(value)) return undefined;
  const port = Number(value);
  return port >= 0 && port <= 65535 ? port : undefined;
}
