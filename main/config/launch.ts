/**
 * The one launch loader: `loadLaunch({flags, env, cwd})` turns a launch's explicit
 * options and environment into the frozen launch facts (Config), the launch token's
 * source, and the settings store's initial state, reading the settings file exactly
 * once. Every composition root (CLI serve, key, costs; the desktop shell) calls it.
 * Expected failures are answered as values (`invalid`, with the one line to print and
 * the exit code), never thrown.
 */
import { resolve } from 'node:path';
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

/** The fixed token of a launch, or undefined for a random one. */
export function launchToken(source: TokenSource): string | undefined {
  return source.kind === 'env' || source.kind === 'file' ? source.token : undefined;
}
