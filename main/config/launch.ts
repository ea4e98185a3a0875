/**
 * The one launch loader: `loadLaunch({flags, env, cwd})` turns a launch's explicit
 * options and environment into the frozen launch facts (Config), the launch token's
 * source, and the settings store's initial state, reading the settings file exactly
 * once. Every composition root (CLI serve, key, costs; the desktop shell) calls it.
 * Expected failures are answered as values (`invalid`, with the one line to print and
 * the exit code), never thrown.
 */
import { buildConfig, type Config, type LaunchFlags } from './config.js';
import { readSettingsFile, type SettingsFileRead } from '../settings/settings-file.js';

export const TOKEN_ENV = 'ATTUNE_OPS_TOKEN';

/** Where the launch token comes from; its value never appears in a process argument. */
export type TokenSource =
  { kind: 'random' } | { kind: 'env'; token: string } | { kind: 'flag'; token: string } | { kind: 'not_needed' };

export interface Launch {
  readonly config: Config;
  readonly token: TokenSource;
  /** The settings file as read at launch: the SettingsStore starts from it (SettingsStore.fromRead). */
  readonly settingsRead: SettingsFileRead;
}

export type LaunchLoad = { kind: 'ok'; launch: Launch } | { kind: 'invalid'; message: string; exitCode: 1 | 2 };

export interface LaunchInput {
  flags: LaunchFlags & { token?: string };
  env: Record<string, string | undefined>;
  cwd: string;
  /** False for commands that serve nothing (key, costs): the token is then not looked at. */
  needsToken?: boolean;
}

export async function loadLaunch({ flags, env, cwd, needsToken = true }: LaunchInput): Promise<LaunchLoad> {
  const { token: flagToken, ...launchFlags } = flags;
  const token = needsToken ? tokenSource(flagToken, env[TOKEN_ENV]) : ({ kind: 'not_needed' } as const);
  if (token.kind === 'invalid') return { kind: 'invalid', message: token.message, exitCode: 2 };
  const config = buildConfig({ ...launchFlags, env, cwd });
  const settingsRead = await readSettingsFile(config.settingsPath);
  return { kind: 'ok', launch: Object.freeze({ config, token, settingsRead }) };
}

function tokenSource(
  flag: string | undefined,
  fromEnv: string | undefined,
): TokenSource | { kind: 'invalid'; message: string } {
  const source: TokenSource =
    flag !== undefined ? { kind: 'flag', token: flag } : fromEnv ? { kind: 'env', token: fromEnv } : { kind: 'random' };
  if (source.kind !== 'random' && !/^[\x21-\x7e]{16,512}$/.test(source.token))
    return { kind: 'invalid', message: 'the token must be 16 to 512 printable ASCII characters without spaces' };
  return source;
}

/** The fixed token of a launch, or undefined for a random one. */
export function launchToken(source: TokenSource): string | undefined {
  return source.kind === 'env' || source.kind === 'flag' ? source.token : undefined;
}
