/**
 * The one launch loader: `loadLaunch({flags, env, cwd})` turns a launch's explicit
 * options and environment into the frozen launch facts (Config), the launch token's
 * source, and the settings store's initial state, reading the settings file exactly
 * once. Every composition root (CLI serve, key, costs; the desktop shell) calls it.
 * Expected failures are answered as values (`invalid`, with the one line to print and
 * the exit code), never thrown.
 */
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { kindOf } from '../core/regular-file.js';
import { buildConfig, parsePort, type Config, type LaunchFlags } from './config.js';
import { readTokenFile } from './token-file.js';
import { readSettingsFile, type SettingsFileRead } from '../settings/settings-file.js';

export const TOKEN_ENV = 'ATTUNE_OPS_TOKEN';

/** Where the launch token comes from; its value never appears in a process argument. */
export type TokenSource =
  | { kind: 'random' }
  | { kind: 'env'; token: string }
  | { kind: 'file'; path: string; token: string }
  | { kind: 'not_needed' };

export interface Launch {
  readonly config: Config;
  readonly token: TokenSource;
  /** The settings file as read at launch: the SettingsStore starts from it (SettingsStore.fromRead). */
  readonly settingsRead: SettingsFileRead;
  /** Sentences for the log: what the launch could not use and what it did instead. */
  readonly warnings: readonly string[];
}

export type LaunchLoad = { kind: 'ok'; launch: Launch } | { kind: 'invalid'; message: string; exitCode: 1 | 2 };

export interface LaunchInput {
  /** `tokenFile`: a path holding the launch token (`--token-file`); it wins over the environment. */
  flags: LaunchFlags & { tokenFile?: string };
  env: Record<string, string | undefined>;
  cwd: string;
  /** False for commands that serve nothing (key, costs): the token and the port are then not looked at. */
  serves?: boolean;
  /**
   * The project root to use when no flag names one, from the saved settings (the desktop
   * app's last project). One that is no longer a folder is skipped with a warning.
   */
  projectRootFromSettings?: (settings: Record<string, unknown>) => string | undefined;
}

export async function loadLaunch(input: LaunchInput): Promise<LaunchLoad> {
  const { flags, env, cwd, serves = true, projectRootFromSettings } = input;
  const { tokenFile, ...launchFlags } = flags;
  const token = serves
    ? await tokenSource(tokenFile === undefined ? undefined : resolve(cwd, tokenFile), env[TOKEN_ENV])
    : ({ kind: 'not_needed' } as const);
  if (token.kind === 'invalid') return { kind: 'invalid', message: token.message, exitCode: 2 };
  if (serves && flags.port === undefined && env.PORT && parsePort(env.PORT) === undefined)
    return { kind: 'invalid', message: `PORT must be a whole number from 0 to 65535 (got '${env.PORT}')`, exitCode: 2 };
  let config = buildConfig({ ...launchFlags, env, cwd });
  const home = await homeProblem(config.attuneHome);
  if (home) return { kind: 'invalid', message: home, exitCode: 1 };
  const settingsRead = await readSettingsFile(config.settingsPath);
  const warnings: string[] = [];
  const saved = flags.projectRoot === undefined ? projectRootFromSettings?.(settingsRead.settings) : undefined;
  if (saved !== undefined) {
    const problem = await projectRootProblem(resolve(cwd, saved));
    if (problem) warnings.push(`The saved project could not be opened: ${problem}; using ${config.projectRoot}.`);
    else config = buildConfig({ ...launchFlags, projectRoot: saved, env, cwd });
  }
  const root = await projectRootProblem(config.projectRoot);
  if (root) return { kind: 'invalid', message: root, exitCode: 2 };
  return { kind: 'ok', launch: Object.freeze({ config, token, settingsRead, warnings: Object.freeze(warnings) }) };
}

async function tokenSource(
  file: string | undefined,
  fromEnv: string | undefined,
): Promise<TokenSource | { kind: 'invalid'; message: string }> {
  let source: TokenSource = { kind: 'random' };
  if (file !== undefined) {
    const read = await readTokenFile(file);
    if (read.kind === 'invalid') return read;
    source = { kind: 'file', path: file, token: read.token };
  } else if (fromEnv) {
    source = { kind: 'env', token: fromEnv };
  }
  if (source.kind !== 'random' && !/^[\x21-\x7e]{16,512}$/.test(source.token))
    return { kind: 'invalid', message: 'the token must be 16 to 512 printable ASCII characters without spaces' };
  return source;
}

async function projectRootProblem(projectRoot: string): Promise<string | undefined> {
  const stats = await stat(projectRoot).catch(() => undefined);
  if (!stats) return `the project root ${projectRoot} does not exist`;
  if (!stats.isDirectory())
    return `the project root ${projectRoot} is ${stats.isFile() ? 'a file' : kindOf(stats)}, not a folder`;
  return undefined;
}

/** Why the attune home, its `ops` or `ops/logs` cannot be used as folders; undefined when they can (or do not exist yet). */
async function homeProblem(attuneHome: string): Promise<string | undefined> {
  const folders = [attuneHome, join(attuneHome, 'ops'), join(attuneHome, 'ops', 'logs')];
  for (const [index, folder] of folders.entries()) {
    const stats = await stat(folder).catch(() => undefined);
    if (!stats || stats.isDirectory()) continue;
    const what = stats.isFile() ? 'a file' : kindOf(stats);
    return index === 0
      ? `the attune home ${folder} is ${what}, not a folder; move it away or set ATTUNE_HOME to a folder`
      : `${folder} in the attune home is ${what}, not a folder; move it away and start again`;
  }
  return undefined;
}

/** The fixed token of a launch, or undefined for a random one. */
export function launchToken(source: TokenSource): string | undefined {
  return source.kind === 'env' || source.kind === 'file' ? source.token : undefined;
}
