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
import { buildConfig, type Config, type LaunchFlags } from './config.js';
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
}

export type LaunchLoad = { kind: 'ok'; launch: Launch } | { kind: 'invalid'; message: string; exitCode: 1 | 2 };

export interface LaunchInput {
  /** `tokenFile`: a path holding the launch token (`--token-file`); it wins over the environment. */
  flags: LaunchFlags & { tokenFile?: string };
  env: Record<string, string | undefined>;
  cwd: string;
  /** False for commands that serve nothing (key, costs): the token is then not looked at. */
  needsToken?: boolean;
}

export async function loadLaunch({ flags, env, cwd, needsToken = true }: LaunchInput): Promise<LaunchLoad> {
  const { tokenFile, ...launchFlags } = flags;
  const token = needsToken
    ? await tokenSource(tokenFile === undefined ? undefined : resolve(cwd, tokenFile), env[TOKEN_ENV])
    : ({ kind: 'not_needed' } as const);
  if (token.kind === 'invalid') return { kind: 'invalid', message: token.message, exitCode: 2 };
  const config = buildConfig({ ...launchFlags, env, cwd });
  const home = await homeProblem(config.attuneHome);
  if (home) return { kind: 'invalid', message: home, exitCode: 1 };
  const settingsRead = await readSettingsFile(config.settingsPath);
  return { kind: 'ok', launch: Object.freeze({ config, token, settingsRead }) };
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
